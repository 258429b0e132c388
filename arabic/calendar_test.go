package arabic

import (
	"testing"
	"time"
)

func TestCalendarParseDate(t *testing.T) {
	c, err := NewCalendar()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"الأحد 22 يونيو 2025 - 14:20", "2025-06-22"},
		{"الخميس ١٢ حزيران ٢٠٢٥", "2025-06-12"},
		{"الخميس، 14 أغسطس 2025", "2025-08-14"},
		{"9 جوان 2025", "2025-06-09"},
		{"السبت 5 جويلية 2025", "2025-07-05"},
		{"نشر في: 3 ابريل 2024", "2024-04-03"},
		{"الأحد 7 ديسمبر/كانون الأول 2025", "2025-12-07"},
		{"7 كانون الأول 2025", "2025-12-07"},
		{"١٧ تشرين الثاني ٢٠٢٤ م", "2024-11-17"},
		{"2025/06/22", "2025-06-22"},
		{"22-6-2025", "2025-06-22"},
		{"٢٢/٠٦/٢٠٢٥", "2025-06-22"},
		{"15 يونيه 2025", "2025-06-15"},
		{"آخر تحديث: 1 غشت 2025 على 10:30", "2025-08-01"},
	} {
		got, ok := c.ParseDate(tc.in)
		if !ok || got.Format(time.DateOnly) != tc.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tc.in, got.Format(time.DateOnly), ok, tc.want)
		}
	}
	for _, in := range []string{
		"",
		"31 يونيو 2025",       // no such day
		"الأحد 22 يونيو",      // no year
		"10 رمضان 1446 هـ",    // Hijri
		"قتل 22 شخصا في 2025", // numbers, no month
		"2025/13/01",          // no such month
		"وصل 300 مقاتل إلى سرت أمس", // a sentence
	} {
		if got, ok := c.ParseDate(in); ok {
			t.Errorf("ParseDate(%q) = %s, want no date", in, got.Format(time.DateOnly))
		}
	}
}

func TestCalendarNames(t *testing.T) {
	c, err := NewCalendar()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]time.Month{"حزيران": 6, "يونيه": 6, "جوان": 6, "كانون الثاني": 1, "اكتوبر": 10, "أكتوبر": 10, "آب": 8} {
		if m, ok := c.Month(name); !ok || m != want {
			t.Errorf("Month(%q) = %v, %v; want %v", name, m, ok, want)
		}
	}
	for name, want := range map[string]time.Weekday{"الأحد": time.Sunday, "الإثنين": time.Monday, "الاثنين": time.Monday, "الجمعة": time.Friday} {
		if d, ok := c.Weekday(name); !ok || d != want {
			t.Errorf("Weekday(%q) = %v, %v; want %v", name, d, ok, want)
		}
	}
	if _, err := ParseCalendar("bad.txt", "month 13: x\n"); err == nil || err.Error() != "bad.txt:1: month 13 is not a month (1-12) or weekday (0-6)" {
		t.Errorf("a bad calendar line gave %v", err)
	}
}

func FuzzCalendarParseDate(f *testing.F) {
	c, err := NewCalendar()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"الأحد 22 يونيو 2025 - 14:20", "٢٢/٠٦/٢٠٢٥", "7 كانون الأول / ديسمبر 2025", "/-/-/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := c.ParseDate(s); ok && (d.Year() < 1900 || d.Year() > 2100) {
			t.Errorf("ParseDate(%q) = %v, out of range", s, d)
		}
	})
}
