package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadCoNLL(t *testing.T) {
	in := "فرانكفورت B-LOC\n(د O\n\n\nوقال O\nبرند B-PERS\nجوتشولك I-PERS\n\n. O"
	got, err := readCoNLL(strings.NewReader(in), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{Tokens: []string{"فرانكفورت", "(د"}, Tags: []string{"B-LOC", "O"}},
		{Tokens: []string{"وقال", "برند", "جوتشولك"}, Tags: []string{"O", "B-PER", "I-PER"}},
		{Tokens: []string{"."}, Tags: []string{"O"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestReadCoNLLErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ليبيا B-LOC\nوحده\n", "x.txt:2: want \"token TAG\", got \"وحده\""},
		{"ليبيا B-LOC\n\nمصر X-LOC\n", "x.txt:3: tag \"X-LOC\" is not O, B-TYPE or I-TYPE"},
		{"ليبيا B-\n", "x.txt:1: tag \"B-\" is not O, B-TYPE or I-TYPE"},
	}
	for _, tt := range tests {
		_, err := readCoNLL(strings.NewReader(tt.in), "x.txt")
		if err == nil || err.Error() != tt.want {
			t.Errorf("readCoNLL(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("فرانكفورت B-LOC\n(د O\n\nوقال O\n")
	f.Add("a B-PERS\nb I-PERS\r\n\r\n")
	f.Add("x\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := readCoNLL(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, s := range sents {
			if len(s.Tokens) == 0 || len(s.Tokens) != len(s.Tags) {
				t.Fatalf("sentence with %d tokens and %d tags", len(s.Tokens), len(s.Tags))
			}
			for _, c := range Chunks(s.Tags) {
				if c.Start < 0 || c.End > len(s.Tags) || c.Start >= c.End || c.Type == "" {
					t.Fatalf("bad chunk %v", c)
				}
			}
		}
	})
}

func TestSplitDev(t *testing.T) {
	sents := make([]Sentence, 10)
	train, dev := SplitDev(sents, 0.2)
	if len(train) != 8 || len(dev) != 2 {
		t.Errorf("SplitDev(10, 0.2) = %d + %d, want 8 + 2", len(train), len(dev))
	}
	if train, dev := SplitDev(sents, 0); len(train) != 10 || dev != nil {
		t.Errorf("SplitDev(10, 0) = %d + %v", len(train), dev)
	}
}
