package arabic

import (
	"strings"
	"testing"
)

func TestNumberWords(t *testing.T) {
	tests := []struct {
		text  string
		value int64
		used  int
	}{
		{"ثلاثة قتلى", 3, 1},
		{"خمسة عشر مدنيا", 15, 2},
		{"إحدى عشرة غارة", 11, 2},
		{"اثنا عشر جنديا", 12, 2},
		{"خمسة وعشرون شخصا", 25, 2},
		{"عشرين عنصرا", 20, 1},
		{"ثلاثمئة عائلة", 300, 1},
		{"ثلاث مئة عائلة", 300, 2},
		{"مئتين وخمسين أسيرا", 250, 2},
		{"ثلاثة آلاف نازح", 3000, 2},
		{"ألفين ومئتين وثلاثين", 2230, 3},
		{"مليون لاجئ", 1000000, 1},
		{"١٤ قتيلا", 14, 1},
		{"48 ساعة", 48, 1},
		{"عشرات القتلى", 0, 0},
		{"عدد من المسلحين", 0, 0},
		{"قتلى", 0, 0},
		{"وثلاثة", 0, 0},
	}
	for _, tt := range tests {
		words := strings.Fields(Normalize(tt.text))
		v, used := NumberWords(words)
		if v != tt.value || used != tt.used {
			t.Errorf("NumberWords(%q) = %d, %d words; want %d, %d", tt.text, v, used, tt.value, tt.used)
		}
	}
}

func TestVagueNumber(t *testing.T) {
	for word, want := range map[string]int64{"عشرات": 10, "مئات": 100} {
		if v, ok := VagueNumber(Normalize(word)); !ok || v != want {
			t.Errorf("VagueNumber(%q) = %d, %v; want %d", word, v, ok, want)
		}
	}
	if _, ok := VagueNumber("عدد"); ok {
		t.Errorf("VagueNumber(عدد) is a number")
	}
}

func FuzzNumberWords(f *testing.F) {
	f.Add("خمسة وعشرون ألفا وثلاثمئة")
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(Normalize(s))
		_, used := NumberWords(words)
		if used < 0 || used > len(words) {
			t.Fatalf("used %d of %d words", used, len(words))
		}
	})
}
