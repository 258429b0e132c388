package kb

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// The built index, rebuilt with `rasad kb build` (see doc.go).
//
//go:embed places.tsv.gz
var embeddedIndex []byte

// The hand-written supplement: regions and sites the gazetteers lack,
// and spellings they miss. Build merges it into the index.
//
//go:embed extra-places.tsv
var extraPlaces []byte

// EmbeddedName is the file name messages about the embedded index carry.
const EmbeddedName = "kb/places.tsv.gz"

// MatchKind says how a query reached a place, from the surest to the
// least sure way.
type MatchKind uint8

// Ways a query matches a name.
const (
	MatchExact    MatchKind = iota + 1 // the query's key is a key of the place's names
	MatchClitic                        // after proclitics (و ف ب ل ك) are split off the first word
	MatchUnit                          // without a unit word: محافظة حلب for حلب, or the query's مدينة dropped
	MatchLatin                         // a Latin-script query matched a romanised name
	MatchTranslit                      // the Arabic query's consonants match a romanised name
)

var matchNames = [...]string{MatchExact: "exact", MatchClitic: "clitic", MatchUnit: "unit", MatchLatin: "latin", MatchTranslit: "transliteration"}

func (m MatchKind) String() string {
	if int(m) < len(matchNames) && matchNames[m] != "" {
		return matchNames[m]
	}
	return fmt.Sprintf("MatchKind(%d)", uint8(m))
}

// Penalties on a candidate's score for weaker ways of matching.
const (
	penaltyUnitAlias = 1.5 // a division's name without its unit word (حلب for محافظة حلب)
	penaltyTranslit  = 1
)

// leastSkeleton is the fewest consonants a transliteration match needs:
// two (أوروبا → r-b → Al Arabi) match by chance far more often than
// they find a place the hand-written towns do not already spell.
const leastSkeleton = 3

// leastSkeletonNamed is the fewest consonants a transliteration match
// needs to a place that has an Arabic name of its own: news writes such a
// place by that name, so three consonants that match its Latin one are
// more often another word (برط is not Beirut, أم سيالة not Mosul).
const leastSkeletonNamed = 4

// Candidate is a place a query may name, with how it matched and a score
// (the place's importance, less the penalty of the match).
type Candidate struct {
	Place *Place
	Match MatchKind
	Score float64
}

// Result is what a lookup found, candidates best first.
type Result struct {
	Candidates []Candidate
	// Kind is the kind of place a unit word in the query asks for
	// (مدينة → City, محافظة → Admin1), 0 when there is none.
	Kind Kind
	// Country is the country an adjective after the name names
	// (طرابلس اللبنانية → LB), "" when there is none.
	Country string
}

// Index is the place index: immutable once loaded, safe for concurrent
// use.
type Index struct {
	places []Place
	byID   map[string]int32
	arabic map[string][]int32 // Key of an Arabic name → places, most important first
	unit   map[string][]int32 // Key of a division's name without its unit word
	latin  map[string][]int32 // latinKey of a romanised name
	skel   map[string][]int32 // consonant skeleton of romanised names, in the Arab world and its neighbours
	nisba  map[string]string  // Key of a country adjective (ليبية) → country code
}

// Load reads the index embedded in the program.
func Load() (*Index, error) {
	return LoadGzip(bytes.NewReader(embeddedIndex), EmbeddedName)
}

// LoadGzip reads a gzip-compressed index file.
func LoadGzip(r io.Reader, name string) (*Index, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	places, err := ReadPlaces(zr, name, false)
	if err != nil {
		return nil, err
	}
	return NewIndex(places), nil
}

// skeletonCountries are where Arabic news names places that the
// gazetteers spell only in Latin letters; elsewhere consonant skeletons
// find more false matches than true ones.
var skeletonCountries = map[string]bool{
	"DZ": true, "BH": true, "KM": true, "DJ": true, "EG": true, "IQ": true, "JO": true, "KW": true,
	"LB": true, "LY": true, "MR": true, "MA": true, "OM": true, "PS": true, "QA": true, "SA": true,
	"SO": true, "SD": true, "SY": true, "TN": true, "AE": true, "YE": true, "EH": true,
	"TD": true, "NE": true, "ML": true, "SS": true, "ER": true, "ET": true, "IR": true, "TR": true, "IL": true,
}

// NewIndex indexes places by every key of their names. It takes
// ownership of places.
func NewIndex(places []Place) *Index {
	ix := &Index{
		places: places,
		byID:   make(map[string]int32, len(places)),
		arabic: make(map[string][]int32, 2*len(places)),
		unit:   map[string][]int32{},
		latin:  make(map[string][]int32, 2*len(places)),
		skel:   map[string][]int32{},
		nisba:  map[string]string{},
	}
	add := func(m map[string][]int32, key []byte, i int32) {
		if len(key) == 0 {
			return
		}
		l, ok := m[string(key)]
		if slices.Contains(l, i) {
			return
		}
		if !ok {
			m[string(key)] = append(make([]int32, 0, 1), i)
			return
		}
		m[string(key)] = append(l, i)
	}
	nisbaCount := map[string]int{}
	var buf []byte
	for i := range places {
		p := &places[i]
		id := int32(i)
		ix.byID[p.ID] = id
		for _, n := range p.Names {
			buf = appendKey(buf[:0], n)
			add(ix.arabic, buf, id)
			// News writes a hamza's seat as the plain letter too:
			// القايم for القائم, مسؤول → مسوول.
			if v := hamzaSeatsPlain.Replace(n); v != n {
				add(ix.arabic, appendKey(buf[:0], v), id)
			}
			if p.Kind == Admin1 || p.Kind == Region {
				if rest, ok := cutUnitWord(n); ok {
					add(ix.unit, appendKey(buf[:0], rest), id)
				}
			}
			// A port town named as the anchorage of the town (مرسى
			// البريقة) is known by the town's name alone.
			if rest, ok := strings.CutPrefix(n, "مرسى "); ok && p.Kind.Settlement() {
				add(ix.unit, appendKey(buf[:0], rest), id)
			}
			if p.Kind == Country && !strings.Contains(n, " ") {
				for _, adj := range nisbaForms(Key(n)) {
					if ix.nisba[adj] != p.Country {
						nisbaCount[adj]++
					}
					ix.nisba[adj] = p.Country
				}
			}
		}
		for _, n := range p.Latin {
			add(ix.latin, appendLatinKey(buf[:0], n), id)
			if skeletonCountries[p.Country] && p.Kind != Country {
				if s := latinSkel(n); utf8.RuneCountInString(s) >= 2 {
					add(ix.skel, []byte(s), id)
				}
			}
		}
	}
	for adj, n := range nisbaCount {
		if n > 1 {
			delete(ix.nisba, adj) // two countries' adjectives coincide
		}
	}
	for _, m := range []map[string][]int32{ix.arabic, ix.unit, ix.latin, ix.skel} {
		for _, l := range m {
			slices.SortStableFunc(l, func(a, b int32) int {
				pa, pb := &places[a], &places[b]
				if pa.Importance != pb.Importance {
					if pa.Importance > pb.Importance {
						return -1
					}
					return 1
				}
				return int(a - b)
			})
		}
	}
	return ix
}

// hamzaSeatsPlain writes a hamza on ي or و as the bare letter.
var hamzaSeatsPlain = strings.NewReplacer("ئ", "ي", "ؤ", "و")

// nisbaForms are the adjectives of a country's one-word name: ليبيا →
// ليبي, ليبيه; لبنان → لبناني, لبنانيه.
func nisbaForms(base string) []string {
	if s, ok := strings.CutSuffix(base, "يا"); ok {
		base = s
	} else if s, ok := strings.CutSuffix(base, "ا"); ok {
		base = s
	}
	if utf8.RuneCountInString(base) < 2 {
		return nil
	}
	return []string{base + "ي", base + "يه"}
}

// Len is the number of places in the index.
func (ix *Index) Len() int { return len(ix.places) }

// Place returns the i-th place, 0 ≤ i < Len().
func (ix *Index) Place(i int) *Place { return &ix.places[i] }

// ByID returns the place with the given id.
func (ix *Index) ByID(id string) (*Place, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return nil, false
	}
	return &ix.places[i], true
}

// CountryPlace returns the country with ISO code cc.
func (ix *Index) CountryPlace(cc string) (*Place, bool) { return ix.ByID("country:" + cc) }

// unitKinds are the words that, in front of a name, say what kind of
// place it is, by their key.
var unitKinds = map[string]Kind{
	"مدينه": City, "بلده": Town, "قريه": Village, "منطقه": Region, "محافظه": Admin1,
	"ولايه": Admin1, "شعبيه": Admin1, "اقليم": Region, "مديريه": Admin1, "قضا": Admin1,
	"ناحيه": Town, "بلديه": City, "عاصمه": City, "مخيم": Site, "مينا": Site, "مطار": Site,
	"معسكر": Site, "قاعده": Site, "حقل": Site, "معبر": Site, "منفذ": Site,
	// A quarter of a town, a Sudanese locality, an island: the name
	// after them is the place.
	"حي": 0, "ضاحيه": 0, "محليه": 0, "جزيره": 0,
	// ريف حلب is the governorate around the city.
	"ريف": Admin1,
	// شمال حلب, جنوب طرابلس: the place itself is the nearest point
	// the index has.
	"شمال": 0, "جنوب": 0, "شرق": 0, "غرب": 0, "شمالي": 0, "جنوبي": 0, "شرقي": 0, "غربي": 0, "وسط": 0,
}

// directionAdjectives follow a name to say which part of it (ريف إدلب
// الجنوبي); Lookup retries without them. By key, without ال.
var directionAdjectives = map[string]bool{
	"جنوبي": true, "شمالي": true, "شرقي": true, "غربي": true,
	"جنوبيه": true, "شماليه": true, "شرقيه": true, "غربيه": true,
}

// Lookup finds the places a name may refer to, as the name occurs in
// text: with proclitics (بطرابلس، وبالزاوية، لبنغازي), with or without
// the article, after a unit word (مدينة سرت، بمحافظة إدلب), in any
// spelling that Key folds together. The candidates come from the surest
// way of matching that finds any, best score first.
func (ix *Index) Lookup(name string) Result {
	words := foldWords(name)
	if len(words) == 0 {
		return Result{}
	}
	res := ix.lookupWords(words)
	if len(res.Candidates) == 0 && len(words) >= 2 && directionAdjectives[stripArticle(words[len(words)-1])] {
		words = words[:len(words)-1]
		res = ix.lookupWords(words)
	}
	if len(res.Candidates) == 0 && len(words) >= 2 {
		// طرابلس اللبنانية: the adjective names the country.
		if cc, ok := ix.nisba[stripArticle(words[len(words)-1])]; ok {
			res = ix.lookupWords(words[:len(words)-1])
			res.Country = cc
		}
	}
	return res
}

func (ix *Index) lookupWords(words []string) Result {
	var res Result
	first, rest := words[0], words[1:]
	variants := cliticVariants(first)
	if !isArabicWord(first) {
		for _, i := range ix.latin[latinKeyWords(words)] {
			p := &ix.places[i]
			res.Candidates = append(res.Candidates, Candidate{Place: p, Match: MatchLatin, Score: p.Importance})
		}
		res.Candidates = preferSettlements(res.Candidates, 0)
		return res
	}
	for vi, w := range variants {
		match := MatchExact
		if vi > 0 {
			match = MatchClitic
		}
		if ix.collect(&res, w, rest, match) {
			return res
		}
	}
	// A unit word in front: مدينة سرت, بمحافظة إدلب.
	if len(rest) > 0 {
		if kind, ok := firstUnitWord(first); ok {
			res.Kind = kind
			for _, w2 := range cliticVariants(rest[0]) {
				if ix.collect(&res, w2, rest[1:], MatchUnit) {
					return res
				}
			}
		}
	}
	return res
}

// LookupTranslit finds the places whose romanised names have the
// consonants of an Arabic name (MatchTranslit): the names the sources
// spell only in Latin letters. Lookup leaves them out; callers turn to
// them when no candidate of Lookup lies where the context says the place
// is. Consonants match by chance more often than names do: at least
// three are needed, and with strict set proclitics are not split off,
// for callers that have no country to check the answer against.
func (ix *Index) LookupTranslit(name string, strict bool) []Candidate {
	words := foldWords(name)
	if len(words) == 0 || !isArabicWord(words[0]) {
		return nil
	}
	if len(words) >= 2 {
		if _, ok := firstUnitWord(words[0]); ok {
			words = words[1:]
		}
	}
	variants := cliticVariants(words[0])
	if strict {
		variants = variants[:1]
	}
	return ix.translit(variants, words[1:])
}

// firstUnitWord reports the kind a unit word asks for when w is one,
// with its proclitics: بمحافظة, وبحي (two-letter units such as حي are
// too short for cliticVariants).
func firstUnitWord(w string) (Kind, bool) {
	for _, v := range cliticVariants(w) {
		if k, ok := unitKinds[v]; ok {
			return k, true
		}
	}
	rest, _ := cutAny(w, "و", "ف")
	if rest, ok := cutAny(rest, "ب", "ل", "ك"); ok {
		if k, ok := unitKinds[rest]; ok {
			return k, true
		}
	}
	return 0, false
}

func (ix *Index) translit(variants []string, rest []string) []Candidate {
	for _, w := range variants {
		s := arabicSkel(append([]string{w}, rest...))
		if utf8.RuneCountInString(s) < leastSkeleton {
			continue
		}
		l := ix.skel[s]
		if len(l) == 0 {
			continue
		}
		penalty := float64(penaltyTranslit)
		short := utf8.RuneCountInString(s) < leastSkeletonNamed
		out := make([]Candidate, 0, len(l))
		for _, i := range l {
			p := &ix.places[i]
			if short && len(p.Names) > 0 {
				continue
			}
			out = append(out, Candidate{Place: p, Match: MatchTranslit, Score: p.Importance - penalty})
		}
		if len(out) == 0 {
			continue
		}
		return preferSettlements(out, 0)
	}
	return nil
}

// preferSettlements drops the divisions of a country from cs when a
// city of the same country is among them, unless the query asked for a
// division: حلب, البصرة and القضارف are cities before governorates.
func preferSettlements(cs []Candidate, asked Kind) []Candidate {
	if asked == Admin1 {
		return cs
	}
	out := cs[:0]
	for _, c := range cs {
		if c.Place.Kind == Admin1 && slices.ContainsFunc(cs, func(o Candidate) bool {
			return o.Place.Kind.Settlement() && o.Place.Country == c.Place.Country
		}) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// collect adds the places whose key is that of first+rest; it reports
// whether it found any.
func (ix *Index) collect(res *Result, first string, rest []string, match MatchKind) bool {
	var arr [128]byte
	key := appendKeyOf(arr[:0], first, rest)
	strong := ix.arabic[string(key)]
	weak := ix.unit[string(key)]
	if len(strong)+len(weak) == 0 {
		return false
	}
	for _, i := range strong {
		p := &ix.places[i]
		res.Candidates = append(res.Candidates, Candidate{Place: p, Match: match, Score: p.Importance})
	}
	for _, i := range weak {
		p := &ix.places[i]
		if !slices.ContainsFunc(res.Candidates, func(c Candidate) bool { return c.Place == p }) {
			res.Candidates = append(res.Candidates, Candidate{Place: p, Match: MatchUnit, Score: p.Importance - penaltyUnitAlias})
		}
	}
	res.Candidates = preferSettlements(res.Candidates, res.Kind)
	slices.SortStableFunc(res.Candidates, func(a, b Candidate) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return true
}

// appendKeyOf appends the key of the folded words first+rest to dst.
func appendKeyOf(dst []byte, first string, rest []string) []byte {
	start := len(dst)
	dst = append(dst, stripArticle(first)...)
	for _, w := range rest {
		dst = append(dst, stripArticle(w)...)
	}
	return squeezeRepeats(dst, start)
}

func latinKeyWords(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i < len(words)-1 && latinArticles[w] {
			continue
		}
		b.WriteString(w)
	}
	return b.String()
}

func isArabicWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r >= 0x0600 && r <= 0x06FF
}

// cliticVariants are the readings of a folded first word with its
// proclitics split off, the word itself first: وبالزاويه → بالزاويه,
// الزاويه; للزاويه → لزاويه, الزاويه.
func cliticVariants(w string) []string {
	out := make([]string, 1, 6)
	out[0] = w
	long := func(s string) bool { return utf8.RuneCountInString(s) >= 3 }
	bases := []string{w}
	if s, ok := cutAny(w, "و", "ف"); ok && long(s) {
		out = append(out, s)
		bases = append(bases, s)
	}
	for _, b := range bases {
		if s, ok := cutAny(b, "ب", "ل", "ك"); ok && long(s) {
			out = append(out, s)
			if s2, ok := strings.CutPrefix(s, "ل"); ok && strings.HasPrefix(b, "لل") && long(s2) {
				out = append(out, "ال"+s2) // لل = ل + ال
			}
		}
	}
	return out
}

func cutAny(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if r, ok := strings.CutPrefix(s, p); ok {
			return r, true
		}
	}
	return s, false
}

// AdjectiveCountry returns the country a word that is a country's
// adjective names (الليبية, ليبي → LY; اللبنانية → LB).
func (ix *Index) AdjectiveCountry(word string) (string, bool) {
	words := foldWords(word)
	if len(words) != 1 {
		return "", false
	}
	cc, ok := ix.nisba[stripArticle(words[0])]
	return cc, ok
}
