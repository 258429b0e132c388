package api

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestOpenAPIDescribesEveryRoute checks that openapi.yaml parses and
// documents each route with each of its methods, and nothing else.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	b, err := openapiFS.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                               `yaml:"openapi"`
		Paths   map[string]map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi %q, want 3.1", doc.OpenAPI)
	}
	s := &server{}
	want := map[string][]string{"/metrics": {"get"}}
	for _, rt := range s.routeTable() {
		for m := range rt.methods {
			want[rt.pattern] = append(want[rt.pattern], strings.ToLower(m))
		}
	}
	delete(want, "/api/")
	for path, methods := range want {
		got := slices.Sorted(maps.Keys(doc.Paths[path]))
		slices.Sort(methods)
		if !slices.Equal(got, methods) {
			t.Errorf("%s: openapi.yaml has %v, the server answers %v", path, got, methods)
		}
		for _, m := range methods {
			if _, ok := doc.Paths[path][m]["responses"]; !ok {
				t.Errorf("%s %s: no responses", m, path)
			}
		}
	}
	for path := range doc.Paths {
		if _, ok := want[path]; !ok {
			t.Errorf("openapi.yaml describes %s, which the server does not answer", path)
		}
	}
}
