package kb

import (
	"fmt"
	"math"
)

// Kind says what sort of place an entry is.
type Kind uint8

// Kinds of place, from the largest to the smallest.
const (
	Country Kind = iota + 1
	Admin1       // first-level division: a governorate, state, district (شعبية)
	Region       // a named area that is no administrative unit: فزان, الهلال النفطي
	City
	Town
	Village
	Site // an airport, a base, an oil field, a port
)

var kindNames = [...]string{Country: "country", Admin1: "admin1", Region: "region", City: "city", Town: "town", Village: "village", Site: "site"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// ParseKind is the inverse of Kind.String.
func ParseKind(s string) (Kind, error) {
	for k, name := range kindNames {
		if name == s && name != "" {
			return Kind(k), nil
		}
	}
	return 0, fmt.Errorf("unknown place kind %q", s)
}

// Settlement reports whether k is a city, town or village.
func (k Kind) Settlement() bool { return k == City || k == Town || k == Village }

// Place is one entry of the index.
type Place struct {
	// ID is the place's knowledge-base id, stable across rebuilds of the
	// same sources: "gn:2210247" (GeoNames), "osm:260715532" (an
	// OpenStreetMap node), "country:LY", "admin1:LY.77", "x:…" (the
	// hand-written supplement).
	ID      string
	Kind    Kind
	Country string // ISO 3166-1 alpha-2
	// Admin1 is the id of the first-level division the place lies in,
	// empty when unknown or for countries and divisions themselves.
	Admin1     string
	Lat, Lon   float64
	Population int64
	// Importance ranks homonyms when nothing else decides: about the
	// decimal logarithm of the population, more for capitals and
	// countries.
	Importance float64
	// Names are the Arabic spellings the sources give, the preferred
	// one first; Latin are the romanised and English names.
	Names []string
	Latin []string
}

// Name is the place's preferred name: Arabic when the sources give one.
func (p *Place) Name() string {
	if len(p.Names) > 0 {
		return p.Names[0]
	}
	if len(p.Latin) > 0 {
		return p.Latin[0]
	}
	return p.ID
}

const earthRadiusKm = 6371.0

// DistanceKm is the great-circle distance between two points in degrees.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(a)))
}
