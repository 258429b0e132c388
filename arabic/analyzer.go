package arabic

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/rasad/rasad/document"
)

var (
	//go:embed lexicon.txt.gz
	embeddedLexicon []byte
	//go:embed clitics.txt
	embeddedClitics string
	//go:embed unsegmented.txt
	embeddedUnsegmented string
	//go:embed abbreviations.txt
	embeddedAbbreviations string
)

// Analyzer is the Arabic text layer: it tokenises a text, splits it into
// sentences and segments its words. It is immutable once built and safe
// for concurrent use.
type Analyzer struct {
	lex         *Lexicon
	maxEvidence float64 // the largest evidence in lex, to skip hopeless lookups
	clitics     clitics
	unsegmented map[string]bool
	abbrevs     abbreviations
}

// NewAnalyzer returns an Analyzer built from the embedded lexicon.
func NewAnalyzer() (*Analyzer, error) {
	lex, err := ReadLexicon("lexicon.txt.gz", bytes.NewReader(embeddedLexicon))
	if err != nil {
		return nil, err
	}
	return NewAnalyzerWithLexicon(lex)
}

// NewAnalyzerWithLexicon returns an Analyzer that segments words with lex
// (for measuring a lexicon before it is embedded).
func NewAnalyzerWithLexicon(lex *Lexicon) (*Analyzer, error) {
	a := &Analyzer{lex: lex}
	var err error
	if a.clitics, err = parseClitics("clitics.txt", embeddedClitics); err != nil {
		return nil, fmt.Errorf("arabic: %w", err)
	}
	if a.unsegmented, err = parseWordList("unsegmented.txt", embeddedUnsegmented, func(w string) string { return string(appendFold(nil, w, false)) }); err != nil {
		return nil, fmt.Errorf("arabic: %w", err)
	}
	if a.abbrevs, err = parseAbbreviations("abbreviations.txt", embeddedAbbreviations); err != nil {
		return nil, fmt.Errorf("arabic: %w", err)
	}
	for _, c := range lex.forms {
		a.maxEvidence = max(a.maxEvidence, float64(c.alone)+a.clitics.proof*float64(c.withAl+c.afterPrep))
	}
	return a, nil
}

// Analyze returns the tokens of text, with Arabic words segmented into
// clitics and stem and every token's Norm filled in, and its sentences.
//
// Text is expected to be valid UTF-8; bytes that are not are skipped like
// white space.
func (a *Analyzer) Analyze(text string) ([]document.Token, []document.Range) {
	tokens := Tokenize(text, make([]document.Token, 0, len(text)/7+1))
	var sc wordScratch
	for i := range tokens {
		a.fill(text, &tokens[i], &sc)
	}
	return tokens, a.appendSentences(make([]document.Range, 0, len(tokens)/20+1), text, tokens)
}

// fill segments a word token and sets its Norm.
func (a *Analyzer) fill(text string, t *document.Token, sc *wordScratch) {
	if t.Kind != document.Word {
		t.Norm = a.norm(text[t.Start:t.End], "", sc)
		return
	}
	n := sc.letters(text[t.Start:t.End], t.Start)
	if n < 0 {
		t.Norm = a.norm(text[t.Start:t.End], "", sc)
		return
	}
	seg := a.segment(sc, n)
	t.StemStart, t.StemEnd = sc.textAt[seg.prefix], sc.textAt[n-seg.suffix]
	if seg.prefix > 0 {
		t.Prefix = text[t.Start:t.StemStart]
	}
	if seg.suffix > 0 {
		t.Suffix = text[t.StemEnd:t.End]
	}
	t.Norm = a.norm(text[t.StemStart:t.StemEnd], seg.restore, sc)
}

// norm returns the normalised form of s, with its last letter replaced
// by restore when that is not empty; it allocates only when s changes.
func (a *Analyzer) norm(s, restore string, sc *wordScratch) string {
	if restore == "" && !needsNormalizing(s) {
		return s
	}
	sc.norm = AppendNormalize(sc.norm[:0], s)
	if restore != "" {
		b := sc.norm
		if restore == "وا" {
			b = append(b, "ا"...)
		} else {
			// Drop the stem's last letter (ت or ي, two bytes) for the restored one.
			b = AppendNormalize(b[:len(b)-2], restore)
		}
		sc.norm = b
	}
	return string(sc.norm)
}

// Segmentation is how the segmenter splits one word.
type Segmentation struct {
	Prefix, Stem, Suffix string // surface forms; Prefix+Stem+Suffix is the word
	Norm                 string // the normalised stem, ة restored where written ت
}

// Segment splits one word (Arabic letters and diacritics only) into
// proclitics, stem and enclitic.
func (a *Analyzer) Segment(word string) Segmentation {
	t := document.Token{Start: 0, End: len(word), StemStart: 0, StemEnd: len(word), Kind: document.Word}
	var sc wordScratch
	a.fill(word, &t, &sc)
	return Segmentation{Prefix: t.Prefix, Stem: word[t.StemStart:t.StemEnd], Suffix: t.Suffix, Norm: t.Norm}
}
