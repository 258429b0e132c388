package events

import (
	"strings"

	"github.com/rasad/rasad/document"
)

// fillArguments finds actor, target and participants by position. prev
// is the last verb event before f in the sentence, subject the speaker of
// the sentence (sentenceSubject), both possibly nil.
func (c *Coder) fillArguments(text string, toks []document.Token, from, to int, ments []mention, dates []dateExpr, f, prev *found, subject *mention) {
	var inS []*mention
	for k := range ments {
		m := &ments[k]
		if m.first >= from && m.last < to && m.place == "" && !insideDate(dates, m.first) {
			inS = append(inS, m)
		}
	}
	// Countries stand for their governments as subjects (وكانت الولايات
	// المتحدة، قد دعت): the mentions a subject before a verb may be.
	subjects := inS
	for k := range ments {
		if m := &ments[k]; m.country && m.first >= from && m.last < to {
			subjects = append(subjects, m)
		}
	}
	i := f.trig
	after := func(limit int) *mention {
		for _, m := range inS {
			if m.first > i && m.first-i <= limit {
				return m
			}
		}
		return nil
	}
	before := func(limit int) *mention {
		var best *mention
		for _, m := range inS {
			if m.last < i && i-m.last <= limit {
				best = m
			}
		}
		return best
	}
	// apposed reports whether n follows m right away or after a comma (a
	// name after a title: وزير الخارجية الإيراني، علي أكبر صالحي).
	apposed := func(m, n *mention) bool {
		return n.first == m.last+1 || n.first == m.last+2 && toks[m.last+1].Kind == document.Punct && m.kind == "" && n.kind == ""
	}
	next := func(m *mention, limit int) *mention {
		// After the body a spokesman speaks for come his rank and name;
		// what follows them is a party of its own, not in apposition.
		const (
			plain = iota
			pastBody
			pastName
		)
		state := plain
		for _, n := range inS {
			if n.last <= m.last {
				continue
			}
			was := state
			state = plain
			switch {
			case was == plain && n.first-m.last <= 4 && onBehalf(toks, n.first):
				// What a spokesman speaks for is part of his title (الناطق
				// باسم القوات المسلحة السودانية العميد نبيل عبد الله).
				m, state = n, pastBody
				continue
			case was == pastBody && n.first-m.last <= 2 && n.kind == "" && n.arg.Entity != "" && !apposed(m, n):
				m, state = n, pastName // his rank and name
				continue
			case was == plain && apposed(m, n) && (m.arg.KB == "" || m.arg.KB == n.arg.KB):
				// A name right after a title is the same party (رئيس
				// الوزراء محمد شياع السوداني).
				m = n
				continue
			}
			if n.first > m.last && n.first-m.last <= limit {
				return n
			}
		}
		return nil
	}
	// The name in apposition after a title, if any.
	named := func(m *mention) *mention {
		for _, n := range inS {
			if m != nil && apposed(m, n) && (n.arg.KB != "" || n.named && n.first == m.last+2) && (m.arg.KB == "" || m.arg.KB == n.arg.KB) {
				return n
			}
		}
		return m
	}
	passive := f.trigger.pos == "verb" && isPassive(text, toks[i])
	var actor, target *mention
	// قصف الجيش للمدنيين، اعتقال الشرطة للمتظاهرين: the party right after
	// an attack or arrest word, its object following with ل, is the
	// agent of a verbal noun (the word is unvowelled, noun or verb).
	genitive := func() bool {
		m := after(1)
		if m == nil || m.first != i+1 || m.last+1 >= to || toks[i].Suffix != "" || f.killing || !strings.HasPrefix(toks[m.last+1].Prefix, "ل") || f.ev.Type != "ASSAULT" && f.ev.Type != "COERCE" {
			return false
		}
		actor = m
		for _, n := range inS {
			if n.first == m.last+1 {
				target = n
			}
		}
		if target == nil {
			target = c.phraseAt(text, toks, m.last+1, to)
		}
		// The span leaves the preposition out (للمتظاهرين: متظاهرين).
		if target != nil && target.arg.Entity == "" && target.arg.KB == "" {
			t := *target
			t.arg.Text = text[toks[t.first].StemStart:toks[t.last].End]
			t.arg.Canonical = t.arg.Text
			target = &t
		}
		return true
	}
	switch {
	case (f.trigger.pos == "noun" || strings.HasSuffix(toks[i].Norm, "ه") || isVerbalNoun(toks[i].Norm)) && (toks[i].Suffix == "ه" || toks[i].Suffix == "ها") && f.trigger.roles != rolesPair && before(12) != nil:
		// A singular possessive pronoun on a verbal noun (زيارته، اعتقاله)
		// stands for the party named before it: the agent, or the patient of an
		// arrest or a killing; a visit's host is the party or place after
		// إلى.
		if f.trigger.roles == rolesPatient {
			target = named(before(12))
			break
		}
		actor = before(12)
		if f.ev.Type == "CONSULT" && i+2 < to && toks[i+1].Norm == "الي" {
			for _, m := range subjects {
				if m.first == i+2 {
					target = m
				}
			}
			for k := range ments {
				if m := &ments[k]; m.first == i+2 && m.place != "" {
					target = m
				}
			}
		}
	case f.eventSubject:
		target = after(4)
		if target == nil {
			target = c.phraseAt(text, toks, i+1, to)
		}
	case genitive():
	case f.trigger.roles == rolesPair:
		for _, m := range inS {
			if abs(m.first-i) <= 8 {
				f.ev.Participants = append(f.ev.Participants, m.arg)
			}
		}
		return
	case passive:
		target = after(4)
		for _, m := range inS {
			if m.first > i && m.first >= 2 && toks[m.first-2].Norm == "من" && toks[m.first-1].Norm == "قبل" {
				actor = m
			}
		}
	case toks[i].Prefix != "" && endsWithAl(toks[i].Prefix) || f.trigger.pos == "noun":
		// A verbal noun: شن X غارات، اعتقال X، X من قبل Y.
		for k := i - 1; k >= from && k >= i-12; k-- {
			if c.lex.lightVerbs[toks[k].Norm] {
				for _, m := range inS {
					if m.first > k && m.last < i {
						actor = m
						break
					}
				}
				// The subject before the verb (سلطات جنوب السودان تشن حملة
				// اعتقالات), or before the relative pronoun that opens its
				// clause (آدم تاجيلوف الذي قاد هجوما).
				if actor == nil && k > from {
					end := subjectEnd(toks, from, k)
					if c.lex.relatives[toks[end].Norm] {
						end--
					}
					actor = endsAt(inS, end)
				}
				if actor == nil {
					actor = c.phraseAt(text, toks, k+1, i)
				}
				break
			}
		}
		// غارات شنتها X، الهجوم الذي نفذه X.
		for k := i + 1; k < to && k <= i+4 && actor == nil; k++ {
			if c.lex.lightVerbs[toks[k].Norm] {
				for _, m := range inS {
					if m.first > k && m.first-k <= 3 {
						actor = m
						break
					}
				}
			}
		}
		g := after(2)
		// A definite noun after a definite trigger agrees with it: an
		// adjective (الهجوم الإرهابي), not its agent, unless it names a
		// party (الغارات الأمريكية).
		if g != nil && f.definite && g.first == i+1 && !g.named && endsWithAl(toks[g.first].Prefix) {
			g = nil
		}
		if g == nil && (f.trigger.roles == rolesPatient || actor == nil) && i+1 < to && (endsWithAl(toks[i+1].Prefix) || toks[i+1].Kind == document.Number || c.isQuantityWord(toks[i+1].Norm)) {
			g = c.phraseAt(text, toks, i+1, to)
		}
		if g != nil {
			if f.trigger.roles == rolesPatient || f.ev.Type == "ASSAULT" && (toks[i].Norm == "مقتل" || toks[i].Norm == "مصرع") {
				target = g
			} else if actor == nil {
				actor = g
			}
		}
	case (isParticiple(toks[i].Norm) || f.trigger.pos == "verb" && circumstantial(toks, from, i)) && (prev != nil && prev.actor != nil || subject != nil || before(20) != nil):
		// A circumstantial participle (مطالبا، مطالبين، ، داعيا) has the
		// subject of its clause: the verb's before it, or the speaker of
		// the sentence (وقال X ... ، داعيا إلى).
		switch {
		case prev != nil && prev.actor != nil:
			actor = prev.actor
		case subject != nil:
			actor = subject
		default:
			actor = before(20)
		}
		target = after(4)
	case f.trigger.pos == "verb" && prev != nil && prev.actor != nil && !prev.byAgent && strings.HasPrefix(toks[i].Prefix, "و") && toks[i].Suffix == "" && !ownSubject(after(1)):
		// Coordinated verbs share their subject (أطلقت القوات ... واعتقلت).
		actor = prev.actor
		target = after(4)
		if target == nil {
			target = c.phraseAt(text, toks, i+1, to)
		}
	case f.trigger.pos == "verb" && !passive && i > from && strings.HasPrefix(toks[i].Prefix, "و") && subject != nil && (toks[i].Suffix != "" || i+1 < to && (toks[i+1].Norm == "الي" || c.lex.complementizers[toks[i+1].Norm])):
		// A verb with no subject written, coordinated within the words of
		// a speaker (وقالت المنظمة إن ... ودعتها إلى الكف): the speaker.
		actor = subject
		if toks[i].Suffix == "" {
			target = after(4)
		}
	case f.trigger.pos == "verb" && i > from && toks[i-1].Norm == "ان" && toks[i-1].Suffix != "" && before(20) != nil && after(1) == nil:
		// أعلن الجيش أنه قصف ...: the pronoun is the speaker.
		actor = before(20)
		target = after(8)
		if target == nil {
			target = c.phraseAt(text, toks, i+1, to)
		}
	case f.trigger.pos == "verb" && i > from && (subjectBefore(subjects, toks, from, i) != nil || c.bodyBefore(text, toks, from, i) != nil):
		// Subject before the verb (إن طهران تدعم ...، وكانت واشنطن قد دعت،
		// إن تنظيم الجبهة يهدد).
		actor = subjectBefore(subjects, toks, from, i)
		if actor == nil {
			actor = c.bodyBefore(text, toks, from, i)
		}
		target = after(4)
		if target == nil {
			target = c.phraseAt(text, toks, i+1, to)
		}
	default:
		actor = after(4)
		// A name no list knows between the verb and a comma is its
		// subject (ودعا المقريف ، المواطنين).
		if i+2 < to && toks[i+2].Kind == document.Punct && (actor == nil || actor.first > i+1) {
			if m := c.phraseAt(text, toks, i+1, i+2); m != nil {
				actor = m
			}
		}
		// The subject comes right after the verb: a definite noun there
		// that no list knows is it (وأدان المجلس اعتقال الشرطة ...), not
		// a party further on.
		if actor != nil && actor.first > i+1 && endsWithAl(toks[i+1].Prefix) && !coveredBy(ments, i+1) {
			if m := c.phraseAt(text, toks, i+1, to); m != nil {
				actor = m
			}
		}
		if actor == nil || actor.first > 0 && c.lex.targetPreps[toks[actor.first-1].Norm] {
			actor = c.phraseAt(text, toks, i+1, to)
		}
		if actor == nil && toks[i].Suffix == "" {
			actor = before(8)
		}
		if actor != nil {
			// The met or hosted party may come after a date and a place
			// (التقى X، يوم ... في القاهرة، Y).
			reach := 6
			if f.ev.Type == "CONSULT" {
				reach = 16
			}
			target = next(actor, reach)
			if actor.last < i {
				target = after(6)
			}
			if target == nil && actor.last > i {
				k := actor.last + 1
				if k < to && isComma(text, toks[k]) {
					k++
				}
				if k < to && (toks[k].Norm == "علي" || toks[k].Norm == "ضد" || toks[k].Norm == "مع") {
					k++
				}
				target = c.phraseAt(text, toks, k, to)
			}
		}
	}
	// A verbal noun's agent is the subject of the clause it depends on
	// (أعلنت مديرية الأمن اعتقال ...): the name before it, or the phrase
	// after the verb that opens the sentence. Of an attack noun, only a
	// force announcing its own strike (أعلن الجيش أن غارة ...): whoever
	// else governs it reports, condemns or suffers it (أدان الهجوم، تعرض
	// لهجوم), and an attack after a preposition (مقتل 30 في هجوم) is the
	// circumstance of another fact, not the verb's object.
	if actor == nil && !passive && (f.trigger.pos == "noun" || endsWithAl(toks[i].Prefix)) {
		attack := f.ev.Type == "ASSAULT"
		// Nor of a death: who announces it (أعلنت الشرطة مقتل ...) did
		// not kill.
		governed := !attack || !f.killing && i > from && !c.lex.phraseStops[toks[i-1].Norm] && !strings.HasPrefix(toks[i].Prefix, "ب") && !strings.HasPrefix(toks[i].Prefix, "ل")
		force := func(m *mention) bool { return !attack || m.kind == "state" || m.kind == "armed" }
		if m := before(12); !governed || m != nil && !force(m) {
			// no agent from the clause
		} else if m != nil && m != target {
			actor = m
		} else if open := from + 1; open < i-1 {
			// Only a phrase that names a body or a group (مديرية أمن زوارة،
			// قوات الأمن): the opening word may be no verb at all.
			if m := c.phraseAt(text, toks, open, i); m != nil && m.last < i && (m.kind != "" || c.lex.bodies[toks[m.first].Norm]) && force(m) {
				actor = m
			}
		}
	}
	// مقتل X برصاص Y، على يد Y، بنيران Y: Y did it, whoever the clause's
	// subject is.
	if f.ev.Type == "ASSAULT" && (!passive && (f.trigger.pos == "noun" || endsWithAl(toks[i].Prefix)) || f.killing || passive) {
		for k := i + 1; k < to-1 && k <= i+8; k++ {
			byWord := strings.HasPrefix(toks[k].Prefix, "ب") || k > 0 && toks[k-1].Norm == "علي"
			if c.lex.agentPreps[toks[k].Norm] && byWord {
				var by *mention
				for _, m := range inS {
					if m.first == k+1 {
						by = m
					}
				}
				if by == nil {
					by = c.phraseAt(text, toks, k+1, to)
				}
				if by != nil {
					actor, f.byAgent = by, true
				}
				break
			}
		}
	}
	// A target after على/ضد/مواقع anywhere after the trigger.
	if target == nil {
		for _, m := range inS {
			if m.first > i && m.first > 0 && c.lex.targetPreps[toks[m.first-1].Norm] && m != actor {
				target = m
				break
			}
		}
	}
	if target == nil {
		for k := i + 1; k < to-1 && k <= i+8; k++ {
			// علي after a comma is the name (وزير الخارجية، علي ...), not على;
			// على يد names the agent.
			if toks[k].Norm == "علي" && (toks[k-1].Kind == document.Punct || c.lex.agentPreps[toks[k+1].Norm]) {
				continue
			}
			if c.lex.targetPreps[toks[k].Norm] && (actor == nil || k+1 < actor.first || k > actor.last) {
				target = c.phraseAt(text, toks, k+1, to)
				break
			}
		}
	}
	// تلقى X اتصالا من Y، تلقى X تهديدات: the caller or threatener Y is
	// the actor, who received it the target.
	if f.ev.Mode == "phone" || f.ev.Type == "THREATEN" && f.trigger.pos == "noun" {
		for k := i - 1; k >= from && k >= i-16; k-- {
			if toks[k].Norm == "تلقي" {
				target = nil
				for _, m := range inS {
					if m.first > k && m.last < i {
						target = m
						break
					}
				}
				actor = nil
				for _, m := range inS {
					if m.first > i+1 && toks[m.first-1].Norm == "من" {
						actor = m
						break
					}
				}
				break
			}
		}
	}
	// The dead of an attack are its target (غارات ... ما أسفر عن مقتل 9 من
	// عمال الميناء), rather than the place it hit.
	if f.ev.Type == "ASSAULT" && (target == nil || target.kind == "" && !target.named) {
		if v := c.victims(text, toks, from, to, inS); v != nil && v != actor {
			target = v
		}
	}
	// دعا X إلى ...: with the caller already known (a subject before the
	// verb, or the speaker of the verb this one is coordinated with), the
	// one party between the verb and إلى is whom the call addresses.
	if f.ev.Type == "REQUEST" && f.trigger.pos == "verb" && actor != nil && actor.first > i {
		caller := subjectBefore(subjects, toks, from, i)
		if caller == nil && prev != nil && strings.HasPrefix(toks[i].Prefix, "و") {
			caller = prev.actor
		}
		if caller == nil && i > from && strings.HasPrefix(toks[i].Prefix, "و") {
			caller = subject
		}
		if to := c.untilTo(toks, i, to); caller != nil && to > 0 && actor.last < to && (target == nil || target.first > to) {
			actor, target = caller, actor
		}
	}
	// Of an attack, a number of people is whom it hit, never who did it
	// (انفجار ... قتل خمسة أشخاص); so are the subjects of a death word
	// (قُتل مسؤولان، unvocalised like an active verb) unless an agent
	// was named after برصاص or على يد.
	if f.ev.Type == "ASSAULT" && actor != nil && !f.byAgent {
		counted := f.trigger.pos == "noun" && (toks[actor.first].Kind == document.Number || c.isQuantityWord(toks[actor.first].Norm))
		if counted || f.killing && actor.first > i {
			if target == nil {
				target = actor
			}
			actor = nil
		}
	}
	// Whom a statement condemns or refuses is a party, not a phrase
	// (أدان ... الحادث، انتقد ... ابن شقيق): a target no name list or
	// group word knows is left out.
	if (f.ev.Type == "ACCUSE" || f.ev.Type == "REJECT") && target != nil && !target.named && target.kind == "" && target.arg.Entity == "" {
		target = nil
	}
	actor, target = named(actor), named(target)
	if actor != nil {
		actor = c.titled(text, toks, to, actor)
	}
	if f.trigger.roles == rolesHost && actor != nil && target != nil {
		actor, target = target, actor
	}
	if actor == target {
		target = nil
	}
	f.actor, f.target = actor, target
	if actor != nil {
		a := actor.arg
		f.ev.Actor = &a
	}
	if target != nil {
		a := target.arg
		f.ev.Target = &a
	}
}

// phraseAt returns the noun phrase starting at token i as an argument
// mention, for actors and targets no name list knows (مديرية أمن زوارة،
// ثلاثة موظفين): up to six words, ending before punctuation, a
// preposition, a time word, a conjunction or another trigger.
func (c *Coder) phraseAt(text string, toks []document.Token, i, to int) *mention {
	if i >= to || toks[i].Kind != document.Word && toks[i].Kind != document.Number {
		return nil
	}
	last := -1
	for k := i; k < to && k < i+6; k++ {
		t := toks[k]
		if t.Kind != document.Word && !(t.Kind == document.Number && k == i) {
			break
		}
		// كمية من الأسلحة، عدد من المسلحين: من after a quantity noun goes on.
		if t.Norm == "من" && k > i && c.lex.quantityNouns[toks[k-1].Norm] {
			last = k
			continue
		}
		if c.lex.phraseStops[t.Norm] || k > i && (strings.HasPrefix(t.Prefix, "و") || strings.HasPrefix(t.Prefix, "ب")) {
			break
		}
		if _, isDay := c.calendar.Weekday(t.Norm); isDay {
			break
		}
		if _, isMonth := c.calendar.Month(t.Norm); isMonth {
			break
		}
		if tr, _ := c.match(text, toks, k, to); tr != nil {
			break
		}
		last = k
	}
	if last < 0 || c.lex.phraseStops[toks[i].Norm] || strings.HasPrefix(toks[i].Prefix, "ب") {
		return nil
	}
	// A lone indefinite word in -ا is an adverb or an object (تكتيكيا،
	// ليليا، هاتفيا), not a party.
	if last == i && toks[i].Prefix == "" && strings.HasSuffix(toks[i].Norm, "ا") {
		return nil
	}
	start := toks[i].StemStart
	if endsWithAl(toks[i].Prefix) {
		start = toks[i].Start
	}
	t := text[start:toks[last].End]
	return &mention{first: i, last: last, arg: document.Argument{Text: t, Canonical: t}, kind: c.groupKind(toks, i, last)}
}

// groupKind is the kind of the first group noun in tokens [i, last].
func (c *Coder) groupKind(toks []document.Token, i, last int) string {
	for k := i; k <= last; k++ {
		for _, g := range c.lex.groups[toks[k].Norm] {
			return g.value
		}
	}
	return ""
}

// victims returns who a death word of the sentence counts: the words after
// it and its number (مقتل 9 من عمال الميناء، قُتل ٤ مدنيين).
func (c *Coder) victims(text string, toks []document.Token, from, to int, inS []*mention) *mention {
	for k := from; k < to; k++ {
		if !c.lex.deathWords[toks[k].Norm] {
			continue
		}
		j := k + 1
		if j < to && (toks[j].Kind == document.Number || c.isQuantityWord(toks[j].Norm)) {
			// The group noun took its number in (٤ مدنيين).
			for _, m := range inS {
				if m.first == j {
					return m
				}
			}
			j++
		}
		if j < to && toks[j].Norm == "من" {
			j++
		}
		for _, m := range inS {
			if m.first == j {
				return m
			}
		}
		return c.phraseAt(text, toks, j, to)
	}
	return nil
}

// ownSubject reports whether a mention right after a verb names a party
// that acts (وأطلقت الشرطة): a name, or forces and armed men.
func ownSubject(m *mention) bool {
	return m != nil && (m.named || m.kind == "state" || m.kind == "armed")
}

// isParticiple recognises the active participle used as a circumstantial
// (مطالبا، مطالبين، داعيا): م-initial with the accusative or plural ending.
func isParticiple(n string) bool {
	return strings.HasPrefix(n, "م") && (strings.HasSuffix(n, "ا") || strings.HasSuffix(n, "ين")) && len([]rune(n)) >= 5
}

// endsAt returns the mention whose last token is i, if any.
func endsAt(ms []*mention, i int) *mention {
	for _, m := range ms {
		if m.last == i {
			return m
		}
	}
	return nil
}

// isPassive reports a verb written with a damma on its first letter
// (قُتل، اعتُقل، أُفرج), the only sign of the passive in unvowelled text.
func isPassive(text string, t document.Token) bool {
	return strings.ContainsRune(text[t.StemStart:t.StemEnd], 'ُ')
}

// fillPlace takes the toponym nearest the trigger after a preposition of
// place, else the nearest in the sentence.
//
// A place belongs to the clause of the event nearest it: one with another
// event word between it and the trigger (قتل ... في انفجار في بغداد، فيما
// تظاهر ... في البصرة) is taken only when no other place is left.
func (c *Coder) fillPlace(toks []document.Token, from, to int, ments []mention, f *found, others []*found) {
	// Statements (calls, accusations, praise, threats, refusals, promises)
	// are placed where they were made, which news seldom means by the
	// places it names in them.
	switch f.ev.Type {
	case "ACCUSE", "REQUEST", "SUPPORT", "THREATEN", "REJECT", "AGREE":
		return
	}
	best, bestScore := "", 0
	for _, m := range ments {
		if m.place == "" || m.first < from || m.last >= to {
			continue
		}
		score := 1000 - abs(m.first-f.trig)
		afterPrep := m.first > from && c.lex.placePreps[toks[m.first-1].Norm] || toks[m.first].Prefix == "ب"
		if afterPrep {
			score += 500
		} else if m.country {
			// A country named in passing (الحكومة اليمنية، العراق) is
			// seldom where the event happened.
			continue
		}
		// A place after a direction from another place is the reference
		// point (في الديوانية جنوب بغداد، محافظة الموصل ... شمالي
		// العاصمة بغداد): the first place is the more precise one.
		if c.referencePoint(toks, from, ments, m) {
			score -= 800
		}
		for _, o := range others {
			if o != f && o.ev.Type != f.ev.Type && (f.trig < o.trig && o.trig < m.first || m.last < o.trig && o.trig < f.trig) {
				score -= 600
				break
			}
		}
		if score > bestScore {
			best, bestScore = m.place, score
		}
	}
	if best != "" {
		f.ev.Place = &best
	}
}

// referencePoint reports whether the place mention m follows a direction
// word (جنوب، شمالي، قرب) that follows, within eight words, another place
// mention of the sentence.
func (c *Coder) referencePoint(toks []document.Token, from int, ments []mention, m mention) bool {
	k := m.first - 1
	if k > from && c.lex.phraseStops[toks[k].Norm] {
		k-- // العاصمة بغداد
	}
	for ; k >= from && k >= m.first-2; k-- {
		if !c.lex.directions[strings.TrimSuffix(toks[k].Norm, "ي")] {
			continue
		}
		for _, o := range ments {
			if o.place != "" && o.place != m.place && o.last < k && k-o.last <= 8 {
				return true
			}
		}
	}
	return false
}

// subjectEnd returns the token where a subject written before the verb at
// i would end: right before it, or before قد and a comma (وكانت واشنطن،
// قد دعت).
func subjectEnd(toks []document.Token, from, i int) int {
	k := i - 1
	if k > from && toks[k].Norm == "قد" {
		k--
		if k > from && toks[k].Kind == document.Punct {
			k--
		}
	}
	return k
}

// untilTo returns the token of the إلى that follows the call at token i
// within eight words, or -1.
func (c *Coder) untilTo(toks []document.Token, i, to int) int {
	for k := i + 1; k < to && k <= i+8; k++ {
		if toks[k].Norm == "الي" {
			return k
		}
	}
	return -1
}

// sentenceSubject returns who speaks in the sentence from..to when it
// opens with a verb of saying (وقال X، وأضاف المصدر ،): the party written
// after the verb, or, when none is written (وأشار إلى أن، وأضاف أن), the
// speaker carried from the sentences before (topic). Nil when the sentence
// opens otherwise: its clauses have subjects of their own.
func (c *Coder) sentenceSubject(text string, toks []document.Token, from, to int, ments []mention, topic *mention) *mention {
	if from+1 >= to || !c.lex.sayVerbs[toks[from].Norm] {
		return nil
	}
	k := from + 1
	for i := range ments {
		if m := &ments[i]; m.first == k && m.place == "" {
			return c.titled(text, toks, to, m)
		}
	}
	if toks[k].Kind != document.Word || c.lex.phraseStops[toks[k].Norm] || c.lex.complementizers[toks[k].Norm] {
		return topic
	}
	// A name no list knows, ended by a comma or a preposition (وقال
	// ملادينوف في بيان، وأضاف المقريف ،).
	if m := c.phraseAt(text, toks, k, to); m != nil && m.last+1 < to && (toks[m.last+1].Kind == document.Punct || c.lex.phraseStops[toks[m.last+1].Norm]) {
		return m
	}
	return topic
}

// titled returns the mention of a function (وزير الخارجية الإيراني) with
// the name written right after it up to a comma (علي أكبر صالحي ،), when
// no name list took that name in: the title alone names the office, not
// the person.
func (c *Coder) titled(text string, toks []document.Token, to int, m *mention) *mention {
	if m.arg.Entity != "" || !c.lex.titles[toks[m.first].Norm] {
		return m
	}
	k := m.last + 1
	last := -1
	for j := k; j < to && j < k+4; j++ {
		t := toks[j]
		if t.Kind == document.Punct {
			break
		}
		if t.Kind != document.Word || t.Prefix != "" || c.lex.phraseStops[t.Norm] || c.lex.titles[t.Norm] {
			return m
		}
		if tr, _ := c.match(text, toks, j, to); tr != nil {
			return m
		}
		last = j
	}
	if last < 0 || last+1 >= to || toks[last+1].Kind != document.Punct {
		return m
	}
	n := *m
	start := toks[m.first].StemStart
	if endsWithAl(toks[m.first].Prefix) {
		start = toks[m.first].Start
	}
	n.last = last
	n.arg.Text = text[start:toks[last].End]
	if n.arg.KB == "" {
		n.arg.Canonical = n.arg.Text
	}
	return &n
}

// circumstantial reports an indefinite participle in the accusative after
// a comma (، داعيا إلى، ، نافيا): it describes the subject of its clause.
func circumstantial(toks []document.Token, from, i int) bool {
	t := toks[i]
	return i > from && toks[i-1].Kind == document.Punct && t.Prefix == "" && t.Suffix == "" && strings.HasSuffix(t.Norm, "ا") && len([]rune(t.Norm)) >= 4
}

// isComma reports an Arabic or Latin comma.
func isComma(text string, t document.Token) bool {
	p := text[t.Start:t.End]
	return t.Kind == document.Punct && (p == "،" || p == ",")
}

// bodyBefore returns the name of a body or group written right before the
// verb at i, headed by a body word no name list knows in full (تنظيم
// الجبهة، مديرية أمن زوارة), or nil.
func (c *Coder) bodyBefore(text string, toks []document.Token, from, i int) *mention {
	end := subjectEnd(toks, from, i)
	for j := end; j >= from && j >= end-3; j-- {
		if !c.lex.bodies[toks[j].Norm] {
			continue
		}
		if m := c.phraseAt(text, toks, j, i); m != nil && m.last == end {
			return m
		}
		return nil
	}
	return nil
}

// subjectBefore returns the mention written as the subject before the
// verb at i (subjectEnd), a nisba adjective after it included (وكانت
// الولايات المتحدة الأمريكية، قد دعت).
func subjectBefore(inS []*mention, toks []document.Token, from, i int) *mention {
	k := subjectEnd(toks, from, i)
	if m := endsAt(inS, k); m != nil {
		return m
	}
	if k > from && endsWithAl(toks[k].Prefix) && (strings.HasSuffix(toks[k].Norm, "ي") || strings.HasSuffix(toks[k].Norm, "يه")) {
		return endsAt(inS, k-1)
	}
	return nil
}

// onBehalf reports whether the mention starting at token first follows
// باسم: the body a spokesman speaks for.
func onBehalf(toks []document.Token, first int) bool {
	if first < 1 || first > len(toks) {
		return false
	}
	t := toks[first-1]
	return t.Norm == "اسم" && t.Prefix == "ب"
}
