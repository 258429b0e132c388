package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Sentence is one sentence of a CoNLL-style corpus: its tokens and their
// gold BIO tags (B-PER, I-LOC, O …, with ANERcorp's PERS read as PER).
type Sentence struct {
	Tokens []string
	Tags   []string
}

// ReadCoNLL reads a corpus with one "token TAG" pair a line and a blank
// line after each sentence. Tags are BIO over any type names; PERS is
// renamed PER. Errors name the file and line.
func ReadCoNLL(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readCoNLL(f, path)
}

func readCoNLL(r io.Reader, name string) ([]Sentence, error) {
	var (
		out []Sentence
		cur Sentence
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			if len(cur.Tokens) > 0 {
				out = append(out, cur)
				cur = Sentence{}
			}
			continue
		}
		fields := strings.Fields(text)
		if len(fields) < 2 {
			return nil, fmt.Errorf("%s:%d: want \"token TAG\", got %q", name, line, text)
		}
		tag, err := parseTag(fields[len(fields)-1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		cur.Tokens = append(cur.Tokens, fields[0])
		cur.Tags = append(cur.Tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	if len(cur.Tokens) > 0 {
		out = append(out, cur)
	}
	return out, nil
}

// parseTag checks a BIO tag and spells its type the way the tagger does.
func parseTag(t string) (string, error) {
	if t == "O" {
		return t, nil
	}
	if len(t) < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-' {
		return "", fmt.Errorf("tag %q is not O, B-TYPE or I-TYPE", t)
	}
	typ := t[2:]
	if typ == "PERS" {
		typ = "PER"
	}
	return t[:2] + typ, nil
}

// Chunk is an entity in a tagged sequence: tokens [Start, End) of one type.
type Chunk struct {
	Start, End int
	Type       string
}

// Chunks reads the entities out of a BIO tag sequence the way conlleval
// does: an entity starts at B-X, or at an I-X that does not continue an
// entity of type X, and runs over the I-X that follow.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	open := -1
	for i, t := range tags {
		if open >= 0 {
			if t[0] == 'I' && t[2:] == out[open].Type {
				out[open].End = i + 1
				continue
			}
			open = -1
		}
		if t != "O" {
			out = append(out, Chunk{Start: i, End: i + 1, Type: t[2:]})
			open = len(out) - 1
		}
	}
	return out
}

// SplitDev divides a corpus into training and development sentences
// deterministically: the last fraction of the sentences (a contiguous
// block, like a later stretch of news) becomes the development set.
func SplitDev(sents []Sentence, fraction float64) (train, dev []Sentence) {
	if fraction <= 0 {
		return sents, nil
	}
	cut := len(sents) - int(float64(len(sents))*fraction)
	return sents[:cut], sents[cut:]
}
