package clean

import (
	"slices"
	"testing"

	"github.com/rasad/rasad/document"
)

func TestPageRun(t *testing.T) {
	page := []string{
		"الرئيسية | أخبار محلية",
		"اشتباكات في ضواحي المدينة",
		"2026-03-04 07:00",
		"قتل ثلاثة مدنيين في قصف على حي سكني.",
		"وقال شهود إن القصف استمر ساعة.",
		"الأكثر قراءة",
	}
	for _, tc := range []struct {
		name, line string
		want       []string
	}{
		{"title, byline and paragraphs run together",
			"اشتباكات في ضواحي المدينة 2026-03-04 07:00 قتل ثلاثة مدنيين في قصف على حي سكني. وقال شهود إن القصف استمر ساعة.",
			page[1:5]},
		{"spaced differently", "اشتباكات في ضواحي  المدينة\n2026-03-04 07:00قتل ثلاثة مدنيين في قصف على حي سكني.",
			page[1:4]},
		{"one line of the page already", "قتل ثلاثة مدنيين في قصف على حي سكني.", nil},
		{"text the page does not hold in whole lines", "في قصف على حي سكني. وقال شهود إن القصف استمر ساعة.", nil},
		{"more than the page", "قتل ثلاثة مدنيين في قصف على حي سكني. وقال شهود إن القصف استمر ساعة. وأضافوا", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pageRun(tc.line, page); !slices.Equal(got, tc.want) {
				t.Errorf("pageRun = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDatelineDate(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		want  string
	}{
		{[]string{"2026-03-04 07:00"}, "2026-03-04"},
		{[]string{"نشر في 04/03/2026 - 07:00"}, "2026-03-04"},
		{[]string{"الأربعاء ٤.٣.٢٠٢٦"}, "2026-03-04"},
		{[]string{"2026-02-30", "١١/٠٢/٢٠٢٦"}, "2026-02-11"}, // no 30 February
		{[]string{"منذ 3 ساعات"}, ""},
	} {
		var removed []removal
		for i, l := range tc.lines {
			removed = append(removed, removal{document.Removed{Text: l, Reason: document.ReasonDateline}, i})
		}
		// A date in a line removed for another reason is no dateline.
		removed = append(removed, removal{document.Removed{Text: "© 2019-01-01", Reason: document.ReasonCopyright}, len(tc.lines)})
		if got := datelineDate(removed); got != tc.want {
			t.Errorf("datelineDate(%q) = %q, want %q", tc.lines, got, tc.want)
		}
	}
}
