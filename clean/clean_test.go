package clean

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rasad/rasad/document"
)

func TestText(t *testing.T) {
	c := newCleaner(t)
	const (
		p1 = "طرابلس - (رويترز) - قال مسؤول في وزارة الصحة إن ثلاثة مدنيين قتلوا في قصف استهدف حيا سكنيا جنوبي العاصمة."
		p2 = "وأضاف أن فرق الإسعاف نقلت الجرحى إلى مستشفى الحوادث."
	)
	cases := []struct {
		name, in string
		title    string
		text     string
		removed  []document.Removed
	}{
		{
			name:  "title, CRLF, blank lines, leading and trailing spaces",
			in:    "  قصف على جنوب طرابلس  \r\n\r\n\r\n   " + p1 + "   \r\n\r\n\t" + p2 + "\r\n",
			title: "قصف على جنوب طرابلس",
			text:  p1 + "\n" + p2,
			removed: []document.Removed{
				{Text: "قصف على جنوب طرابلس", Reason: document.ReasonTitle},
			},
		},
		{
			name: "no title: the first line ends a sentence",
			in:   p1 + "\n" + p2,
			text: p1 + "\n" + p2,
		},
		{
			name: "no title: nothing follows",
			in:   "قصف على جنوب طرابلس\n\n",
			text: "قصف على جنوب طرابلس",
		},
		{
			name: "no title: the first line leads into what follows",
			in:   "وقال المتحدث باسم الوزارة:\n" + p2,
			text: "وقال المتحدث باسم الوزارة:\n" + p2,
		},
		{
			name:  "invisible marks dropped, ZWNJ inside a word kept, spaces collapsed",
			in:    "\uFEFF\u200Fقصف على\u00A0\u00A0جنوب\u202B طرابلس\u202C\n" + p1 + "\u200B\n\u200E" + "می\u200Cخواهم \u200Cقال\u200C",
			title: "قصف على جنوب طرابلس",
			text:  p1 + "\n" + "می\u200Cخواهم قال",
			removed: []document.Removed{
				{Text: "قصف على جنوب طرابلس", Reason: document.ReasonTitle},
			},
		},
		{
			name: "boilerplate before the title and after the text, in order",
			in: "إعلان\nقصف على جنوب طرابلس\n" + p1 + " (صورة: رويترز)\nاقرأ أيضا\nمقتل مدنيين في قصف على مصراتة\nالبعثة الأممية تدين القصف\n" + p2 +
				"\nتابعونا على تلغرام\nجميع الحقوق محفوظة © 2024",
			title: "قصف على جنوب طرابلس",
			text:  p1 + "\n" + p2,
			removed: []document.Removed{
				{Text: "إعلان", Reason: document.ReasonAdvert},
				{Text: "قصف على جنوب طرابلس", Reason: document.ReasonTitle},
				{Text: "(صورة: رويترز)", Reason: document.ReasonPhotoCredit},
				{Text: "اقرأ أيضا", Reason: document.ReasonRelatedLinks},
				{Text: "مقتل مدنيين في قصف على مصراتة", Reason: document.ReasonRelatedLinks},
				{Text: "البعثة الأممية تدين القصف", Reason: document.ReasonRelatedLinks},
				{Text: "تابعونا على تلغرام", Reason: document.ReasonFollowUs},
				{Text: "جميع الحقوق محفوظة © 2024", Reason: document.ReasonCopyright},
			},
		},
		{
			name: "comments: everything after the heading once the article has begun",
			in:   p1 + "\n" + p2 + "\nالتعليقات\nسالم: الله يرحم الضحايا.\nمريم: إلى متى؟",
			text: p1 + "\n" + p2,
			removed: []document.Removed{
				{Text: "التعليقات", Reason: document.ReasonComments},
				{Text: "سالم: الله يرحم الضحايا.", Reason: document.ReasonComments},
				{Text: "مريم: إلى متى؟", Reason: document.ReasonComments},
			},
		},
		{
			name: "comments heading before the article takes only itself",
			in:   "التعليقات\n" + p1 + "\n" + p2,
			text: p1 + "\n" + p2,
			removed: []document.Removed{
				{Text: "التعليقات", Reason: document.ReasonComments},
			},
		},
		{
			name: "a breaking-news label above the article goes, a breaking item alone stays",
			in:   "عاجل: انقطاع الكهرباء عن عدن\n" + p1,
			text: p1,
			removed: []document.Removed{
				{Text: "عاجل: انقطاع الكهرباء عن عدن", Reason: document.ReasonPageChrome},
			},
		},
		{
			name: "related headlines stop at the article's next paragraph",
			in:   p1 + "\nاقرأ أيضاً:\nمقتل مدنيين في قصف على مصراتة\n" + p2,
			text: p1 + "\n" + p2,
			removed: []document.Removed{
				{Text: "اقرأ أيضاً:", Reason: document.ReasonRelatedLinks},
				{Text: "مقتل مدنيين في قصف على مصراتة", Reason: document.ReasonRelatedLinks},
			},
		},
		{
			name: "pieces of a sentence broken at a link are kept, punctuation rejoins its line",
			in:   p1 + "\nوانتشر الخبر على موقع \"\nتويتر\n.\"\nوقال الرئيس\nالسابق\nهوغو تشافيز إن الهجوم مدبر.\n***\n(\nالصورة كانت واضحة) قال أحد الشهود.",
			text: p1 + "\nوانتشر الخبر على موقع \"\nتويتر.\"\nوقال الرئيس\nالسابق\nهوغو تشافيز إن الهجوم مدبر.\n(الصورة كانت واضحة) قال أحد الشهود.",
			removed: []document.Removed{
				{Text: "***", Reason: document.ReasonPageChrome},
			},
		},
		{
			name: "empty",
			in:   " \r\n\u200F\n\t",
			text: "",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := c.Text(tc.in)
			if res.Text != tc.text {
				t.Errorf("text = %q\nwant   %q", res.Text, tc.text)
			}
			if res.Title != tc.title {
				t.Errorf("title = %q, want %q", res.Title, tc.title)
			}
			if res.Removed == nil || !sameRemoved(res.Removed, tc.removed) {
				t.Errorf("removed = %v\nwant      %v", res.Removed, tc.removed)
			}
			checkText(t, res)
		})
	}
}

// TestTextOffsets checks byte offsets in a cleaned text: the dateline
// opens the first paragraph at offset 0, and each paragraph starts one byte
// after the line break that ends the one before, with Arabic letters two
// bytes each.
func TestTextOffsets(t *testing.T) {
	c := newCleaner(t)
	res := c.Text("عنوان الخبر اليوم\r\n\r\n  طرابلس - (رويترز) - قتل ثلاثة.  \r\n\r\nشارك\r\n  وأصيب اثنان.")
	want := []struct {
		text       string
		start, end int
	}{
		{"طرابلس", 0, 12},
		{"(رويترز)", 15, 29},
		{"قتل ثلاثة.", 32, 50},
		{"وأصيب اثنان.", 51, 73},
	}
	for _, w := range want {
		if got := res.Text[w.start:w.end]; got != w.text {
			t.Errorf("text[%d:%d] = %q, want %q (text %q)", w.start, w.end, got, w.text, res.Text)
		}
	}
	if len(res.Text) != 73 {
		t.Errorf("text has %d bytes, want 73: %q", len(res.Text), res.Text)
	}
}

func TestLooksLikeTitle(t *testing.T) {
	cases := []struct {
		line string
		want bool
	}{
		{"قصف على جنوب طرابلس", true},
		{"عنوان الخبر اليوم", true},
		{"«شعر وردي» يشعل السخرية… لغز لون شعر ترامب", true},
		{"هل تصمد الهدنة في السودان؟", false},
		{"أ ش أ", false},
		{"وكالات", false},
		{"ترجمة - دينا قدري", false},
		{"الإسكندرية – محمد أحمد", false},
		{"الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", false},
		{"دبي، الإمارات العربية المتحدة (CNN)-- أكد الرئيس الأمريكي", false},
		{"(شاهد المقابلة)", false},
		{"لندن- (بي بي سي)", false},
		{"كتب ـ محمد الصاوي", false},
		{":شمال سيناء - أشرف سويلم", false},
		{"سوريا - مقتل 20 شخصا في غارة على حلب", true},
		{"مقتل 3 وإصابة 5 في انفجار ببنغازي", true},
		{"قتل ثلاثة مدنيين في قصف جنوب طرابلس.", false},
		{"وقال المتحدث:", false},
		{strings.Repeat("كلمة ", 26), false},
		{"", false},
	}
	for _, tc := range cases {
		if got := looksLikeTitle(tc.line); got != tc.want {
			t.Errorf("looksLikeTitle(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"اقرأ أيضاً:", "اقرا ايضا"},
		{"إقرأ ايضا", "اقرا ايضا"},
		{"الكلمات المفتاحيّة", "الكلمات المفتاحيه"},
		{"مستشفى الـــخوخة", "مستشفي الخوخه"},
		{"٢٠٢٤/٠٥/١٢", "2024 05 12"},
		{"Share • Facebook", "share facebook"},
		{"می\u200Cخواهم", "ميخواهم"},
	}
	for _, tc := range cases {
		if got := strings.Join(fold(tc.in), " "); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSplitSiteName(t *testing.T) {
	cases := []struct{ title, outlet, wantTitle, wantOutlet string }{
		{"وكالة أنباء الرافدين :: هجوم على نقطة تفتيش غربي الأنبار", "", "هجوم على نقطة تفتيش غربي الأنبار", "وكالة أنباء الرافدين"},
		{"اشتباكات في طرابلس | الشاهد الليبي", "", "اشتباكات في طرابلس", "الشاهد الليبي"},
		{"غارات على الحديدة - صوت اليمن", "صوت اليمن", "غارات على الحديدة", "صوت اليمن"},
		{"طرابلس - اشتباكات عنيفة في العاصمة", "", "طرابلس - اشتباكات عنيفة في العاصمة", ""},
		{"عنوان بلا فاصل", "موقع", "عنوان بلا فاصل", "موقع"},
	}
	for _, tc := range cases {
		title, outlet := splitSiteName(tc.title, tc.outlet)
		if title != tc.wantTitle || outlet != tc.wantOutlet {
			t.Errorf("splitSiteName(%q, %q) = %q, %q; want %q, %q", tc.title, tc.outlet, title, outlet, tc.wantTitle, tc.wantOutlet)
		}
	}
}

func FuzzText(f *testing.F) {
	f.Add("عنوان الخبر اليوم\r\n\r\n  طرابلس - (رويترز) - قتل ثلاثة.  \r\n\r\nشارك\r\n  وأصيب اثنان.")
	f.Add("على\nتويتر\n.\"\n(\nنص\n***\nالتعليقات\nتعليق")
	f.Add("\u200F\uFEFFمی\u200Cخواهم\u202B\r\r\n\t\x00\xff")
	c := newCleaner(f)
	f.Fuzz(func(t *testing.T, text string) {
		res := c.Text(text)
		if !utf8.ValidString(res.Text) || !utf8.ValidString(res.Title) {
			t.Fatalf("invalid UTF-8: %q", res.Text)
		}
		checkText(t, res)
		for _, r := range []rune(res.Text) {
			if r == '\r' || invisible(r) && r != '\n' && r != '\t' {
				t.Fatalf("text keeps %U: %q", r, res.Text)
			}
		}
	})
}

func TestWeakExtraction(t *testing.T) {
	para := strings.Repeat("كلمة ", 60) // 300 runes
	cases := []struct {
		name       string
		lines, alt []string
		weak       bool
		takeAlt    bool
	}{
		{"an article", []string{para, para}, nil, false, false},
		{"next to nothing", []string{"قليل"}, []string{para}, true, true},
		{"nothing better", []string{"قليل من النص"}, []string{"أقل"}, true, false},
		{"a page dump", []string{strings.Repeat(para, 6)}, []string{para, para}, true, true},
		{"a dump, and the fallback is one block too", []string{strings.Repeat(para, 6)}, []string{strings.Repeat(para, 2)}, true, false},
	}
	for _, tc := range cases {
		if got := weakExtraction(tc.lines); got != tc.weak {
			t.Errorf("%s: weakExtraction = %v, want %v", tc.name, got, tc.weak)
		}
		if tc.weak {
			if got := betterExtraction(tc.alt, tc.lines); got != tc.takeAlt {
				t.Errorf("%s: betterExtraction = %v, want %v", tc.name, got, tc.takeAlt)
			}
		}
	}
}
