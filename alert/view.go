package alert

import (
	"context"
	"slices"
	"sort"

	"github.com/rasad/rasad/store"
)

// view is a store restricted to some of its documents, so that a search
// over it answers for those alone. The searcher reads a term's postings
// only within the documents still in the running, and starts from the
// view's numbers, so a search over a batch of new documents costs a few
// indexed lookups per query word whatever the size of the store. Counts
// (IndexSize, DocFreq) stay those of the whole store: they only weigh the
// ranking, which alerts do not use.
type view struct {
	store.Store
	nums []int64 // sorted
	// docs, when set, holds every document of nums already loaded:
	// dates, places and the documents themselves are then read from it.
	docs map[int64]*store.Stored
}

func newView(st store.Store, nums []int64, docs []*store.Stored) *view {
	v := &view{Store: st, nums: slices.Sorted(slices.Values(nums))}
	if docs != nil {
		v.docs = make(map[int64]*store.Stored, len(docs))
		v.nums = v.nums[:0]
		for _, d := range docs {
			v.docs[d.Num] = d
			v.nums = append(v.nums, d.Num)
		}
		slices.Sort(v.nums)
	}
	return v
}

// restrict returns the numbers of within (sorted; nil for all) that are
// in the view.
func (v *view) restrict(within []int64) []int64 {
	if within == nil {
		return v.nums
	}
	var out []int64
	for i, j := 0, 0; i < len(within) && j < len(v.nums); {
		switch {
		case within[i] < v.nums[j]:
			i++
		case within[i] > v.nums[j]:
			j++
		default:
			out = append(out, within[i])
			i++
			j++
		}
	}
	return out
}

func (v *view) Postings(ctx context.Context, term string, within []int64) ([]store.Posting, error) {
	nums := v.restrict(within)
	if len(nums) == 0 {
		return nil, nil
	}
	return v.Store.Postings(ctx, term, nums)
}

// keep returns the numbers of nums that are in the view, in their order.
func (v *view) keep(nums []int64) []int64 {
	out := nums[:0:0]
	for _, n := range nums {
		if _, ok := slices.BinarySearch(v.nums, n); ok {
			out = append(out, n)
		}
	}
	return out
}

func (v *view) Published(ctx context.Context, from, to string) ([]int64, error) {
	if v.docs == nil {
		nums, err := v.Store.Published(ctx, from, to)
		return v.keep(nums), err
	}
	// As the store orders them: newest first, undated last, then by
	// number, highest first.
	var out []int64
	for _, n := range v.nums {
		p := v.docs[n].Doc.Published
		if (from != "" || to != "") && (p == nil || from != "" && *p < from || to != "" && *p > to) {
			continue
		}
		out = append(out, n)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := v.docs[out[i]].Doc.Published, v.docs[out[j]].Doc.Published
		switch {
		case a == nil && b == nil:
		case a == nil:
			return false
		case b == nil:
			return true
		case *a != *b:
			return *a > *b
		}
		return out[i] > out[j]
	})
	return out, nil
}

func (v *view) Near(ctx context.Context, lat, lon, km float64) ([]int64, error) {
	if v.docs == nil {
		nums, err := v.Store.Near(ctx, lat, lon, km)
		return v.keep(nums), err
	}
	var out []int64
	for _, n := range v.nums {
		for _, p := range v.docs[n].Doc.Places {
			if p.Lat != nil && p.Lon != nil && store.DistanceKm(lat, lon, *p.Lat, *p.Lon) <= km {
				out = append(out, n)
				break
			}
		}
	}
	return out, nil
}

func (v *view) Documents(ctx context.Context, nums []int64) ([]*store.Stored, error) {
	if v.docs == nil {
		return v.Store.Documents(ctx, v.keep(nums))
	}
	out := make([]*store.Stored, 0, len(nums))
	for _, n := range nums {
		if d, ok := v.docs[n]; ok {
			out = append(out, d)
		}
	}
	return out, nil
}
