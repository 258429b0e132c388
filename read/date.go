package read

import (
	"strings"
	"time"
)

// dateLayouts are the publication-date forms that inputs use, tried in
// order. Times without a zone are taken as UTC.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339, // also accepts fractional seconds
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006/01/02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	time.RFC1123Z, // RSS pubDate
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006",
	"January 2, 2006",
	"Jan 2, 2006",
}

// digitsToASCII maps Arabic-Indic and Persian digits to ASCII ones, as
// Arabic sites often write dates with them.
var digitsToASCII = strings.NewReplacer(
	"٠", "0", "١", "1", "٢", "2", "٣", "3", "٤", "4",
	"٥", "5", "٦", "6", "٧", "7", "٨", "8", "٩", "9",
	"۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4",
	"۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9",
)

// ParseDate reads a publication date as inputs give it: "2020-06-22",
// RFC 3339, "2015-07-21 02:27:12", "2020/06/22", an RSS date such as
// "Mon, 22 Jun 2020 10:00:00 +0000", in ASCII or Arabic-Indic digits. It
// reports false for anything else, including impossible dates.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(digitsToASCII.Replace(s))
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
