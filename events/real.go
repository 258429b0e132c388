package events

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/read"
)

// RealFile is the name of the annotation file of a gold set by reference
// (testdata/real/README.md): one JSON object per line, one line per article.
const RealFile = "articles.jsonl"

// Span is a [start, end) pair of UTF-8 byte offsets into a record's content.
type Span [2]int

// RealArticle is one hand-coded article of a shared corpus, referred to by
// its corpus file and record id. Spans point into the record's "content"
// field as stored; SHA256 is the hex digest of that content, so that a
// changed corpus is detected rather than scored with shifted spans.
type RealArticle struct {
	Corpus string      `json:"corpus"`
	ID     string      `json:"id"`
	SHA256 string      `json:"sha256"`
	Split  string      `json:"split"`
	Events []RealEvent `json:"events"`
	Quotes []RealQuote `json:"quotes"`
	// Where is FILE:LINE of the annotation, for messages.
	Where string `json:"-"`
}

// RealEvent is a hand-coded event of a RealArticle; the fields mean what
// the fields of GoldEvent mean, with spans in place of strings.
type RealEvent struct {
	Type                  string          `json:"type"`
	Mode                  *string         `json:"mode"`
	Trigger               Span            `json:"trigger"`
	Actor                 *Span           `json:"actor"`
	ActorCanonical        *string         `json:"actor_canonical"`
	Target                *Span           `json:"target"`
	TargetCanonical       *string         `json:"target_canonical"`
	Participants          []Span          `json:"participants"`
	ParticipantsCanonical []*string       `json:"participants_canonical"`
	Place                 *Span           `json:"place"`
	Date                  *string         `json:"date"`
	DatePrecision         *string         `json:"date_precision"`
	Fatalities            *int            `json:"fatalities"`
	Modality              string          `json:"modality"`
	ACLED                 *document.ACLED `json:"acled"`
	OtherTriggers         []Span          `json:"other_triggers"`
}

// RealQuote is a hand-coded quote of a RealArticle.
type RealQuote struct {
	Speaker          Span    `json:"speaker"`
	SpeakerCanonical *string `json:"speaker_canonical"`
	Role             *Span   `json:"role"`
	Anonymous        bool    `json:"anonymous"`
	Content          Span    `json:"content"`
	Direct           bool    `json:"direct"`
}

// IsRealGold reports whether dir holds a gold set by reference rather than
// articles with their text.
func IsRealGold(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, RealFile))
	return err == nil
}

// LoadReal reads the annotations of dir/articles.jsonl, keeping those of
// split ("" keeps all).
func LoadReal(dir, split string) ([]RealArticle, error) {
	path := filepath.Join(dir, RealFile)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []RealArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	seen := map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var a RealArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		a.Where = fmt.Sprintf("%s:%d", path, line)
		if a.Corpus == "" || a.ID == "" || a.SHA256 == "" {
			return nil, fmt.Errorf("%s: corpus, id and sha256 are required", a.Where)
		}
		if seen[a.Corpus+"#"+a.ID] {
			return nil, fmt.Errorf("%s: %s is annotated twice", a.Where, a.ID)
		}
		seen[a.Corpus+"#"+a.ID] = true
		if split == "" || a.Split == split {
			out = append(out, a)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no annotated articles (split %q)", path, split)
	}
	return out, nil
}

// ReadRecords reads the records the annotations refer to from the corpus
// files under root (the shared data folder), keyed by corpus and id
// ("news-saudinewsnet/articles.jsonl.gz#snn-00035"). It fails when a
// record is missing or its content no longer has the annotated digest.
func ReadRecords(ctx context.Context, root string, arts []RealArticle) (map[string]*read.Article, error) {
	want := map[string]map[string]*RealArticle{}
	for i := range arts {
		a := &arts[i]
		if want[a.Corpus] == nil {
			want[a.Corpus] = map[string]*RealArticle{}
		}
		want[a.Corpus][a.ID] = a
	}
	corpora := make([]string, 0, len(want))
	for c := range want {
		corpora = append(corpora, c)
	}
	sort.Strings(corpora)
	out := map[string]*read.Article{}
	for _, c := range corpora {
		ids := want[c]
		for rec, err := range read.Articles(ctx, []string{filepath.Join(root, c)}, read.Options{}) {
			if err != nil {
				if _, skipped := err.(*read.Error); skipped {
					continue
				}
				return nil, err
			}
			a := ids[rec.ID]
			if a == nil {
				continue
			}
			sum := sha256.Sum256([]byte(rec.Text))
			if hex.EncodeToString(sum[:]) != a.SHA256 {
				return nil, fmt.Errorf("%s: the content of %s in %s has changed (sha256 differs); the spans no longer apply", a.Where, a.ID, c)
			}
			out[c+"#"+a.ID] = rec
			if len(out) == len(arts) {
				break
			}
		}
	}
	for i := range arts {
		if out[arts[i].Corpus+"#"+arts[i].ID] == nil {
			return nil, fmt.Errorf("%s: no record %s in %s", arts[i].Where, arts[i].ID, filepath.Join(root, arts[i].Corpus))
		}
	}
	return out, nil
}

// Resolve turns the annotation into a GoldArticle on the cleaned text of
// the document the pipeline made of the record: every span of content is
// carried to the same words of text (the cleaner may change spaces and
// drop lines), then written as string and occurrence like the written gold.
func (a *RealArticle) Resolve(content, text, published string) (*GoldArticle, error) {
	at := align(content, text)
	var err error
	str := func(s Span, what string) (string, int) {
		if err != nil {
			return "", 0
		}
		if s[0] < 0 || s[0] >= s[1] || s[1] > len(content) || !utf8.RuneStart(content[s[0]]) ||
			s[1] < len(content) && !utf8.RuneStart(content[s[1]]) {
			err = fmt.Errorf("%s: %s span %v is not a span of the content", a.Where, what, s)
			return "", 0
		}
		start, end, ok := at.span(s[0], s[1])
		if !ok {
			err = fmt.Errorf("%s: %s span %v was removed by the cleaner", a.Where, what, s)
			return "", 0
		}
		return text[start:end], occurrence(text, text[start:end], start)
	}
	opt := func(s *Span, what string) (*string, int) {
		if s == nil {
			return nil, 0
		}
		v, n := str(*s, what)
		return &v, n
	}
	g := &GoldArticle{ID: a.ID, Published: published, Text: text, File: a.Where}
	for _, e := range a.Events {
		ge := GoldEvent{Type: e.Type, Mode: e.Mode, Date: e.Date, DatePrecision: e.DatePrecision,
			Fatalities: e.Fatalities, Modality: e.Modality, ACLED: e.ACLED,
			ActorCanonical: e.ActorCanonical, TargetCanonical: e.TargetCanonical}
		ge.Trigger, ge.TriggerOccurrence = str(e.Trigger, "trigger")
		ge.Actor, ge.ActorOccurrence = opt(e.Actor, "actor")
		ge.Target, ge.TargetOccurrence = opt(e.Target, "target")
		ge.Place, ge.PlaceOccurrence = opt(e.Place, "place")
		for _, p := range e.Participants {
			s, _ := str(p, "participant")
			ge.Participants = append(ge.Participants, s)
		}
		for _, o := range e.OtherTriggers {
			s, n := str(o, "other trigger")
			ge.OtherTriggers = append(ge.OtherTriggers, s)
			ge.OtherTriggersOccurrence = append(ge.OtherTriggersOccurrence, n)
		}
		g.Events = append(g.Events, ge)
	}
	for _, q := range a.Quotes {
		gq := GoldQuote{Direct: q.Direct}
		gq.Speaker, _ = str(q.Speaker, "speaker")
		gq.SpeakerCanonical = deref(q.SpeakerCanonical)
		if q.Role != nil {
			gq.Role, _ = str(*q.Role, "role")
		}
		gq.Content, gq.ContentOccurrence = str(q.Content, "content")
		g.Quotes = append(g.Quotes, gq)
	}
	if err != nil {
		return nil, err
	}
	return g, nil
}

// occurrence returns n such that locate(text, s, n) starts at start.
func occurrence(text, s string, start int) int {
	for n := 1; ; n++ {
		i, _, ok := locate(text, s, n)
		if !ok || i >= start {
			return n
		}
	}
}

// alignment maps byte offsets of one text to the offsets of the same
// characters in a second text made from it by changing spaces and
// dropping stretches (what the cleaner does). to[i] is -1 for a byte of
// the first text that has no counterpart.
type alignment struct {
	to     []int
	src, b string
}

// span maps [start, end) of the first text; ok is false when its first or
// last character was dropped.
func (al alignment) span(start, end int) (int, int, bool) {
	last := end - 1
	for last > start && !utf8.RuneStart(al.src[last]) {
		last--
	}
	s, l := al.to[start], al.to[last]
	if s < 0 || l < 0 || l < s {
		return 0, 0, false
	}
	_, size := utf8.DecodeRuneInString(al.b[l:])
	return s, l + size, true
}

// align walks both texts rune by rune: equal runes are paired, spaces and
// invisible format characters on either side are skipped, and where the
// texts differ the first one is skipped up to the next place where the
// second one goes on (the cleaner dropped that stretch).
func align(a, b string) alignment {
	al := alignment{to: make([]int, len(a)+1), b: b, src: a}
	for k := range al.to {
		al.to[k] = -1
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ra, na := utf8.DecodeRuneInString(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[j:])
		switch {
		case ra == rb:
			al.to[i] = j
			i, j = i+na, j+nb
		case skippable(ra):
			i += na
		case skippable(rb):
			j += nb
		default:
			// Resume a where the next words of b are found again.
			probe := b[j:min(len(b), j+nextWords(b[j:], 3))]
			if k := strings.Index(a[i:], probe); probe != "" && k > 0 {
				i += k
				continue
			}
			// A changed character: pair them and go on.
			al.to[i] = j
			i, j = i+na, j+nb
		}
	}
	al.to[len(a)] = len(b)
	return al
}

// nextWords returns the byte length of the first n space-separated words of s.
func nextWords(s string, n int) int {
	words := 0
	inWord := false
	for k, r := range s {
		if skippable(r) {
			if inWord {
				if words++; words == n {
					return k
				}
			}
			inWord = false
			continue
		}
		inWord = true
	}
	return len(s)
}

func skippable(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || r == '\u00a0'
}
