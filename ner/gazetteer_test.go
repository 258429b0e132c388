package ner

import (
	"bytes"
	"compress/gzip"
	"slices"
	"strings"
	"testing"
)

func gzipText(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMatchGazetteerPositions checks the BILU flags a sentence's tokens get
// from a gazetteer, proclitics allowed on a name's first word only.
func TestMatchGazetteerPositions(t *testing.T) {
	g, err := readGazetteer(bytes.NewReader(gzipText(t,
		"LOC\tطرابلس\nKB_PER\tخليفة بلقاسم حفتر\nKB_ORG\tمجلس النواب\n")), "test")
	if err != nil {
		t.Fatal(err)
	}
	loc, per, org := uint8(0), uint8(1), uint8(2)
	tests := []struct {
		sentence string
		want     []uint64
	}{
		{"وصل خليفة بلقاسم حفتر إلى بطرابلس", []uint64{0, gazBegin(per), gazInside(per), gazLast(per), 0, gazUnit(loc)}},
		{"وقال مجلس النواب في طرابلس", []uint64{0, gazBegin(org), gazLast(org), 0, gazUnit(loc)}},
		{"والمجلس النواب", []uint64{0, 0}}, // a proclitic glued to another word is no match
		{"وخليفة بلقاسم", []uint64{0, 0}},  // a name's start alone is no match
	}
	for _, tc := range tests {
		words := strings.Fields(tc.sentence)
		infos := make([]tokenInfo, len(words))
		for i, w := range words {
			infos[i].norm = normalize(w)
			infos[i].gazCands = g.candidates(infos[i].norm)
		}
		matchGazetteer(infos)
		got := make([]uint64, len(infos))
		for i := range infos {
			got[i] = infos[i].gaz
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: flags %b, want %b", tc.sentence, got, tc.want)
		}
	}
}

func TestMineGivenNames(t *testing.T) {
	texts := []string{
		"قال الرئيس عبد الفتاح السيسي إن اللواء أحمد المسماري وصل. والتقى الشيخ أحمد الطيب.",
		"أعلن اللواء أحمد المسماري أن الرئيس السابق غادر، وأن العميد أحمد سالم حضر.",
		"أحمد لاعب كرة. وقال الوزير الأول إن الوزير الأول سيزور.",
	}
	read := func(fn func(string)) error {
		for _, s := range texts {
			fn(s)
		}
		return nil
	}
	tests := []struct {
		minCount int
		minShare float64
		want     []string
	}{
		// أحمد follows a title 4 times in 5; عبد once; الأول and السابق
		// carry the article.
		{1, 0.5, []string{"احمد", "عبد"}},
		{2, 0.5, []string{"احمد"}},
		{2, 0.9, nil},
	}
	for _, tc := range tests {
		got, err := MineGivenNames(read, tc.minCount, tc.minShare)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("min %d share %v: %q, want %q", tc.minCount, tc.minShare, got, tc.want)
		}
	}
}
