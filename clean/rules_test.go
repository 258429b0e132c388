package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadRules checks that each file in testdata/badrules gives exactly the
// error in the .err file beside it, naming the file and line.
func TestBadRules(t *testing.T) {
	files, _ := filepath.Glob("testdata/badrules/*.rules")
	if len(files) == 0 {
		t.Fatal("no bad rules files")
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(strings.TrimSuffix(file, ".rules") + ".err")
		if err != nil {
			t.Fatal(err)
		}
		_, err = NewWithRules(filepath.Base(file), src)
		if err == nil {
			t.Errorf("%s: no error, want %s", file, want)
			continue
		}
		if got := err.Error(); got != strings.TrimSpace(string(want)) {
			t.Errorf("%s:\n got error %s\nwant error %s", file, got, want)
		}
	}
}

// TestEmbeddedRules checks the rules file built into rasad: it parses, and
// each kind of rule is there.
func TestEmbeddedRules(t *testing.T) {
	rs, err := parseRules("boilerplate.rules", defaultRules)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[ruleKind]int{}
	for _, r := range rs.exact {
		kinds[r.kind]++
	}
	for _, list := range rs.byHead {
		for _, r := range list {
			kinds[r.kind]++
		}
	}
	for _, r := range append(rs.others, rs.inline...) {
		kinds[r.kind]++
	}
	for name, kind := range kindNames {
		if kinds[kind] == 0 {
			t.Errorf("no %s rule in boilerplate.rules", name)
		}
	}
}

func TestSlots(t *testing.T) {
	slots, err := parseSlots("{تابعونا تابعنا} على {فيسبوك تويتر}")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"تابعونا على فيسبوك", true},
		{"تابعنا على تويتر وإنستغرام", true},
		{"تابعونا على الطريق", false},
		{"تابعونا", false},
	} {
		if got := hasPrefix(fold(tc.line), slots); got != tc.want {
			t.Errorf("hasPrefix(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}
