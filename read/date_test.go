package read

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	utc := func(y int, m time.Month, d, hh, mm, ss int) time.Time {
		return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
	}
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2020-06-22", utc(2020, 6, 22, 0, 0, 0), true},
		{" 2020-06-22\n", utc(2020, 6, 22, 0, 0, 0), true},
		{"2015-07-21 02:27:12", utc(2015, 7, 21, 2, 27, 12), true},
		{"2020-06-22T10:30:00Z", utc(2020, 6, 22, 10, 30, 0), true},
		{"2020-06-22T13:30:00+03:00", utc(2020, 6, 22, 10, 30, 0), true},
		{"2020-06-22T13:30:00.123+03:00", time.Date(2020, 6, 22, 10, 30, 0, 123e6, time.UTC), true},
		{"2020-06-22T13:30:00+0300", utc(2020, 6, 22, 10, 30, 0), true},
		{"2020-06-22T10:30:00", utc(2020, 6, 22, 10, 30, 0), true},
		{"2020/06/22", utc(2020, 6, 22, 0, 0, 0), true},
		{"Mon, 22 Jun 2020 13:30:00 +0300", utc(2020, 6, 22, 10, 30, 0), true},
		{"Mon, 22 Jun 2020 10:30:00 GMT", utc(2020, 6, 22, 10, 30, 0), true},
		{"٢٠٢٠-٠٦-٢٢", utc(2020, 6, 22, 0, 0, 0), true},
		{"2020-02-30", time.Time{}, false},
		{"2020-13-01", time.Time{}, false},
		{"22/06/2020", time.Time{}, false}, // day and month order is ambiguous
		{"الاثنين", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
