package search

import (
	"context"
	"errors"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/store"
)

// BM25 parameters: the usual values, which suit news articles of a few
// hundred words.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Searcher answers queries over a store. The ranking is computed here, in
// Go, from the store's postings, so every backend ranks alike.
type Searcher struct {
	st     store.Store
	an     store.Analyzer
	places *Places
}

// New returns a searcher over st; an must be the analyser st indexes with.
// Its place filters match names word by word until WithPlaces gives it
// the place index.
func New(st store.Store, an store.Analyzer) *Searcher {
	return &Searcher{st: st, an: an}
}

// WithPlaces returns a copy of s whose place filters name countries and
// divisions as p resolves them (see Places); p may be nil.
func (s *Searcher) WithPlaces(p *Places) *Searcher {
	c := *s
	c.places = p
	return &c
}

// Places returns the resolver s's place filters go through, or nil.
func (s *Searcher) Places() *Places { return s.places }

// Query is what to look for.
type Query struct {
	// Text holds words and "quoted phrases"; a document must contain
	// every one. Empty text lists the documents the filter passes,
	// newest first.
	Text   string
	Filter Filter
	// Limit is how many hits to return (the total is counted anyway); 0
	// means DefaultLimit.
	Limit int
}

// DefaultLimit is how many hits a query returns unless told otherwise.
const DefaultLimit = 20

// Result is the answer to a query.
type Result struct {
	Total int   // documents that match
	Hits  []Hit // the best Limit of them, best first
}

// Hit is one matching document.
type Hit struct {
	ID        string  `json:"id"`
	Score     float64 `json:"score"`
	Title     string  `json:"title,omitempty"`
	Outlet    string  `json:"outlet,omitempty"`
	Published string  `json:"published,omitempty"`
	URL       string  `json:"url,omitempty"`
	// Story is the id of the first stored article of the hit's group of
	// near-duplicates (the hit's own id when it has none).
	Story string `json:"story"`
	// Snippet is a stretch of the article's text around the matches;
	// Marks are the [start, end) byte offsets of the matched words in it.
	Snippet string           `json:"snippet"`
	Marks   []document.Range `json:"marks"`

	// Num is the document's number in the store.
	Num int64 `json:"-"`
}

// Errors of queries, the user's to fix; compare with errors.Is.
var (
	// ErrEmptyQuery: a query with neither words nor a filter.
	ErrEmptyQuery = errors.New("empty query: give words to look for or a filter")
	// ErrBadQuery: a query that cannot be parsed.
	ErrBadQuery = errors.New("bad query")
)

// Search runs q.
func (s *Searcher) Search(ctx context.Context, q Query) (Result, error) {
	clauses, err := ParseQuery(s.an, q.Text)
	if err != nil {
		return Result{}, err
	}
	if len(clauses) == 0 && q.Filter.IsZero() {
		return Result{}, ErrEmptyQuery
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	within, newest, err := s.documents(ctx, q.Filter)
	if err != nil {
		return Result{}, err
	}
	if len(clauses) == 0 {
		return s.newest(ctx, within, newest, limit)
	}

	// A slot's postings are the union of its alternatives'. Slots that
	// recur (a word in two clauses) are looked up and scored once.
	var slots []slot
	index := make(map[string]int)
	for _, c := range clauses {
		for _, alts := range c.Slots {
			key := strings.Join(alts, "|")
			if _, ok := index[key]; !ok {
				index[key] = len(slots)
				slots = append(slots, slot{alts: alts})
			}
		}
	}
	docCount, tokenCount, err := s.st.IndexSize(ctx)
	if err != nil {
		return Result{}, err
	}
	for i := range slots {
		sl := &slots[i]
		for _, t := range sl.alts {
			n, err := s.st.DocFreq(ctx, t)
			if err != nil {
				return Result{}, err
			}
			if n > 0 {
				sl.present = append(sl.present, t)
				sl.df += n
			}
		}
		if sl.df == 0 {
			return Result{Hits: []Hit{}}, nil
		}
		sl.df = min(sl.df, int(docCount))
	}
	// Read the rarest slot's postings first; every later read is
	// restricted to the documents still in the running.
	order := make([]int, len(slots))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return slots[a].df - slots[b].df })
	candidates := within
	for _, i := range order {
		sl := &slots[i]
		sl.positions = make(map[int64][]int)
		sl.length = make(map[int64]int)
		var nums []int64
		for _, t := range sl.present {
			ps, err := s.st.Postings(ctx, t, candidates)
			if err != nil {
				return Result{}, err
			}
			found := make([]int64, len(ps))
			for k, p := range ps {
				sl.positions[p.Num] = append(sl.positions[p.Num], p.Positions...)
				sl.length[p.Num] = p.Length
				found[k] = p.Num
			}
			nums = unite(nums, found)
		}
		if len(sl.present) > 1 {
			for num, pos := range sl.positions {
				slices.Sort(pos)
				sl.positions[num] = slices.Compact(pos)
			}
		}
		candidates = nums
		if len(candidates) == 0 {
			return Result{Hits: []Hit{}}, nil
		}
	}

	n := float64(docCount)
	avgdl := 1.0
	if docCount > 0 && tokenCount > 0 {
		avgdl = float64(tokenCount) / n
	}
	type scored struct {
		num   int64
		score float64
	}
	var matches []scored
	for _, num := range candidates {
		if !phrasesMatch(clauses, slots, index, num) {
			continue
		}
		score := 0.0
		for _, sl := range slots {
			tf := float64(len(sl.positions[num]))
			dl := float64(sl.length[num])
			idf := math.Log(1 + (n-float64(sl.df)+0.5)/(float64(sl.df)+0.5))
			score += idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*dl/avgdl))
		}
		matches = append(matches, scored{num, score})
	}
	res := Result{Total: len(matches), Hits: []Hit{}}
	if len(matches) == 0 {
		return res, nil
	}
	// Order by score; break ties by number so that the order is stable,
	// then settle ties among the shown hits by date and id, which every
	// backend agrees on.
	sort.Slice(matches, func(i, j int) bool {
		if matches[i].score != matches[j].score {
			return matches[i].score > matches[j].score
		}
		return matches[i].num < matches[j].num
	})
	if len(matches) > limit {
		cut := limit
		for cut < len(matches) && matches[cut].score == matches[limit-1].score {
			cut++
		}
		matches = matches[:cut]
	}
	nums := make([]int64, len(matches))
	for i, m := range matches {
		nums[i] = m.num
	}
	docs, err := s.st.Documents(ctx, nums)
	if err != nil {
		return Result{}, err
	}
	byNum := make(map[int64]*store.Stored, len(docs))
	for _, d := range docs {
		byNum[d.Num] = d
	}
	for _, m := range matches {
		st, ok := byNum[m.num]
		if !ok {
			continue // replaced while we searched
		}
		var marked []int
		for _, sl := range slots {
			marked = append(marked, sl.positions[m.num]...)
		}
		slices.Sort(marked)
		h := s.hit(st, slices.Compact(marked))
		h.Score = m.score
		res.Hits = append(res.Hits, h)
	}
	sort.SliceStable(res.Hits, func(i, j int) bool {
		a, b := res.Hits[i], res.Hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Published != b.Published {
			return a.Published > b.Published
		}
		return a.ID < b.ID
	})
	res.Hits = res.Hits[:min(limit, len(res.Hits))]
	return res, nil
}

// slot is one query word during a search.
type slot struct {
	alts    []string // its terms
	present []string // those the index holds
	df      int      // documents holding any of them (summed, at most N)
	// positions and length are, by document number, where the word
	// occurs and the document's length.
	positions map[int64][]int
	length    map[int64]int
}

// phrasesMatch says whether every phrase of the query occurs in document
// num: its words at consecutive positions.
func phrasesMatch(clauses []Clause, slots []slot, index map[string]int, num int64) bool {
	for _, c := range clauses {
		if !c.Phrase() {
			continue
		}
		at := func(k int) []int { return slots[index[strings.Join(c.Slots[k], "|")]].positions[num] }
		found := false
		for _, start := range at(0) {
			found = true
			for k := 1; k < len(c.Slots); k++ {
				if _, ok := slices.BinarySearch(at(k), start+k); !ok {
					found = false
					break
				}
			}
			if found {
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// newest lists the documents in within, newest first; order is every
// document in the filter's date range newest first, when already read.
func (s *Searcher) newest(ctx context.Context, within, order []int64, limit int) (Result, error) {
	if order == nil {
		var err error
		if order, err = s.st.Published(ctx, "", ""); err != nil {
			return Result{}, err
		}
	}
	var nums []int64
	for _, n := range order {
		if _, ok := slices.BinarySearch(within, n); ok {
			nums = append(nums, n)
		}
	}
	res := Result{Total: len(nums), Hits: []Hit{}}
	docs, err := s.st.Documents(ctx, nums[:min(limit, len(nums))])
	if err != nil {
		return Result{}, err
	}
	for _, st := range docs {
		res.Hits = append(res.Hits, s.hit(st, nil))
	}
	return res, nil
}

// hit describes a stored document as a search hit.
func (s *Searcher) hit(st *store.Stored, marked []int) Hit {
	d := st.Doc
	h := Hit{ID: d.ID, Num: st.Num, Story: d.ID}
	if st.StoryID != "" {
		h.Story = st.StoryID
	}
	h.Title = deref(d.Title)
	h.Outlet = deref(d.Outlet)
	h.Published = deref(d.Published)
	h.URL = deref(d.URL)
	h.Snippet, h.Marks = Snippet(d.Text, st.Offsets, marked)
	return h
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Snippet window: how many indexed tokens a snippet shows, and how many of
// them come before the first match it shows.
const (
	snippetTokens = 32
	snippetLead   = 8
)

const ellipsis = "…"

// Snippet cuts from text the stretch of about snippetTokens tokens that
// holds the most marked tokens (positions into offsets), and returns it
// with the byte offsets of the marked words in it; runs of marked words
// separated only by spaces are one mark. Line breaks become spaces.
func Snippet(text string, offsets []document.Range, marked []int) (string, []document.Range) {
	if len(offsets) == 0 {
		return "", []document.Range{}
	}
	first := 0
	if len(marked) > 0 {
		best := -1
		for i, m := range marked {
			start := max(0, m-snippetLead)
			count := 0
			for _, n := range marked[i:] {
				if n >= start+snippetTokens {
					break
				}
				count++
			}
			if count > best {
				best, first = count, start
			}
		}
	}
	// A window that would run past the end slides back to stay full.
	first = min(first, max(0, len(offsets)-snippetTokens))
	last := min(len(offsets), first+snippetTokens) - 1
	start, end := offsets[first][0], offsets[last][1]
	if first == 0 {
		start = 0
	}
	if last == len(offsets)-1 {
		end = len(text)
	}
	var b strings.Builder
	lead := 0
	if start > 0 {
		b.WriteString(ellipsis)
		lead = len(ellipsis)
	}
	body := strings.TrimRight(text[start:end], " \n\t")
	b.WriteString(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, body))
	if start+len(body) < len(text) {
		b.WriteString(ellipsis)
	}
	snippet := b.String()

	marks := []document.Range{}
	for _, p := range marked {
		if p < first || p > last {
			continue
		}
		r := document.Range{offsets[p][0] - start + lead, offsets[p][1] - start + lead}
		if r[1] > lead+len(body) {
			continue
		}
		if n := len(marks); n > 0 && strings.TrimSpace(snippet[marks[n-1][1]:r[0]]) == "" && marks[n-1][1] <= r[0] {
			marks[n-1][1] = r[1]
			continue
		}
		marks = append(marks, r)
	}
	return snippet, marks
}
