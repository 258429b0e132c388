package events_test

import (
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/events"
)

// FuzzCode codes arbitrary text (tokens from the analyzer, no entities)
// and checks that every span the events carry is a slice of the text.
func FuzzCode(f *testing.F) {
	analyzer, err := arabic.NewAnalyzer()
	if err != nil {
		f.Fatal(err)
	}
	coder, err := events.New(nil)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"وقصفت الطائرات مواقع المسلحين فجر اليوم الأحد، ما أسفر عن مقتل ثلاثة عشر مسلحا.",
		"هدد المتحدث باستهداف السفن في حال استمر الحصار يوم 8 جوان 2025.",
		"لم تلتق الوزيرة الأسبوع الماضي",
	} {
		f.Add(s, "2025-06-22")
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		d := document.New("", text)
		d.Published = &published
		d.Tokens, d.Sentences = analyzer.Analyze(text)
		coder.Code(d)
		for _, e := range d.Events {
			for _, sp := range []document.Span{e.Trigger, e.Evidence} {
				if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End || text[sp.Start:sp.End] != sp.Text {
					t.Fatalf("span %+v is not a slice of %q", sp, text)
				}
			}
			if e.Modality == "" || e.Type == "" {
				t.Fatalf("event without type or modality: %+v", e)
			}
		}
	})
}
