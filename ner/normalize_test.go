package ner

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"أمريكا", "امريكا"},
		{"إسرائيل", "اسرائيل"},
		{"آسيا", "اسيا"},
		{"مصطفى", "مصطفي"},
		{"القاهرة", "القاهره"},
		{"مُحَمَّد", "محمد"},
		{"الـعـراق", "العراق"},
		{"٢٠١٣", "2013"},
		{"Reuters", "reuters"},
		{"\u200fليبيا", "ليبيا"},
		{"ليبيا", "ليبيا"},
		{"2013", "2013"},
	}
	for _, tt := range tests {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitClitics(t *testing.T) {
	tests := []struct{ in, prefix, stem string }{
		{"والجزاير", "وال", "جزاير"},
		{"بطرابلس", "ب", "طرابلس"},
		{"للعراق", "لل", "عراق"},
		{"وحفتر", "و", "حفتر"},
		{"الرياض", "ال", "رياض"},
		{"في", "", "في"},   // too short to split
		{"بال", "", "بال"}, // nothing would be left
		{"مصر", "", "مصر"},
	}
	for _, tt := range tests {
		p, s := splitClitics(tt.in)
		if p != tt.prefix || s != tt.stem {
			t.Errorf("splitClitics(%q) = %q + %q, want %q + %q", tt.in, p, s, tt.prefix, tt.stem)
		}
	}
}

func TestShapeOf(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"ليبيا", shapeArabic},
		{"reuters", shapeLatin},
		{"2013", shapeDigit},
		{"،", shapePunct},
		{"(", shapePunct},
		{"ف16", shapeMixed},
	}
	for _, tt := range tests {
		if got := shapeOf(tt.in); got != tt.want {
			t.Errorf("shapeOf(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
