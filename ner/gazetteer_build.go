package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

// Gazetteer types written by BuildGazetteer.
const (
	gazLOC        = "LOC"         // countries, regions, cities, Libyan places
	gazActorDated = "ACTOR_DATED" // actors with a time span (mostly people in office)
	gazActor      = "ACTOR"       // other actors (groups, institutions, places)

	// From rasad's own knowledge base (kb/places.tsv.gz, actors/actors.yaml),
	// passed to BuildGazetteer by the caller.
	GazCountry    = "KB_COUNTRY"    // countries
	GazRegion     = "KB_REGION"     // first-level divisions and named regions
	GazSettlement = "KB_SETTLEMENT" // cities, towns, villages, sites
	GazPerson     = "KB_PER"        // people of the actor list
	GazBody       = "KB_ORG"        // armed groups, parties, ministries, institutions …
	GazGivenName  = "GIVEN_NAME"    // given names mined from news (MineGivenNames)
)

// GazetteerName is a name from a list the caller holds, with its
// gazetteer type (GazCountry …).
type GazetteerName struct {
	Type, Name string
}

// BuildGazetteer gathers place and actor names from the shared data folder
// (GeoNames cities, world country names, OpenStreetMap Libya, the
// UniversalPetrarch Arabic actor dictionary) into a gazetteer file: gzip
// text, one "TYPE<TAB>name" a line, sorted. The tagger uses it as
// features, not as answers. extra adds names from rasad's own knowledge
// base; it must not come from the evaluation data.
func BuildGazetteer(dataDir string, extra []GazetteerName) ([]byte, error) {
	names := map[string]map[string]bool{}
	add := func(typ, name string) {
		name = strings.Join(strings.Fields(strings.Map(dropInvisible, name)), " ")
		if !isArabicName(name) {
			return
		}
		if names[typ] == nil {
			names[typ] = map[string]bool{}
		}
		names[typ][name] = true
	}
	if err := readTSV(filepath.Join(dataDir, "gazetteer-geonames-cities15000", "cities15000-ar.tsv"), func(row map[string]string) {
		add(gazLOC, row["name_ar"])
		add(gazLOC, row["admin1_name_ar"])
		add(gazLOC, strings.TrimPrefix(row["admin1_name_ar"], "شعبية "))
		add(gazLOC, strings.TrimPrefix(row["admin1_name_ar"], "محافظة "))
		add(gazLOC, strings.TrimPrefix(row["admin1_name_ar"], "ولاية "))
		add(gazLOC, row["country_name_ar"])
	}); err != nil {
		return nil, err
	}
	if err := readTSV(filepath.Join(dataDir, "gazetteer-osm-libya", "libya-places.tsv"), func(row map[string]string) {
		add(gazLOC, row["name_ar"])
		add(gazLOC, row["name"])
		for _, a := range strings.Split(row["alt_name_ar"], ";") {
			add(gazLOC, a)
		}
	}); err != nil {
		return nil, err
	}
	var iso struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := readJSON(filepath.Join(dataDir, "gazetteer-countries", "i18n-iso-countries-ar.json"), &iso); err != nil {
		return nil, err
	}
	for _, raw := range iso.Countries {
		var one string
		var many []string
		if json.Unmarshal(raw, &one) == nil {
			add(gazLOC, one)
		} else if json.Unmarshal(raw, &many) == nil {
			for _, s := range many {
				add(gazLOC, s)
			}
		}
	}
	var world []struct {
		Translations map[string]struct {
			Official string `json:"official"`
			Common   string `json:"common"`
		} `json:"translations"`
	}
	if err := readJSON(filepath.Join(dataDir, "gazetteer-countries", "world-countries.json"), &world); err != nil {
		return nil, err
	}
	for _, c := range world {
		add(gazLOC, c.Translations["ara"].Common)
		add(gazLOC, c.Translations["ara"].Official)
	}
	if err := readActors(filepath.Join(dataDir, "eventcoding-ar", "actor_dict_ar_v4.txt"), add); err != nil {
		return nil, err
	}

	types := []string{gazLOC, gazActorDated, gazActor}
	for _, n := range extra {
		if !slices.Contains(types, n.Type) {
			types = append(types, n.Type)
		}
		add(n.Type, n.Name)
	}

	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	fmt.Fprintln(zw, "# rasad NER gazetteer: TYPE<TAB>name. Built by `rasad train ner` from ../shared/data (GeoNames CC BY 4.0; © OpenStreetMap contributors, ODbL; i18n-iso-countries MIT; mledoze/countries ODbL; UniversalPetrarch MIT; rasad's kb/places.tsv.gz ODbL 1.0, see kb/NOTICE; rasad's actors/actors.yaml).")
	for _, typ := range types {
		list := make([]string, 0, len(names[typ]))
		for n := range names[typ] {
			list = append(list, n)
		}
		slices.Sort(list)
		for _, n := range list {
			fmt.Fprintf(zw, "%s\t%s\n", typ, n)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func dropInvisible(r rune) rune {
	if r == 0x200E || r == 0x200F || r == 0x200C || r == 0x200D || r == '_' {
		if r == '_' {
			return ' '
		}
		return -1
	}
	return r
}

// isArabicName reports whether s is worth listing: Arabic letters (and
// spaces) only, two letters at least.
func isArabicName(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r == ' ' || r == '-':
		case r >= 0x0621 && r <= 0x064A, r >= 0x064B && r <= 0x0652, r == 0x0671, r == 0x0640, r == 0x0670:
			letters++
		default:
			return false
		}
	}
	return letters >= 2
}

func readTSV(path string, row func(map[string]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", path, err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		m := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		row(m)
	}
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readActors reads the UniversalPetrarch actor dictionary: an entry line
// ("نوري_المالكي_" with words joined by "_"), optionally followed on the
// same line or on indented lines by codes in brackets, some with dates.
func readActors(path string, add func(typ, name string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var (
		entry string
		dated bool
	)
	flush := func() {
		if entry == "" {
			return
		}
		typ := gazActor
		if dated {
			typ = gazActorDated
		}
		add(typ, entry)
		entry, dated = "", false
	}
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] == '\t' || line[0] == ' ' && strings.HasPrefix(strings.TrimSpace(line), "[") {
			if strings.ContainsFunc(line, unicode.IsDigit) {
				dated = true
			}
			continue
		}
		flush()
		name, codes, _ := strings.Cut(line, "[")
		entry = strings.TrimSpace(strings.ReplaceAll(name, "_", " "))
		if strings.ContainsFunc(codes, unicode.IsDigit) {
			dated = true
		}
	}
	flush()
	return sc.Err()
}
