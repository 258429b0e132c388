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
		case n == "اول" && norm(i+1) == "امس":
			// أول أمس: the day before yesterday.
			e = dateExpr{first: i, last: i + 1, date: published.AddDate(0, 0, -2), precision: "day"}
			found = true
		case (n == "قبل" || n == "منذ" && c.durationAt(toks, i+1, to).unit == "day") && c.durationAt(toks, i+1, to).count > 0:
			// قبل ثلاثة أيام، قبل أسبوعين، منذ يومين: counted back from
			// publication. منذ a longer span tells how long a state has
			// lasted (يلتزمان بالهدنة منذ ثلاثة أسابيع), not when.
			e, found = c.durationBack(toks, i, to, published)
		case n == "في" || n == "منذ" || n == "خلال":
			// في 2013، منذ 2011: a year alone after a preposition.
			yr, ok := digitsValue(norm(i + 1))
			if !ok || yr < 1900 || yr > 2100 || len(norm(i+1)) != 4 || i+1 < to && c.isMonth(toks, i+2, to) {
				continue
			}
			e = dateExpr{first: i + 1, last: i + 1, date: time.Date(yr, 1, 1, 0, 0, 0, 0, time.UTC), precision: "year"}
			found = true
		case (n == "عام" || n == "سنه") && hasAl(i) && relativeStep(norm(i+1)) != 2:
			// العام الماضي، العام الجاري، السنة المقبلة.
			e = dateExpr{first: i, last: i + 1, date: time.Date(published.Year()+relativeStep(norm(i+1)), 1, 1, 0, 0, 0, 0, time.UTC), precision: "year"}
			found = true
			// مطلع العام المقبل is its January, أواخر العام its December.
			switch norm(i - 1) {
			case "مطلع", "بدايه", "اواءل", "اول":
				e.precision = "month"
			case "نهايه", "اواخر", "اخر":
				e.date, e.precision = e.date.AddDate(0, 11, 0), "month"
			}
		case toks[i].Kind == document.Number && numericDate(toks, i, to) != nil:
			d := numericDate(toks, i, to)
			e = dateExpr{first: i, last: d.last, date: d.date, precision: "day"}
			found = true
		case n == "امس":
			e = dateExpr{first: i, last: i, date: published.AddDate(0, 0, -1), precision: "day"}
			found = true
			// أمس الأول is the day before yesterday.
			if norm(i+1) == "اول" && hasAl(i+1) {
				e.last, e.date = i+1, published.AddDate(0, 0, -2)
			}
			if _, ok := cal.Weekday(norm(e.last + 1)); ok && (hasAl(e.last+1) || strings.HasPrefix(norm(e.last+1), "ال")) {
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
			if _, ok := cal.Weekday(norm(i + 1)); ok && (hasAl(i+1) || strings.HasPrefix(norm(i+1), "ال")) {
				e.last = i + 1
			}
		case (n == "ليله" || n == "ليل") && hasAl(i) && norm(i+1) == "ماضيه":
			e = dateExpr{first: i, last: i + 1, date: published.AddDate(0, 0, -1), precision: "day"}
			found = true
		case (n == "اسبوع" || n == "شهر") && (hasAl(i) && relativeStep(norm(i+1)) != 2 || norm(i-1) == "هذا" || norm(i-1) == "هذه"):
			// الأسبوع الماضي، الشهر المقبل، الأسبوع الجاري، هذا الشهر.
			step := 0
			if r := relativeStep(norm(i + 1)); hasAl(i) && r != 2 {
				step = r
			}
			e = dateExpr{first: i, last: i + 1}
			if norm(i-1) == "هذا" || norm(i-1) == "هذه" {
				e = dateExpr{first: i - 1, last: i}
			}
			if n == "اسبوع" {
				monday := published.AddDate(0, 0, -((int(published.Weekday()) + 6) % 7))
				e.date, e.precision = monday.AddDate(0, 0, 7*step), "week"
			} else {
				m := time.Date(published.Year(), published.Month(), 1, 0, 0, 0, 0, time.UTC)
				e.date, e.precision = m.AddDate(0, step, 0), "month"
			}
			found = true
		default:
			if wd, ok := cal.Weekday(n); ok && (hasAl(i) || strings.HasPrefix(n, "ال") || norm(i-1) == "يوم") {
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
				// ليل الثلاثاء الأربعاء: the night into the second day,
				// whose date the night's deeds take.
				if wd2, ok := cal.Weekday(norm(e.last + 1)); ok && e.bareWeekday && wd2 == (wd+1)%7 {
					e.last++
					if back == 0 {
						e.date = e.date.AddDate(0, 0, -6)
					} else {
						e.date = e.date.AddDate(0, 0, 1)
					}
				}
				// بعد منتصف ليل الثلاثاء: past midnight, the next day.
				if norm(i-1) == "ليل" || norm(i-1) == "ليله" {
					if norm(i-2) == "منتصف" && norm(i-3) == "بعد" && e.bareWeekday {
						e.date = e.date.AddDate(0, 0, 1)
					}
				}
				// A day and month written after the weekday fix the date,
				// in brackets or after the Hijri date and الموافق
				// (الخميس 10 شوال 1436هـ الموافق 23 يوليو 2015م).
				k := e.last + 1
				if k < to && toks[k].Norm == "(" {
					k++
				}
				if h := hijriEnd(toks, k, to); h > k {
					k = h
				}
				if d, last, ok := dayMonth(toks, k, to, published, cal); ok {
					e.date, e.last = d, last
					if last+1 < to && toks[last+1].Norm == ")" {
						e.last++
					}
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
				if y == published.Year() && last == i+words-1 && norm(last+1) != "مقبل" && d.After(published.AddDate(0, 1, 0)) {
					// في ديسمبر in a February article: the December before.
					d = d.AddDate(-1, 0, 0)
				}
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
	k := i + 1
	if toks[k].Norm == "من" {
		k++
	}
	if d, last, ok := dayOfRelativeMonth(toks, k, to, day, published); ok {
		return d, last, true
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
	if d, last, ok := dayOfRelativeMonth(toks, k, to, day, published); ok {
		return d, last, true
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

// relativeStep reads the word after الأسبوع، الشهر، العام: -1 for the
// past one (الماضي، المنصرم), 1 for the next (المقبل، القادم), 0 for the
// current (الجاري، الحالي), 2 for anything else.
func relativeStep(n string) int {
	switch n {
	case "ماضي", "ماضيه", "منصرم", "منصرمه", "فاءت":
		return -1
	case "مقبل", "مقبله", "قادم", "قادمه":
		return 1
	case "جاري", "جاريه", "حالي", "حاليه":
		return 0
	}
	return 2
}

// duration is a span of time written after منذ or قبل (يومين، ثلاثة
// أيام، 5 أشهر): count units of days, weeks, months or years.
type duration struct {
	count int
	unit  string // day, week, month, year
	last  int    // its last token
}

// durationUnit reads a unit word: its unit and the count the form carries
// by itself (a dual counts two, a singular one; a plural or accusative
// needs a number before it: 0).
func durationUnit(n string) (unit string, count int, ok bool) {
	switch n {
	case "يوم":
		return "day", 1, true
	case "يوما", "ايام":
		return "day", 0, true
	case "يومين", "يومان":
		return "day", 2, true
	case "اسبوع":
		return "week", 1, true
	case "اسبوعا", "اسابيع":
		return "week", 0, true
	case "اسبوعين", "اسبوعان":
		return "week", 2, true
	case "شهر":
		return "month", 1, true
	case "شهرا", "اشهر", "شهور":
		return "month", 0, true
	case "شهرين", "شهران":
		return "month", 2, true
	case "عام", "سنه":
		return "year", 1, true
	case "عاما", "اعوام", "سنوات", "سنين":
		return "year", 0, true
	case "عامين", "سنتين":
		return "year", 2, true
	}
	return "", 0, false
}

// durationAt reads a duration at token k ("ثلاثة أيام"، "يومين"، "10
// أيام"); its count is 0 when there is none.
func (c *Coder) durationAt(toks []document.Token, k, to int) duration {
	if k >= to {
		return duration{}
	}
	if unit, count, ok := durationUnit(toks[k].Norm); ok && count > 0 && toks[k].Prefix == "" {
		// Not "منذ يوم الأحد" or "قبل عام 2011": a head, not a span.
		if count == 1 && k+1 < to && (toks[k+1].Kind == document.Number || endsWithAl(toks[k+1].Prefix) || strings.HasPrefix(toks[k+1].Norm, "ال")) {
			return duration{}
		}
		return duration{count: count, unit: unit, last: k}
	}
	words := make([]string, 0, 4)
	for j := k; j < to && j < k+4; j++ {
		words = append(words, toks[j].Norm)
	}
	n, used := c.numbers.Read(words)
	if used == 0 || n < 1 || n > 100 || k+used >= to {
		return duration{}
	}
	unit, count, ok := durationUnit(toks[k+used].Norm)
	if !ok || count == 2 {
		return duration{}
	}
	return duration{count: int(n), unit: unit, last: k + used}
}

// durationBack resolves منذ or قبل at token i followed by a duration
// against the publication day: "منذ يومين" two days before it, "قبل
// أسبوعين" the week two weeks back. "قبل يومين من الانتخابات" counts from
// another event, not from publication, and is no date.
func (c *Coder) durationBack(toks []document.Token, i, to int, published time.Time) (dateExpr, bool) {
	d := c.durationAt(toks, i+1, to)
	if d.last+1 < to && toks[d.last+1].Norm == "من" {
		return dateExpr{}, false
	}
	e := dateExpr{first: i, last: d.last}
	switch d.unit {
	case "day":
		e.date, e.precision = published.AddDate(0, 0, -d.count), "day"
	case "week":
		back := published.AddDate(0, 0, -7*d.count)
		e.date, e.precision = back.AddDate(0, 0, -((int(back.Weekday())+6)%7)), "week"
	case "month":
		back := time.Date(published.Year(), published.Month(), 1, 0, 0, 0, 0, time.UTC)
		e.date, e.precision = back.AddDate(0, -d.count, 0), "month"
	case "year":
		e.date, e.precision = time.Date(published.Year()-d.count, 1, 1, 0, 0, 0, 0, time.UTC), "year"
	default:
		return dateExpr{}, false
	}
	return e, true
}

// isMonth reports whether a month name starts at token k.
func (c *Coder) isMonth(toks []document.Token, k, to int) bool {
	if k >= to {
		return false
	}
	_, _, ok := monthAt(toks, k, to, c.calendar)
	return ok
}

// numericDate is a date written in digits.
type numericDateAt struct {
	date time.Time
	last int
}

// numericDate reads a date in digits at token i: one token "25/7/2015"
// or pieces glued together "2015-07-25", day first or year first; nil
// when there is none.
func numericDate(toks []document.Token, i, to int) *numericDateAt {
	parts := []string{}
	last := i
	if strings.ContainsAny(toks[i].Norm, "/-.") {
		parts = strings.FieldsFunc(toks[i].Norm, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	} else {
		parts = append(parts, toks[i].Norm)
		for k := i + 1; k+1 < to && len(parts) < 3; k += 2 {
			sep := toks[k].Norm
			if (sep != "/" && sep != "-") || toks[k].Start != toks[k-1].End || toks[k+1].Start != toks[k].End || toks[k+1].Kind != document.Number {
				break
			}
			parts = append(parts, toks[k+1].Norm)
			last = k + 1
		}
	}
	if len(parts) != 3 {
		return nil
	}
	var v [3]int
	for k, p := range parts {
		n, ok := digitsValue(p)
		if !ok {
			return nil
		}
		v[k] = n
	}
	day, month, year := v[0], v[1], v[2]
	if v[0] > 1900 {
		year, day = v[0], v[2]
	}
	if year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31 {
		return nil
	}
	d := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if d.Day() != day {
		return nil
	}
	return &numericDateAt{date: d, last: last}
}

// hijriEnd returns the token after a Hijri date at token k (10 شوال
// 1436هـ الموافق), which Saudi outlets write before the Gregorian one,
// or k when there is none: a day, a month name of one or two words that
// is not a Gregorian one, a year before 1700, then هـ or الموافق.
func hijriEnd(toks []document.Token, k, to int) int {
	if k >= to || toks[k].Kind != document.Number {
		return k
	}
	if day, ok := digitsValue(toks[k].Norm); !ok || day < 1 || day > 30 {
		return k
	}
	for words := 1; words <= 2; words++ {
		y := k + 1 + words
		if y >= to || toks[y].Kind != document.Number {
			continue
		}
		if yr, ok := digitsValue(toks[y].Norm); !ok || yr < 1300 || yr > 1700 {
			return k
		}
		end := y + 1
		marked := false
		if end < to && (toks[end].Norm == "ه" || toks[end].Norm == "هـ") {
			end++
			marked = true
		}
		if end < to && toks[end].Norm == "موافق" {
			end++
			marked = true
		}
		if !marked {
			return k
		}
		return end
	}
	return k
}

// dayOfRelativeMonth reads "الشهر الجاري" or "الشهر الماضي" at token k
// after a day ("الخامس عشر من الشهر الجاري"، "3 من الشهر الماضي"): that
// day of the month named relative to publication.
func dayOfRelativeMonth(toks []document.Token, k, to, day int, published time.Time) (time.Time, int, bool) {
	if k+1 >= to || toks[k].Norm != "شهر" || !endsWithAl(toks[k].Prefix) {
		return time.Time{}, 0, false
	}
	step := relativeStep(toks[k+1].Norm)
	if step == 2 {
		return time.Time{}, 0, false
	}
	m := time.Date(published.Year(), published.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, step, 0)
	d := time.Date(m.Year(), m.Month(), day, 0, 0, 0, 0, time.UTC)
	if d.Month() != m.Month() {
		return time.Time{}, 0, false
	}
	return d, k + 1, true
}
