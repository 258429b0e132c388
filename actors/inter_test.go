package actors

import "testing"

func TestInter(t *testing.T) {
	l := mustLoad(t)
	tests := []struct {
		id, eventCountry string
		want             Inter
	}{
		{"ly.lna", "LY", StateForces},
		{"ly.gnu.forces", "LY", StateForces},
		{"ly.lna", "", StateForces}, // unknown event country: the actor's own
		{"ly.lna", "SD", ExternalForces},
		{"ru.wagner", "LY", ExternalForces},
		{"ru.wagner", "RU", ExternalForces}, // a private military company is never state forces
		{"ru.africa.corps", "ML", ExternalForces},
		{"us.africom", "LY", ExternalForces},
		{"tr.military", "LY", ExternalForces},
		{"tr.military", "TR", StateForces},
		{"un.unsmil", "LY", ExternalForces},
		{"un.unifil", "LB", ExternalForces},
		{"nato", "LY", ExternalForces},
		{"sd.rsf", "SD", RebelGroup},
		{"so.shabaab", "SO", RebelGroup},
		{"img.isis", "IQ", RebelGroup},
		{"ly.rada", "LY", PoliticalMilitia},
		{"lb.hezbollah", "LB", PoliticalMilitia},
		{"ly.tebu.forces", "LY", IdentityMilitia},
		{"sy.suwayda.factions", "SY", IdentityMilitia},
		{"ngo.icrc", "LY", Civilians},
		{"ly.lrc", "LY", Civilians},
		{"media.aljazeera", "SY", Civilians},
		{"ly.hor", "LY", InterNone}, // a legislature is no armed actor
		{"ly.haftar.khalifa", "LY", StateForces},
		{"sd.hemedti", "SD", RebelGroup},
	}
	for _, tt := range tests {
		a, ok := l.ByID(tt.id)
		if !ok {
			t.Fatalf("no actor %s", tt.id)
		}
		if got := a.Inter(tt.eventCountry); got != tt.want {
			t.Errorf("%s in %q: inter %d (%s), want %d (%s)", tt.id, tt.eventCountry, got, got, tt.want, tt.want)
		}
	}
}

func TestInterCode(t *testing.T) {
	tests := []struct {
		sector, actorCountry, eventCountry string
		identity                           bool
		want                               Inter
	}{
		{"COP", "EG", "EG", false, StateForces},
		{"SPY", "IL", "LB", false, ExternalForces},
		{"UAF", "LY", "LY", false, PoliticalMilitia},
		{"REB", "ML", "ML", true, IdentityMilitia},
		{"JRN", "LY", "LY", false, Civilians},
		{"REF", "UNO", "LY", false, ExternalForces},
		{"MED", "NGO", "SD", false, Civilians},
		{"PTY", "LY", "LY", false, InterNone},
	}
	for _, tt := range tests {
		if got := InterCode(tt.sector, tt.actorCountry, tt.eventCountry, tt.identity); got != tt.want {
			t.Errorf("InterCode(%s, %s, %s, %v) = %s, want %s", tt.sector, tt.actorCountry, tt.eventCountry, tt.identity, got, tt.want)
		}
	}
	if s := Inter(42).String(); s != "Inter(42)" {
		t.Errorf("Inter(42).String() = %q", s)
	}
}

func TestKB(t *testing.T) {
	l := mustLoad(t)
	a, _ := l.ByID("ly.lna")
	if a.KB() != "actor:ly.lna" {
		t.Errorf("KB() = %q", a.KB())
	}
	if b, ok := l.ByKB(a.KB()); !ok || b != a {
		t.Errorf("ByKB(%q) did not find the LNA", a.KB())
	}
	if _, ok := l.ByKB("ly.lna"); ok {
		t.Error("ByKB accepted an id without the prefix")
	}
}
