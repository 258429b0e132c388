package actors

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a date known to the year, the month or the day, as an analyst
// writes it in the actor file: "2014", "2016-03" or "2024-12-08". The zero
// Date means "not known" (an open end of a period).
type Date struct {
	Year, Month, Day int // Month and Day are 0 when not given
}

// ParseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var n [3]int
	for i, p := range parts {
		if i > 0 && len(p) != 2 {
			return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n[i] = v
	}
	d := Date{Year: n[0], Month: n[1], Day: n[2]}
	if len(parts) >= 2 && (d.Month < 1 || d.Month > 12) {
		return Date{}, fmt.Errorf("date %q has no month %d", s, d.Month)
	}
	if len(parts) == 3 {
		if t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC); d.Day < 1 || t.Day() != d.Day {
			return Date{}, fmt.Errorf("date %q has no day %d", s, d.Day)
		}
	}
	return d, nil
}

// IsZero reports whether d is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// String gives d as it is written in the file.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// first is the first instant d covers.
func (d Date) first() time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// after is the first instant after the whole of d: a period "to: 2021-03"
// runs to the end of March 2021, because the file gives no finer date.
func (d Date) after() time.Time {
	switch {
	case d.Month == 0:
		return time.Date(d.Year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	case d.Day == 0:
		return time.Date(d.Year, time.Month(d.Month)+1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(d.Year, time.Month(d.Month), d.Day+1, 0, 0, 0, 0, time.UTC)
}

// Period is when an actor existed or a person held a role. Either end may
// be unknown or open.
type Period struct {
	From, To Date
}

// IsZero reports whether nothing is known about p.
func (p Period) IsZero() bool { return p.From.IsZero() && p.To.IsZero() }

// Covers reports whether t falls within p, each end taken at the
// precision it was written with (a period "to: 2021-03" covers 31 March).
// The zero time is covered by every period: an unknown date excludes
// nothing.
func (p Period) Covers(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if !p.From.IsZero() && day.Before(p.From.first()) {
		return false
	}
	if !p.To.IsZero() && !day.Before(p.To.after()) {
		return false
	}
	return true
}

// String gives p as "2016-03–2021-03", "2021-03–" or "".
func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	return p.From.String() + "–" + p.To.String()
}
