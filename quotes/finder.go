package quotes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rasad/rasad/actors"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
)

// Finder finds quotes in analysed documents. It is immutable once built and
// safe for concurrent use.
type Finder struct {
	cues   map[string]cue
	words  map[string]wordClass
	actors *actors.List // nil: speakers are named from entities only
}

// WithActors returns a Finder that also names speakers from the actor
// list where the tagger left them unnamed ("المتحدث باسم الجيش أحمد
// المسماري" → the list's canonical name). Only names count, never a
// description that depends on the article's country or date.
func (f *Finder) WithActors(l *actors.List) *Finder {
	g := *f
	g.actors = l
	return &g
}

// New returns a Finder built from the embedded cue and speaker lexicons.
func New() (*Finder, error) {
	return Parse("cues.tsv", embeddedCues, "speakers.tsv", embeddedSpeakers)
}

// Parse returns a Finder built from a cue lexicon and a speaker word list
// in the formats of the embedded cues.tsv and speakers.tsv; errors name the
// file and line.
func Parse(cuesName, cuesData, wordsName, wordsData string) (*Finder, error) {
	cues, err := parseCues(cuesName, cuesData)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	words, err := parseWords(wordsName, wordsData)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	return &Finder{cues: cues, words: words}, nil
}

// Find appends to d.Quotes the quotes of d, in text order, numbered after
// the ones already there. It reads d.Text, d.Tokens, d.Sentences (through
// the tokens) and d.Entities, when the tagger found any.
func (f *Finder) Find(d *document.Document) {
	s := newScan(f, d)
	for i := range s.toks {
		if s.claimed[i] || !s.isWord(i) {
			continue
		}
		c, ok := s.cueAt(i)
		if !ok {
			continue
		}
		switch c.kind {
		case cueSay:
			s.say(i, c, false)
		case cueParticiple:
			s.say(i, c, true)
		case cueWithin:
			if s.at(i+1) == "في" && s.class(i+2) == classStatement {
				s.say(i, c, false)
			}
		case cueAccording:
			s.according(i)
		}
	}
	slices.SortStableFunc(s.found, func(a, b found) int { return a.q.Cue.Start - b.q.Cue.Start })
	for _, fq := range s.found {
		fq.q.ID = fmt.Sprintf("Q%d", len(d.Quotes)+1)
		d.Quotes = append(d.Quotes, fq.q)
	}
}

// found is a quote with what later quotes need to know about it.
type found struct {
	q        document.Quote
	feminine bool // the cue was feminine ("أضافت"), so was its speaker
	sent     int  // the sentence of the cue
}

// scan is the working state of one Find call.
type scan struct {
	f       *Finder
	d       *document.Document
	text    string
	toks    []document.Token
	norm    []string // normalised surface form of each token
	sent    []int    // sentence index of each token
	claimed []bool   // tokens already part of a quote
	said    []bool   // tokens inside a quote's content
	closer  []int    // for a token opening a quotation, the one closing it; else -1
	found   []found
	// named are the actor-list names in the text, when the Finder has a list.
	named []actors.Mention
	// lastAnon is the canonical form of the last anonymous source, which
	// a later bare "المصدر" refers back to.
	lastAnon string
}

func newScan(f *Finder, d *document.Document) *scan {
	s := &scan{f: f, d: d, text: d.Text, toks: d.Tokens,
		norm:    make([]string, len(d.Tokens)),
		sent:    make([]int, len(d.Tokens)),
		claimed: make([]bool, len(d.Tokens)),
		said:    make([]bool, len(d.Tokens)),
	}
	if f.actors != nil {
		for _, m := range f.actors.Mentions(d.Text, d.Tokens, actors.Context{}) {
			if c, ok := m.Best(); ok && !m.Ambiguous && !c.Described() {
				s.named = append(s.named, m)
			}
		}
	}
	si := 0
	for i, t := range d.Tokens {
		s.norm[i] = arabic.Normalize(d.Text[t.Start:t.End])
		for si < len(d.Sentences) && d.Sentences[si][1] <= t.Start {
			si++
		}
		s.sent[i] = si
	}
	s.pairQuotes()
	return s
}

func (s *scan) isWord(i int) bool {
	if i < 0 || i >= len(s.toks) {
		return false
	}
	k := s.toks[i].Kind
	return k == document.Word || k == document.LatinWord || k == document.Number
}

func (s *scan) at(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.norm[i]
}

func (s *scan) isComma(i int) bool {
	switch s.at(i) {
	case "،", ",", "؛", ";":
		return true
	}
	return false
}

func (s *scan) endsSentence(i int) bool {
	switch s.at(i) {
	case ".":
		// Not the dots of an abbreviation: "(إن.بي.سي)".
		return !(i+1 < len(s.toks) && s.toks[i+1].Start == s.toks[i].End && s.isWord(i+1))
	case "؟", "?", "!":
		return true
	}
	return false
}

// isComplementizer reports whether token i is إن/أن (أنه، بأن، وأن …),
// which opens reported speech.
func (s *scan) isComplementizer(i int) bool {
	if !s.isWord(i) || s.toks[i].Norm != "ان" {
		return false
	}
	if s.at(i+1) == "كي" || i+1 < len(s.toks) && s.toks[i+1].Start == s.toks[i].End && s.at(i+1) == "." {
		// "بان كي مون" is a name; "(إن.بي.سي)" an abbreviation.
		return false
	}
	switch s.toks[i].Prefix {
	case "", "ب", "و", "ف", "وب":
		return true
	}
	return false
}

// cueAt returns the cue that token i is, trying its surface form, then
// without a leading و or ف, each with and without the pronoun suffix the
// segmenter split off ("وصفته").
func (s *scan) cueAt(i int) (cue, bool) {
	if !s.isWord(i) || s.at(i-1) == "عدم" || s.at(i-1) == "في" || strings.ContainsRune(s.text[s.toks[i].Start:s.toks[i].End], '\u064F') {
		// "طلب عدم ذكر اسمه", "في إفادتها": a verbal noun, not a
		// statement; "اعتُبر"
		// written with its damma: a passive, with no speaker.
		return cue{}, false
	}
	n := s.norm[i]
	forms := []string{n}
	if r, ok := strings.CutPrefix(n, "و"); ok && r != "" {
		forms = append(forms, r)
	} else if r, ok := strings.CutPrefix(n, "ف"); ok && r != "" {
		forms = append(forms, r)
	}
	for _, form := range forms {
		if c, ok := s.f.cues[form]; ok {
			return c, true
		}
		if suf := s.toks[i].Suffix; suf != "" {
			if r, ok := strings.CutSuffix(form, arabic.Normalize(suf)); ok && r != "" {
				if c, ok := s.f.cues[r]; ok && c.kind != cueFiller {
					return c, true
				}
			}
		}
	}
	return cue{}, false
}

// isCue reports whether token i is a cue other than a filler word (جاء
// only before في and a medium: "جاء في بيان").
func (s *scan) isCue(i int) bool {
	c, ok := s.cueAt(i)
	return ok && c.kind != cueFiller && (c.kind != cueWithin || s.at(i+1) == "في" && s.class(i+2) == classStatement)
}

// class returns the speaker-word class of token i, by its surface form or
// else its stem (so that المصدر is found as مصدر).
func (s *scan) class(i int) wordClass {
	if !s.isWord(i) {
		return 0
	}
	if c, ok := s.f.words[s.norm[i]]; ok {
		return c
	}
	if s.toks[i].Prefix != "" {
		return s.f.words[s.toks[i].Norm]
	}
	return 0
}

// speakerGoesOn reports whether token i, right after a short quotation
// that follows a verb of saying, shows the quotation was the speaker's
// name ("وقال "الصدر" في بيان: …", "قالت "الجبهة": …"), not what was said
// ("وقال "لا تراجع عن القرار".").
func (s *scan) speakerGoesOn(i int) bool {
	if i >= len(s.toks) || s.sent[i] != s.sent[i-1] {
		return false
	}
	n := s.at(i)
	return s.isComplementizer(i) || s.isComma(i) || n == "في" || n == ":" || strings.HasPrefix(s.toks[i].Prefix, "ل")
}

// medium reports whether token i is a medium of speech, also with a
// pronoun ("في بيانه", "في إفادتها"), ending the speaker phrase before في.
func (s *scan) medium(i int) bool {
	return s.class(i) == classStatement || s.isWord(i) && s.f.words[s.toks[i].Norm] == classStatement
}

// isDefinite reports whether token i carries the article (الجيش، للجيش).
func (s *scan) isDefinite(i int) bool {
	p := s.toks[i].Prefix
	return strings.HasSuffix(p, "ال") || strings.HasSuffix(p, "لل")
}

// openQuote returns the token index of the mark closing the quotation
// that token i opens, or -1 when token i opens none (or it is never
// closed).
func (s *scan) openQuote(i int) int {
	if i < 0 || i >= len(s.closer) {
		return -1
	}
	return s.closer[i]
}

// pairQuotes finds, for each token, the mark that closes the quotation it
// opens: « with », “ with ”, and a straight double quote with the next
// one. A straight quote glued to the word after it and not to the one
// before opens; glued only to the word before, it closes; otherwise it
// alternates. A quotation must start with a word and stay within a few
// sentences, so that a stray mark does not swallow the article.
func (s *scan) pairQuotes() {
	s.closer = make([]int, len(s.toks))
	open := map[string]int{} // opening mark → its token, while unclosed
	closing := map[string]string{"»": "«", "”": "“"}
	for i := range s.toks {
		s.closer[i] = -1
		n := s.norm[i]
		if s.toks[i].Kind != document.Punct {
			continue
		}
		var opens bool
		switch n {
		case "«", "“":
			opens = true
		case "»", "”":
			n = closing[n]
		case "\"":
			before := i > 0 && s.toks[i-1].End == s.toks[i].Start && s.isWord(i-1)
			after := i+1 < len(s.toks) && s.toks[i+1].Start == s.toks[i].End && s.isWord(i+1)
			_, isOpen := open[n]
			opens = after && !before || after == before && !isOpen
		default:
			continue
		}
		if opens {
			open[n] = i
			continue
		}
		if j, ok := open[n]; ok {
			if i > j+1 && s.isWord(j+1) && s.sent[i-1]-s.sent[j] <= 4 {
				s.closer[j] = i
			}
			delete(open, n)
		}
	}
}

// leadStart returns the first token of sentence si's main clause: after a
// short lead phrase such as "من جانبه،" or "وفي سياق آخر،".
func (s *scan) leadStart(first int) int {
	switch strings.TrimPrefix(s.at(first), "و") {
	case "من", "في", "على", "كما":
	default:
		return first
	}
	for j := first + 1; j < len(s.toks) && j <= first+5 && s.sent[j] == s.sent[first]; j++ {
		if s.isComma(j) {
			return j + 1
		}
	}
	return first
}

// sentenceFirst returns the first token of the sentence of token i.
func (s *scan) sentenceFirst(i int) int {
	for i > 0 && s.sent[i-1] == s.sent[i] {
		i--
	}
	return i
}

// phrase returns the speaker phrase starting at token j: tokens [a,b) and
// the byte offset its text starts at (after a ل clitic: "لمكتب" →
// "مكتب"). A medium of speech in front is skipped ("بيان لمكتب …").
// b == a when there is none. With object set the phrase is the subject of
// some other verb and ends before a ب object ("ندد المجلس بالهجوم").
func (s *scan) phrase(j int, object bool) (a, b, off int) {
	a = j
	if s.class(a) == classStatement && s.sent[min(a+1, len(s.toks)-1)] == s.sent[a] {
		a++
	}
	if !s.isWord(a) || s.sent[a] != s.sent[j] || s.isComplementizer(a) ||
		s.class(a) == classStop || s.at(a) == "في" || s.at(a) == "ل" || s.isCue(a) {
		return a, a, 0
	}
	t := s.toks[a]
	switch t.Prefix {
	case "ل", "ول", "لل", "ولل", "و":
		off = t.StemStart
		if s.entityAt(t.Start, s.text[t.Start:t.End]) {
			// "وتابع وليد": a name the segmenter read as و+ليد.
			off = t.Start
		}
	default:
		off = t.Start
	}
	anon := s.class(a) == classAnonymous
	for b = a + 1; b < len(s.toks) && b-a < 12 && s.sent[b] == s.sent[a] && s.isWord(b); b++ {
		if s.isComplementizer(b) || s.class(b) == classStop || s.class(b) == classStatement || s.isCue(b) {
			break
		}
		if s.at(b) == "في" && s.medium(b+1) || s.at(b) == "ل" {
			break
		}
		if s.class(b) == classMedium && strings.HasPrefix(s.toks[b].Prefix, "ل") {
			// "قال السنين لصحيفة …": the outlet he spoke to.
			break
		}
		if anon && strings.HasPrefix(s.toks[b].Prefix, "ل") {
			break
		}
		if object && strings.HasPrefix(s.toks[b].Prefix, "ب") && !strings.HasPrefix(s.at(b), "باسم") {
			break
		}
	}
	return a, b, off
}

// speaker describes the phrase [a,b) starting at byte off.
func (s *scan) speaker(a, b, off int) document.Speaker {
	sp := s.describe(a, b, off)
	if sp.Entity == "" && sp.Role == "" && !sp.Anonymous && (b-a == 1 || b-a == 2 && s.class(a) == classNameLink) {
		s.resolve(&sp, a, b)
	}
	return sp
}

// resolve gives a short speaker phrase ("عراقجي"، "المديرية") the fuller
// name an earlier mention of the same word has, outside quoted content:
// a titled name ("وزير الخارجية الإيراني عباس عراقجي") or, for one word,
// the phrase it heads ("مديرية أمن زوارة").
func (s *scan) resolve(sp *document.Speaker, a, b int) {
	last := s.toks[b-1].Norm
	for j := 0; j < a; j++ {
		if s.said[j] || !s.isWord(j) || s.toks[j].Norm != last {
			continue
		}
		from := s.sentenceFirst(j)
		if n := s.nameStart(max(from, j-6), j+1); n >= 0 && n < j-(b-a-1) {
			if t := s.titleBefore(n); t >= 0 {
				sp.Canonical = s.text[s.toks[n].Start:s.toks[j].End]
				r := n
				for r > t && s.class(r-1) == classRank {
					r--
				}
				start := s.toks[t].Start
				if strings.HasPrefix(s.toks[t].Prefix, "و") {
					start += len("و")
				}
				sp.Role = s.text[start:s.toks[r-1].End]
				return
			}
		}
		if b-a == 1 {
			if pa, pb, off := s.phrase(j, true); pa == j && pb-pa >= 2 {
				sp.Canonical = s.describe(pa, pb, off).Canonical
				return
			}
		}
	}
}

// titleBefore returns the title word that the name starting at token n
// completes ("وزير الخارجية الإيراني عباس عراقجي"), or -1: a title a few
// words before it in the same clause, with nothing between but its
// complements (a word without the article right after another with it
// starts a new name).
func (s *scan) titleBefore(n int) int {
	for t := n - 1; t >= 0 && t >= n-8 && s.isWord(t) && s.sent[t] == s.sent[n]; t-- {
		if s.class(t) == classTitle {
			return t
		}
		if !s.isDefinite(t) && s.toks[t].Prefix == "" && t > 0 && s.isWord(t-1) && s.isDefinite(t-1) && s.class(t-1) != classTitle {
			return -1
		}
	}
	return -1
}

// describe reads the phrase [a,b) alone: its name, role and whether it is
// anonymous.
func (s *scan) describe(a, b, off int) document.Speaker {
	end := s.toks[b-1].End
	sp := document.Speaker{Text: s.text[off:end]}
	sp.Canonical = sp.Text
	if t := s.toks[a]; off == t.StemStart && strings.HasSuffix(t.Prefix, "لل") {
		// "للمرصد السوري": the article merged into the clitic comes back.
		sp.Text = "ال" + sp.Text
		sp.Canonical = sp.Text
	}
	head := s.class(a)
	if head == classAnonymous {
		sp.Anonymous = true
		if b-a == 1 && s.isDefinite(a) && s.lastAnon != "" {
			sp.Canonical = s.lastAnon
		} else {
			s.lastAnon = sp.Canonical
		}
		return sp
	}
	var ent *document.Entity
	for k := range s.d.Entities {
		e := &s.d.Entities[k]
		if e.Start < off || e.End > end {
			continue
		}
		switch {
		case e.Type == document.PER && e.Start < s.toks[a].End && (head == classTitle || head == classRank):
			// The tagger took the title in ("قائممقام سيدكان").
			continue
		case e.Type == document.ORG && (head == classTitle || head == classRank || e.Start >= s.toks[a].End):
			// A body under a title is part of it ("الناطق باسم الجيش"),
			// and one further in is not the speaker ("منصات تابعة للدعم").
			continue
		case e.Type != document.PER && e.Type != document.ORG:
			continue
		}
		if ent == nil || e.Type == document.PER {
			ent = e
		}
	}
	name := -1
	if ent != nil {
		sp.Canonical, sp.Entity = ent.Canonical, ent.ID
		if sp.Canonical == "" {
			sp.Canonical = ent.Text
		}
		for k := a; k < b; k++ {
			if s.toks[k].End > ent.Start {
				name = k
				break
			}
		}
		// The tagger may cut a name short ("رائد [الصالح]", "ل[يني
		// كينزلي]"): where it gave no other canonical form, the name runs
		// from where the phrase's own reading starts it.
		if ent.Type == document.PER && (sp.Canonical == ent.Text) && (head == classTitle || head == classRank) {
			if n := s.nameStart(a, b); n >= 0 && n <= name && ent.End == end {
				name = n
			}
			sp.Canonical = s.text[s.toks[name].Start:ent.End]
		}
	} else if m, ok := s.namedIn(off, end); ok {
		c, _ := m.Best()
		sp.Canonical = c.Actor.NameAR
		for k := a; k < b; k++ {
			if s.toks[k].End > m.Start {
				name = k
				break
			}
		}
	} else if head == classTitle || head == classRank {
		name = s.nameStart(a, b)
		if name < 0 {
			sp.Role = sp.Text
			return sp
		}
		sp.Canonical = s.text[s.toks[name].Start:end]
	}
	if name < 0 {
		return sp
	}
	r := name
	for r > a && s.class(r-1) == classRank {
		r--
	}
	if r > a {
		sp.Role = s.text[off:s.toks[r-1].End]
	}
	return sp
}

// nameStart returns the first token of the personal name that ends the
// phrase [a,b), or -1 when the phrase ends in no name ("وزير الخارجية
// الإيراني"). A name is a run of words without the article, with family
// names that have it after them (أحمد المسماري، حسام الدين الجبابلي) and
// compounds (عبد الله).
func (s *scan) nameStart(a, b int) int {
	name, bare := -1, false
	for k := b - 1; k >= a; k-- {
		switch s.class(k) {
		case classTitle, classRank, classStatement, classStop:
			k = a // stop
			continue
		}
		// A name may look clitic-led (كزمان، بليحق); a complement may not
		// (باسمه، للحوثيين).
		if p := s.toks[k].Prefix; p == "ل" || strings.HasSuffix(p, "لل") || strings.HasSuffix(p, "بال") ||
			strings.HasPrefix(s.at(k), "باسم") || !s.isWord(k) || s.at(k) == "في" {
			break
		}
		if s.isDefinite(k) && bare {
			if k > a && s.class(k-1) == classNameLink {
				name = k - 1
			}
			break
		}
		if !s.isDefinite(k) {
			bare = true
		}
		name = k
	}
	if !bare || s.at(name-1) == "في" {
		// "مديرة مكتب المفوضية في حلب": a place, not a name.
		return -1
	}
	if name > a && s.class(name-1) == classTitle && !s.isDefinite(name-1) && b-name >= 3 {
		// "محافظ تعز نبيل شمسان": a title without the article governs
		// the word after it.
		name++
	}
	return name
}

// carried returns the speaker of a cue at token i with no subject: the
// previous quote of the same sentence, the subject of the sentence's first
// verb, or the previous quote (the last feminine one for a feminine cue).
func (s *scan) carried(i int, feminine bool) (document.Speaker, bool) {
	if from := s.relayedFrom(i); from >= 0 {
		if sp, ok := s.relayedSpeaker(from, i); ok {
			return sp, true
		}
	}
	for k := len(s.found) - 1; k >= 0 && s.found[k].sent == s.sent[i]; k-- {
		if s.found[k].q.Cue.Start < s.toks[i].Start {
			return s.found[k].q.Speaker, true
		}
	}
	if pro := s.at(i - 1); pro == "عنه" || pro == "عنها" {
		// "ونقلت منصة … عنه قوله": the one quoted is a previous speaker.
	} else if s.relayedFrom(i) >= 0 {
		// A source after عن that is no speaker phrase: the one before.
	} else if first := s.leadStart(s.sentenceFirst(i)); first < i {
		// "المسماري قال إن", "وكان المسماري قد قال إن": the subject
		// stands before the verb.
		subj := first
		if v := strings.TrimPrefix(s.at(first), "و"); v == "كان" || v == "كانت" {
			subj++
		}
		if a, b, off := s.phrase(subj, false); b > a && (b == i || b == i-1 && s.at(b) == "قد") {
			return s.speaker(a, b, off), true
		}
		// "ورحب المجلس …، معتبرا": the subject of the sentence's verb.
		if a, b, off := s.phrase(first+1, true); b > a && b <= i {
			return s.speaker(a, b, off), true
		}
	}
	for k := len(s.found) - 1; k >= 0; k-- {
		if !feminine || s.found[k].feminine {
			return s.found[k].q.Speaker, true
		}
	}
	if n := len(s.found); n > 0 {
		return s.found[n-1].q.Speaker, true
	}
	return document.Speaker{}, false
}

// say reads the quote a verb of saying (or a participle) at token i opens.
func (s *scan) say(i int, c cue, participle bool) {
	cueSpan := s.cueSpan(i)
	var sp document.Speaker
	hasSpeaker := false
	j := i + 1
	if c.kind == cueWithin {
		// "وجاء في بيان الجيش": the phrase after في names the speaker.
		j++
	}
	// "وقال لرويترز": no subject, but the one spoken to.
	if !participle && !strings.HasPrefix(s.toks[min(j, len(s.toks)-1)].Prefix, "ل") {
		if c := s.openQuote(j); c >= 0 && s.quoteWords(j) <= 4 && s.class(j+1) != classStop && s.speakerGoesOn(c+1) {
			// "وقال "الصدر" في بيان": the speaker's name in marks.
			if a, b, off := s.phrase(j+1, false); b == c {
				sp, hasSpeaker = s.speaker(a, b, off), true
				j = c + 1
			}
		} else if a, b, off := s.phrase(j, false); b > a {
			sp, hasSpeaker = s.speaker(a, b, off), true
			j = b
			// "الناطق باسم الجيش الليبي، اللواء أحمد المسماري،": a name set
			// off by a comma after a title.
			if s.isComma(b) && sp.Role == sp.Text && sp.Entity == "" {
				if na, nb, _ := s.phrase(b+1, false); nb > na {
					n := s.nameStart(na, nb)
					r := n
					for r > na && s.class(r-1) == classRank {
						r--
					}
					if n >= 0 && r == na {
						sp.Text = s.text[off:s.toks[nb-1].End]
						sp.Canonical = s.describe(n, nb, s.toks[n].Start).Canonical
						j = nb
					}
				}
			}
			// "أحد المشاركين، ويدعى مازن العولقي،": the description is the role.
			if s.isComma(b) && isCalled(strings.TrimPrefix(s.at(b+1), "و")) {
				if na, nb, _ := s.phrase(b+2, false); nb > na {
					sp = document.Speaker{
						Text:      s.text[off:s.toks[nb-1].End],
						Canonical: s.text[s.toks[na].Start:s.toks[nb-1].End],
						Role:      sp.Text,
					}
					j = nb
				}
			}
		}
	}
	// The content opens within a few tokens: إن/أن, a colon, or a quotation.
	start, direct, unclosed := -1, false, false
	for k := j; k < len(s.toks) && k < j+25 && s.sent[k] == s.sent[i]; k++ {
		if s.isComplementizer(k) {
			if k-1 > j && (s.at(k-1) == "علي" || s.at(k-1) == "الي" || s.at(k-1) == "من") && !(s.at(k-1) == "الي" && (s.onlyPunct(j, k-1) || s.takesIla(i))) {
				// "…، على أن تتولى لجنة": a condition, not what was said;
				// "أشار إلى أن" has its preposition right after the verb.
				return
			}
			switch s.at(k - 1) {
			case "بعد", "قبل", "دون", "رغم", "حتي", "منذ":
				// "بعد أن التقى السفير": a time or manner clause, not
				// what was said, which may still follow.
				continue
			}
			start = k + 1
			break
		}
		if k == j && !participle && s.at(k) == "علي" && s.isWord(k+1) && !s.isComplementizer(k+1) && s.sent[k+1] == s.sent[i] {
			// "شدد على ضرورة …": what was stressed, with no أن.
			start = k + 1
			break
		}
		if s.at(k) == ":" {
			if s.isComplementizer(k + 1) {
				// "قال في بيان: إن …": the colon and إن both open it.
				k++
			}
			start, direct = k+1, s.openQuote(k+1) >= 0
			break
		}
		if k == j && s.unclosedMark(k) {
			// "قائلا " يجب …" with the mark never closed: what follows, to
			// the end of its clause, is the quotation.
			start, unclosed = k+1, true
			break
		}
		if c := s.openQuote(k); c >= 0 && (s.quoteWords(k) >= 3 || k == j && (s.endsSentence(c+1) || c+1 == len(s.toks))) && !s.isComplementizer(c+1) {
			// Not a name in marks: "قالت صحيفة «واشنطن بوست» إن"; nor a
			// description of the speaker in marks before إن ("قالت منظمة
			// العفو "المعنية بالدفاع عن حقوق الإنسان" إن …").
			start, direct = k, true
			break
		}
		if s.endsSentence(k) {
			break
		}
		if c, _ := s.cueAt(k); c.kind == cueAccording && s.class(k+1) == classStatement {
			// "وقال المالكي، بحسب بيان له: …": where he said it.
			continue
		}
		if s.isCue(k) {
			// "وذكرت القناة، نقلا عن مصدر قضائي، أن …": the source is the speaker.
			if s.at(k) == "نقلا" && s.at(k+1) == "عن" {
				a, b, off := s.phrase(k+2, false)
				if b == a {
					return
				}
				sp, hasSpeaker = s.speaker(a, b, off), true
				cueSpan = document.SpanOf(s.text, s.toks[k].Start, s.toks[k+1].End)
				k = b - 1
				continue
			}
			return
		}
	}
	if start < 0 {
		// "«…»، قال المسماري": the quotation comes first.
		if q := s.quotedBefore(i); q >= 0 && !s.claimed[q] {
			start, direct = q, true
		}
	}
	if start < 0 || start >= len(s.toks) {
		return
	}
	if !hasSpeaker {
		if sp, hasSpeaker = s.carried(i, c.feminine); !hasSpeaker {
			return
		}
	}
	start0 := start
	last := max(i, j-1)
	for start >= 0 {
		var q document.Quote
		var next int
		if direct {
			q, next = s.quoted(start)
		} else {
			q, next = s.reported(start)
		}
		if next < 0 || !strings.ContainsAny(strings.TrimSpace(q.Content.Text), " \n") {
			// A single word is a name or a heading, not what was said.
			break
		}
		q.Speaker, q.Cue = sp, cueSpan
		q.Direct = q.Direct || unclosed
		s.found = append(s.found, found{q: q, feminine: c.feminine, sent: s.sent[i]})
		s.markSaid(q.Content)
		last = next
		// "…"، وأن …: a second statement under the same cue.
		start, direct, unclosed = -1, false, false
		if s.isComma(next+1) && s.isComplementizer(next+2) && s.toks[next+2].Prefix == "و" {
			start = next + 3
		}
	}
	for k := min(i, start0); k <= last && k < len(s.claimed); k++ {
		s.claimed[k] = true
	}
}

// quotedBefore returns the token opening a quotation that ends just
// before the comma in front of token i ("«…»، قال"), or -1.
func (s *scan) quotedBefore(i int) int {
	if !s.isComma(i-1) || i < 2 {
		return -1
	}
	for q := i - 3; q >= 0 && s.sent[q] >= s.sent[i-2]-3; q-- {
		if s.closer[q] == i-2 {
			return q
		}
	}
	return -1
}

// entityAt reports whether the tagger found an entity starting at byte
// start, or one anywhere whose first word is word (a name written in full
// once, then alone).
func (s *scan) entityAt(start int, word string) bool {
	for _, e := range s.d.Entities {
		if e.Start == start || e.Type == document.PER && strings.HasPrefix(e.Text, word+" ") {
			return true
		}
	}
	return false
}

// unclosedMark reports whether token i is a quotation mark that opens
// (a word follows) but is never closed.
func (s *scan) unclosedMark(i int) bool {
	switch s.at(i) {
	case "\"", "«", "“":
		return s.closer[i] < 0 && !slices.Contains(s.closer, i) && s.isWord(i+1) && s.sent[i+1] == s.sent[i]
	}
	return false
}

// takesIla reports whether the cue at token i takes its content after
// إلى (أشار، لفت، نوّه): then "إلى أن" anywhere after it is what was said
// ("وأشار في هذا الصدد إلى أن …"), not "until".
func (s *scan) takesIla(i int) bool {
	n := strings.TrimPrefix(s.cueForm(i), "و")
	for _, stem := range []string{"اشار", "لفت", "نوه", "مشير", "لافت", "منوه"} {
		if strings.HasPrefix(n, stem) {
			return true
		}
	}
	return false
}

// cueForm is the normalised cue word at token i without the pronoun
// suffix the segmenter split off.
func (s *scan) cueForm(i int) string {
	if suf := s.toks[i].Suffix; suf != "" {
		return strings.TrimSuffix(s.norm[i], arabic.Normalize(suf))
	}
	return s.norm[i]
}

// onlyPunct reports whether tokens [from,to) are all punctuation: "ولفت
// بان كي مون، إلى أن" has the verb's own preposition after the comma.
func (s *scan) onlyPunct(from, to int) bool {
	for k := from; k < to; k++ {
		if s.isWord(k) {
			return false
		}
	}
	return true
}

// isCalled reports whether the normalised word n introduces a name after a
// description ("ويدعى").
func isCalled(n string) bool {
	switch n {
	case "يدعي", "تدعي", "اسمه", "اسمها":
		return true
	}
	return false
}

// cueSpan is the span of the cue word at token i without a leading و/ف.
func (s *scan) cueSpan(i int) document.Span {
	t := s.toks[i]
	start := t.Start
	n := s.norm[i]
	whole := n
	if t.Suffix != "" {
		whole = strings.TrimSuffix(n, arabic.Normalize(t.Suffix))
	}
	_, isCue := s.f.cues[n]
	_, wholeIsCue := s.f.cues[whole]
	if !isCue && !wholeIsCue && (strings.HasPrefix(n, "و") || strings.HasPrefix(n, "ف")) {
		// "وقال" → "قال", but "وصفها" is the cue وصف itself.
		start += len("و")
	}
	return document.SpanOf(s.text, start, t.End)
}

// predicate reports whether token i, the first word inside marks, looks
// like a verb or an adverbial accusative ("أحبطت هجوما"، "انسحبت
// تكتيكيا"، "دفاعا عن النفس") rather than a noun of a term ("منظمة
// إرهابية"، "العمليات الانتحارية"): no article, and the endings of a
// past verb or of the accusative.
func (s *scan) predicate(i int) bool {
	if i >= len(s.toks) || s.isDefinite(i) {
		return false
	}
	n := s.norm[i]
	return strings.HasSuffix(n, "ت") || strings.HasSuffix(n, "وا") || strings.HasSuffix(n, "ا") && !strings.HasSuffix(n, "اا")
}

// quoted returns the direct quote whose opening mark is token q and the
// index of its closing mark, or -1 when it is not one.
func (s *scan) quoted(q int) (document.Quote, int) {
	c := s.openQuote(q)
	if c < 0 {
		return document.Quote{}, -1
	}
	return document.Quote{Content: document.SpanOf(s.text, s.toks[q+1].Start, s.toks[c-1].End), Direct: true}, c
}

// reported returns the reported speech starting at token start, to the end
// of its clause, and the index of its last token. A quotation inside it is
// the quote instead ("أن القوات «ستواصل …»").
func (s *scan) reported(start int) (document.Quote, int) {
	end := s.clauseEnd(start)
	for k := start; k < end; k++ {
		// A short term in marks inside the clause ("تعتبر الحزب «منظمة
		// إرهابية»") is a word the speaker used, not a quotation of what
		// was said: the clause stays the quote. Marks that open the clause
		// quote it, however short ("إن «الوضع تحت السيطرة»"). One word
		// in marks inside the clause is a name ("جنوب "كازامانسا"").
		if s.openQuote(k) >= 0 && (k == start && !s.continues(k, end) || s.quoteWords(k) >= 4 || s.quoteWords(k) >= 2 && s.predicate(k+1)) {
			return s.quoted(k)
		}
	}
	for end > start && !s.isWord(end-1) {
		end--
	}
	if end <= start {
		return document.Quote{}, -1
	}
	return document.Quote{Content: document.SpanOf(s.text, s.toks[start].Start, s.toks[end-1].End)}, end - 1
}

// opensStatement reports whether token k is a verb of saying joined by و
// or a participle, with إن/أن right after it or after إلى/على.
func (s *scan) opensStatement(k int) bool {
	c, ok := s.cueAt(k)
	if !ok || c.kind != cueParticiple && (c.kind != cueSay || !strings.HasPrefix(s.at(k), "و")) {
		return false
	}
	next := k + 1
	if n := s.at(next); n == "الي" || n == "علي" {
		next++
	}
	return s.isComplementizer(next)
}

// continues reports whether the clause goes on after the short quotation
// opened at token q, before end: then the marks set off a term
// ("أن «إرهابيا» قتل في الاشتباكات") and the clause is what was said.
func (s *scan) continues(q, end int) bool {
	c := s.closer[q]
	return s.quoteWords(q) < 4 && c+1 < end && s.isWord(c+1)
}

// clauseEnd returns the token after the clause that starts at token start:
// the end of the sentence, a comma before another cue ("، مؤكدا أن")
// or a contrast ("، فيما …", "، في حين …", "، إلا أنه أكد …"), or other
// punctuation before another cue ("فقط.. موضحا أن", "- مشيرا إلى").
func (s *scan) clauseEnd(start int) int {
	k := start
	for ; k < len(s.toks) && s.sent[k] == s.sent[start]; k++ {
		if !s.isComma(k) {
			if k > start && s.toks[k].Kind == document.Punct && s.closer[k] < 0 && s.isCue(k+1) {
				return k
			}
			if k > start && s.opensStatement(k) {
				// "إن المعارك مستمرة وأكد أن …", "… مستمرة مؤكدا أن …":
				// a new statement with no comma before it.
				return k
			}
			continue
		}
		switch n := s.at(k + 1); {
		case s.isCue(k + 1), n == "فيما", n == "بينما", n == "وذلك", n == "في" && s.at(k+2) == "حين",
			n == "لاسيما", n == "لا" && s.at(k+2) == "سيما",
			n == "الا" && s.isComplementizer(k+2):
			return k
		}
	}
	return k
}

// according reads a source marker at token i: "بحسب X" or "وفقا لـX" with
// X the speaker and the rest of the clause what X reported.
func (s *scan) according(i int) {
	cueSpan := s.cueSpan(i)
	if s.at(i) == "بحسب" || s.at(i) == "وفقا" {
		cueSpan = document.SpanOf(s.text, s.toks[i].Start, s.toks[i].End)
	}
	j := i + 1
	if n := s.at(i); n == "نقلا" || n == "استنادا" {
		// نقلا عن X، استنادا إلى X.
		if n == "نقلا" && s.at(j) != "عن" || n == "استنادا" && s.at(j) != "الي" {
			return
		}
		cueSpan = document.SpanOf(s.text, s.toks[i].Start, s.toks[j].End)
		j++
	}
	for s.isWord(j) && s.sent[j] == s.sent[i] {
		if c, ok := s.cueAt(j); ok && (c.kind == cueFiller || c.kind == cueSay) {
			j++
			continue
		}
		break
	}
	if strings.HasPrefix(s.toks[min(j, len(s.toks)-1)].Norm, "قول") || s.toks[min(j, len(s.toks)-1)].Norm == "تعبير" {
		// "حسب أقواله", "على حد تعبيره": the speaker of the sentence again.
		return
	}
	a, b, off := s.phrase(j, false)
	if b == a || s.class(a) == classNotSource {
		// "وفقا للقانون", "حسب الموعد": a rule, not a source.
		return
	}
	sp := s.speaker(a, b, off)
	if a == j && off > s.toks[a].Start {
		// "وفقا للمرصد": the phrase as written, the name without the clitic.
		sp.Text = s.text[s.toks[a].Start:s.toks[b-1].End]
	}
	if i > 0 && s.claimed[i-1] && !s.said[i-1] {
		// "وفقا لإحصائية أعدتها الوكالة استنادا إلى مصادر أمنية": the
		// source's own source; the first marker holds the quote.
		return
	}
	var content document.Span
	first := s.leadStart(s.sentenceFirst(i))
	for k := i - 1; k > first; k-- {
		// "وقال … إن …، لاسيما بعد مقتل …، وفق إحصائيات الأمم
		// المتحدة": only what follows the sentence's other quote.
		if s.said[k] || s.claimed[k] {
			first = k + 1
			for first < i && (!s.isWord(first) || s.at(first) == "لاسيما") {
				first++
			}
			break
		}
	}
	for k := i - 1; k > first; k-- {
		// "وقال … إن "…"، فيما دخل عشرة معلمين …، وفقا لذويهم": only the
		// clause after the other statement.
		if n := s.at(k); s.isComma(k-1) && (n == "فيما" || n == "بينما") && s.anySaid(first, k) {
			first = k + 1
			break
		}
	}
	if q := s.quotedBefore(i); q >= 0 && !s.claimed[q] {
		// "«…»، بحسب المسماري": the quotation is what the source said.
		qt, _ := s.quoted(q)
		content = qt.Content
		s.found = append(s.found, found{
			q:    document.Quote{Speaker: sp, Cue: cueSpan, Content: content, Direct: true},
			sent: s.sent[i],
		})
		s.markSaid(content)
		for k := q; k < b; k++ {
			s.claimed[k] = true
		}
		return
	}
	if first < i {
		end := i
		for end > first && !s.isWord(end-1) && s.openQuote(end-1) < 0 {
			end--
		}
		if end <= first {
			return
		}
		start := s.toks[first].Start
		if s.toks[first].Prefix == "و" {
			start = s.toks[first].StemStart
		}
		content = document.SpanOf(s.text, start, s.toks[end-1].End)
	} else {
		start := b
		if s.isComma(start) {
			start++
		}
		if s.isComplementizer(start) {
			// "وبحسب المرصد، فإن الطائرات …": فإن opens what it reported.
			start++
		}
		if !s.isWord(start) || s.sent[start] != s.sent[i] {
			return
		}
		q, last := s.reported(start)
		if last < 0 {
			return
		}
		content = q.Content
		b = last + 1
	}
	if !strings.Contains(content.Text, " ") {
		return
	}
	for k := i; k < b; k++ {
		s.claimed[k] = true
	}
	s.found = append(s.found, found{
		q:    document.Quote{Speaker: sp, Cue: cueSpan, Content: content},
		sent: s.sent[i],
	})
	s.markSaid(content)
}

// markSaid marks the tokens inside a quote's content.
func (s *scan) markSaid(c document.Span) {
	for k, t := range s.toks {
		if t.Start >= c.Start && t.End <= c.End {
			s.said[k] = true
		}
	}
}

// anySaid reports whether a token in [from,to) is part of a quote.
func (s *scan) anySaid(from, to int) bool {
	for k := from; k < to; k++ {
		if s.said[k] || s.claimed[k] {
			return true
		}
	}
	return false
}

// namedIn returns the last person the actor list names inside
// [start,end) ("المتحدث باسم الجيش الليبي أحمد المسماري"). Bodies are
// left out: in a speaker phrase they are mostly part of a title
// ("رئيس لجنة الأسرى التابعة للحوثيين") or of a longer name.
func (s *scan) namedIn(start, end int) (actors.Mention, bool) {
	var best actors.Mention
	found := false
	for _, m := range s.named {
		if c, _ := m.Best(); m.Start >= start && m.End <= end && c.Actor.Kind == actors.Person {
			best, found = m, true
		}
	}
	return best, found
}

// relayedFrom returns the token after the عن that a verbal noun of saying
// at token i is relayed through ("نقلت الوكالة عن مصدر أمني قوله"), or -1.
func (s *scan) relayedFrom(i int) int {
	if !strings.HasPrefix(strings.TrimPrefix(s.at(i), "و"), "قول") {
		return -1
	}
	for k := i - 1; k >= 0 && k >= i-10 && s.sent[k] == s.sent[i] && (s.isWord(k) || s.isComma(k)); k-- {
		if s.at(k) == "عن" {
			return k + 1
		}
	}
	return -1
}

// relayedSpeaker reads the speaker after عن at token from, which ends
// right before the verbal noun of saying at token i: "نقلت الوكالة عن
// مصدر أمني قوله", or a title then the name between commas "عن رئيس
// الوزراء، أحمد داود أوغلو، قوله".
func (s *scan) relayedSpeaker(from, i int) (document.Speaker, bool) {
	a, b, off := s.phrase(from, false)
	if b == i && b > a {
		return s.speaker(a, b, off), true
	}
	if b > a && s.isComma(b) {
		if na, nb, noff := s.phrase(b+1, false); nb > na && s.isComma(nb) && nb+1 == i {
			sp := s.speaker(a, b, off)
			name := s.speaker(na, nb, noff)
			sp.Text = s.text[off:s.toks[nb-1].End]
			sp.Canonical, sp.Entity = name.Canonical, name.Entity
			return sp, true
		}
	}
	return document.Speaker{}, false
}

// quoteWords returns how many words the quotation opened at token q holds.
func (s *scan) quoteWords(q int) int {
	n := 0
	for k := q + 1; k < s.closer[q]; k++ {
		if s.isWord(k) {
			n++
		}
	}
	return n
}
