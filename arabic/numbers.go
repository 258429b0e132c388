package arabic

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed numbers.txt
var embeddedNumbers string

// Numbers reads cardinal numbers written in words, with the number words
// of numbers.txt.
type Numbers struct {
	units, tens, hundreds, vague map[string]int64
	scales                       map[string]scaleWord
}

type scaleWord struct{ value, count int64 }

// NewNumbers returns the number words of the embedded numbers.txt.
func NewNumbers() (*Numbers, error) {
	return ParseNumbers("numbers.txt", embeddedNumbers)
}

// ParseNumbers reads a number-words file (the form of numbers.txt); name is
// used in error messages.
func ParseNumbers(name, data string) (*Numbers, error) {
	n := &Numbers{units: map[string]int64{}, tens: map[string]int64{}, hundreds: map[string]int64{},
		vague: map[string]int64{}, scales: map[string]scaleWord{}}
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, forms, ok := strings.Cut(line, ":")
		class, num, ok2 := strings.Cut(head, " ")
		v, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
		if !ok || !ok2 || err != nil || v <= 0 {
			return nil, fmt.Errorf("%s:%d: want \"CLASS N: forms\"", name, i+1)
		}
		for _, f := range strings.Split(forms, ",") {
			key := Normalize(strings.TrimSpace(f))
			if key == "" {
				continue
			}
			switch class {
			case "unit":
				n.units[key] = v
			case "ten":
				n.tens[key] = v
			case "hundred":
				n.hundreds[key] = v
			case "scale":
				n.scales[key] = scaleWord{v, 1}
			case "dual":
				n.scales[key] = scaleWord{v, 2}
			case "vague":
				n.vague[key] = v
			default:
				return nil, fmt.Errorf("%s:%d: unknown class %q (unit, ten, hundred, scale, dual, vague)", name, i+1, class)
			}
		}
	}
	return n, nil
}

// Read reads a cardinal number written in words at the start of words,
// which are normalised (see Normalize) and without clitics except a
// joining و on the second and later parts ("خمسة وعشرون"). It returns the
// value and how many words it used; used is 0 when words does not start
// with a number. ASCII digits in a word are read as a number too, so a
// caller can pass normalised tokens of any digit set. Vague plurals
// (عشرات، مئات) are not numbers here; see Vague.
func (n *Numbers) Read(words []string) (value int64, used int) {
	var total, group int64 // total: finished thousands; group: below the current scale
	if len(words) > 0 && n.vague[words[0]] > 0 {
		return 0, 0 // آلاف النازحين: an order of magnitude, not a count
	}
	for used < len(words) {
		w := words[used]
		joined := false
		if used > 0 {
			// A later part is joined by و, except a scale word after its
			// count (ثلاثة آلاف) and عشر or مئة after a unit (خمسة عشر).
			if rest, ok := strings.CutPrefix(w, "و"); ok && rest != "" && n.isNumberWord(rest) {
				w, joined = rest, true
			} else if !n.isScale(w) && !((n.tens[w] == 10 || n.hundreds[w] == 100) && group > 0 && group < 10) {
				break
			}
		}
		switch {
		case isDigits(w):
			if used > 0 {
				return total + group, used
			}
			v, err := strconv.ParseInt(w, 10, 64)
			if err != nil {
				return 0, 0
			}
			group = v
		case n.units[w] > 0:
			group += n.units[w]
		case n.tens[w] > 0:
			group += n.tens[w]
		case n.hundreds[w] > 0:
			if n.hundreds[w] == 100 && group > 0 && group < 10 && !joined {
				group *= 100 // ثلاث مئة
			} else {
				group += n.hundreds[w]
			}
		case n.compoundHundred(w) > 0:
			group += n.compoundHundred(w)
		case n.isScale(w):
			s := n.scales[w]
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

// Vague returns the order of magnitude a vague plural stands for
// (عشرات → 10, مئات → 100); ok is false for other words.
func (n *Numbers) Vague(word string) (value int64, ok bool) {
	v, ok := n.vague[word]
	return v, ok
}

func (n *Numbers) isNumberWord(w string) bool {
	return n.units[w] > 0 || n.tens[w] > 0 || n.hundreds[w] > 0 || n.compoundHundred(w) > 0 || n.isScale(w)
}

func (n *Numbers) isScale(w string) bool { _, ok := n.scales[w]; return ok }

// compoundHundred reads ثلاثمئة، خمسمائة … (a unit glued to مئة).
func (n *Numbers) compoundHundred(w string) int64 {
	for h, v := range n.hundreds {
		if v != 100 {
			continue
		}
		if unit, ok := strings.CutSuffix(w, h); ok && unit != "" {
			if u := n.units[unit]; u >= 3 {
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
