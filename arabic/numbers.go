package arabic

import (
	"strconv"
	"strings"
)

// Number words, in their normalised form (see Normalize): ة is ه, ى is ي,
// every alef is bare, ئ is ء (مئة is مءه). Both the masculine and feminine forms of the units
// and the nominative and oblique forms of the duals and tens are listed,
// since news writes all of them.
var (
	unitWords = map[string]int64{
		"واحد": 1, "واحده": 1, "احد": 1, "احدي": 1,
		"اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
		"ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
		"ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8,
		"تسع": 9, "تسعه": 9,
	}
	tenWords = map[string]int64{
		"عشر": 10, "عشره": 10,
		"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
		"خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
		"ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
	}
	// Hundreds written as one word (ثلاثمئة) or as the head of two (ثلاث مئة).
	hundredWords = map[string]int64{
		"مءه": 100, "ماءه": 100, "مءتان": 200, "مءتين": 200, "ماءتان": 200, "ماءتين": 200,
	}
	// Multipliers after a number (ثلاثة آلاف) or alone (ألف، ألفان).
	scaleWords = map[string]struct{ value, count int64 }{
		"الف": {1000, 1}, "الفا": {1000, 1}, "الفان": {1000, 2}, "الفين": {1000, 2}, "الاف": {1000, 1},
		"مليون": {1e6, 1}, "مليونا": {1e6, 1}, "مليونان": {1e6, 2}, "مليونين": {1e6, 2}, "ملايين": {1e6, 1},
	}
	// Vague plurals: a number of tens, hundreds or thousands.
	vagueWords = map[string]int64{
		"عشرات": 10, "مءات": 100, "الاف": 1000, "عشرا": 10,
	}
)

// NumberWords reads a cardinal number written in words at the start of
// words, which are normalised (see Normalize) and without clitics except a
// joining و on the second and later parts ("خمسة وعشرون"). It returns the
// value and how many words it used; used is 0 when words does not start
// with a number. ASCII digits in a word are read as a number too, so a
// caller can pass normalised tokens of any digit set. Vague plurals
// (عشرات، مئات) are not numbers here; see VagueNumber.
func NumberWords(words []string) (value int64, used int) {
	var total, group int64 // total: finished thousands; group: below the current scale
	for used < len(words) {
		w := words[used]
		if used > 0 {
			// A later part must be joined by و, except a scale word after
			// its count (ثلاثة آلاف) or عشر after a unit (خمسة عشر).
			if rest, ok := strings.CutPrefix(w, "و"); ok && rest != "" && isNumberWord(rest) {
				w = rest
			} else if !isScale(w) && !(isTeen(w) && group > 0 && group < 10) && !(isHundredAfterUnit(w) && group > 0 && group < 10) {
				break
			}
		}
		switch {
		case isDigits(w):
			if used > 0 {
				return total + group, used
			}
			n, err := strconv.ParseInt(w, 10, 64)
			if err != nil {
				return 0, 0
			}
			group = n
		case unitWords[w] > 0:
			group += unitWords[w]
		case tenWords[w] > 0:
			if t := tenWords[w]; t == 10 && group > 0 && group < 10 {
				group += 10 // خمسة عشر
			} else {
				group += t
			}
		case hundredWords[w] > 0:
			if isHundredAfterUnit(w) && group > 0 && group < 10 && used > 0 && !strings.HasPrefix(words[used], "و") {
				group = group * 100 // ثلاث مئة
			} else {
				group += hundredWords[w]
			}
		case compoundHundred(w) > 0:
			group += compoundHundred(w)
		case isScale(w):
			s := scaleWords[w]
			if group == 0 {
				group = s.count
			}
			total += group * s.value
			group = 0
		default:
			return total + group, used
		}
		used++
	}
	return total + group, used
}

// VagueNumber returns the order of magnitude a vague plural stands for
// (عشرات → 10, مئات → 100), for quantities; ok is false for other words.
func VagueNumber(word string) (value int64, ok bool) {
	v, ok := vagueWords[word]
	return v, ok
}

func isNumberWord(w string) bool {
	return unitWords[w] > 0 || tenWords[w] > 0 || hundredWords[w] > 0 || compoundHundred(w) > 0 || isScale(w)
}

func isScale(w string) bool { _, ok := scaleWords[w]; return ok }

func isTeen(w string) bool { return w == "عشر" || w == "عشره" }

func isHundredAfterUnit(w string) bool { return w == "مءه" || w == "ماءه" }

// compoundHundred reads ثلاثمئة، خمسمائة … (a unit glued to مئة).
func compoundHundred(w string) int64 {
	for _, h := range []string{"مءه", "ماءه"} {
		if unit, ok := strings.CutSuffix(w, h); ok && unit != "" {
			if u := unitWords[unit]; u >= 3 {
				return u * 100
			}
		}
	}
	return 0
}

func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
