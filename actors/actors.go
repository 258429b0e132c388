package actors

import (
	_ "embed"
	"fmt"
	"os"
	"strings"
)

// The actor list shipped with rasad; see the comment at its head for the
// fields.
//
//go:embed actors.yaml
var embedded []byte

// EmbeddedName is the file name messages about the embedded list carry.
const EmbeddedName = "actors/actors.yaml"

// Kind says what sort of actor an entry is.
type Kind string

// Kinds of actor. The file may use only these.
const (
	Person         Kind = "person"
	State          Kind = "state"
	Government     Kind = "government"
	Military       Kind = "military"        // a state's armed forces or one of their units
	Security       Kind = "security"        // police, interior forces, intelligence services
	ArmedGroup     Kind = "armed_group"     // militias, rebels, jihadist groups
	Party          Kind = "party"           // political parties and movements
	Ministry       Kind = "ministry"        // a ministry of a government
	Legislature    Kind = "legislature"     // parliaments and consultative councils
	Court          Kind = "court"           // national and international courts
	Institution    Kind = "institution"     // state bodies that are none of the above: central banks, oil companies, electoral commissions
	IGO            Kind = "igo"             // intergovernmental organisations and their missions
	NGO            Kind = "ngo"             // non-governmental organisations
	PMC            Kind = "pmc"             // private military companies
	ForeignCommand Kind = "foreign_command" // a state's military command for another region (AFRICOM)
	Coalition      Kind = "coalition"       // alliances of states or of armed groups
	Media          Kind = "media"
	Tribe          Kind = "tribe" // tribes and communal groups
)

var kinds = map[Kind]bool{
	Person: true, State: true, Government: true, Military: true, Security: true,
	ArmedGroup: true, Party: true, Ministry: true, Legislature: true, Court: true,
	Institution: true, IGO: true, NGO: true, PMC: true, ForeignCommand: true,
	Coalition: true, Media: true, Tribe: true,
}

// PLOVER sector codes an actor may carry (event-coding.md, section 1).
var sectors = map[string]bool{
	"COP": true, "GOV": true, "JUD": true, "LEG": true, "MIL": true, "PRM": true,
	"PTY": true, "REB": true, "SPY": true, "UAF": true, "UNK": true, "AGR": true,
	"BUS": true, "CRM": true, "CVL": true, "EDU": true, "ELI": true, "JRN": true,
	"LAB": true, "MED": true, "REF": true, "OPP": true, "PRE": true, "REL": true,
	"SOC": true,
}

// Country codes that are not states: PLOVER's codes for bodies above or
// outside states.
var bodyCountries = map[string]bool{
	"IGO": true, // intergovernmental organisations
	"UNO": true, // the United Nations and its agencies
	"EUR": true, // the European Union
	"NGO": true, // non-governmental organisations
	"IMG": true, // international militarised groups (ISIS, al-Qaeda)
	"MNC": true, // multinational companies
}

// Actor is one entry of the list. A List hands out pointers to its actors;
// they and their slices must not be modified.
type Actor struct {
	ID       string // stable and readable: "ly.lna", "ly.haftar.khalifa"
	NameAR   string // canonical Arabic name, the "canonical" rasad prints
	NameEN   string
	Aliases  []Alias
	Kind     Kind
	Sector   string // PLOVER sector code
	Country  string // ISO 3166-1 alpha-2, or IGO, UNO, EUR, NGO, IMG, MNC
	Identity bool   // a tribal, ethnic or communal armed group (ACLED inter 4)
	PartOf   string // id of the body it belongs to, if any
	// Side is the camp a body belongs to where a country's rivals share
	// descriptions ("ly.east", "ly.west"): "الجيش الليبي" is the side's
	// army that the article's other actors point to. A body without one
	// takes its part_of's; a person takes the side of the body of the
	// role they hold at the article's date, else their own.
	Side   string
	Period        // when a body existed; zero for people
	Roles  []Role // offices held, with periods (people)
	Note   string

	// Line is where the entry starts in its file, for messages.
	Line int

	partOfLine int
}

// Alias is another way news text names an actor. A plain alias is a name;
// one with a context, a period or the ambiguous mark is a description that
// names the actor only in some articles.
type Alias struct {
	Text string
	// Context lists the article countries in which the alias means this
	// actor ("الجيش الليبي" is the LNA in LY articles); empty means any.
	Context []string
	// Period limits when the alias means this actor ("الحكومة الجديدة").
	Period
	// Ambiguous marks a description that may also name someone else, so
	// that a match through it ranks lower and may be reported ambiguous.
	Ambiguous bool
	// Voice is the camp (Actor.Side) whose media use the alias: the
	// enemy's words for an actor ("ميليشيات حفتر" is Tripoli's, "العدوان
	// السعودي" Sanaa's) say whose side the article speaks for.
	Voice string
	Note  string
}

// described reports whether a is a description rather than a name.
func (a *Alias) described() bool {
	return a.Ambiguous || len(a.Context) > 0 || !a.Period.IsZero()
}

// Role is an office a person held: its title, the body it belongs to, and
// when. Its title and aliases find the holder from a bare description
// ("رئيس المجلس الرئاسي") at the article's date.
type Role struct {
	TitleAR string
	TitleEN string
	Org     string // id of the body, if it is in the list
	Period
	Aliases []Alias
	Note    string

	line int
}

// List is the loaded, validated actor list and its name index. It is
// immutable and safe for concurrent use.
type List struct {
	actors []*Actor
	byID   map[string]*Actor
	titles []string // normalised honorifics and ranks, longest first
	index  map[string][]entry
	// prefixes holds every indexed form and each of its leading runs of
	// words, so that Mentions stops widening a window no name starts with.
	prefixes map[string]bool
}

// Load returns the actor list embedded in rasad.
func Load() (*List, error) {
	return Parse(EmbeddedName, embedded)
}

// LoadFile reads an actor list from path, an analyst's edited copy.
func LoadFile(path string) (*List, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading actor list: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and validates an actor list; name is used in messages.
// Decoding is strict: unknown keys, duplicate ids, references to ids not
// in the list and malformed values are errors naming name and line.
func Parse(name string, data []byte) (*List, error) {
	f, err := decode(name, data)
	if err != nil {
		return nil, err
	}
	return build(f), nil
}

// Len returns the number of actors.
func (l *List) Len() int { return len(l.actors) }

// Actors returns every actor in file order. The slice is the caller's.
func (l *List) Actors() []*Actor {
	return append([]*Actor(nil), l.actors...)
}

// ByID returns the actor with the given id.
func (l *List) ByID(id string) (*Actor, bool) {
	a, ok := l.byID[id]
	return a, ok
}

// KBPrefix begins the knowledge-base id of every actor, setting actors
// apart from places ("gn:…", "osm:…", "country:…") in a document's "kb"
// fields.
const KBPrefix = "actor:"

// KB returns a's knowledge-base id, the value of "kb" on the entities and
// event arguments that name it: "actor:ly.lna".
func (a *Actor) KB() string { return KBPrefix + a.ID }

// ByKB returns the actor with the given knowledge-base id.
func (l *List) ByKB(kb string) (*Actor, bool) {
	id, ok := strings.CutPrefix(kb, KBPrefix)
	if !ok {
		return nil, false
	}
	return l.ByID(id)
}
