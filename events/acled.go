package events

import (
	"strings"

	"github.com/rasad/rasad/document"
)

// acledOf derives the ACLED event type and sub-type from the PLOVER coding
// and the kinds of the actors, by the table of event-coding.md section 3;
// nil where ACLED does not code the event or it did not happen.
func (c *Coder) acledOf(text string, toks []document.Token, sentence document.Range, f *found) *document.ACLED {
	e := &f.ev
	if e.Modality != "asserted" {
		return nil
	}
	kind := func(m *mention) string {
		if m == nil {
			return ""
		}
		return m.kind
	}
	target := kind(f.target)
	of := func(t, s string) *document.ACLED { return &document.ACLED{EventType: t, SubEventType: s} }
	const (
		remote   = "Explosions/Remote violence"
		battles  = "Battles"
		vac      = "Violence against civilians"
		protests = "Protests"
		strategy = "Strategic developments"
	)
	has := func(words map[string]bool) bool {
		from, to := tokenRange(toks, sentence.Start(), sentence.End())
		for i := from; i < to; i++ {
			if words[toks[i].Norm] {
				return true
			}
		}
		return false
	}
	dealTalk := func() bool { return has(c.lex.dealWords) }
	switch e.Type {
	case "ASSAULT":
		switch e.Mode {
		case "aerial", "drone":
			return of(remote, "Air/drone strike")
		case "heavy-weapons":
			return of(remote, "Shelling/artillery/missile attack")
		case "explosives":
			if strings.Contains(e.Trigger.Text, "قنبل") {
				return of(remote, "Grenade")
			}
			return of(remote, "Remote explosive/landmine/IED")
		case "suicide-attack":
			return of(remote, "Suicide bomb")
		case "sexual":
			return of(vac, "Sexual violence")
		case "crowd-control":
			return of(protests, "Protest with intervention")
		case "abduct":
			if target == "armed" || target == "state" {
				return of(battles, "Armed clash")
			}
			return of(vac, "Abduction/forced disappearance")
		}
		switch n := f.trigger.words[0]; {
		case strings.HasPrefix(n, "سيطر") || strings.HasPrefix(n, "استعاد") || c.lex.territory[n]:
			if kind(f.actor) == "state" {
				return of(battles, "Government regains territory")
			}
			return of(battles, "Non-state actor overtakes territory")
		}
		switch {
		case target == "protesters":
			return of(protests, "Excessive force against protesters")
		case target == "civilians", f.target != nil && target == "" && f.target.arg.KB == "", e.Mode == "targeted" && target != "armed" && target != "state":
			// Someone the text does not present as a fighter.
			return of(vac, "Attack")
		}
		return of(battles, "Armed clash")
	case "PROTEST":
		switch e.Mode {
		case "riot", "vandalize":
			return of("Riots", "Violent demonstration")
		case "boycott":
			return nil
		}
		return of(protests, "Peaceful protest")
	case "COERCE":
		switch e.Mode {
		case "arrest":
			// Political figures: a person the actor list knows.
			if f.target != nil && f.target.arg.KB != "" {
				return of(strategy, "Arrests")
			}
		case "seize":
			if has(c.lex.weaponWords) {
				return of(strategy, "Disrupted weapons use")
			}
		}
	case "RETREAT":
		switch e.Mode {
		case "withdraw":
			return of(strategy, "Non-violent transfer of territory")
		case "ceasefire", "disarm":
			return of(strategy, "Agreement")
		case "release", "access":
			if dealTalk() {
				return of(strategy, "Agreement")
			}
		}
	case "CONCEDE", "AGREE", "CONSULT":
		if dealTalk() {
			return of(strategy, "Agreement")
		}
	}
	return nil
}
