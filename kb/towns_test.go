package kb

import (
	"strings"
	"testing"
	"testing/fstest"
)

const townHeader = "country\tadmin1\tkind\tlat\tlon\tnames\tlatin\n"

func TestReadTowns(t *testing.T) {
	fsys := fstest.MapFS{"towns/SY.tsv": {Data: []byte("# a comment\n" + townHeader +
		"SY\t12\ttown\t35.86\t36.80\tسراقب\tSaraqib\n" +
		"SY\t\tvillage\t35.55\t36.64\tحيش|الحيش\tHeish\n" +
		"SY\tx:SY:test\ttown\t35.0\t36.0\tسراقب الثانية\tSaraqib\n")}}
	towns, err := ReadTowns(fsys, "towns")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id, admin1 string
		kind       Kind
		names      string
	}{
		{"x:SY:saraqib", "admin1:SY.12", Town, "سراقب"},
		{"x:SY:heish", "", Village, "حيش|الحيش"},
		{"x:SY:saraqib-2", "x:SY:test", Town, "سراقب الثانية"}, // a second place of the same Latin name, in a division of the supplement
	}
	if len(towns) != len(want) {
		t.Fatalf("%d towns, want %d", len(towns), len(want))
	}
	for i, w := range want {
		p := towns[i]
		if p.ID != w.id || p.Admin1 != w.admin1 || p.Kind != w.kind || strings.Join(p.Names, "|") != w.names || p.Country != "SY" {
			t.Errorf("town %d = %+v, want %+v", i, p, w)
		}
	}
	if towns[1].Importance >= towns[0].Importance {
		t.Errorf("a village (%v) ranks with a town (%v)", towns[1].Importance, towns[0].Importance)
	}
}

func TestReadTownsErrors(t *testing.T) {
	tests := []struct{ line, want string }{
		{"SY\t12\ttown\t35.86\t36.80\tسراقب", "towns/SY.tsv:2: 6 fields, want 7"},
		{"Sy\t12\ttown\t35.86\t36.80\tسراقب\tSaraqib", `towns/SY.tsv:2: country "Sy" is not an ISO 3166-1 alpha-2 code`},
		{"SY\t12\thamlet\t35.86\t36.80\tسراقب\tSaraqib", `towns/SY.tsv:2: unknown place kind "hamlet"`},
		{"SY\t12\tcountry\t35.86\t36.80\tسراقب\tSaraqib", "towns/SY.tsv:2: kind country does not belong in the town table"},
		{"SY\t12\ttown\t95\t36.80\tسراقب\tSaraqib", `towns/SY.tsv:2: bad latitude "95"`},
		{"SY\t12\ttown\t35.86\tE36\tسراقب\tSaraqib", `towns/SY.tsv:2: bad longitude "E36"`},
		{"SY\t12\ttown\t35.86\t36.80\tSaraqib\tSaraqib", `towns/SY.tsv:2: name "Saraqib" is not in Arabic script`},
		{"SY\t12\ttown\t35.86\t36.80\tسراقب\t", "towns/SY.tsv:2: a town needs an Arabic and a Latin name"},
		{"SY\t12\ttown\t35.86\t36.80\tسراقب\t--", `towns/SY.tsv:2: latin name "--" has no letter or digit`},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{"towns/SY.tsv": {Data: []byte(townHeader + tt.line + "\n")}}
		_, err := ReadTowns(fsys, "towns")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("line %q: error %v, want %q", tt.line, err, tt.want)
		}
	}
	fsys := fstest.MapFS{"towns/SY.tsv": {Data: []byte("country\tkind\n")}}
	if _, err := ReadTowns(fsys, "towns"); err == nil || !strings.Contains(err.Error(), "towns/SY.tsv:1: header") {
		t.Errorf("bad header: error %v", err)
	}
}

func FuzzReadTowns(f *testing.F) {
	f.Add("SY\t12\ttown\t35.86\t36.80\tسراقب|سراقب\tSaraqib")
	f.Add("YE\t\tsite\t12.6\t43.4\tباب المندب\tBab al-Mandab")
	f.Add("\t\t\t\t\t\t")
	f.Fuzz(func(t *testing.T, line string) {
		fsys := fstest.MapFS{"towns/X.tsv": {Data: []byte(townHeader + line + "\n")}}
		towns, err := ReadTowns(fsys, "towns")
		if err != nil {
			return
		}
		for _, p := range towns {
			if !strings.HasPrefix(p.ID, "x:"+p.Country+":") || len(p.ID) == len("x:XX:") || len(p.Names) == 0 || len(p.Latin) == 0 || p.Lat < -90 || p.Lat > 90 {
				t.Errorf("accepted %q as %+v", line, p)
			}
		}
	})
}
