package arabic

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"alef forms", "أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"},
		{"alef maqsura and ta marbuta", "مستشفى المدينة", "مستشفي المدينه"},
		{"diacritics", "وَقَالَ الرَّئِيسُ", "وقال الرءيس"},
		{"superscript alef and sukun", "هٰذا مِنْ", "هذا من"},
		{"tanwin", "شكراً جزيلاً", "شكرا جزيلا"},
		{"tatweel", "الـــرئيـــس", "الرءيس"},
		{"hamza seats", "مسؤول مسئول", "مسءول مسءول"},
		{"arabic-indic digits", "٢٠١٣ و٣٫٥٪", "2013 و3.5%"},
		{"persian digits", "۱۴۰۲", "1402"},
		{"persian letters", "کرمانشاه ایران پاکستان چابهار ژنرال گیلان", "كرمانشاه ايران باكستان جابهار زنرال كيلان"},
		{"latin and punctuation kept", "U.S. «قال»، ؟", "U.S. «قال»، ؟"},
		{"zero-width joiners", "می\u200cخواهد", "ميخواهد"},
		{"invalid bytes dropped", "قال\xff", "قال"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := string(AppendNormalize([]byte("x"), tt.in)); got != "x"+tt.want {
				t.Errorf("AppendNormalize(x, %q) = %q, want %q", tt.in, got, "x"+tt.want)
			}
		})
	}
}

func TestNormalizeReturnsInputUnchanged(t *testing.T) {
	s := "قال مدير المكتب"
	if got := Normalize(s); got != s {
		t.Fatalf("Normalize(%q) = %q", s, got)
	}
	if n := testing.AllocsPerRun(100, func() { Normalize(s) }); n != 0 {
		t.Errorf("Normalize of a normal string allocates %v times", n)
	}
}
