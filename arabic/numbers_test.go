package arabic

import (
	"strings"
	"testing"
)

func loadNumbers(t testing.TB) *Numbers {
	t.Helper()
	n, err := NewNumbers()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestNumbersRead(t *testing.T) {
	numbers := loadNumbers(t)
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
		{"آلاف النازحين", 0, 0},
		{"عدد من المسلحين", 0, 0},
		{"قتلى", 0, 0},
		{"وثلاثة", 0, 0},
	}
	for _, tt := range tests {
		words := strings.Fields(Normalize(tt.text))
		v, used := numbers.Read(words)
		if v != tt.value || used != tt.used {
			t.Errorf("Read(%q) = %d, %d words; want %d, %d", tt.text, v, used, tt.value, tt.used)
		}
	}
}

func TestNumbersVague(t *testing.T) {
	numbers := loadNumbers(t)
	for word, want := range map[string]int64{"عشرات": 10, "مئات": 100} {
		if v, ok := numbers.Vague(Normalize(word)); !ok || v != want {
			t.Errorf("Vague(%q) = %d, %v; want %d", word, v, ok, want)
		}
	}
	if _, ok := numbers.Vague("عدد"); ok {
		t.Errorf("Vague(عدد) is a number")
	}
}

func TestParseNumbersErrors(t *testing.T) {
	for data, want := range map[string]string{
		"unit 1 واحد":           "n.txt:1: want \"CLASS N: forms\"",
		"# c\nbillion 9: مليار": "n.txt:2: unknown class \"billion\" (unit, ten, hundred, scale, dual, vague)",
	} {
		if _, err := ParseNumbers("n.txt", data); err == nil || err.Error() != want {
			t.Errorf("ParseNumbers(%q) = %v, want %s", data, err, want)
		}
	}
}

func FuzzNumbersRead(f *testing.F) {
	numbers := loadNumbers(f)
	f.Add("خمسة وعشرون ألفا وثلاثمئة")
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(Normalize(s))
		_, used := numbers.Read(words)
		if used < 0 || used > len(words) {
			t.Fatalf("used %d of %d words", used, len(words))
		}
	})
}
