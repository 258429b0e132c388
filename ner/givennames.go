package ner

import (
	"slices"
	"strings"
	"unicode"
)

// givenNameTitles are the titles news puts before a person's full name
// (normalised as the tagger normalises words).
var givenNameTitles = []string{"الرئيس", "الوزير", "السيد", "السيده", "الشيخ", "اللواء", "العميد", "العقيد", "الدكتور", "الدكتوره", "المستشار", "الفريق", "المشير", "الامير", "الملك", "النائب", "المهندس", "الاستاذ", "الداعيه", "الكاتب", "الفنان", "الفنانه", "الاعلامي", "الاعلاميه"}

// MineGivenNames lists the words that news text often puts right after a
// title and before another word (الشيخ محمد حسان، اللواء أحمد …): given
// names. A word is kept when it follows a title at least minCount times
// and in at least minShare of its occurrences, so that common words that
// may follow a title (الوزير الأول، الرئيس السابق) stay out. read calls
// its argument with each text.
func MineGivenNames(read func(fn func(text string)) error, minCount int, minShare float64) ([]string, error) {
	titles := map[string]bool{}
	for _, t := range givenNameTitles {
		titles[t] = true
	}
	total := map[string]int{}
	afterTitle := map[string]int{}
	err := read(func(text string) {
		words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
		for i, w := range words {
			n := normalize(w)
			total[n]++
			words[i] = n
			if i >= 1 && titles[words[i-1]] && i+1 < len(words) && !hasAnyPrefix(n, "ال", "بال", "لل", "وال") && isArabicName(n) && len(n) >= 6 {
				afterTitle[n]++
			}
		}
	})
	if err != nil {
		return nil, err
	}
	var out []string
	for w, c := range afterTitle {
		if c >= minCount && float64(c) >= minShare*float64(total[w]) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out, nil
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
