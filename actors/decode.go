package actors

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// Error is one problem in an actor file, at a line an analyst can open.
// Parse returns every problem it finds, joined; errors.As finds the first.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// maxErrors bounds how many problems one Parse reports, so that a file
// indented wrongly throughout does not bury the first message.
const maxErrors = 20

// file is a decoded actor file before it is indexed.
type file struct {
	titles []string
	actors []*Actor
}

type decoder struct {
	name string
	errs []error
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	if len(d.errs) < maxErrors {
		d.errs = append(d.errs, &Error{File: d.name, Line: n.Line, Msg: fmt.Sprintf(format, args...)})
	}
}

func decode(name string, data []byte) (*file, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		// "yaml: line 3: did not find expected key" → "FILE:3: did not …"
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, &Error{File: name, Line: line, Msg: "YAML syntax: " + m[2]}
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	d := &decoder{name: name}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, &Error{File: name, Line: 1, Msg: "the file is empty; it needs a list under \"actors\""}
	}
	top := d.fields(root.Content[0], "the file", "titles", "actors")
	f := &file{}
	if n, ok := top["titles"]; ok {
		f.titles = d.strings(n, "titles")
	}
	n, ok := top["actors"]
	if !ok {
		if len(d.errs) == 0 {
			d.errorf(root.Content[0], "no \"actors\" list")
		}
		return nil, errors.Join(d.errs...)
	}
	if n = deref(n); n.Kind != yaml.SequenceNode {
		d.errorf(n, "\"actors\" must be a list of entries")
		return nil, errors.Join(d.errs...)
	}
	seen := map[string]*Actor{}
	for _, item := range n.Content {
		a := d.actor(item)
		if a == nil {
			continue
		}
		if prev, dup := seen[a.ID]; dup {
			d.errorf(item, "duplicate id %q (first at line %d)", a.ID, prev.Line)
			continue
		}
		seen[a.ID] = a
		f.actors = append(f.actors, a)
	}
	d.references(f.actors, seen)
	if len(d.errs) > 0 {
		return nil, errors.Join(d.errs...)
	}
	return f, nil
}

var actorKeys = []string{"id", "name_ar", "name_en", "aliases", "kind", "sector", "country",
	"identity", "part_of", "side", "from", "to", "roles", "note"}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

var idPattern = regexp.MustCompile(`^[a-z0-9]+([._-][a-z0-9]+)*$`)

// actor decodes one entry; it returns nil when the entry has no usable id.
func (d *decoder) actor(n *yaml.Node) *Actor {
	before := len(d.errs)
	what := "an actor"
	if id := idOf(n); id != "" {
		what = "actor " + id
	}
	m := d.fields(n, what, actorKeys...)
	if m == nil {
		return nil
	}
	a := &Actor{Line: n.Line}
	a.ID = d.required(n, m, "id", "an actor")
	if a.ID == "" {
		return nil
	}
	what = "actor " + a.ID
	if !idPattern.MatchString(a.ID) {
		d.errorf(m["id"], "id %q: use lower-case letters, digits and . _ - (e.g. ly.lna)", a.ID)
	}
	a.NameAR = d.required(n, m, "name_ar", what)
	if a.NameAR != "" && !hasArabic(a.NameAR) {
		d.errorf(m["name_ar"], "%s: name_ar %q has no Arabic letters", what, a.NameAR)
	}
	a.NameEN = d.required(n, m, "name_en", what)
	if k := d.required(n, m, "kind", what); k != "" {
		a.Kind = Kind(k)
		if !kinds[a.Kind] {
			d.errorf(m["kind"], "%s: unknown kind %q (one of %s)", what, k, strings.Join(sortedKeys(kinds), ", "))
		}
	}
	if s := d.required(n, m, "sector", what); s != "" {
		a.Sector = s
		if !sectors[s] {
			d.errorf(m["sector"], "%s: unknown PLOVER sector %q (one of %s)", what, s, strings.Join(sortedKeys(sectors), ", "))
		}
	}
	if c := d.required(n, m, "country", what); c != "" {
		a.Country = c
		d.country(m["country"], what, c)
	}
	if v, ok := m["identity"]; ok {
		a.Identity = d.bool(v, what+": identity")
	}
	if v, ok := m["part_of"]; ok {
		a.PartOf = d.scalar(v, what+": part_of")
		a.partOfLine = v.Line
	}
	if v, ok := m["side"]; ok {
		a.Side = d.scalar(v, what+": side")
		if a.Side != "" && !idPattern.MatchString(a.Side) {
			d.errorf(v, "%s: side %q: use lower-case letters, digits and . _ - (e.g. ly.east)", what, a.Side)
		}
	}
	a.Period = d.period(m, what)
	if v, ok := m["aliases"]; ok {
		a.Aliases = d.aliases(v, what)
	}
	if v, ok := m["roles"]; ok {
		if a.Kind != Person && kinds[a.Kind] {
			d.errorf(v, "%s: roles are for people, and this is a %s", what, a.Kind)
		}
		if v = deref(v); v.Kind != yaml.SequenceNode {
			d.errorf(v, "%s: roles must be a list", what)
		} else {
			for _, r := range v.Content {
				a.Roles = append(a.Roles, d.role(r, what))
			}
		}
	}
	if v, ok := m["note"]; ok {
		a.Note = d.scalar(v, what+": note")
	}
	if len(d.errs) > before {
		// Keep the id so that duplicates and references are still
		// checked, but nothing else of a broken entry matters.
		return &Actor{ID: a.ID, Line: a.Line, Kind: a.Kind}
	}
	return a
}

var roleKeys = []string{"title_ar", "title_en", "org", "from", "to", "aliases", "note"}

func (d *decoder) role(n *yaml.Node, who string) Role {
	m := d.fields(n, who+": a role", roleKeys...)
	if m == nil {
		return Role{}
	}
	r := Role{line: n.Line}
	r.TitleAR = d.required(n, m, "title_ar", who+": a role")
	what := fmt.Sprintf("%s: role %q", who, r.TitleAR)
	if v, ok := m["title_en"]; ok {
		r.TitleEN = d.scalar(v, what+": title_en")
	}
	if v, ok := m["org"]; ok {
		r.Org = d.scalar(v, what+": org")
		r.line = v.Line
	}
	r.Period = d.period(m, what)
	if v, ok := m["aliases"]; ok {
		r.Aliases = d.aliases(v, what)
	}
	if v, ok := m["note"]; ok {
		r.Note = d.scalar(v, what+": note")
	}
	return r
}

var aliasKeys = []string{"text", "context", "from", "to", "ambiguous", "voice", "note"}

func (d *decoder) aliases(n *yaml.Node, what string) []Alias {
	n = deref(n)
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s: aliases must be a list", what)
		return nil
	}
	var out []Alias
	for _, item := range n.Content {
		var a Alias
		if item = deref(item); item.Kind == yaml.ScalarNode {
			a.Text = d.scalar(item, what+": alias")
		} else {
			m := d.fields(item, what+": an alias", aliasKeys...)
			if m == nil {
				continue
			}
			a.Text = d.required(item, m, "text", what+": an alias")
			if v, ok := m["context"]; ok {
				a.Context = d.strings(v, what+": context")
				for i, c := range a.Context {
					d.country(v.Content[i], what+": context", c)
				}
			}
			a.Period = d.period(m, what+": alias "+a.Text)
			if v, ok := m["ambiguous"]; ok {
				a.Ambiguous = d.bool(v, what+": ambiguous")
			}
			if v, ok := m["voice"]; ok {
				a.Voice = d.scalar(v, what+": voice")
				if a.Voice != "" && !idPattern.MatchString(a.Voice) {
					d.errorf(v, "%s: voice %q: use lower-case letters, digits and . _ - (e.g. ly.west)", what, a.Voice)
				}
			}
			if v, ok := m["note"]; ok {
				a.Note = d.scalar(v, what+": note")
			}
		}
		if a.Text != "" && normalize(a.Text) == "" {
			d.errorf(item, "%s: alias %q has no letters to match", what, a.Text)
		}
		if a.Text != "" {
			out = append(out, a)
		}
	}
	return out
}

// references checks part_of and role org ids, once every id is known.
func (d *decoder) references(list []*Actor, byID map[string]*Actor) {
	for _, a := range list {
		if a.PartOf != "" {
			if _, ok := byID[a.PartOf]; !ok {
				d.errorf(&yaml.Node{Line: a.partOfLine}, "actor %s: part_of %q is not an id in the list", a.ID, a.PartOf)
			} else if a.PartOf == a.ID {
				d.errorf(&yaml.Node{Line: a.partOfLine}, "actor %s: part_of names itself", a.ID)
			} else if cycle := partOfCycle(a, byID); cycle != "" {
				d.errorf(&yaml.Node{Line: a.partOfLine}, "actor %s: part_of goes round in a circle: %s", a.ID, cycle)
			}
		}
		for _, r := range a.Roles {
			if r.Org == "" {
				continue
			}
			if _, ok := byID[r.Org]; !ok {
				d.errorf(&yaml.Node{Line: r.line}, "actor %s: role %q: org %q is not an id in the list", a.ID, r.TitleAR, r.Org)
			}
		}
	}
}

// partOfCycle returns the chain "a → b → a" when following part_of from a
// comes back to a, else "".
func partOfCycle(a *Actor, byID map[string]*Actor) string {
	chain := []string{a.ID}
	for p := byID[a.PartOf]; p != nil && len(chain) <= len(byID); p = byID[p.PartOf] {
		chain = append(chain, p.ID)
		if p == a {
			return strings.Join(chain, " → ")
		}
	}
	return ""
}

// fields checks that n is a mapping with only the known keys, each once,
// and returns the value node of each key.
func (d *decoder) fields(n *yaml.Node, what string, known ...string) map[string]*yaml.Node {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of keys to values", what)
		return nil
	}
	m := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(known, k.Value):
			d.errorf(k, "unknown key %q in %s (known: %s)", k.Value, what, strings.Join(known, ", "))
		case m[k.Value] != nil:
			d.errorf(k, "key %q given twice in %s", k.Value, what)
		default:
			m[k.Value] = v
		}
	}
	return m
}

func (d *decoder) required(n *yaml.Node, m map[string]*yaml.Node, key, what string) string {
	v, ok := m[key]
	if !ok {
		d.errorf(n, "%s has no %s", what, key)
		return ""
	}
	return d.scalar(v, what+": "+key)
}

func (d *decoder) scalar(n *yaml.Node, what string) string {
	n = deref(n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		d.errorf(n, "%s is empty", what)
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be a single value", what)
		return ""
	}
	s := strings.TrimSpace(n.Value)
	if s == "" {
		d.errorf(n, "%s is empty", what)
	}
	return s
}

func (d *decoder) bool(n *yaml.Node, what string) bool {
	n = deref(n)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.errorf(n, "%s must be true or false", what)
		return false
	}
	return n.Value == "true"
}

func (d *decoder) strings(n *yaml.Node, what string) []string {
	n = deref(n)
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list", what)
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		out = append(out, d.scalar(item, what))
	}
	return out
}

func (d *decoder) period(m map[string]*yaml.Node, what string) Period {
	var p Period
	date := func(key string) Date {
		v, ok := m[key]
		if !ok {
			return Date{}
		}
		s := d.scalar(v, what+": "+key)
		if s == "" {
			return Date{}
		}
		t, err := ParseDate(s)
		if err != nil {
			d.errorf(v, "%s: %s: %v", what, key, err)
		}
		return t
	}
	p.From, p.To = date("from"), date("to")
	if !p.From.IsZero() && !p.To.IsZero() && !p.To.after().After(p.From.first()) {
		d.errorf(m["to"], "%s: to %s is before from %s", what, p.To, p.From)
	}
	return p
}

func (d *decoder) country(n *yaml.Node, what, c string) {
	if bodyCountries[c] {
		return
	}
	if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
		d.errorf(n, "%s: country %q is neither an ISO alpha-2 code nor one of %s", what, c, strings.Join(sortedKeys(bodyCountries), ", "))
	}
}

// idOf returns the id an entry gives, if any, for messages about its
// other keys.
func idOf(n *yaml.Node) string {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], deref(n.Content[i+1]); k.Value == "id" && v.Kind == yaml.ScalarNode {
			return strings.TrimSpace(v.Value)
		}
	}
	return ""
}

// deref follows a YAML alias (*name) to the node its anchor (&name)
// marks, so that an analyst may write a list of title aliases once and
// reuse it.
func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func sortedKeys[K ~string](m map[K]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, string(k))
	}
	slices.Sort(out)
	return out
}
