package arabic

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/rasad/rasad/document"
)

// stemCounts is what the lexicon knows of one form: how often it stood
// alone as a word, how often with the article (ال + form), and how often
// after a preposition and the article (بال، لل، كال + form, also after و
// or ف). A word seen with the article is a stem, not clitics + stem (the
// article never precedes و or ب); one seen after بال is a noun, which tells
// القذافي (ال + قذافي) from التقى (a verb).
type stemCounts struct {
	alone, withAl, afterPrep uint32
}

// Lexicon maps a form, folded as the segmenter folds words (diacritics
// dropped, hamza forms, ة and ى kept), to its counts in the news corpora.
// Forms that begin with the article are not entries: "المدينة" is counted
// as withAl of "مدينة".
type Lexicon struct {
	forms map[string]stemCounts
}

// LexiconEntry is one line of the lexicon file.
type LexiconEntry struct {
	Form                     string
	Alone, WithAl, AfterPrep uint32
}

// Len returns the number of forms in the lexicon.
func (l *Lexicon) Len() int { return len(l.forms) }

// Counts returns how often form was seen alone, with the article, and
// after a preposition and the article.
func (l *Lexicon) Counts(form string) (alone, withAl, afterPrep uint32) {
	c := l.forms[string(appendFold(nil, form, false))]
	return c.alone, c.withAl, c.afterPrep
}

const lexiconHeader = "# rasad Arabic stem lexicon: form, times seen alone, with ال, after بال or كال.\n" +
	"# Built by `rasad train lexicon`; forms folded for segmentation (no diacritics).\n"

// ReadLexicon parses a lexicon file (gzip-compressed or plain): lines of
// form and its three counts (alone, with the article, after a preposition
// and the article) separated by tabs; lines starting with # are comments.
// name is used in error messages.
func ReadLexicon(name string, r io.Reader) (*Lexicon, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	lex := &Lexicon{forms: make(map[string]stemCounts, 1<<17)}
	for line := 1; ; line++ {
		s, err := br.ReadString('\n')
		if s != "" && s[0] != '#' && s != "\n" {
			form, counts, ok := strings.Cut(strings.TrimSuffix(s, "\n"), "\t")
			alone, rest, ok2 := strings.Cut(counts, "\t")
			withAl, afterPrep, ok3 := strings.Cut(rest, "\t")
			if !ok || !ok2 || !ok3 || form == "" {
				return nil, fmt.Errorf("%s:%d: want form<TAB>alone<TAB>withAl<TAB>afterPrep, got %q", name, line, s)
			}
			a, err1 := strconv.ParseUint(alone, 10, 32)
			w, err2 := strconv.ParseUint(withAl, 10, 32)
			p, err3 := strconv.ParseUint(afterPrep, 10, 32)
			if err1 != nil || err2 != nil || err3 != nil {
				return nil, fmt.Errorf("%s:%d: bad count in %q", name, line, s)
			}
			if _, dup := lex.forms[form]; dup {
				return nil, fmt.Errorf("%s:%d: %q listed twice", name, line, form)
			}
			lex.forms[form] = stemCounts{uint32(a), uint32(w), uint32(p)}
		}
		if err == io.EOF {
			return lex, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
}

// LexiconBuilder counts the Arabic words of a corpus to build a Lexicon.
// It is not safe for concurrent use.
type LexiconBuilder struct {
	words  map[string]uint32
	tokens []document.Token
	key    []byte
}

// NewLexiconBuilder returns an empty builder.
func NewLexiconBuilder() *LexiconBuilder {
	return &LexiconBuilder{words: make(map[string]uint32, 1<<20)}
}

// Add counts the Arabic words of text.
func (b *LexiconBuilder) Add(text string) {
	b.tokens = Tokenize(text, b.tokens[:0])
	for _, t := range b.tokens {
		if t.Kind != document.Word {
			continue
		}
		b.key = appendFold(b.key[:0], text[t.Start:t.End], false)
		if c, ok := b.words[string(b.key)]; ok {
			b.words[string(b.key)] = c + 1
		} else {
			b.words[string(b.key)] = 1
		}
	}
}

// Entries returns the lexicon's entries, most frequent first, keeping the
// forms seen at least minCount times (alone and with the article).
func (b *LexiconBuilder) Entries(minCount int) []LexiconEntry {
	// A preposition and the article, with or without a conjunction, longest
	// first. لل is left out: a stem that starts with ل loses a lam after it
	// (للاجئين is ل + لاجئين), so what follows لل is not surely a stem.
	prepArticle := [...]string{"وبال", "فبال", "وكال", "فكال", "بال", "كال"}
	merged := make(map[string]stemCounts, len(b.words))
	for w, n := range b.words {
		if rest, ok := strings.CutPrefix(w, "ال"); ok && runeCount(rest) >= 2 {
			c := merged[rest]
			c.withAl += n
			merged[rest] = c
			continue
		}
		c := merged[w]
		c.alone += n
		merged[w] = c
		// Count a stem after a preposition and the article.
		for _, p := range prepArticle {
			if rest, ok := strings.CutPrefix(w, p); ok && runeCount(rest) >= 2 {
				c := merged[rest]
				c.afterPrep += n
				merged[rest] = c
				break
			}
		}
	}
	var out []LexiconEntry
	for w, c := range merged {
		if int(c.alone)+int(c.withAl) >= minCount {
			out = append(out, LexiconEntry{w, c.alone, c.withAl, c.afterPrep})
		}
	}
	slices.SortFunc(out, func(x, y LexiconEntry) int {
		if c := cmp.Compare(y.Alone+y.WithAl, x.Alone+x.WithAl); c != 0 {
			return c
		}
		return strings.Compare(x.Form, y.Form)
	})
	return out
}

// WriteLexicon writes entries in the form ReadLexicon reads, gzip-compressed.
func WriteLexicon(w io.Writer, entries []LexiconEntry) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString(lexiconHeader)
	for _, e := range entries {
		buf.WriteString(e.Form)
		buf.WriteByte('\t')
		buf.WriteString(strconv.FormatUint(uint64(e.Alone), 10))
		buf.WriteByte('\t')
		buf.WriteString(strconv.FormatUint(uint64(e.WithAl), 10))
		buf.WriteByte('\t')
		buf.WriteString(strconv.FormatUint(uint64(e.AfterPrep), 10))
		buf.WriteByte('\n')
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return err
	}
	return zw.Close()
}

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}
