package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/rasad/rasad/geo"
	"github.com/rasad/rasad/kb"
	"github.com/spf13/cobra"
)

// geocodeOptions are the flags of `rasad geocode`.
type geocodeOptions struct {
	Country      string // ISO 3166-1 alpha-2 code the places are likely in
	Near         string // "LAT,LON" the places are likely close to
	Alternatives int    // how many other candidates to print
}

func newGeocodeCommand(g *globals) *cobra.Command {
	var opts geocodeOptions
	cmd := &cobra.Command{
		Use:   "geocode [--country CC] [--near LAT,LON] NAME...",
		Short: "Look place names up in the knowledge base",
		Long: `Geocode prints one JSON object a line for each NAME, in order (or for each
line of standard input when no NAME is given). Names are taken as they occur in
text: with proclitics (بطرابلس، وبالزاوية), with or without the article, after
a unit word (مدينة، محافظة، ولاية), in any common spelling (أوباري/اوباري).
A name that nothing fits has null lat/lon and a "reason". With --country, a
place in another country is not an answer: the line has null lat/lon, the reason
"no place of that name in CC", and the places abroad as alternatives.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGeocode(cmd.Context(), opts, args, g)
		},
	}
	cmd.Flags().StringVar(&opts.Country, "country", "", "ISO 3166-1 alpha-2 `CC` the places are likely in")
	cmd.Flags().StringVar(&opts.Near, "near", "", "`LAT,LON` the places are likely close to")
	cmd.Flags().IntVar(&opts.Alternatives, "alternatives", 3, "how many other candidates to print (`N`)")
	return cmd
}

// geocodeRecord is one line of geocode's output.
type geocodeRecord struct {
	Name         *string          `json:"name"`
	Query        string           `json:"query"`
	Lat          *float64         `json:"lat"`
	Lon          *float64         `json:"lon"`
	Country      string           `json:"country"`
	Admin1       string           `json:"admin1"`
	Precision    string           `json:"precision"`
	KB           string           `json:"kb"`
	Match        string           `json:"match,omitempty"`
	Alternatives []geocodeAltItem `json:"alternatives"`
	Reason       string           `json:"reason,omitempty"`
}

type geocodeAltItem struct {
	Name      string  `json:"name"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Country   string  `json:"country"`
	Admin1    string  `json:"admin1"`
	Precision string  `json:"precision"`
	KB        string  `json:"kb"`
}

func runGeocode(ctx context.Context, opts geocodeOptions, names []string, g *globals) error {
	var h geo.Hints
	if opts.Country != "" {
		cc := strings.ToUpper(opts.Country)
		if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
			return usagef("--country %q: want an ISO 3166-1 alpha-2 code such as LY", opts.Country)
		}
		h.Country = cc
	}
	if opts.Near != "" {
		p, err := parseLatLon(opts.Near)
		if err != nil {
			return usagef("--near %q: %v", opts.Near, err)
		}
		h.Near = &p
	}
	if opts.Alternatives < 0 {
		return usagef("--alternatives %d: want 0 or more", opts.Alternatives)
	}
	ix, err := kb.Load()
	if err != nil {
		return err
	}
	r := geo.NewResolver(ix)
	if h.Country != "" {
		if _, ok := ix.CountryPlace(h.Country); !ok {
			return usagef("--country %s: no such country in the index", h.Country)
		}
	}
	out := bufio.NewWriter(g.stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	emit := func(name string) error {
		return enc.Encode(geocodeOne(r, name, h, opts.Alternatives))
	}
	if len(names) > 0 {
		for _, name := range names {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := emit(name); err != nil {
				return err
			}
		}
		return out.Flush()
	}
	sc := bufio.NewScanner(g.stdin)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if name := strings.TrimSpace(sc.Text()); name != "" {
			if err := emit(name); err != nil {
				return err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading names from standard input: %w", err)
	}
	return out.Flush()
}

func geocodeOne(r *geo.Resolver, name string, h geo.Hints, alternatives int) geocodeRecord {
	ans := r.Geocode(name, h)
	rec := geocodeRecord{Query: name, Alternatives: []geocodeAltItem{}}
	best, ok := ans.Best()
	if !ok {
		rec.Reason = "no place in the index has this name"
		return rec
	}
	rest := ans.Candidates[1:]
	if h.Country != "" && best.Place.Country != h.Country && best.Place.Kind != kb.Country {
		// --country is the analyst's statement of where the places are: a
		// homonym abroad would be a wrong place on the map, so it is no
		// answer, only an alternative to look at. A country's own name
		// (سوريا with --country LY) is still that country.
		rec.Reason = "no place of that name in " + h.Country
		rest = ans.Candidates
	} else {
		dp := r.DocumentPlace(best.Place)
		rec.Name, rec.Lat, rec.Lon = &dp.Name, dp.Lat, dp.Lon
		rec.Country, rec.Admin1, rec.Precision, rec.KB = dp.Country, dp.Admin1, dp.Precision, dp.KB
		rec.Match = best.Match.String()
	}
	for _, c := range rest[:min(len(rest), alternatives)] {
		alt := r.DocumentPlace(c.Place)
		rec.Alternatives = append(rec.Alternatives, geocodeAltItem{
			Name: alt.Name, Lat: *alt.Lat, Lon: *alt.Lon, Country: alt.Country,
			Admin1: alt.Admin1, Precision: alt.Precision, KB: alt.KB,
		})
	}
	return rec
}

func parseLatLon(s string) (geo.Point, error) {
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return geo.Point{}, fmt.Errorf("want LAT,LON")
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return geo.Point{}, fmt.Errorf("want LAT,LON in degrees, such as 32.9,13.2")
	}
	return geo.Point{Lat: lat, Lon: lon}, nil
}
