package sqldb

import (
	"hash/fnv"
	"math"
	"time"

	"github.com/rasad/rasad/store"
)

// Near-duplicate articles are found with MinHash over shingles of three
// consecutive normalised stems (so clitics, hamza forms and diacritics do
// not hide a copy), and locality-sensitive hashing: the signature is cut
// into bands, and two articles sharing any band are compared. With 20
// bands of 3 rows, a pair with Jaccard similarity 0.5 becomes a candidate
// with probability 0.93, one at 0.2 with 0.15.
const (
	shingleSize    = 3
	signatureRows  = 3
	signatureBands = 20
	signatureSize  = signatureRows * signatureBands
	// sameStory is the least estimated Jaccard similarity of two
	// articles of one story. A syndicated copy scores near 1; a rewrite
	// that changes one word in ten keeps about 0.55 of its shingles.
	sameStory = 0.4
	// minShingles: shorter texts are too short to call copies.
	minShingles = 5
)

// signature returns the MinHash signature of the term sequence, or nil
// when it is too short to compare.
func signature(terms []string) []uint64 {
	if len(terms) < shingleSize+minShingles-1 {
		return nil
	}
	sig := make([]uint64, signatureSize)
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	for i := 0; i+shingleSize <= len(terms); i++ {
		h := fnv.New64a()
		for _, t := range terms[i : i+shingleSize] {
			h.Write([]byte(t))
			h.Write([]byte{0})
		}
		x := h.Sum64()
		for j := range sig {
			if v := mix(x + uint64(j)*0x9e3779b97f4a7c15); v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig
}

// mix is SplitMix64's finaliser: a cheap, well-spread hash of x.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// bandKeys returns one key per band of the signature.
func bandKeys(sig []uint64) []int64 {
	if sig == nil {
		return nil
	}
	keys := make([]int64, signatureBands)
	for b := range keys {
		h := uint64(b + 1)
		for _, v := range sig[b*signatureRows : (b+1)*signatureRows] {
			h = mix(h ^ v)
		}
		// Keys are stored as signed 64-bit integers, which both
		// databases have.
		keys[b] = int64(h)
	}
	return keys
}

// similarity estimates the Jaccard similarity of two signatures.
func similarity(a, b []uint64) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// eventKey is what decides whether two reports describe one incident.
type eventKey struct {
	Type string
	Day  string // 2006-01-02: the event's date, else the article's
	// Actor and Target are normalised canonical names, empty when unknown.
	Actor, Target string
	// Place is the normalised place name; Broad is true for a country,
	// region or first-level division, which contains many towns.
	Place    string
	Country  string
	Lat, Lon *float64
	Broad    bool
}

// sameIncidentKm is how far apart two towns named for one incident may be:
// articles place the same strike in a city or in a suburb beside it.
const sameIncidentKm = 30

// incidentMatch says whether b may report the same incident as a, and how
// well it matches (higher is better): the types must be equal, the days
// at most one apart, named actors and targets equal, and the places
// compatible; and either the places agree on a town or an actor agrees.
func incidentMatch(a, b eventKey) (score int, ok bool) {
	if a.Type != b.Type || a.Type == "" {
		return 0, false
	}
	gap, ok := dayGap(a.Day, b.Day)
	if !ok || gap > 1 {
		return 0, false
	}
	actors := 0
	for _, pair := range [][2]string{{a.Actor, b.Actor}, {a.Target, b.Target}} {
		if pair[0] == "" || pair[1] == "" {
			continue
		}
		if pair[0] != pair[1] {
			return 0, false
		}
		actors++
	}
	strongPlace := false
	switch {
	case a.Place == "" || b.Place == "":
		// One side does not say where: compatible, but weak.
	case a.Broad || b.Broad:
		if a.Country != "" && b.Country != "" && a.Country != b.Country {
			return 0, false
		}
	case a.Place == b.Place:
		strongPlace = true
	case a.Lat != nil && b.Lat != nil && a.Lon != nil && b.Lon != nil:
		if store.DistanceKm(*a.Lat, *a.Lon, *b.Lat, *b.Lon) > sameIncidentKm {
			return 0, false
		}
		strongPlace = true
	default:
		return 0, false
	}
	if !strongPlace && actors == 0 {
		return 0, false
	}
	score = 4*actors - gap
	if strongPlace {
		score += 4
	}
	return score, true
}

func dayGap(a, b string) (int, bool) {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	d := ta.Sub(tb) / (24 * time.Hour)
	if d < 0 {
		d = -d
	}
	return int(d), true
}
