package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/rasad/rasad/document"
)

// Pieces of invented news sentences that Generate combines.
var (
	genSubjects = []string{"القوات الحكومية", "مسلحون مجهولون", "وزارة الدفاع", "المجلس الرئاسي", "الأمم المتحدة", "فصائل المعارضة", "قوات الأمن", "الهلال الأحمر"}
	genVerbs    = []string{"أعلنت", "قصفت", "استعادت", "نفت", "طالبت", "أكدت", "رفضت", "دعت"}
	genObjects  = []string{"مواقع عسكرية", "السيطرة على البلدة", "وقف إطلاق النار", "إرسال مساعدات إنسانية", "الإفراج عن المعتقلين", "فتح ممرات آمنة", "تعزيزات جديدة", "المفاوضات المقبلة"}
	genPlaces   = []string{"طرابلس", "سرت", "درعا", "إدلب", "مأرب", "الفاشر", "البصرة", "بنغازي", "حلب", "الحديدة"}
	genTimes    = []string{"صباح الاثنين", "مساء الثلاثاء", "فجر اليوم", "أمس", "ليلة الجمعة", "ظهر الأحد"}
	genOutlets  = []string{"عربي21", "الجزيرة", "العربية", "الوسط", "سكاي نيوز عربية"}
)

// Generate returns n invented articles, the same for the same seed, each
// a few sentences long and distinct from the others (its number is in
// its text).
func Generate(n int, seed uint64) []*document.Document {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	docs := make([]*document.Document, n)
	for i := range docs {
		var b strings.Builder
		sentences := 3 + r.IntN(5)
		for k := range sentences {
			if k > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "%s %s %s في %s %s.", pick(genVerbs), pick(genSubjects), pick(genObjects), pick(genPlaces), pick(genTimes))
		}
		fmt.Fprintf(&b, " وهذا هو التقرير رقم %d من المراسل.", i+1)
		d := document.New(fmt.Sprintf("gen-%d-%d", seed, i+1), b.String())
		outlet := pick(genOutlets)
		published := fmt.Sprintf("2021-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))
		d.Outlet, d.Published = &outlet, &published
		docs[i] = d
	}
	return docs
}
