package events

import (
	"fmt"
	"strings"
	"time"

	"github.com/rasad/rasad/actors"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
)

// Coder finds and codes the events of documents. It is immutable once
// built and safe for concurrent use.
type Coder struct {
	lex      *lexicon
	calendar *arabic.Calendar
	numbers  *arabic.Numbers
	actors   *actors.List
}

// New loads the embedded trigger lexicons; actorList (may be nil) names
// and resolves the actors of events where the entity layer has none.
func New(actorList *actors.List) (*Coder, error) {
	lex, err := loadLexicon()
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	cal, err := arabic.NewCalendar()
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	numbers, err := arabic.NewNumbers()
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return &Coder{lex: lex, calendar: cal, numbers: numbers, actors: actorList}, nil
}

// found is an event being built, with what the later steps need.
type found struct {
	ev        document.Event
	sentence  int
	trig      int // token index of the trigger's first word
	end       int // token index after the trigger
	trigger   *trigger
	actor     *mention
	target    *mention
	when      *dateExpr
	killing   bool // the trigger counts the dead (مقتل، قُتل)
	definite  bool // the trigger is a noun with the article
	adverbial bool // an indefinite noun in the accusative (احتجاجا)
	byAgent   bool // the actor was named after برصاص، على يد: not the clause's subject
	passive   bool // the trigger is a passive verb
	relative  bool // the trigger follows a relative pronoun
	// intervention marks a protest broken up on the spot and the force or
	// arrests that broke it: one ACLED row, on the protest.
	intervention bool
	drop         bool // a trigger whose sense needs a word the sentence lacks
	generic      bool // a plural naming a run of events (هجمات متفرقة)
	sequel       bool // the trigger follows غداة or قبيل: another event than the one before
	// eventSubject marks a verb whose subject is the event noun right
	// before it (انفجار عبوة ناسفة استهدف منزلا): it has no actor of its own.
	eventSubject bool
}

// Code appends the document's events to d.Events. It reads d.Text,
// d.Tokens, d.Sentences, d.Published, d.Entities and d.Places.
func (c *Coder) Code(d *document.Document) {
	toks := d.Tokens
	if len(toks) == 0 {
		return
	}
	var published time.Time
	if d.Published != nil {
		published, _ = time.Parse(time.DateOnly, *d.Published)
	}
	ments := c.mentions(d)
	var events []*found
	var prevDates []dateExpr
	var prevSentence []*found
	// topic is the speaker the article is quoting, for sentences whose
	// verb of saying has no subject written (وأشار إلى أن).
	var topic *mention
	for si, s := range d.Sentences {
		from, to := tokenRange(toks, s.Start(), s.End())
		dates := c.findDates(toks, from, to, published)
		own := dates
		var inSentence []*found
		for i := from; i < to; i++ {
			t, n := c.match(d.Text, toks, i, to)
			if t == nil || insideDate(dates, i) || insideName(ments, i) {
				i += max(n, 1) - 1
				continue
			}
			// A noun right after a nominal trigger is its complement, not
			// another event (اتفاق وقف إطلاق النار، مفاوضات تبادل).
			if k := len(inSentence) - 1; k >= 0 && inSentence[k].trigger.pos == "noun" && inSentence[k].end == i && t.pos == "noun" {
				i += n - 1
				continue
			}
			f := &found{sentence: si, trig: i, end: i + n, trigger: t, killing: t.typ == "ASSAULT" && c.lex.deathWords[t.words[0]]}
			f.definite = endsWithAl(toks[i].Prefix)
			f.sequel = i > from && c.lex.sequels[toks[i-1].Norm]
			f.adverbial = n == 1 && t.pos == "noun" && toks[i].Prefix == "" && strings.HasSuffix(toks[i].Norm, "ا") && !strings.HasSuffix(t.words[0], "ا")
			f.passive = isPassive(d.Text, toks[i])
			if k := len(inSentence) - 1; k >= 0 && t.pos == "verb" && inSentence[k].trigger.pos == "noun" && i-inSentence[k].end <= 3 {
				f.eventSubject = true
				for j := inSentence[k].end; j < i; j++ {
					f.eventSubject = f.eventSubject && toks[j].Kind == document.Word && !coveredBy(ments, j) && !c.lex.phraseStops[toks[j].Norm]
				}
			}
			if i > from {
				f.relative = c.lex.relatives[toks[i-1].Norm]
			}
			f.ev = document.Event{
				Type: t.typ, Mode: t.mode,
				Trigger:      document.SpanOf(d.Text, toks[i].StemStart, toks[i+n-1].End),
				Evidence:     document.SpanOf(d.Text, s.Start(), s.End()),
				Participants: []document.Argument{},
				Quantities:   []document.Quantity{},
				Modality:     "asserted",
				Confidence:   0.6,
			}
			if n == 1 && toks[i].Suffix != "" {
				f.ev.Trigger = document.SpanOf(d.Text, toks[i].StemStart, toks[i].StemEnd)
			}
			// The span keeps the article (الاشتباكات), not و ب ل before it.
			if start := toks[i].StemStart - len("ال"); endsWithAl(toks[i].Prefix) && start >= toks[i].Start && d.Text[start:toks[i].StemStart] == "ال" {
				f.ev.Trigger = document.SpanOf(d.Text, start, f.ev.Trigger.End)
			}
			f.generic = c.generic(toks, from, to, dates, f)
			f.drop = f.generic || c.mishap(toks, to, f) || c.complement(toks, from, i, inSentence, f) ||
				c.habitual(toks, from, dates, f) || f.definite && t.typ == "REQUEST" && isParticiple(toks[i].Norm)
			inSentence = append(inSentence, f)
			i += n - 1
		}
		inSentence = c.foldThreats(toks, inSentence)
		// Every event word of the sentence, kept or not, for the times:
		// a blast without a weapon word still has its time.
		words := append([]*found(nil), inSentence...)
		for _, f := range inSentence {
			c.fillMode(toks, from, to, f)
		}
		kept := inSentence[:0]
		for _, f := range inSentence {
			if !f.drop {
				kept = append(kept, f)
			}
		}
		inSentence = kept
		var prev *found
		subject := c.sentenceSubject(d.Text, toks, from, to, ments, topic)
		if subject != nil {
			topic = subject
		}
		for _, f := range inSentence {
			c.fillModality(toks, from, to, f)
			c.fillArguments(d.Text, toks, from, to, ments, dates, f, prev, subject)
			// A statement that opens the sentence (أدان X ...) names who
			// the next sentences quote.
			if f.trig == from && f.trigger.pos == "verb" && f.actor != nil && f.actor.place == "" {
				topic = f.actor
			}
			c.relabel(toks, to, f)
			// Fighters taken by fighters are captured combatants, not
			// arrested (PLOVER: ASSAULT/abduct).
			if f.ev.Type == "COERCE" && f.ev.Mode == "arrest" && (f.actor != nil && f.actor.kind == "armed" || f.target != nil && f.target.kind == "armed") {
				f.ev.Type, f.ev.Mode = "ASSAULT", "abduct"
			}
			// Coordinated verbs and participles share the subject of the
			// last verb before them (أدانت البعثة مقتل ... ودعت السلطات).
			if f.trigger.pos == "verb" {
				prev = f
			}
			c.fillPlace(toks, from, to, ments, f, inSentence)
			if len(own) == 0 && storyGoesOn(f, prevSentence) {
				// A deed told right after another, in a sentence with no
				// time of its own, happened then too (تظاهر أمس ...
				// وأطلقت القوات ... واعتقلت).
				c.fillDate(d.Text, toks, from, prevDates, published, f, nil)
			} else {
				c.fillDate(d.Text, toks, from, dates, published, f, words)
			}
			// Withdrawals and ceasefires announced or offered are
			// concessions, not yet a retreat.
			if f.ev.Type == "RETREAT" && (f.ev.Mode == "withdraw" || f.ev.Mode == "ceasefire") && (f.ev.Modality == "planned" || f.ev.Modality == "hypothetical") {
				f.ev.Type, f.ev.Mode = "CONCEDE", ""
			}
			// Promised help and concessions still to come are
			// agreements to cooperate.
			if (f.ev.Type == "AID" || f.ev.Type == "CONCEDE" && f.trigger.typ == "CONCEDE") && f.ev.Modality == "planned" {
				f.ev.Type, f.ev.Mode = "AGREE", ""
			}
			c.fillNumbers(d.Text, toks, from, to, f)
			// A war's toll (مقتل 60 ألف شخص، أسفر منذ فترة عن مصرع
			// المئات) is no event.
			if f.killing && (f.ev.Fatalities != nil && *f.ev.Fatalities >= 1000 || hasWord(toks, from, to, "منذ")) {
				f.drop = true
			}
			// A threat nobody makes (تهديدات لأمنها، الغارات التي تهدد
			// الهدنة) is a danger, not a THREATEN event.
			// A threat needs a party that threatens and an act or party
			// threatened: the genitive of a threat noun that no name list or
			// group word knows is what is endangered (تهديد السلام), a
			// threat to something (تهديدات لأمنها) is a danger, and with
			// nobody threatening, only the act threatened (تلقى تهديدات
			// بالقتل) makes it one.
			danger := f.trigger.pos == "noun" && f.end < to && (strings.HasPrefix(toks[f.end].Prefix, "ل") || f.definite && c.lex.relatives[toks[f.end].Norm])
			party := f.actor != nil && (f.actor.named || f.actor.kind != "" || f.actor.arg.Entity != "")
			endangered := f.trigger.pos == "noun" && f.actor != nil && f.actor.first == f.end && !party
			act := false
			for k := f.end; k < to && k < f.end+3; k++ {
				act = act || strings.HasPrefix(toks[k].Prefix, "ب")
			}
			// A present verb after a definite noun that names no party
			// has that noun for subject (التصعيد يهدد علاقات الجوار،
			// استمرار القصف يهدد الهدنة): a danger, not a threat.
			if f.trigger.pos == "verb" && f.trig > from && !f.relative && endsWithAl(toks[f.trig-1].Prefix) && strings.ContainsAny(toks[f.trig].Norm[:len("ي")], "يت") && !coveredBy(ments, f.trig-1) && !c.partyNoun(toks, max(from, f.trig-2), f.trig-1) {
				danger = true
			}
			if f.ev.Type == "THREATEN" && (danger || endangered || f.actor == nil && !act || f.relative && c.afterEventNoun(words, f)) {
				f.drop = true
			}
		}
		kept = inSentence[:0]
		for _, f := range inSentence {
			if !f.drop {
				kept = append(kept, f)
			}
		}
		inSentence = kept
		events = append(events, inSentence...)
		prevDates, prevSentence = own, inSentence
	}
	merged := merge(events)
	markIntervention(merged)
	for _, f := range merged {
		if !f.intervention {
			f.ev.ACLED = c.acledOf(d.Text, toks, d.Sentences[f.sentence], f)
		} else if f.ev.Type == "PROTEST" && f.ev.Modality == "asserted" {
			f.ev.ACLED = &document.ACLED{EventType: "Protests", SubEventType: "Protest with intervention"}
		}
		f.ev.ID = fmt.Sprintf("V%d", len(d.Events)+1)
		d.Events = append(d.Events, f.ev)
	}
}

// match returns the trigger at token i and how many tokens it spans.
func (c *Coder) match(text string, toks []document.Token, i, to int) (*trigger, int) {
	if toks[i].Kind != document.Word {
		return nil, 0
	}
	for _, form := range wordForms(text, toks[i]) {
		if t, n := c.matchForm(toks, i, to, form, 1); n > 0 || t != nil {
			return t, n
		}
	}
	// A phrase whose first word the segmenter cut (وقف إطلاق النار as
	// و + قف): the whole surface, for phrases only.
	if toks[i].Prefix != "" {
		if t, n := c.matchForm(toks, i, to, arabic.Normalize(text[toks[i].Start:toks[i].End]), 2); n > 0 || t != nil {
			return t, n
		}
	}
	return nil, 0
}

// wordForms are the forms a word is looked up by: its stem, then its
// surface form without one or two proclitics, for the words the segmenter
// cut wrongly (واتهم as و + ات + هم, للقاء as لل + قاء).
func wordForms(text string, t document.Token) []string {
	forms := []string{t.Norm}
	// اتهم cut as ات + هم: the stem with what was taken for a pronoun.
	if t.Suffix != "" {
		forms = append(forms, arabic.Normalize(text[t.StemStart:t.End]))
	}
	if t.Prefix == "" {
		return forms
	}
	surface := arabic.Normalize(text[t.Start:t.End])
	for k := 0; k < 2 && surface != ""; k++ {
		r := surface[:2]
		if r != "و" && r != "ف" && r != "ب" && r != "ل" {
			break
		}
		surface = surface[2:]
		if surface != t.Norm && len(surface) > 4 {
			forms = append(forms, surface)
		}
	}
	return forms
}

// matchForm matches the triggers whose first word is form at token i. A
// trigger of type "-" is a phrase that is no event (مؤتمر صحفي): it
// matches and returns nil with its length.
func (c *Coder) matchForm(toks []document.Token, i, to int, form string, minWords int) (*trigger, int) {
	for _, t := range c.lex.byFirst[form] {
		if len(t.words) < minWords {
			continue
		}
		if i+len(t.words) > to {
			continue
		}
		ok := true
		for k := 1; k < len(t.words); k++ {
			if toks[i+k].Norm != t.words[k] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		// فجر اليوم is dawn, not a bombing.
		if toks[i].Norm == "فجر" && i+1 < to && (toks[i+1].Norm == "يوم" || toks[i+1].Norm == "امس") {
			return nil, 0
		}
		if t.typ == "-" {
			return nil, len(t.words)
		}
		return t, len(t.words)
	}
	return nil, 0
}

// foldThreats drops the acts a threat names (هدد بشن هجمات): the threat is
// one THREATEN event whose mode is what it threatens.
func (c *Coder) foldThreats(toks []document.Token, fs []*found) []*found {
	out := fs[:0]
	var threat, demand *found
	for _, f := range fs {
		if f.ev.Type == "THREATEN" {
			threat = f
			out = append(out, f)
			continue
		}
		// Whatever follows a threat in its sentence is what it threatens or
		// the condition it sets (في حال استمرار الغارات).
		if threat != nil {
			switch {
			case f.ev.Type == "ASSAULT":
				setThreatMode(threat, "violence")
				continue
			case f.ev.Type == "COERCE" && f.ev.Mode == "arrest":
				setThreatMode(threat, "arrest")
				continue
			case f.ev.Type == "COERCE" || f.ev.Type == "SANCTION":
				setThreatMode(threat, "restrict")
				continue
			}
		}
		// What a call or a refusal is about is its content, not another
		// event (دعت إلى التحقيق، مطالبا بالإفراج، رفضت حضور محادثات).
		if demand != nil && f.trig-demand.end <= 6 && (!speechActs[f.ev.Type] || f.ev.Mode == "investigate") {
			continue
		}
		if f.ev.Type == "REQUEST" || f.ev.Type == "REJECT" {
			demand = f
		}
		out = append(out, f)
	}
	return out
}

// aboutOthers are the statements that name another event as their
// object (أدان الهجوم، اتهم ... بتفجيرات، رحب بالهجمات): a time between
// such a statement and the deed it names belongs to the nearer of them.
var aboutOthers = map[string]bool{"ACCUSE": true, "REQUEST": true, "SUPPORT": true, "REJECT": true, "THREATEN": true}

// speechActs are the event types that are things said.
var speechActs = map[string]bool{"ACCUSE": true, "REQUEST": true, "REJECT": true, "SUPPORT": true, "THREATEN": true, "AGREE": true}

func setThreatMode(f *found, mode string) {
	if f.ev.Mode == "" || f.ev.Mode == "?" {
		f.ev.Mode = mode
	}
}

// fillMode takes a mode left open by the lexicon from the weapon words of
// the sentence, nearest the trigger first.
func (c *Coder) fillMode(toks []document.Token, from, to int, f *found) {
	required := f.ev.Mode == "?!"
	if f.ev.Mode != "?" && !required {
		return
	}
	f.ev.Mode = ""
	found := false
	defer func() {
		f.drop = f.drop || required && !found
		if f.ev.Mode == "-" {
			f.ev.Mode = ""
		}
	}()
	best := -1
	for i := from; i < to; i++ {
		w, ok := c.lex.weapons[f.ev.Type+" "+toks[i].Norm]
		if !ok {
			continue
		}
		if f.ev.Type == "THREATEN" && i < f.trig {
			continue
		}
		if dist := abs(i - f.trig); best < 0 || dist < best {
			best, f.ev.Mode, found = dist, w.value, true
		}
	}
	if f.ev.Type == "THREATEN" && f.ev.Mode == "" {
		f.ev.Mode = "violence"
	}
}

// fillModality reads the cues before the trigger (لم، في حال، من المقرر) and
// the future prefix of a verb.
func (c *Coder) fillModality(toks []document.Token, from, to int, f *found) {
	if f.ev.Type == "THREATEN" {
		f.ev.Modality = "threatened"
		return
	}
	// A future verb (ستتسلم) or one the trigger depends on (سيتوجه ...
	// للقاء).
	for k := f.trig; k >= from && k >= f.trig-4; k-- {
		if isFutureVerb(toks[k]) {
			f.ev.Modality = "planned"
			break
		}
	}
	// نفت أنقرة اتهامات ...: the accusation was made; the denial is of
	// what it says.
	defer func() {
		if f.ev.Type != "ACCUSE" || f.ev.Modality != "negated" || f.trigger.pos != "noun" {
			return
		}
		for k := f.trig - 1; k >= from && k >= f.trig-4; k-- {
			if c.lex.denials[toks[k].Norm] {
				f.ev.Modality = "asserted"
				return
			}
		}
	}()
	// A noun followed by مقررة or مرتقبة (مظاهرة مقررة أمام البرلمان).
	if f.trigger.pos == "noun" && f.end < to && c.lex.scheduled[toks[f.end].Norm] {
		f.ev.Modality = "planned"
	}
	defer func() {
		if f.ev.Modality != "asserted" && f.ev.Modality != "planned" {
			return
		}
		for _, q := range c.lex.cues {
			if q.value != "hypothetical" {
				continue
			}
			for i := f.trig + 1; i < to; i++ {
				if wordsAt(toks, i, q.words) {
					f.ev.Modality = "hypothetical"
					return
				}
			}
		}
	}()
	best := -1
	for _, q := range c.lex.cues {
		for i := f.trig - len(q.words); i >= from; i-- {
			if q.window > 0 && f.trig-i > q.window {
				break
			}
			if wordsAt(toks, i, q.words) {
				if best < 0 || i > best {
					best, f.ev.Modality = i, q.value
				}
				break
			}
		}
	}
}

func isFutureVerb(t document.Token) bool {
	if !strings.HasSuffix(t.Prefix, "س") {
		return false
	}
	for _, p := range []string{"ي", "ت", "ن"} {
		if strings.HasPrefix(t.Norm, p) {
			return true
		}
	}
	return false
}

func wordsAt(toks []document.Token, i int, words []string) bool {
	if i < 0 || i+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if toks[i+k].Norm != w {
			return false
		}
	}
	return true
}

// fillDate takes the sentence's time expression nearest the trigger, but
// not one that dates something else: the statement reporting the event
// (أعلن الجيش أمس أن غارة ...) or an event verb before it whose object
// the trigger is (أدان الوزير اليوم الغارة).
func (c *Coder) fillDate(text string, toks []document.Token, from int, dates []dateExpr, published time.Time, f *found, others []*found) {
	best := -1
	// على خلفية اعتقال ...: the cause told in passing happened before,
	// at a time the sentence does not give.
	if f.trig > 1 && c.lex.causes[toks[f.trig-1].Norm] {
		return
	}
	for k, e := range dates {
		if e.first >= from && (c.datesStatement(toks, from, e, f) || c.datesVerbBefore(toks, e, f, others)) {
			continue
		}
		if best < 0 || abs(e.first-f.trig) < abs(dates[best].first-f.trig) {
			best = k
		}
	}
	if best < 0 {
		return
	}
	e := dates[best]
	// X غداة Y: Y was the day before X's time.
	if f.trig > 0 && c.lex.dayAfter[toks[f.trig-1].Norm] && e.precision == "day" {
		e.date = e.date.AddDate(0, 0, -1)
	}
	// A bare weekday of an event still to come is the next one (سيدعو
	// الخميس).
	if e.bareWeekday && f.ev.Modality == "planned" && e.date.Before(published) {
		e.date = e.date.AddDate(0, 0, 7)
	}
	f.when = &e
	layout := time.DateOnly
	switch e.precision {
	case "month":
		layout = "2006-01"
	case "year":
		layout = "2006"
	}
	date, dt, prec := e.date.Format(layout), text[toks[e.first].StemStart:toks[e.last].End], e.precision
	if toks[e.first].Prefix != "" && !endsWithAl(toks[e.first].Prefix) {
		dt = text[toks[e.first].StemStart:toks[e.last].End]
	} else {
		dt = text[toks[e.first].Start:toks[e.last].End]
	}
	f.ev.Date, f.ev.DateText, f.ev.DatePrecision = &date, &dt, &prec
	future := e.date.After(published)
	if e.precision == "year" {
		future = e.date.Year() > published.Year()
	}
	if e.precision == "month" || e.precision == "week" {
		future = e.date.After(published) && !sameMonthOrWeek(e, published)
	}
	if f.ev.Modality == "asserted" && future {
		f.ev.Modality = "planned"
	}
}

// datesStatement reports whether e is the time of a saying verb whose
// complement holds the trigger: a saying verb before e, then أن within
// three words after it, then the trigger.
func (c *Coder) datesStatement(toks []document.Token, from int, e dateExpr, f *found) bool {
	// أن may come a few words after the time, or after the person told
	// and the occasion (نقلت الصحيفة الصادرة اليوم عن الوزير قوله، خلال
	// اجتماع، إن ...): any أن between the time and the trigger.
	that := -1
	for k := e.last + 1; k < f.trig && k < len(toks); k++ {
		if c.lex.complementizers[toks[k].Norm] {
			that = k
			break
		}
	}
	if that < 0 {
		return false
	}
	for k := from; k < e.first; k++ {
		if c.lex.sayVerbs[toks[k].Norm] {
			return true
		}
	}
	return false
}

// datesVerbBefore reports whether another event's trigger stands
// between e and the trigger, or e stands between another event's verb
// and the trigger: a time belongs to the nearest event it is not cut off
// from, and Arabic puts verb, subject, time, object, so the time is the
// verb's (أدان الوزير اليوم الهجوم، اتهم ... بتفجيرات أمس).
func (c *Coder) datesVerbBefore(toks []document.Token, e dateExpr, f *found, others []*found) bool {
	for _, g := range others {
		// A death (مقتل) is the toll of the attack told next to it, not
		// an event between.
		// A circumstantial participle (مطالبين، داعيا) shares its clause's
		// time.
		if g == f || g.killing || f.ev.Type == "REQUEST" && isParticiple(f.trigger.words[0]) {
			continue
		}
		// A year (عام 2016) is a past event's: the nearest one's.
		if e.precision == "year" && !g.generic && g.ev.Type != f.ev.Type && abs(g.trig-e.first) < abs(f.trig-e.first) {
			return true
		}
		// A blast word without a weapon is dropped as an event but still
		// names one (اتهم ... بتفجيرات أمس).
		blast := g.trigger.mode == "?!" && g.trigger.pos == "noun"
		if !aboutOthers[f.ev.Type] && !aboutOthers[g.ev.Type] || g.drop && !blast {
			continue
		}
		if e.last < g.trig && g.trig < f.trig || f.trig < g.trig && g.trig < e.first {
			return true
		}
		// A time right after an event noun is that event's (بتفجيرات أمس
		// الثلاثاء، متوعدا ...).
		if g.trigger.pos == "noun" && g.end <= e.first && e.first-g.end <= 1 && f.trig > e.last {
			return true
		}
		if e.last < f.trig && g.trigger.pos == "verb" && g.trig < e.first && e.first-g.trig <= 12 && aboutOthers[g.ev.Type] && !g.drop && !c.clauseBetween(toks, g.trig, e.first) {
			return true
		}
	}
	return false
}

// clauseBetween reports a complementizer among toks(a, b): a new clause
// (مضيفا أنه سيتوجه اليوم).
func (c *Coder) clauseBetween(toks []document.Token, a, b int) bool {
	for k := a + 1; k < b; k++ {
		if c.lex.complementizers[toks[k].Norm] {
			return true
		}
	}
	return false
}

// generic reports a plural attack noun that names a run of attacks, not
// one (هجمات، سلسلة الغارات): no article or count before it and no time
// in its sentence. Clashes (اشتباكات) are plural by nature and stay.
func (c *Coder) generic(toks []document.Token, from, to int, dates []dateExpr, f *found) bool {
	if f.ev.Type != "ASSAULT" && f.ev.Type != "COERCE" || f.trigger.pos != "noun" || f.trigger.roles == "pair" {
		return false
	}
	for _, e := range dates {
		if e.last >= f.trig-8 && e.first <= f.end+8 {
			return false
		}
	}
	i := f.trig
	series := i > from && c.lex.seriesWords[toks[i-1].Norm] ||
		i > from+1 && toks[i-1].Norm == "من" && c.lex.seriesWords[toks[i-2].Norm] ||
		f.end < to && c.lex.seriesWords[toks[f.end].Norm]
	if series {
		return true
	}
	if f.ev.Type != "ASSAULT" {
		return false
	}
	if f.definite || !strings.HasSuffix(toks[i].Norm, "ات") {
		return false
	}
	if i > from {
		p := toks[i-1]
		if p.Kind == document.Number || p.Norm == "عده" {
			return false
		}
		if _, n := c.numbers.Read([]string{p.Norm}); n > 0 {
			return false
		}
	}
	return true
}

// hasWord reports whether the normalised word occurs in toks[from:to].
func hasWord(toks []document.Token, from, to int, w string) bool {
	for k := from; k < to; k++ {
		if toks[k].Norm == w {
			return true
		}
	}
	return false
}

// afterEventNoun reports whether the trigger just before f (its relative
// pronoun between) is an event noun: the event is then f's subject.
func (c *Coder) afterEventNoun(inSentence []*found, f *found) bool {
	for _, g := range inSentence {
		if g != f && g.trigger.pos == "noun" && g.end <= f.trig && f.trig-g.end <= 3 {
			return true
		}
	}
	return false
}

// complement reports a noun that is what another event in the sentence
// asks for or describes, not an event of its own: after إلى following a
// call (دعا ... إلى وقف إطلاق النار، إلى بدء المفاوضات), or the object of
// استهدف after an event noun (مداهمات ... استهدفت).
func (c *Coder) complement(toks []document.Token, from, i int, before []*found, f *found) bool {
	if len(before) == 0 {
		return false
	}
	last := before[len(before)-1]
	if f.trigger.pos == "noun" && (last.ev.Type == "REQUEST" || last.ev.Type == "THREATEN") {
		for k := i - 1; k >= from && k >= i-2; k-- {
			if toks[k].Norm == "الي" {
				return true
			}
		}
	}
	// An attack verb after an event noun of another type (سلسلة مداهمات في
	// 13 محافظة استهدفت عناصر التنظيم) tells whom that event aimed at.
	if f.ev.Type == "ASSAULT" && f.trigger.pos == "verb" && strings.HasPrefix(f.trigger.words[0], "استهدف") &&
		last.trigger.pos == "noun" && last.ev.Type != "ASSAULT" && i-last.end <= 4 {
		return true
	}
	return false
}

// habitual reports an attack verb in the imperfect with no time in its
// sentence: what a force does as a rule (العمليات تستهدف الحركات
// المسلحة), not an event.
func (c *Coder) habitual(toks []document.Token, from int, dates []dateExpr, f *found) bool {
	if f.ev.Type != "ASSAULT" && f.ev.Type != "SUPPORT" || f.trigger.pos != "verb" || len(dates) > 0 {
		return false
	}
	// لم تقصف is a past deed denied.
	for k := f.trig - 1; k >= from && k >= f.trig-2; k-- {
		if c.lex.negators[toks[k].Norm] {
			return false
		}
	}
	n := toks[f.trig].Norm
	return (strings.HasPrefix(n, "ي") || strings.HasPrefix(n, "ت") && !strings.HasPrefix(n, "تم")) && !strings.HasPrefix(toks[f.trig].Prefix, "س")
}

// relabel corrects a type the trigger word alone gets wrong once the
// arguments are known: a storming by forces or gunmen is an attack, not a
// riot (اقتحم مسلحون، اقتحمت قوات); an exchange of fire is no
// cooperation (تبادلوا ... الأعيرة النارية).
func (c *Coder) relabel(toks []document.Token, to int, f *found) {
	switch {
	case f.ev.Type == "PROTEST" && f.ev.Mode == "riot" && f.actor != nil && (f.actor.kind == "armed" || f.actor.kind == "state"):
		f.ev.Type, f.ev.Mode, f.ev.ACLED = "ASSAULT", "", nil
	case f.ev.Type == "COOPERATE":
		for k := f.end; k < to && k < f.end+3; k++ {
			if w, ok := c.lex.weapons["ASSAULT "+toks[k].Norm]; ok {
				f.ev.Type, f.ev.Mode = "ASSAULT", w.value
				return
			}
		}
	}
}

// mishap reports a death or blast told as an accident: a mishap word
// (احتراق، للغاز، مخزن) within the four words after the trigger.
func (c *Coder) mishap(toks []document.Token, to int, f *found) bool {
	blast := f.trigger.mode == "?!" && f.trigger.pos == "noun"
	if f.ev.Type != "ASSAULT" || !f.killing && !blast {
		return false
	}
	for k := f.end; k < to && k < f.end+4; k++ {
		if c.lex.accidents[toks[k].Norm] {
			return true
		}
	}
	return false
}

// sameMonthOrWeek reports whether a month or week expression covers the
// publication day.
func sameMonthOrWeek(e dateExpr, published time.Time) bool {
	if e.precision == "week" {
		return !published.Before(e.date) && published.Before(e.date.AddDate(0, 0, 7))
	}
	return e.date.Year() == published.Year() && e.date.Month() == published.Month()
}

// fillNumbers reads the fatalities of an assault and the quantities its
// sentence states.
func (c *Coder) fillNumbers(text string, toks []document.Token, from, to int, f *found) {
	norms := func(i int) []string {
		var w []string
		for k := i; k < to && k < i+6; k++ {
			w = append(w, toks[k].Norm)
		}
		return w
	}
	for i := from; i < to; i++ {
		v, n := c.numbers.Read(norms(i))
		if n == 0 {
			if vague, ok := c.numbers.Vague(toks[i].Norm); ok && i+1 < to {
				f.ev.Quantities = append(f.ev.Quantities, document.Quantity{Value: float64(vague), Text: text[toks[i].StemStart:toks[i+1].End]})
			}
			continue
		}
		end := i + n
		if end < to && toks[end].Kind == document.Word {
			f.ev.Quantities = append(f.ev.Quantities, document.Quantity{Value: float64(v), Text: text[toks[i].StemStart:toks[end].End]})
		}
		if f.ev.Type == "ASSAULT" && f.ev.Fatalities == nil && abs(i-f.trig) <= 15 {
			dead := (i > from && c.lex.deathWords[toks[i-1].Norm]) || (end < to && c.lex.deathWords[toks[end].Norm])
			if dead {
				x := int(v)
				f.ev.Fatalities = &x
			}
		}
		i = end - 1
	}
	if f.ev.Type != "ASSAULT" || f.ev.Fatalities != nil {
		return
	}
	for i := from; i < to; i++ {
		switch {
		case i > from && c.lex.deathWords[toks[i-1].Norm] && c.lex.duals[toks[i].Norm] && abs(i-f.trig) <= 15:
			two := 2 // مقتل جنديين
			f.ev.Fatalities = &two
			return
		case c.lex.negators[toks[i].Norm]:
			for k := i + 1; k < to && k <= i+5; k++ {
				if c.lex.noCasualty[toks[k].Norm] {
					none := 0 // دون أن يسفر الهجوم عن إصابات، لم تسفر عن خسائر
					f.ev.Fatalities = &none
					return
				}
			}
		}
	}
}

// merge keeps one event for one real event restated in later sentences:
// same type, compatible mode, actor, place, date and modality.
func merge(fs []*found) []*found {
	var out []*found
	resolved := map[*found]*found{} // where each merged event went
	type place struct{ sentence, trig, end int }
	at := make([]place, len(fs)) // positions before merging moves contents
	for j, f := range fs {
		at[j] = place{f.sentence, f.trig, f.end}
	}
	for j, f := range fs {
		var into *found
		// An attack verb right after an attack noun describes it
		// (انفجار عبوة ناسفة استهدفت سيارتهم، الضربات استهدفت).
		if j > 0 {
			p := fs[j-1]
			if at[j-1].sentence == at[j].sentence && p.ev.Type == "ASSAULT" && f.ev.Type == "ASSAULT" && at[j].trig-at[j-1].end <= 3 && p.ev.Modality == f.ev.Modality {
				into = p
				if r, ok := resolved[p]; ok {
					into = r
				}
			}
		}
		// A death told before the attack that caused it waits for it.
		tollBefore := f.killing && j+1 < len(fs) && at[j+1].sentence == at[j].sentence && fs[j+1].ev.Type == "ASSAULT"
		for _, g := range out {
			if g.sentence == f.sentence && g.ev.Type == "ASSAULT" {
				tollBefore = false // the attack was told first
			}
		}
		// The nearest earlier event it may restate.
		for k := len(out) - 1; k >= 0 && into == nil && !tollBefore; k-- {
			g := out[k]
			same := g.sentence == f.sentence && restates(g, f) && g.ev.Modality == f.ev.Modality
			samePlace := g.ev.Place != nil && f.ev.Place != nil && *g.ev.Place == *f.ev.Place && g.ev.Type == "ASSAULT" && (g.ev.Mode == "" || f.ev.Mode == "" || g.ev.Mode == f.ev.Mode)
			if same || g.sentence != f.sentence && (restatable(f) || retold(g, f) || samePlace) && compatible(g, f) {
				into = g
			}
		}
		if into == nil {
			out = append(out, f)
			continue
		}
		resolved[f] = into
		if into.killing && !f.killing {
			// "قُتل ٤ مدنيين جراء غارات": the attack is the event, the
			// killing its toll.
			*into, *f = *f, *into
		}
		e, x := &into.ev, &f.ev
		if e.Mode == "" {
			e.Mode = x.Mode
		}
		if e.Actor == nil {
			e.Actor, into.actor = x.Actor, f.actor
		}
		if e.Target == nil {
			e.Target, into.target = x.Target, f.target
		}
		if e.Place == nil && !f.definite {
			e.Place = x.Place
		}
		if e.Date == nil {
			e.Date, e.DateText, e.DatePrecision = x.Date, x.DateText, x.DatePrecision
		}
		if e.Fatalities == nil {
			e.Fatalities = x.Fatalities
		}
	}
	return out
}

// markIntervention finds protests dispersed or arrested within the next two
// sentences (ASSAULT/crowd-control, COERCE/arrest, asserted).
func markIntervention(fs []*found) {
	for _, p := range fs {
		if p.ev.Type != "PROTEST" || p.ev.Modality != "asserted" {
			continue
		}
		for _, f := range fs {
			if f.sentence < p.sentence || f.sentence > p.sentence+2 || f.ev.Modality != "asserted" {
				continue
			}
			if f.ev.Type == "ASSAULT" && f.ev.Mode == "crowd-control" || f.ev.Type == "COERCE" && f.ev.Mode == "arrest" {
				f.intervention, p.intervention = true, true
			}
		}
	}
}

// materialTypes are the deeds (not statements) whose time a following
// sentence may share.
var materialTypes = map[string]bool{"ASSAULT": true, "COERCE": true, "RETREAT": true, "PROTEST": true, "MOBILIZE": true}

// storyGoesOn reports whether f, an asserted deed, follows a sentence that
// told an asserted deed.
func storyGoesOn(f *found, prev []*found) bool {
	if !materialTypes[f.ev.Type] || f.ev.Modality != "asserted" {
		return false
	}
	for _, p := range prev {
		if materialTypes[p.ev.Type] && p.ev.Modality == "asserted" && p.ev.Date != nil {
			return true
		}
	}
	return false
}

// restates reports whether a later trigger in the same sentence names the
// same event: a death it caused (ما أسفر عن مقتل), a relative clause (الذي
// يزور), or a noun after a verb of the same type (تظاهر ... احتجاجا).
func restates(a, b *found) bool {
	if a.ev.Type != b.ev.Type || b.sequel {
		return false
	}
	// A death told first and the attack that caused it (قُتل خمسة ... في
	// انفجار سيارتين): merge puts the attack first.
	if a.killing && a.ev.Type == "ASSAULT" {
		return true
	}
	// An adverbial accusative (إضراب ... احتجاجا على) qualifies the event
	// before it, whatever its mode.
	if b.killing || b.relative || b.adverbial {
		return true
	}
	// Several attacks of one kind may share a sentence; other events are
	// restated (تظاهر ... احتجاجا).
	return a.ev.Mode == b.ev.Mode && (b.trigger.pos == "noun" || a.ev.Type != "ASSAULT")
}

// restatable reports whether a trigger can name an event told before: a
// definite noun (الغارات، الاتفاق), a passive (اعتُقل), a death toll, a
// verb in a relative clause that names a party by its deed (المجموعة التي
// هاجمت المنزل).
func restatable(f *found) bool {
	return f.definite || f.passive || f.killing || f.relative
}

// retold reports whether b, a noun naming a deed within two sentences of
// a, may be a again as a source tells it (لقي مسلحان مصرعهما في اشتباك ...
// وقال مصدر إن اشتباكا اندلع).
func retold(a, b *found) bool {
	sameKind := a.trigger == b.trigger || a.ev.Mode != "" && a.ev.Mode == b.ev.Mode
	return sameKind && b.sentence-a.sentence <= 2 && b.trigger.pos == "noun" && (b.ev.Type == "ASSAULT" || b.ev.Type == "COERCE")
}

func compatible(a, b *found) bool {
	x, y := &a.ev, &b.ev
	if x.Type != y.Type {
		return false
	}
	// A definite noun (الهجوم، الزيارة، الاتصال) points back to an event
	// told before: its sentence's own actors, places and times may be
	// others', and it states no modality of its own.
	if b.definite && y.Modality == "asserted" {
		// A general word (الهجوم، الحادث) takes its mode from whatever
		// weapon its own sentence names: no reason to tell events apart.
		return x.Mode == "" || y.Mode == "" || x.Mode == y.Mode || b.trigger.mode == "?"
	}
	if x.Modality != y.Modality {
		return false
	}
	if x.Mode != "" && y.Mode != "" && x.Mode != y.Mode && !b.killing {
		return false
	}
	// Only known actors can tell two events apart; a described one
	// (القوات، مسلحون) may be either.
	if x.Actor != nil && y.Actor != nil && x.Actor.KB != "" && y.Actor.KB != "" && x.Actor.KB != y.Actor.KB {
		return false
	}
	if x.Place != nil && y.Place != nil && *x.Place != *y.Place {
		return false
	}
	if x.Date != nil && y.Date != nil && *x.Date != *y.Date {
		return false
	}
	return true
}

func insideDate(dates []dateExpr, i int) bool {
	for _, e := range dates {
		if i >= e.first && i <= e.last {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// coveredBy reports whether token i is inside one of the mentions.
func coveredBy(ments []mention, i int) bool {
	for _, m := range ments {
		if m.first <= i && i <= m.last {
			return true
		}
	}
	return false
}

// partyNoun reports a group noun or the head of a body's name among tokens
// [i, last] (تنظيم الجبهة، مديرية الأمن): a party, whatever its name.
func (c *Coder) partyNoun(toks []document.Token, i, last int) bool {
	for k := i; k <= last; k++ {
		if c.lex.bodies[toks[k].Norm] {
			return true
		}
	}
	return c.groupKind(toks, i, last) != ""
}
