package ner

import (
	"bytes"
	"compress/gzip"
	"testing"
)

func gz(t *testing.T, s string) *bytes.Reader {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b.Bytes())
}

func TestReadWordTableErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "c.tsv.gz: empty"},
		{"#types PER\n", ""},
		{"#levels 4\n", "c.tsv.gz:1: want \"#types V1 V2 …\" (at most 7 values), got \"#levels 4\""},
		{"#types PER LOC\nسرت\t12\t40\n", "c.tsv.gz:2: want 4 tab-separated fields, got 3"},
		{"#types PER\nسرت\tكثير\t40\n", "c.tsv.gz:2: count: strconv.ParseUint: parsing \"كثير\": invalid syntax"},
		{"#types PER\nسرت\t12\t140\n", "c.tsv.gz:2: share \"140\" is not a percentage"},
	} {
		_, err := readAutoLexicon(gz(t, tc.in), "c.tsv.gz")
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%q: error %q, want %q", tc.in, got, tc.want)
		}
	}
	wc, err := readClusters(gz(t, "#levels 4 16\nطرابلس\t300\t3\t15\n"), "k.tsv.gz")
	if err != nil || len(wc.levels) != 2 || wc.words["طرابلس"].count != 300 {
		t.Fatalf("readClusters: %v, %+v", err, wc)
	}
	if _, err := readClusters(gz(t, "#levels 4\nطرابلس\t300\t4\n"), "k.tsv.gz"); err == nil || err.Error() != "k.tsv.gz:2: cluster \"4\" out of range for level 1" {
		t.Errorf("a cluster id out of range gave %v", err)
	}
}
