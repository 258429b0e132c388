package events

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rasad/rasad/arabic"
)

//go:embed triggers.tsv
var triggersTSV string

//go:embed weapons.tsv
var weaponsTSV string

//go:embed cues.tsv
var cuesTSV string

//go:embed groups.tsv
var groupsTSV string

//go:embed words.tsv
var wordsTSV string

// Roles say where a trigger's arguments stand (the roles column).
const (
	rolesDefault = "-"       // subject is the actor, object the target
	rolesHost    = "host"    // subject hosts a visitor: the object is the actor
	rolesPair    = "pair"    // the parties are participants
	rolesPatient = "patient" // the noun's genitive is the target
)

// trigger is one line of triggers.tsv, for one of its forms.
type trigger struct {
	words []string // normalised stems
	pos   string
	typ   string
	mode  string // "?" to infer from the sentence, "" for none
	roles string
	line  int
}

// cue is a word or phrase with a value: a weapon's mode, a modality, a
// kind of actor.
type cue struct {
	words  []string
	value  string
	typ    string // weapons: the event type the mode applies to
	window int    // modality cues: how far before the trigger, 0 for the sentence
}

// lexicon is the parsed data files.
type lexicon struct {
	// byFirst maps a first word, with its endings, to the triggers that
	// start with it, longest first.
	byFirst map[string][]*trigger
	weapons map[string]cue // by "TYPE word"
	cues    []cue
	groups  map[string][]cue // by first word

	// Closed word classes of words.tsv.
	deathWords, lightVerbs, targetPreps, placePreps, relatives     map[string]bool
	phraseStops, dayParts, monthHeads, dealWords, weaponWords      map[string]bool
	duals, noCasualty, negators, bodies, quantityNouns, agentPreps map[string]bool
	yearHeads, sayVerbs, complementizers, seriesWords, accidents   map[string]bool
	directions, scheduled, denials, territory, causes, dayAfter    map[string]bool
	sequels, titles                                                map[string]bool
	ordinalDays                                                    map[string]int
}

// endings are the inflections accepted on a trigger's single word: verb
// persons and noun plurals and cases.
var endings = []string{"", "ت", "وا", "ا", "تا", "ن", "ات", "ان", "ين", "ون", "ه"}

func loadLexicon() (*lexicon, error) {
	lex := &lexicon{byFirst: map[string][]*trigger{}, weapons: map[string]cue{}, groups: map[string][]cue{}}
	err := eachLine("triggers.tsv", triggersTSV, 6, func(line int, f []string) error {
		pos := f[1]
		if pos != "verb" && pos != "noun" {
			return fmt.Errorf("pos %q is neither verb nor noun", pos)
		}
		if !plover[f[2]] && f[2] != "-" {
			return fmt.Errorf("%q is not a PLOVER type", f[2])
		}
		switch f[4] {
		case rolesDefault, rolesHost, rolesPair, rolesPatient:
		default:
			return fmt.Errorf("roles %q is not one of -, host, pair, patient", f[4])
		}
		mode := f[3]
		if mode == "-" {
			mode = ""
		}
		for _, form := range strings.Split(f[0], "|") {
			words := phraseWords(form)
			if len(words) == 0 {
				return fmt.Errorf("empty form")
			}
			formPOS := pos
			if pos == "verb" && isVerbalNoun(words[0]) {
				formPOS = "noun"
			}
			t := &trigger{words: words, pos: formPOS, typ: f[2], mode: mode, roles: f[4], line: line}
			for _, e := range endings {
				w := words[0] + e
				if e == "ات" && strings.HasSuffix(words[0], "ه") {
					w = strings.TrimSuffix(words[0], "ه") + e
				}
				lex.byFirst[w] = append(lex.byFirst[w], t)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for w, ts := range lex.byFirst {
		// Longest phrase first; an exact form before one reached through an
		// ending (سيطره is a noun, not سيطر + ه).
		best := make([]*trigger, 0, len(ts))
		for n := 8; n >= 1; n-- {
			for _, exact := range []bool{true, false} {
				for _, t := range ts {
					if len(t.words) == n && (t.words[0] == w) == exact && !containsTrigger(best, t) {
						best = append(best, t)
					}
				}
			}
		}
		lex.byFirst[w] = best
	}
	err = eachLine("weapons.tsv", weaponsTSV, 3, func(_ int, f []string) error {
		// Keyed by event type and word: نار is fire for an attack and a
		// ceasefire for a retreat.
		lex.weapons[f[2]+" "+arabic.Normalize(f[0])] = cue{value: f[1], typ: f[2]}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine("cues.tsv", cuesTSV, 3, func(_ int, f []string) error {
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("window %q is not a number", f[2])
		}
		lex.cues = append(lex.cues, cue{words: phraseWords(f[0]), value: f[1], window: n})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine("groups.tsv", groupsTSV, 2, func(_ int, f []string) error {
		words := phraseWords(f[0])
		lex.groups[words[0]] = append(lex.groups[words[0]], cue{words: words, value: f[1]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The longest group phrase wins (قوات الأمن before قوات).
	for _, gs := range lex.groups {
		slices.SortStableFunc(gs, func(a, b cue) int { return len(b.words) - len(a.words) })
	}
	classes := map[string]*map[string]bool{
		"death": &lex.deathWords, "light": &lex.lightVerbs, "target": &lex.targetPreps,
		"place": &lex.placePreps, "relative": &lex.relatives, "stop": &lex.phraseStops,
		"daypart": &lex.dayParts, "monthhead": &lex.monthHeads, "deal": &lex.dealWords,
		"weapon": &lex.weaponWords, "dual": &lex.duals, "nocasualty": &lex.noCasualty, "negator": &lex.negators, "body": &lex.bodies, "quantity": &lex.quantityNouns, "agent": &lex.agentPreps,
		"yearhead": &lex.yearHeads, "say": &lex.sayVerbs, "that": &lex.complementizers, "series": &lex.seriesWords, "accident": &lex.accidents, "direction": &lex.directions, "scheduled": &lex.scheduled, "denial": &lex.denials, "territory": &lex.territory, "cause": &lex.causes, "dayafter": &lex.dayAfter, "sequel": &lex.sequels, "title": &lex.titles,
	}
	for _, m := range classes {
		*m = map[string]bool{}
	}
	lex.ordinalDays = map[string]int{}
	err = eachLine("words.tsv", wordsTSV, 2, func(_ int, f []string) error {
		w := arabic.Normalize(f[1])
		if f[0] == "ordinal" {
			if len(f) < 3 {
				return fmt.Errorf("ordinal %s without its number", w)
			}
			n, err := strconv.Atoi(f[2])
			if err != nil {
				return fmt.Errorf("ordinal %s: %q is not a number", w, f[2])
			}
			lex.ordinalDays[w] = n
			return nil
		}
		m, ok := classes[f[0]]
		if !ok {
			return fmt.Errorf("unknown word class %q", f[0])
		}
		(*m)[w] = true
		return nil
	})
	return lex, err
}

// phraseWords normalises a phrase and takes the article off its later
// words, as the segmenter splits it off tokens (اضراب عن الطعام is matched
// as اضراب عن طعام).
func phraseWords(s string) []string {
	words := strings.Fields(arabic.Normalize(s))
	for i := 1; i < len(words); i++ {
		if rest, ok := strings.CutPrefix(words[i], "ال"); ok && len(rest) >= 4 {
			words[i] = rest
		}
	}
	return words
}

// isVerbalNoun recognises the common patterns of the verbal noun (افتعال
// اعتقال، استفعال استهداف، تفعيل ترحيل، مفاعلة مداهمة, and forms with the
// article), so that a triggers.tsv line may list a verb with its noun.
func isVerbalNoun(w string) bool {
	r := []rune(w)
	n := len(r)
	switch {
	case strings.HasPrefix(w, "ال"):
		return true
	case n >= 5 && r[0] == 'ا' && r[n-2] == 'ا':
		return true
	case n >= 5 && r[0] == 'ت' && r[n-2] == 'ي':
		return true
	case n >= 5 && r[0] == 'م' && r[n-1] == 'ه':
		return true
	case n >= 4 && strings.HasSuffix(w, "ات"):
		return true
	}
	return false
}

func containsTrigger(ts []*trigger, t *trigger) bool {
	for _, u := range ts {
		if u == t {
			return true
		}
	}
	return false
}

// eachLine calls fn with the tab-separated fields of each line of data that
// is neither blank nor a comment; errors name the file and line.
func eachLine(name, data string, fields int, fn func(line int, f []string) error) error {
	for i, l := range strings.Split(data, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < fields {
			return fmt.Errorf("%s:%d: want %d tab-separated fields, have %d", name, i+1, fields, len(f))
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		if err := fn(i+1, f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, i+1, err)
		}
	}
	return nil
}

var plover = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true,
	"RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
}
