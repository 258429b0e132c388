package kb

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The index file is UTF-8 text, one place a line, tab-separated, with
// these columns; lines starting with # are comments. Names within a
// column are separated by "|", the preferred one first. The same format
// serves the hand-written supplement (extra-places.tsv), where a line
// whose id is already in the sources adds names to that place and may
// leave the other columns empty, or give only lat and lon to move it.
var columns = []string{"id", "kind", "country", "admin1", "lat", "lon", "population", "importance", "names", "latin"}

const nameSep = "|"

// WritePlaces writes places in the index format, after the comment
// lines of header.
func WritePlaces(w io.Writer, header string, places []Place) error {
	bw := bufio.NewWriter(w)
	for line := range strings.SplitSeq(strings.TrimRight(header, "\n"), "\n") {
		fmt.Fprintf(bw, "# %s\n", line)
	}
	bw.WriteString(strings.Join(columns, "\t") + "\n")
	for i := range places {
		p := &places[i]
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n",
			p.ID, p.Kind, p.Country, p.Admin1,
			strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64),
			p.Population, strconv.FormatFloat(p.Importance, 'f', 2, 64),
			strings.Join(p.Names, nameSep), strings.Join(p.Latin, nameSep))
	}
	return bw.Flush()
}

// ReadPlaces parses the index format. name is used in error messages,
// which give the line number. With partial set, lines holding only an
// id and names are accepted (the supplement's aliases); their Kind is 0.
func ReadPlaces(r io.Reader, name string, partial bool) ([]Place, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	// One string for the whole file: every name is a slice of it.
	text := string(data)
	places := make([]Place, 0, strings.Count(text, "\n"))
	want := strings.Join(columns, "\t")
	header := false
	var f [10]string
	for lineNo := 1; text != ""; lineNo++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		if !header {
			if line != want {
				return nil, fmt.Errorf("%s:%d: header %q, want %q", name, lineNo, line, want)
			}
			header = true
			continue
		}
		n := 0
		for rest, more := line, true; more; n++ {
			if n == len(f) {
				n = strings.Count(line, "\t") + 1
				break
			}
			f[n], rest, more = strings.Cut(rest, "\t")
		}
		if n != len(columns) {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", name, lineNo, n, len(columns))
		}
		p, err := parsePlace(f[:], partial)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, lineNo, err)
		}
		places = append(places, p)
	}
	if !header {
		return nil, fmt.Errorf("%s: no header line", name)
	}
	return places, nil
}

func parsePlace(f []string, partial bool) (Place, error) {
	p := Place{ID: f[0], Country: f[2], Admin1: f[3], Names: splitNames(f[8]), Latin: splitNames(f[9])}
	if p.ID == "" {
		return p, fmt.Errorf("empty id")
	}
	if len(p.Names)+len(p.Latin) == 0 {
		return p, fmt.Errorf("place %s has no name", p.ID)
	}
	if partial && f[1] == "" && f[2] == "" {
		// An alias line; it may move the place to the given centre.
		if f[4] == "" && f[5] == "" {
			return p, nil
		}
		var err1, err2 error
		p.Lat, err1 = strconv.ParseFloat(f[4], 64)
		p.Lon, err2 = strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
			return p, fmt.Errorf("bad coordinates %q, %q", f[4], f[5])
		}
		return p, nil
	}
	var err error
	if p.Kind, err = ParseKind(f[1]); err != nil {
		return p, err
	}
	if len(p.Country) != 2 || strings.ToUpper(p.Country) != p.Country {
		return p, fmt.Errorf("country %q is not an ISO 3166-1 alpha-2 code", p.Country)
	}
	if p.Lat, err = strconv.ParseFloat(f[4], 64); err != nil || p.Lat < -90 || p.Lat > 90 {
		return p, fmt.Errorf("bad latitude %q", f[4])
	}
	if p.Lon, err = strconv.ParseFloat(f[5], 64); err != nil || p.Lon < -180 || p.Lon > 180 {
		return p, fmt.Errorf("bad longitude %q", f[5])
	}
	if p.Population, err = strconv.ParseInt(f[6], 10, 64); err != nil || p.Population < 0 {
		return p, fmt.Errorf("bad population %q", f[6])
	}
	if p.Importance, err = strconv.ParseFloat(f[7], 64); err != nil {
		return p, fmt.Errorf("bad importance %q", f[7])
	}
	return p, nil
}

func splitNames(s string) []string {
	if s == "" {
		return nil
	}
	names := make([]string, 0, strings.Count(s, nameSep)+1)
	for n := range strings.SplitSeq(s, nameSep) {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names
}
