package events

import (
	"strings"
	"testing"
	"time"

	"github.com/rasad/rasad/arabic"
)

// TestFindDates checks each kind of time expression: its bytes in the
// sentence, its date resolved against the publication day and its
// precision.
func TestFindDates(t *testing.T) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	// Sunday 26 July 2015.
	sunday := time.Date(2015, 7, 26, 0, 0, 0, 0, time.UTC)
	// Thursday 14 February 2013.
	thursday := time.Date(2013, 2, 14, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text string
		published  time.Time
		// span is the expression as written; start its byte offset.
		span        string
		start       int
		date, prec  string
		wantNothing bool
	}{
		{name: "yesterday", text: "قصفت الطائرات القرية أمس.", published: sunday, span: "أمس", start: 39, date: "2015-07-25", prec: "day"},
		{name: "yesterday with its weekday", text: "انفجرت العبوة مساء أمس السبت قرب السوق.", published: sunday, span: "مساء أمس السبت", start: 26, date: "2015-07-25", prec: "day"},
		{name: "day before yesterday, أول أمس", text: "وصل الوفد أول أمس إلى المدينة.", published: sunday, span: "أول أمس", start: 18, date: "2015-07-24", prec: "day"},
		{name: "two days ago after منذ", text: "اختفى الصياد منذ يومين قرب الساحل.", published: sunday, span: "منذ يومين", start: 24, date: "2015-07-24", prec: "day"},
		{name: "counted days ago after قبل", text: "أطلق سراحه قبل ثلاثة أيام.", published: sunday, span: "قبل ثلاثة أيام", start: 20, date: "2015-07-23", prec: "day"},
		{name: "weeks ago: the week", text: "زار الوزير المخيم قبل أسبوعين.", published: sunday, span: "قبل أسبوعين", start: 33, date: "2015-07-06", prec: "week"},
		{name: "months ago in digits", text: "بدأ الحصار قبل 5 أشهر.", published: sunday, span: "قبل 5 أشهر", start: 20, date: "2015-02", prec: "month"},
		{name: "منذ a long span is how long, not when", text: "يلتزم الطرفان بالهدنة منذ ثلاثة أسابيع.", published: sunday, wantNothing: true},
		{name: "منذ يوم with a weekday is since that day, no span", text: "تتواصل الاحتجاجات منذ يوم الجمعة الماضي في الساحة.", published: sunday, span: "يوم الجمعة الماضي", start: 41, date: "2015-07-24", prec: "day"},
		{name: "a year after قبل is no span", text: "كانت القرية آمنة قبل عام 2011 كما يقول سكانها.", published: sunday, span: "عام 2011", start: 38, date: "2011", prec: "year"},
		{name: "before another event is no date", text: "وصلت التعزيزات قبل يومين من الانتخابات.", published: sunday, wantNothing: true},
		{name: "past week", text: "تكررت الهجمات خلال الأسبوع الماضي.", published: sunday, span: "الأسبوع الماضي", start: 35, date: "2015-07-13", prec: "week"},
		{name: "current week", text: "تبدأ المحادثات الأسبوع الجاري.", published: sunday, span: "الأسبوع الجاري", start: 28, date: "2015-07-20", prec: "week"},
		{name: "this month", text: "ارتفعت الأسعار هذا الشهر.", published: sunday, span: "هذا الشهر", start: 28, date: "2015-07", prec: "month"},
		{name: "last year", text: "انتخب البرلمان العام الماضي.", published: sunday, span: "العام الماضي", start: 28, date: "2014", prec: "year"},
		{name: "start of next year is its January", text: "يفتتح الجسر مطلع العام المقبل.", published: sunday, span: "مطلع العام المقبل", start: 22, date: "2016-01", prec: "month"},
		{name: "a year alone after في", text: "اندلعت الحرب في 2011 في الجنوب.", published: sunday, span: "2011", start: 29, date: "2011", prec: "year"},
		{name: "a month alone is the latest such month", text: "اندلعت الاضطرابات في ديسمبر في الشمال.", published: thursday, span: "في ديسمبر", start: 34, date: "2012-12", prec: "month"},
		{name: "numeric date day first", text: "وقع الانفجار في 25/7/2015 صباحا.", published: sunday, span: "25/7/2015", start: 29, date: "2015-07-25", prec: "day"},
		{name: "numeric date year first", text: "صدر القرار بتاريخ 2015-07-20 في الرياض.", published: sunday, span: "2015-07-20", start: 33, date: "2015-07-20", prec: "day"},
		{name: "weekday with its date in brackets", text: "عقد الاجتماع والسبت (25 يوليو) انتهى.", published: sunday, span: "والسبت (25 يوليو)", start: 24, date: "2015-07-25", prec: "day"},
		{name: "Hijri date then the Gregorian", text: "الرياض - الخميس 7 شوال 1436هـ الموافق 23 يوليو 2015م، أعلنت الوزارة.", published: sunday, span: "الخميس 7 شوال 1436هـ الموافق 23 يوليو 2015", start: 15, date: "2015-07-23", prec: "day"},
		{name: "Hijri digits in Arabic-Indic", text: "الخميس ٧ شوال ١٤٣٦ هـ الموافق ٢٣ يوليو ٢٠١٥ م.", published: sunday, span: "الخميس ٧ شوال ١٤٣٦ هـ الموافق ٢٣ يوليو ٢٠١٥", start: 0, date: "2015-07-23", prec: "day"},
		{name: "an ordinal day of the current month", text: "تنطلق الحملة في الخامس عشر من الشهر الجاري.", published: sunday, span: "الخامس عشر من الشهر الجاري", start: 29, date: "2015-07-15", prec: "day"},
		{name: "a day in digits of the last month", text: "انهار السد في 3 من الشهر الماضي.", published: sunday, span: "3 من الشهر الماضي", start: 25, date: "2015-06-03", prec: "day"},
		{name: "the night into the next day", text: "قصفت الطائرات ليل الثلاثاء الأربعاء مخزنا.", published: thursday, span: "ليل الثلاثاء الأربعاء", start: 26, date: "2013-02-13", prec: "day"},
		{name: "past midnight of a weekday", text: "اعتقل بعد منتصف ليل الثلاثاء قرب القصر.", published: thursday, span: "ليل الثلاثاء", start: 29, date: "2013-02-13", prec: "day"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks, _ := an.Analyze(tc.text)
			got := c.findDates(toks, 0, len(toks), tc.published)
			if tc.wantNothing {
				for _, e := range got {
					t.Errorf("found %q (%s), want no date", tc.text[toks[e.first].Start:toks[e.last].End], e.date.Format(time.DateOnly))
				}
				return
			}
			if strings.Index(tc.text, tc.span) != tc.start {
				t.Fatalf("test table: %q is at %d, not %d", tc.span, strings.Index(tc.text, tc.span), tc.start)
			}
			if len(got) != 1 {
				t.Fatalf("%d expressions, want 1", len(got))
			}
			e := got[0]
			start, end := toks[e.first].Start, toks[e.last].End
			if start != tc.start || end != tc.start+len(tc.span) {
				t.Errorf("span [%d,%d) %q, want [%d,%d) %q", start, end, tc.text[start:end], tc.start, tc.start+len(tc.span), tc.span)
			}
			layout := map[string]string{"day": time.DateOnly, "week": time.DateOnly, "month": "2006-01", "year": "2006"}[e.precision]
			if d := e.date.Format(layout); d != tc.date || e.precision != tc.prec {
				t.Errorf("date %s (%s), want %s (%s)", d, e.precision, tc.date, tc.prec)
			}
		})
	}
}
