package actors

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// entry is one way of naming an actor, under its normalised form.
type entry struct {
	actor *Actor
	alias *Alias // nil for the actor's own names and a role's title
	role  *Role  // set when the form is a role's title or one of its aliases
	order int    // position in the file, for stable ranking
}

// build indexes a decoded file.
func build(f *file) *List {
	l := &List{
		actors:   f.actors,
		byID:     make(map[string]*Actor, len(f.actors)),
		index:    make(map[string][]entry, 8*len(f.actors)),
		prefixes: make(map[string]bool, 16*len(f.actors)),
	}
	titles := map[string]bool{}
	for _, t := range f.titles {
		titles[normalize(t)] = true
	}
	order := 0
	add := func(text string, e entry) {
		key := normalize(text)
		for _, old := range l.index[key] {
			if old.actor == e.actor && old.role == e.role {
				return // a spelling the normaliser folds into one already there
			}
		}
		e.order = order
		order++
		l.index[key] = append(l.index[key], e)
		for i, r := range key {
			if r == ' ' {
				l.prefixes[key[:i]] = true
			}
		}
		l.prefixes[key] = true
	}
	for _, a := range f.actors {
		l.byID[a.ID] = a
		add(a.NameAR, entry{actor: a})
		add(a.NameEN, entry{actor: a})
		for i := range a.Aliases {
			add(a.Aliases[i].Text, entry{actor: a, alias: &a.Aliases[i]})
		}
		for i := range a.Roles {
			r := &a.Roles[i]
			add(r.TitleAR, entry{actor: a, role: r})
			titles[normalize(r.TitleAR)] = true
			for j := range r.Aliases {
				add(r.Aliases[j].Text, entry{actor: a, alias: &r.Aliases[j], role: r})
				titles[normalize(r.Aliases[j].Text)] = true
			}
		}
	}
	for t := range titles {
		if t != "" {
			l.titles = append(l.titles, t)
		}
	}
	// Longest first, so that "رئيس المجلس الرئاسي" goes before "رئيس".
	slices.SortFunc(l.titles, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b))
	})
	return l
}

// Candidate is an actor a name may refer to, and how it matched.
type Candidate struct {
	Actor *Actor
	// Role is the office whose title matched, when the text is a
	// description such as "رئيس المجلس الرئاسي"; nil for names.
	Role *Role
	// Alias is the alias that matched; nil when the text is the actor's
	// own name_ar or name_en, or a role's title.
	Alias *Alias
	// Form is the normalised text that matched, once clitics and titles
	// were taken off.
	Form string
	// Score ranks candidates: 1 for every Lookup result; Resolve lowers
	// it for descriptions, for ambiguous aliases and for a body named
	// outside the years it existed.
	Score float64

	order int
}

// Described reports whether the candidate matched through a description
// (a role's title, or an alias limited to some countries or years, or
// marked ambiguous) rather than through a name.
func (c Candidate) Described() bool {
	return c.Role != nil || (c.Alias != nil && c.Alias.described())
}

// Lookup returns every actor that name may refer to, as the name occurs in
// text: with clitics attached (وحفتر، للجيش), with titles in front
// (المشير خليفة حفتر، رئيس المجلس الرئاسي محمد المنفي), in any of the
// spellings the list knows. It ignores the article's country and date;
// Resolve takes them into account. Candidates come in file order.
func (l *List) Lookup(name string) []Candidate {
	if c := l.lookup(name); c != nil {
		return c
	}
	// "الناطق باسم الجيش الليبي، اللواء أحمد المسماري": the name is the
	// last part of a description set off by a comma.
	if i := lastComma(name); i >= 0 {
		return l.lookup(name[i:])
	}
	return nil
}

func lastComma(s string) int {
	i := max(strings.LastIndex(s, "،"), strings.LastIndex(s, ","))
	if i < 0 {
		return -1
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return i + size
}

func (l *List) lookup(name string) []Candidate {
	n := normalize(name)
	if n == "" {
		return nil
	}
	forms := cliticForms(n)
	for _, f := range forms {
		if c := l.candidates(f); c != nil {
			return c
		}
	}
	for _, f := range forms {
		if rest, ok := l.stripTitles(f); ok {
			if c := l.candidates(rest); c != nil {
				return c
			}
		}
	}
	// A title in the middle: "قائد الجيش الليبي المشير خليفة حفتر".
	words := strings.Fields(n)
	for i := 1; i < len(words); i++ {
		if rest, ok := l.stripTitles(strings.Join(words[i:], " ")); ok {
			if c := l.candidates(rest); c != nil && !c[0].Described() {
				return c
			}
		}
	}
	return nil
}

func (l *List) candidates(form string) []Candidate {
	es := l.index[form]
	if len(es) == 0 {
		return nil
	}
	out := make([]Candidate, len(es))
	for i, e := range es {
		out[i] = Candidate{Actor: e.actor, Role: e.role, Alias: e.alias, Form: form, Score: 1, order: e.order}
	}
	return out
}

// stripTitles removes honorifics, ranks and office titles from the front
// of a normalised name, as many as there are, and reports whether it
// removed any and something is left.
func (l *List) stripTitles(n string) (string, bool) {
	stripped := false
	for {
		found := false
		for _, t := range l.titles {
			if len(n) > len(t) && n[len(t)] == ' ' && strings.HasPrefix(n, t) {
				n, found, stripped = n[len(t)+1:], true, true
				break
			}
		}
		if !found {
			return n, stripped
		}
	}
}

// cliticForms returns n and the forms of n with the proclitics news text
// attaches to a name taken off its first word: a conjunction (و، ف) and
// then a preposition (ب، ل، ك), with ل before the article written لل.
// The bare form comes first, so that a name starting with one of these
// letters (بشار، لبنان، وليد) is found as itself.
func cliticForms(n string) []string {
	var forms []string
	for _, f := range cliticSplits(n) {
		forms = append(forms, f.form)
	}
	return forms
}

// cliticSplit is a form of a name with strip letters of clitics taken off
// its front (لل before the article counts one: للجيش is ل + الجيش).
type cliticSplit struct {
	form  string
	strip int
}

func cliticSplits(n string) []cliticSplit {
	splits := []cliticSplit{{n, 0}}
	add := func(f string, strip int) {
		// Keep at least two letters: a clitic is never the whole word.
		first, _, _ := strings.Cut(f, " ")
		if utf8.RuneCountInString(first) < 2 {
			return
		}
		for _, s := range splits {
			if s.form == f {
				return
			}
		}
		splits = append(splits, cliticSplit{f, strip})
	}
	conj := []cliticSplit{{n, 0}}
	for _, c := range []string{"و", "ف"} {
		if rest, ok := strings.CutPrefix(n, c); ok {
			add(rest, 1)
			conj = append(conj, cliticSplit{rest, 1})
		}
	}
	for _, f := range conj {
		if rest, ok := strings.CutPrefix(f.form, "لل"); ok && rest != "" {
			add("ال"+rest, f.strip+1)
		}
		for _, p := range []string{"ب", "ل", "ك"} {
			if rest, ok := strings.CutPrefix(f.form, p); ok {
				add(rest, f.strip+1)
			}
		}
	}
	return splits
}

// Context is what an article says about where and when: the country it
// reports on (ISO alpha-2, "" when unknown) and its date (zero when
// unknown).
type Context struct {
	Country string
	Date    time.Time
	// Sides weighs the camps (Actor.Side) of the actors the article
	// names without doubt; descriptions that rival camps share go to
	// the camp the article leans to. Nil when none is known.
	Sides map[string]float64
}

// Resolution is the ranked outcome of resolving a name in context.
type Resolution struct {
	// Candidates fit the context, best first; those a description cannot
	// mean in this country or at this date are left out.
	Candidates []Candidate
	// Ambiguous is set when a second actor fits nearly as well as the
	// first: rival governments both called "الحكومة", or a title two
	// people held at the same time.
	Ambiguous bool
}

// Best returns the first candidate, if there is one.
func (r Resolution) Best() (Candidate, bool) {
	if len(r.Candidates) == 0 {
		return Candidate{}, false
	}
	return r.Candidates[0], true
}

// Scores Resolve applies; see Resolve.
const (
	ambiguousAlias  = 0.6  // an alias marked ambiguous
	unknownCountry  = 0.8  // a country-limited alias in an article of unknown country
	outsidePeriod   = 0.5  // a body's name used after it ceased to exist
	foreignActor    = 0.95 // a name of an actor from another country than the article's
	ambiguityMargin = 0.5  // a runner-up at least this share of the best makes it ambiguous
	// otherSide is what a description keeps for an actor of a camp the
	// article's other actors do not point to; an actor of the camp they
	// all point to keeps everything, one of a mixed article's camps a
	// share in between.
	otherSide = 0.3
)

// Resolve finds the actors name refers to in an article of the given
// country and date, best first.
//
// A name (name_ar, name_en, a plain alias) always keeps its actor; it
// ranks a little lower for an actor of another country, and lower still
// for a body named outside the years it existed (a mention of the GNA in
// 2023 is history, not a mistake). A description (a role's title, or an
// alias with a context, a period or the ambiguous mark) is dropped where
// its country or period excludes the article's, so that "رئيس الحكومة" in
// a Libyan article of 2025 finds only those who held that office then. A
// role's title fits in any country unless an alias limits it: titles
// qualified by nationality ("الرئيس الأمريكي") mean the same everywhere.
// The result is ambiguous when a different actor scores at least half the
// best.
//
// Where the article's other actors lean to one camp (ctx.Sides), a
// description that rival camps share (الجيش الليبي، الحكومة) goes to the
// actor of that camp.
func (l *List) Resolve(name string, ctx Context) Resolution {
	return l.rank(l.Lookup(name), ctx)
}

// rank scores candidates in ctx, drops those that do not fit, and orders
// the rest as Resolve describes.
func (l *List) rank(cs []Candidate, ctx Context) Resolution {
	var out []Candidate
	total := 0.0
	for _, w := range ctx.Sides {
		total += w
	}
	for _, c := range cs {
		score, ok := c.fit(ctx)
		if !ok {
			continue
		}
		if side := l.SideAt(c.Actor, ctx.Date); c.Described() && side != "" && total > 0 {
			score *= otherSide + (1-otherSide)*ctx.Sides[side]/total
		}
		c.Score = score
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.order, b.order))
	})
	// One candidate per actor: the best way it matched.
	seen := map[*Actor]bool{}
	kept := out[:0]
	for _, c := range out {
		if !seen[c.Actor] {
			seen[c.Actor] = true
			kept = append(kept, c)
		}
	}
	r := Resolution{Candidates: kept}
	r.Ambiguous = len(kept) > 1 && kept[1].Score >= ambiguityMargin*kept[0].Score
	return r
}

// fit scores c in ctx, or reports that c cannot mean its actor there.
func (c Candidate) fit(ctx Context) (float64, bool) {
	score := 1.0
	if !c.Described() {
		if !c.Actor.Period.Covers(ctx.Date) {
			score *= outsidePeriod
		}
		if ctx.Country != "" && c.Actor.Country != ctx.Country {
			score *= foreignActor
		}
		return score, true
	}
	if a := c.Alias; a != nil {
		if a.Ambiguous {
			score *= ambiguousAlias
		}
		if len(a.Context) > 0 {
			switch {
			case ctx.Country == "":
				score *= unknownCountry
			case !slices.Contains(a.Context, ctx.Country):
				return 0, false
			}
		}
		if !a.Period.Covers(ctx.Date) {
			return 0, false
		}
	}
	if c.Role != nil && !c.Role.Period.Covers(ctx.Date) {
		return 0, false
	}
	if !c.Actor.Period.Covers(ctx.Date) {
		return 0, false
	}
	return score, true
}

// SideAt returns the camp a is on at date t (see Actor.Side): a person's
// is that of the body of a role held at t, a body's its own or that of
// the body it is part of; "" when none is known.
func (l *List) SideAt(a *Actor, t time.Time) string {
	if a.Kind == Person {
		for i := range a.Roles {
			r := &a.Roles[i]
			if org := l.byID[r.Org]; org != nil && !t.IsZero() && r.Period.Covers(t) {
				if side := l.bodySide(org); side != "" {
					return side
				}
			}
		}
		return a.Side
	}
	return l.bodySide(a)
}

func (l *List) bodySide(a *Actor) string {
	for n := 0; a != nil && n <= len(l.actors); n++ {
		if a.Side != "" {
			return a.Side
		}
		a = l.byID[a.PartOf]
	}
	return ""
}
