package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPlaceFilters checks that rasad search, rasad export and rasad alert
// test select alike by a country's name and by its code, and by a
// first-level division's name with its unit word.
func TestPlaceFilters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rasad.db")
	if _, errs, status := run(t, "", "ingest", "--db", db, "../../examples"); status != exitOK {
		t.Fatalf("ingest: status %d\n%s", status, errs)
	}
	// counts returns the articles search finds, the events export
	// writes and the events an alert on events matches.
	counts := func(place string) [3]string {
		t.Helper()
		var c [3]string
		_, errs, status := run(t, "", "search", "--db", db, "--place", place, "--limit", "100")
		if status != exitOK {
			t.Fatalf("search --place %s: status %d\n%s", place, status, errs)
		}
		c[0] = regexp.MustCompile(`(\d+) matching articles`).FindString(errs)
		out, errs, status := run(t, "", "export", "--db", db, "--place", place, "--format", "csv")
		if status != exitOK {
			t.Fatalf("export --place %s: status %d\n%s", place, status, errs)
		}
		c[1] = strconv.Itoa(strings.Count(out, "\n")-1) + " rows"
		name := "a" + strings.ReplaceAll(strings.ToLower(place), " ", "-")
		if _, errs, status := run(t, "", "alert", "add", "--db", db, name, "--place", place); status != exitOK {
			t.Fatalf("alert add --place %s: status %d\n%s", place, status, errs)
		}
		_, errs, status = run(t, "", "alert", "test", "--db", db, name)
		if status != exitOK {
			t.Fatalf("alert test %s: status %d\n%s", name, status, errs)
		}
		c[2] = regexp.MustCompile(`(\d+) matching events`).FindString(errs)
		return c
	}
	code := counts("LY")
	if code[1] == "0 rows" || code[0] == "0 matching articles" {
		t.Fatalf("--place LY selects nothing: %q", code)
	}
	for _, name := range []string{"ليبيا", "Libya"} {
		if got := counts(name); got != code {
			t.Errorf("--place %s: %q, want what --place LY gives, %q", name, got, code)
		}
	}
	// شمال دارفور is what the examples' places carry as their admin1.
	if got, want := counts("ولاية شمال دارفور"), counts("شمال دارفور"); got != want || got[1] == "0 rows" {
		t.Errorf("--place \"ولاية شمال دارفور\": %q, want %q, not nothing", got, want)
	}
}
