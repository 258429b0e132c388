package web

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
)

// fixtureAPI answers the /api/v1 contract from a few documents held in
// memory (the output of `rasad extract`), with the filters simplified:
// it lets the dashboard and its browser tests run before, or without,
// the real server. It is test code; `rasad serve` is the real thing.
type fixtureAPI struct {
	docs []fixtureDoc
}

type fixtureDoc struct {
	raw       json.RawMessage
	ID        string `json:"id"`
	URL       any    `json:"url"`
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Text      string `json:"text"`
	Places    []struct {
		ID        string  `json:"id"`
		Name      string  `json:"name"`
		Lat       float64 `json:"lat"`
		Lon       float64 `json:"lon"`
		Country   string  `json:"country"`
		Admin1    string  `json:"admin1"`
		Precision string  `json:"precision"`
	} `json:"places"`
	Events []map[string]any `json:"events"`
}

// loadFixture reads documents from JSON Lines files.
func loadFixture(paths ...string) (*fixtureAPI, error) {
	f := &fixtureAPI{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<24)
		for line := 1; sc.Scan(); line++ {
			var d fixtureDoc
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", p, line, err)
			}
			d.raw = slices.Clone(sc.Bytes())
			f.docs = append(f.docs, d)
		}
	}
	return f, nil
}

// eventItems are the EventItems of every document, filtered.
func (f *fixtureAPI) eventItems(r *http.Request) []map[string]any {
	q := r.URL.Query()
	types := strings.Split(q.Get("type"), ",")
	var out []map[string]any
	for _, d := range f.docs {
		if !docMatches(d, q.Get("q"), q.Get("outlet")) {
			continue
		}
		for _, e := range d.Events {
			item := map[string]any{"doc": d.ID, "title": d.Title, "outlet": d.Outlet, "published": d.Published, "incident": len(out) + 1}
			for _, k := range []string{"id", "type", "mode", "acled", "date", "date_precision", "modality", "actor", "target", "participants", "fatalities", "trigger", "evidence"} {
				item[k] = e[k]
			}
			item["place"] = nil
			for _, p := range d.Places {
				if p.ID == e["place"] {
					item["place"] = p
				}
			}
			typ, _ := e["type"].(string)
			date, _ := e["date"].(string)
			if q.Get("type") != "" && !slices.Contains(types, typ) ||
				q.Get("from") != "" && (date == "" || date < q.Get("from")) ||
				q.Get("to") != "" && (date == "" || date > q.Get("to")) ||
				q.Get("actor") != "" && !strings.Contains(fmt.Sprint(e["actor"]), q.Get("actor")) ||
				q.Get("place") != "" && !strings.Contains(fmt.Sprint(item["place"]), q.Get("place")) {
				continue
			}
			out = append(out, item)
		}
	}
	slices.SortStableFunc(out, func(a, b map[string]any) int { return strings.Compare(fmt.Sprint(b["date"]), fmt.Sprint(a["date"])) })
	return out
}

// docMatches: every word of q in the text (no stemming), the outlet equal.
func docMatches(d fixtureDoc, q, outlet string) bool {
	if outlet != "" && d.Outlet != outlet {
		return false
	}
	for _, w := range strings.Fields(strings.Trim(q, `"«»`)) {
		if !strings.Contains(d.Text, w) {
			return false
		}
	}
	return true
}

func page[T any](items []T, r *http.Request) []T {
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil || limit <= 0 {
		limit = 50
	}
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	offset = min(max(offset, 0), len(items))
	return items[offset:min(len(items), offset+limit)]
}

func (f *fixtureAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/events", func(w http.ResponseWriter, r *http.Request) {
		items := f.eventItems(r)
		writeJSON(w, map[string]any{"total": len(items), "items": page(items, r)})
	})
	mux.HandleFunc("GET /api/v1/stats", func(w http.ResponseWriter, r *http.Request) {
		items := f.eventItems(r)
		perType := map[string]int{}
		perDay := map[[2]string]int{}
		docs := map[any]bool{}
		for _, e := range items {
			perType[e["type"].(string)]++
			docs[e["doc"]] = true
			if d, ok := e["date"].(string); ok {
				perDay[[2]string{d, e["type"].(string)}]++
			}
		}
		rows := []map[string]any{}
		for k, n := range perDay {
			rows = append(rows, map[string]any{"day": k[0], "type": k[1], "count": n})
		}
		writeJSON(w, map[string]any{"documents": len(docs), "events": len(items), "incidents": len(items), "per_day": rows, "per_type": perType})
	})
	mux.HandleFunc("GET /api/v1/documents", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("q")
		items := []map[string]any{}
		for _, d := range f.docs {
			if !docMatches(d, q, r.URL.Query().Get("outlet")) {
				continue
			}
			item := map[string]any{"id": d.ID, "title": d.Title, "outlet": d.Outlet, "published": d.Published, "url": d.URL, "story": d.ID, "events": len(d.Events)}
			if q != "" {
				snippet := d.Text[:min(len(d.Text), strings.IndexByte(d.Text+"\n", '\n'))]
				marks := [][2]int{}
				for _, word := range strings.Fields(strings.Trim(q, `"«»`)) {
					if i := strings.Index(snippet, word); i >= 0 {
						marks = append(marks, [2]int{i, i + len(word)})
					}
				}
				item["snippet"], item["marks"] = snippet, marks
			}
			items = append(items, item)
		}
		writeJSON(w, map[string]any{"total": len(items), "items": page(items, r)})
	})
	mux.HandleFunc("GET /api/v1/documents/{id}", func(w http.ResponseWriter, r *http.Request) {
		for _, d := range f.docs {
			if d.ID == r.PathValue("id") {
				incidents := make([]int, len(d.Events))
				for i := range incidents {
					incidents[i] = i + 1
				}
				writeJSON(w, map[string]any{"document": d.raw, "story": d.ID, "incidents": incidents})
				return
			}
		}
		w.WriteHeader(http.StatusNotFound)
		writeJSON(w, map[string]any{"error": map[string]string{"kind": "not_found", "message": "no document " + r.PathValue("id")}})
	})
	mux.HandleFunc("GET /api/v1/actors", func(w http.ResponseWriter, r *http.Request) {
		counts := map[string][2]int{}
		for _, e := range f.eventItems(r) {
			for i, role := range []string{"actor", "target"} {
				if a, ok := e[role].(map[string]any); ok {
					c := counts[a["canonical"].(string)]
					c[i]++
					counts[a["canonical"].(string)] = c
				}
			}
		}
		items := []map[string]any{}
		for name, c := range counts {
			items = append(items, map[string]any{"name": name, "kb": nil, "as_actor": c[0], "as_target": c[1]})
		}
		slices.SortFunc(items, func(a, b map[string]any) int {
			return (b["as_actor"].(int) + b["as_target"].(int)) - (a["as_actor"].(int) + a["as_target"].(int))
		})
		writeJSON(w, map[string]any{"items": page(items, r)})
	})
	mux.HandleFunc("GET /api/v1/actors/links", func(w http.ResponseWriter, r *http.Request) {
		counts := map[[3]string]int{}
		for _, e := range f.eventItems(r) {
			a, _ := e["actor"].(map[string]any)
			t, _ := e["target"].(map[string]any)
			if a != nil && t != nil {
				counts[[3]string{a["canonical"].(string), t["canonical"].(string), e["type"].(string)}]++
			}
		}
		items := []map[string]any{}
		for k, n := range counts {
			items = append(items, map[string]any{"actor": k[0], "target": k[1], "type": k[2], "count": n})
		}
		writeJSON(w, map[string]any{"items": items})
	})
	mux.HandleFunc("GET /api/v1/events/stream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, ": no events in the fixture\n\n")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	mux.Handle("/", Handler())
	mux.ServeHTTP(w, r)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
