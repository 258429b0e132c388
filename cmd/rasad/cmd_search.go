package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/kb"
	"github.com/rasad/rasad/search"
)

// loadPlaces reads the place index, through which a place filter naming a
// country or a first-level division selects what lies in it.
func loadPlaces() (*search.Places, error) {
	ix, err := kb.Load()
	if err != nil {
		return nil, err
	}
	return search.NewPlaces(ix), nil
}

// filterOptions are the flags that narrow a search or an export.
type filterOptions struct {
	Types              []string
	Actor, Place, Near string
	From, To, Outlet   string
}

func addFilterFlags(cmd *cobra.Command, o *filterOptions) {
	f := cmd.Flags()
	f.StringSliceVar(&o.Types, "type", nil, "event `TYPE`: PLOVER (ASSAULT, PROTEST…) or ACLED (Battles, \"Air/drone strike\"…); repeat or separate with commas for any of several")
	f.StringVar(&o.Actor, "actor", "", "an actor's `NAME` (every word must match, with or without clitics)")
	f.StringVar(&o.Place, "place", "", "a place `NAME`: a country's (ليبيا, LY) or a first-level division's (محافظة مأرب) for everything in it, else a town's (every word must match)")
	f.StringVar(&o.Near, "near", "", "`LAT,LON,KM`: a place within KM kilometres of the point")
	f.StringVar(&o.From, "from", "", "first `DAY` (2020-06-22) of publication, or of the event for export")
	f.StringVar(&o.To, "to", "", "last `DAY` (2020-06-22) of publication, or of the event for export")
	f.StringVar(&o.Outlet, "outlet", "", "the outlet's `NAME`")
}

// filter checks the flags and returns the library's filter.
func (o filterOptions) filter() (search.Filter, error) {
	f := search.Filter{Actor: o.Actor, Place: o.Place, From: o.From, To: o.To, Outlet: o.Outlet}
	for _, t := range o.Types {
		if t = strings.TrimSpace(t); t != "" {
			f.Types = append(f.Types, t)
		}
	}
	if o.Near != "" {
		parts := strings.Split(o.Near, ",")
		var v [3]float64
		ok := len(parts) == 3
		for i := 0; ok && i < 3; i++ {
			var err error
			v[i], err = strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
			ok = err == nil
		}
		if !ok {
			return f, usagef("--near %q: want LAT,LON,KM, such as 32.89,13.19,25", o.Near)
		}
		f.Near = &search.Near{Lat: v[0], Lon: v[1], Km: v[2]}
	}
	if err := f.Validate(); err != nil {
		return f, usageError{err}
	}
	return f, nil
}

type searchOptions struct {
	filterOptions
	DB     string
	Format string
	Limit  int
}

func newSearchCommand(g *globals) *cobra.Command {
	var opts searchOptions
	cmd := &cobra.Command{
		Use:   "search [flags] [QUERY...]",
		Short: "Search the stored articles",
		Long: `Search finds stored articles containing every word of QUERY, ranked by BM25,
and prints them with a snippet of the original text, the matches marked. A word
matches with clitics attached (قوات finds بقوات، والقوات، لقواتها) and across
spellings of hamza, alef maqsura, ta marbuta and diacritics. Words in quotation
marks ("المجلس الرئاسي" or «المجلس الرئاسي») must appear together, in order.

Filters narrow the search; with filters and no QUERY, the matching articles are
listed newest first.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSearch(cmd.Context(), opts, g, strings.Join(args, " "))
		},
	}
	addFilterFlags(cmd, &opts.filterOptions)
	f := cmd.Flags()
	addDBFlag(f, &opts.DB)
	f.StringVar(&opts.Format, "format", "table", "output `FORMAT`: table or json")
	f.IntVar(&opts.Limit, "limit", search.DefaultLimit, "show at most `N` articles")
	return cmd
}

func runSearch(ctx context.Context, opts searchOptions, g *globals, query string) error {
	filter, err := opts.filter()
	if err != nil {
		return err
	}
	if opts.Format != "table" && opts.Format != "json" {
		return usagef("--format %q: want table or json", opts.Format)
	}
	if opts.Limit < 1 {
		return usagef("--limit %d: must be at least 1", opts.Limit)
	}
	st, an, _, err := openStore(ctx, g, opts.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	places, err := loadPlaces()
	if err != nil {
		return err
	}
	res, err := search.New(st, an).WithPlaces(places).Search(ctx, search.Query{Text: query, Filter: filter, Limit: opts.Limit})
	if errors.Is(err, search.ErrEmptyQuery) {
		return usagef("search needs a QUERY or a filter (--type, --actor, --place, --near, --from, --to, --outlet)")
	}
	if err != nil {
		if errors.Is(err, search.ErrBadQuery) {
			return usageError{err}
		}
		return err
	}
	out := bufio.NewWriter(g.stdout)
	if opts.Format == "json" {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(res)
	} else {
		err = writeHits(out, res, isTerminal(g.stdout))
		fmt.Fprintf(g.stderr, "%d of %d matching articles\n", len(res.Hits), res.Total)
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	return err
}

// writeHits prints hits as a table: a heading line per article and its
// snippet, matches in bold on a terminal and in [brackets] elsewhere.
func writeHits(w io.Writer, res search.Result, terminal bool) error {
	open, close := "[", "]"
	if terminal {
		open, close = "\033[1m", "\033[0m"
	}
	for i, h := range res.Hits {
		heading := []string{fmt.Sprintf("%d.", i+1), fmt.Sprintf("%.3f", h.Score), orDash(h.Published), orDash(h.Outlet), h.ID}
		if h.Story != h.ID {
			heading = append(heading, "(story "+h.Story+")")
		}
		if _, err := fmt.Fprintln(w, strings.Join(heading, "  ")); err != nil {
			return err
		}
		if h.Title != "" {
			fmt.Fprintf(w, "   %s\n", h.Title)
		}
		var b strings.Builder
		prev := 0
		for _, m := range h.Marks {
			b.WriteString(h.Snippet[prev:m[0]])
			b.WriteString(open + h.Snippet[m[0]:m[1]] + close)
			prev = m[1]
		}
		b.WriteString(h.Snippet[prev:])
		fmt.Fprintf(w, "   %s\n", b.String())
		if h.URL != "" {
			fmt.Fprintf(w, "   %s\n", h.URL)
		}
		fmt.Fprintln(w)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
