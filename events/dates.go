package events

import (
	"strconv"
	"strings"
	"time"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
)

// dateExpr is a time expression found in a sentence, resolved against
// the publication day.
type dateExpr struct {
	first, last int // token indexes, inclusive
	date        time.Time
	precision   string // day, week, month, year
	// bareWeekday marks a weekday with no ماضي or مقبل: the latest such day,
	// or the next one for an event still to come.
	bareWeekday bool
}

// findDates returns the time expressions among tokens[from:to], resolved
// against published (zero when unknown: then nothing is resolved).
func (c *Coder) findDates(toks []document.Token, from, to int, published time.Time) []dateExpr {
	cal := c.calendar
	if published.IsZero() {
		return nil
	}
	norm := func(i int) string {
		if i < from || i >= to {
			return ""
		}
		return toks[i].Norm
	}
	hasAl := func(i int) bool { return i >= from && i < to && toks[i].Prefix != "" && endsWithAl(toks[i].Prefix) }
	var out []dateExpr
	for i := from; i < to; i++ {
		n := toks[i].Norm
		var e dateExpr
		found := false
		switch {
		case n == "امس":
			e = dateExpr{first: i, last: i, date: published.AddDate(0, 0, -1), precision: "day"}
			found = true
			// أمس الأول is the day before yesterday.
			if norm(i+1) == "اول" && hasAl(i+1) {
				e.last, e.date = i+1, published.AddDate(0, 0, -2)
			}
			if _, ok := cal.Weekday(norm(e.last + 1)); ok && hasAl(e.last+1) {
				e.last++
			}
		case c.lex.yearHeads[n] && i+1 < to && toks[i+1].Kind == document.Number:
			// عام 2012، العام 2013: a year alone.
			yr, ok := digitsValue(norm(i + 1))
			if !ok || yr < 1900 || yr > 2100 {
				continue
			}
			e = dateExpr{first: i, last: i + 1, date: time.Date(yr, 1, 1, 0, 0, 0, 0, time.UTC), precision: "year"}
			found = true
		case n == "يوم" && hasAl(i) && !c.lex.relatives[norm(i+1)]:
			// اليوم الذي ...: a day the sentence describes, not today.
			e = dateExpr{first: i, last: i, date: published, precision: "day"}
			found = true
			if _, ok := cal.Weekday(norm(i + 1)); ok && hasAl(i+1) {
				e.last = i + 1
			}
		case (n == "ليله" || n == "ليل") && hasAl(i) && norm(i+1) == "ماضيه":
			e = dateExpr{first: i, last: i + 1, date: published.AddDate(0, 0, -1), precision: "day"}
			found = true
		case (n == "اسبوع" || n == "شهر") && hasAl(i) && (norm(i+1) == "ماضي" || norm(i+1) == "مقبل"):
			step := -1
			if norm(i+1) == "مقبل" {
				step = 1
			}
			e = dateExpr{first: i, last: i + 1}
			if n == "اسبوع" {
				monday := published.AddDate(0, 0, -((int(published.Weekday()) + 6) % 7))
				e.date, e.precision = monday.AddDate(0, 0, 7*step), "week"
			} else {
				m := time.Date(published.Year(), published.Month(), 1, 0, 0, 0, 0, time.UTC)
				e.date, e.precision = m.AddDate(0, step, 0), "month"
			}
			found = true
		default:
			if wd, ok := cal.Weekday(n); ok && (hasAl(i) || norm(i-1) == "يوم") {
				back := (int(published.Weekday()) - int(wd) + 7) % 7
				switch norm(i + 1) {
				case "ماضي":
					if back == 0 {
						back = 7
					}
					e = dateExpr{first: i, last: i + 1}
				case "مقبل":
					back = back - 7
					if back == -7 {
						back = 0
					}
					e = dateExpr{first: i, last: i + 1}
				default:
					e = dateExpr{first: i, last: i, bareWeekday: true}
				}
				e.date, e.precision = published.AddDate(0, 0, -back), "day"
				found = true
				// A day and month written after the weekday fix the date.
				if d, last, ok := dayMonth(toks, e.last+1, to, published, cal); ok {
					e.date, e.last = d, last
				}
			} else if d, last, ok := ordinalDayMonth(toks, i, to, published, cal, c.lex.ordinalDays); ok {
				e = dateExpr{first: i, last: last, date: d, precision: "day"}
				found = true
			} else if d, last, ok := dayMonth(toks, i, to, published, cal); ok {
				e = dateExpr{first: i, last: last, date: d, precision: "day"}
				found = true
			} else if m, words, ok := monthAt(toks, i, to, cal); ok && i > from && c.lex.monthHeads[toks[i-1].Norm] {
				y := published.Year()
				last := i + words - 1
				if yr, err := strconv.Atoi(norm(last + 1)); err == nil && yr > 1900 && yr < 2100 {
					y, last = yr, last+1
				}
				d := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
				switch norm(last + 1) {
				case "ماضي":
					if !d.Before(published) || d.Month() == published.Month() {
						d = d.AddDate(-1, 0, 0)
					}
					last++
				case "مقبل":
					if d.Before(published) {
						d = d.AddDate(1, 0, 0)
					}
					last++
				}
				e = dateExpr{first: i - 1, last: last, date: d, precision: "month"}
				found = true
			}
		}
		if !found {
			continue
		}
		if e.first > from && c.lex.dayParts[toks[e.first-1].Norm] && e.first-1 >= from {
			e.first--
		}
		out = append(out, e)
		i = e.last
	}
	return out
}

// monthAt reads a month name of one or two words at token i.
func monthAt(toks []document.Token, i, to int, cal *arabic.Calendar) (time.Month, int, bool) {
	m, n, ok := oneMonthAt(toks, i, to, cal)
	if !ok {
		return m, n, ok
	}
	// The same month in a second family, as the Levant and Egypt write
	// both: يوليو/ تموز، سبتمبر أيلول، أبريل (نيسان).
	k := i + n
	if k < to && toks[k].Kind == document.Punct && (toks[k].Norm == "/" || toks[k].Norm == "(") {
		k++
	}
	if k < to {
		if m2, n2, ok2 := oneMonthAt(toks, k, to, cal); ok2 && m2 == m {
			n = k + n2 - i
			if e := i + n; e < to && toks[e].Norm == ")" {
				n++
			}
		}
	}
	return m, n, true
}

// oneMonthAt reads one month name of one or two words at token i.
func oneMonthAt(toks []document.Token, i, to int, cal *arabic.Calendar) (time.Month, int, bool) {
	if i+1 < to {
		if m, ok := cal.Month(toks[i].Norm + " " + toks[i+1].Norm); ok {
			return m, 2, true
		}
		if m, ok := cal.Month("ال" + toks[i].Norm + " " + toks[i+1].Norm); ok && toks[i].Prefix != "" {
			return m, 2, true
		}
	}
	if toks[i].Kind != document.Word {
		return 0, 0, false
	}
	m, ok := cal.Month(toks[i].Norm)
	return m, 1, ok
}

// dayMonth reads "8 جوان" or "١٢ حزيران ٢٠٢٥" at token i: the year is the
// written one, else the latest such day not after publication.
func dayMonth(toks []document.Token, i, to int, published time.Time, cal *arabic.Calendar) (time.Time, int, bool) {
	if i+1 >= to || toks[i].Kind != document.Number {
		return time.Time{}, 0, false
	}
	day, err := strconv.Atoi(toks[i].Norm)
	if err != nil || day < 1 || day > 31 {
		return time.Time{}, 0, false
	}
	m, words, ok := monthAt(toks, i+1, to, cal)
	if !ok {
		return time.Time{}, 0, false
	}
	last := i + words
	y := published.Year()
	explicit := false
	if last+1 < to {
		if yr, err := strconv.Atoi(toks[last+1].Norm); err == nil && yr > 1900 && yr < 2100 {
			y, last, explicit = yr, last+1, true
		}
	}
	d := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	if d.Day() != day {
		return time.Time{}, 0, false
	}
	if !explicit && d.After(published.AddDate(0, 1, 0)) {
		d = d.AddDate(-1, 0, 0)
	}
	return d, last, true
}

func endsWithAl(prefix string) bool {
	n := arabic.Normalize(prefix)
	return len(n) >= 4 && (n[len(n)-4:] == "ال" || n[len(n)-4:] == "لل")
}

// ordinalDayMonth reads "الثالث من أبريل الماضي", "الحادي عشر من آذار",
// "الخامس والعشرين من يونيو" at token i.
func ordinalDayMonth(toks []document.Token, i, to int, published time.Time, cal *arabic.Calendar, ordinals map[string]int) (time.Time, int, bool) {
	day, ok := ordinals[toks[i].Norm]
	if !ok || !endsWithAl(toks[i].Prefix) {
		return time.Time{}, 0, false
	}
	k := i + 1
	if k < to && toks[k].Norm == "عشر" {
		day += 10
		k++
	} else if k < to && strings.HasPrefix(toks[k].Prefix, "و") && (toks[k].Norm == "عشرين" || toks[k].Norm == "ثلاثين") {
		day += 20
		if toks[k].Norm == "ثلاثين" {
			day += 10
		}
		k++
	}
	if k < to && toks[k].Norm == "من" {
		k++
	}
	if k >= to {
		return time.Time{}, 0, false
	}
	m, words, ok := monthAt(toks, k, to, cal)
	if !ok {
		return time.Time{}, 0, false
	}
	last := k + words - 1
	y := published.Year()
	if last+1 < to {
		if yr, err := strconv.Atoi(toks[last+1].Norm); err == nil && yr > 1900 && yr < 2100 {
			y, last = yr, last+1
		}
	}
	d := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	if d.Day() != day {
		return time.Time{}, 0, false
	}
	if last+1 < to {
		switch toks[last+1].Norm {
		case "ماضي":
			if d.After(published) {
				d = d.AddDate(-1, 0, 0)
			}
			last++
		case "مقبل":
			if d.Before(published) {
				d = d.AddDate(1, 0, 0)
			}
			last++
		}
	}
	return d, last, true
}

// digitsValue reads a number written in Western or Arabic-Indic digits.
func digitsValue(s string) (int, bool) {
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = 10*n + int(r-'0')
		case r >= '٠' && r <= '٩':
			n = 10*n + int(r-'٠')
		case r >= '۰' && r <= '۹':
			n = 10*n + int(r-'۰')
		default:
			return 0, false
		}
	}
	return n, s != ""
}
