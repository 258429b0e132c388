package arabic

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"time"
)

//go:embed calendar.txt
var embeddedCalendar string

// Calendar knows the names of months and weekdays in every family Arabic
// news uses, and reads explicit dates written with them.
type Calendar struct {
	months   map[string]time.Month // normalised name (one or two words)
	weekdays map[string]time.Weekday
}

// NewCalendar returns the calendar of the embedded calendar.txt.
func NewCalendar() (*Calendar, error) {
	return ParseCalendar("calendar.txt", embeddedCalendar)
}

// ParseCalendar reads a calendar file (the form of calendar.txt); name is
// used in error messages.
func ParseCalendar(name, data string) (*Calendar, error) {
	c := &Calendar{months: map[string]time.Month{}, weekdays: map[string]time.Weekday{}}
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, names, ok := strings.Cut(line, ":")
		kind, num, ok2 := strings.Cut(head, " ")
		n, err := strconv.Atoi(strings.TrimSpace(num))
		if !ok || !ok2 || err != nil {
			return nil, fmt.Errorf("%s:%d: want \"month N: names\" or \"weekday N: names\"", name, i+1)
		}
		for _, w := range strings.Split(names, ",") {
			key := Normalize(strings.Join(strings.Fields(w), " "))
			if key == "" {
				continue
			}
			switch {
			case kind == "month" && n >= 1 && n <= 12:
				c.months[key] = time.Month(n)
			case kind == "weekday" && n >= 0 && n <= 6:
				c.weekdays[key] = time.Weekday(n)
			default:
				return nil, fmt.Errorf("%s:%d: %s %d is not a month (1-12) or weekday (0-6)", name, i+1, kind, n)
			}
		}
	}
	return c, nil
}

// Month returns the month a name (one or two words, any family, with or
// without a clitic such as ب or في) stands for.
func (c *Calendar) Month(name string) (time.Month, bool) {
	m, ok := c.months[Normalize(name)]
	return m, ok
}

// Weekday returns the day of the week a name stands for.
func (c *Calendar) Weekday(name string) (time.Weekday, bool) {
	d, ok := c.weekdays[Normalize(name)]
	return d, ok
}

// ParseDate reads the first complete date in s: a day, a month by name or
// number, and a year (22 يونيو 2025، الخميس ١٢ حزيران ٢٠٢٥، 2025/06/22،
// 22-6-2025, "الأحد 7 ديسمبر/كانون الأول 2025"). Times, weekdays and other
// words around it are passed over; a date that does not exist (31 يونيو)
// is not a date. Years from 1900 to 2100 only, so Hijri dates are not
// mistaken for Gregorian ones.
func (c *Calendar) ParseDate(s string) (time.Time, bool) {
	words := dateWords(Normalize(s))
	for i := range words {
		if t, ok := c.dateAt(words, i); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// dateAt tries the forms a date can take starting at word i.
func (c *Calendar) dateAt(w []string, i int) (time.Time, bool) {
	num := func(j, lo, hi int) (int, bool) {
		if j >= len(w) {
			return 0, false
		}
		n, err := strconv.Atoi(w[j])
		return n, err == nil && n >= lo && n <= hi && len(w[j]) <= 4
	}
	// A month by name at j: one or two words, and a second name after a
	// slash (ديسمبر/كانون الأول) for the same month. Returns the next index.
	var month func(j int) (time.Month, int, bool)
	month = func(j int) (time.Month, int, bool) {
		var m time.Month
		var ok bool
		if j+1 < len(w) {
			if m, ok = c.months[w[j]+" "+w[j+1]]; ok {
				j += 2
			}
		}
		if !ok && j < len(w) {
			if m, ok = c.months[w[j]]; ok {
				j++
			}
		}
		if !ok {
			return 0, j, false
		}
		if j < len(w) && w[j] == "/" {
			if m2, k, ok2 := month(j + 1); ok2 && m2 == m {
				j = k
			} else if j+2 < len(w) {
				if m2, ok3 := c.months[w[j+1]+" "+w[j+2]]; ok3 && m2 == m {
					j += 3
				}
			}
		}
		return m, j, true
	}
	day := func(y, m, d int) (time.Time, bool) {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		return t, t.Day() == d && int(t.Month()) == m
	}
	// 22 يونيو 2025
	if d, ok := num(i, 1, 31); ok {
		if m, j, ok := month(i + 1); ok {
			if y, ok := num(j, 1900, 2100); ok {
				return day(y, int(m), d)
			}
		}
	}
	// يونيو 22، 2025 (rare, but English-style datelines exist)
	if m, j, ok := month(i); ok {
		if d, ok := num(j, 1, 31); ok {
			if y, ok := num(j+1, 1900, 2100); ok {
				return day(y, int(m), d)
			}
		}
	}
	// Numeric: 2025/06/22, 2025-6-22, 22/06/2025, 22-6-2025.
	if i+4 < len(w) && isDateSep(w[i+1]) && w[i+3] == w[i+1] {
		if y, ok := num(i, 1900, 2100); ok {
			if m, ok := num(i+2, 1, 12); ok {
				if d, ok := num(i+4, 1, 31); ok {
					return day(y, m, d)
				}
			}
		}
		if d, ok := num(i, 1, 31); ok {
			if m, ok := num(i+2, 1, 12); ok {
				if y, ok := num(i+4, 1900, 2100); ok {
					return day(y, m, d)
				}
			}
		}
	}
	return time.Time{}, false
}

func isDateSep(s string) bool { return s == "/" || s == "-" || s == "." }

// dateWords splits normalised text into words, digit runs and the
// separators that matter to dates; clitics ب and في before a month name
// are left for the month table to miss, since "في 22 يونيو" keeps في as
// its own word.
func dateWords(s string) []string {
	var out []string
	start := -1
	kind := 0 // 1 letters, 2 digits
	flush := func(end int) {
		if start >= 0 {
			out = append(out, s[start:end])
			start = -1
		}
	}
	for i, r := range s {
		k := 0
		switch {
		case r >= '0' && r <= '9':
			k = 2
		case isArabicLetter(r) || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'):
			k = 1
		}
		if k != kind || k == 0 {
			flush(i)
		}
		kind = k
		if k != 0 && start < 0 {
			start = i
		}
		if k == 0 && (r == '/' || r == '-' || r == '.') {
			out = append(out, string(r))
		}
	}
	flush(len(s))
	return out
}

func isArabicLetter(r rune) bool {
	return r >= 0x0621 && r <= 0x064A || r >= 0x066E && r <= 0x06D3
}
