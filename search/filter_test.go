package search

import (
	"math"
	"testing"
)

func TestFilterValidate(t *testing.T) {
	tests := []struct {
		name string
		f    Filter
		ok   bool
	}{
		{"empty", Filter{}, true},
		{"days", Filter{From: "2015-03-26", To: "2015-04-30"}, true},
		{"from after to", Filter{From: "2015-05-01", To: "2015-04-30"}, false},
		{"not a day", Filter{From: "26/03/2015"}, false},
		{"near Sirte", Filter{Near: &Near{Lat: 31.2, Lon: 16.59, Km: 50}}, true},
		{"latitude out of range", Filter{Near: &Near{Lat: 91, Lon: 16.59, Km: 50}}, false},
		{"zero distance", Filter{Near: &Near{Lat: 31.2, Lon: 16.59}}, false},
		{"NaN latitude", Filter{Near: &Near{Lat: math.NaN(), Lon: 16.59, Km: 50}}, false},
		{"NaN distance", Filter{Near: &Near{Lat: 31.2, Lon: 16.59, Km: math.NaN()}}, false},
		{"PLOVER and ACLED types, any case", Filter{Types: []string{"assault", "Battles", "air/drone  strike"}}, true},
		{"misspelt type", Filter{Types: []string{"ASSUALT"}}, false},
		{"infinite distance", Filter{Near: &Near{Lat: 31.2, Lon: 16.59, Km: math.Inf(1)}}, false},
	}
	for _, tt := range tests {
		if err := tt.f.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}
