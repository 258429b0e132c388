package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestRunGeocode(t *testing.T) {
	var out, errOut bytes.Buffer
	g := &globals{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	names := []string{"بطرابلس", "وبالزاوية", "اوباري", "مدينة سرت", "كذاوكذا", "طرابلس"}
	if err := runGeocode(context.Background(), geocodeOptions{Alternatives: 2}, names, g); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(names) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(names), out.String())
	}
	want := []struct {
		name, country, precision, match string
		found                           bool
	}{
		{"طرابلس", "LY", "city", "clitic", true},
		{"الزاوية", "LY", "city", "clitic", true},
		{"أوباري", "LY", "city", "exact", true},
		{"سرت", "LY", "city", "unit", true},
		{"", "", "", "", false},
		{"طرابلس", "LY", "city", "exact", true},
	}
	for i, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, line)
		}
		for _, key := range []string{"name", "query", "lat", "lon", "country", "admin1", "precision", "kb", "alternatives"} {
			if _, ok := rec[key]; !ok {
				t.Errorf("line %d has no %q: %s", i+1, key, line)
			}
		}
		w := want[i]
		if rec["query"] != names[i] {
			t.Errorf("line %d: query %v, want %q (input order)", i+1, rec["query"], names[i])
		}
		if !w.found {
			if rec["lat"] != nil || rec["lon"] != nil || rec["name"] != nil || rec["reason"] == nil {
				t.Errorf("line %d: want null name/lat/lon and a reason: %s", i+1, line)
			}
			continue
		}
		if rec["name"] != w.name || rec["country"] != w.country || rec["precision"] != w.precision || rec["match"] != w.match {
			t.Errorf("line %d: %s; want name %s, country %s, precision %s, match %s", i+1, line, w.name, w.country, w.precision, w.match)
		}
		if _, ok := rec["lat"].(float64); !ok {
			t.Errorf("line %d: lat %v is not a number", i+1, rec["lat"])
		}
		if alts, _ := rec["alternatives"].([]any); len(alts) > 2 {
			t.Errorf("line %d: %d alternatives, want at most 2", i+1, len(alts))
		}
	}
	// Tripoli's alternatives include Lebanon's.
	if !strings.Contains(lines[5], `"country":"LB"`) {
		t.Errorf("Tripoli's alternatives lack Lebanon's: %s", lines[5])
	}
}

func TestRunGeocodeHintsAndStdin(t *testing.T) {
	var out bytes.Buffer
	g := &globals{stdin: strings.NewReader("طرابلس\n\nالبيضاء\n"), stdout: &out, stderr: &bytes.Buffer{}}
	if err := runGeocode(context.Background(), geocodeOptions{Country: "lb"}, nil, g); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"country":"LB"`) {
		t.Errorf("with --country lb, got:\n%s", out.String())
	}
	out.Reset()
	g.stdin = strings.NewReader("")
	if err := runGeocode(context.Background(), geocodeOptions{Near: "14.0,45.5"}, []string{"البيضاء"}, g); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"country":"YE"`) {
		t.Errorf("with --near in Yemen, got %s", out.String())
	}
}

func TestRunGeocodeUsage(t *testing.T) {
	for _, opts := range []geocodeOptions{
		{Country: "LBY"},
		{Country: "XX"},
		{Near: "32.9"},
		{Near: "95,13"},
		{Alternatives: -1},
	} {
		g := &globals{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
		err := runGeocode(context.Background(), opts, []string{"سرت"}, g)
		var usage usageError
		if !errors.As(err, &usage) {
			t.Errorf("runGeocode(%+v) = %v, want a usage error", opts, err)
		}
	}
}

// With --country, a place abroad is no answer but an alternative; a
// country's own name is still that country.
func TestRunGeocodeCountryIsStrict(t *testing.T) {
	tests := []struct {
		name, country string
		wantCountry   string // "" when the answer must be null
		wantAltIn     string // a country the alternatives must hold
	}{
		{"طرابلس", "LY", "LY", "LB"},
		{"طرابلس", "LB", "LB", "LY"},
		{"بيروت", "LY", "", "LB"},
		{"البيضاء", "LB", "", "YE"},
		{"سوريا", "LY", "SY", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.country, func(t *testing.T) {
			var out bytes.Buffer
			g := &globals{stdin: strings.NewReader(""), stdout: &out, stderr: &bytes.Buffer{}}
			if err := runGeocode(context.Background(), geocodeOptions{Country: tt.country, Alternatives: 5}, []string{tt.name}, g); err != nil {
				t.Fatal(err)
			}
			var rec geocodeRecord
			if err := json.Unmarshal(out.Bytes(), &rec); err != nil {
				t.Fatalf("%v: %s", err, out.String())
			}
			if tt.wantCountry == "" {
				if rec.Name != nil || rec.Lat != nil || rec.Reason != "no place of that name in "+tt.country {
					t.Errorf("want null with reason \"no place of that name in %s\": %s", tt.country, out.String())
				}
			} else if rec.Name == nil || rec.Country != tt.wantCountry {
				t.Errorf("want a place in %s: %s", tt.wantCountry, out.String())
			}
			if tt.wantAltIn == "" {
				return
			}
			for _, a := range rec.Alternatives {
				if a.Country == tt.wantAltIn {
					return
				}
			}
			t.Errorf("alternatives lack a place in %s: %s", tt.wantAltIn, out.String())
		})
	}
}
