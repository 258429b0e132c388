package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/export"
	"github.com/rasad/rasad/search"
)

type exportOptions struct {
	filterOptions
	DB     string
	Format string
	Output string
}

func newExportCommand(g *globals) *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export [flags]",
		Short: "Write stored articles, events or incidents for other tools",
		Long: `Export writes what is stored, narrowed by the same filters as search:

  jsonl    the articles, one rasad.document/v1 object a line
  csv      one row per event, with its incident and story
  acled    one row per incident in ACLED's CSV columns (only events ACLED codes,
           that happened, with a date and a place more precise than a country)
  geojson  one point per incident with coordinates, its sources listed (QGIS)

Events reported by several articles (same type, compatible place, date and
actors) are one incident; its ACLED row and GeoJSON point list every source.
A summary of what was written and left out goes to standard error.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runExport(cmd.Context(), opts, g)
		},
	}
	addFilterFlags(cmd, &opts.filterOptions)
	f := cmd.Flags()
	addDBFlag(f, &opts.DB)
	f.StringVar(&opts.Format, "format", "jsonl", "`FORMAT`: jsonl, csv, acled or geojson")
	f.StringVarP(&opts.Output, "output", "o", "-", "write to `FILE` instead of standard output")
	return cmd
}

func runExport(ctx context.Context, opts exportOptions, g *globals) (err error) {
	format, err := export.ParseFormat(opts.Format)
	if err != nil {
		return usagef("--format: %v", err)
	}
	filter, err := opts.filter()
	if err != nil {
		return err
	}
	ex, err := export.New()
	if err != nil {
		return err
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
	srch := search.New(st, an).WithPlaces(places)
	events, err := srch.Events(filter)
	if err != nil {
		return usageError{err}
	}

	var w io.Writer = g.stdout
	if opts.Output != "-" && opts.Output != "" {
		f, err := os.Create(opts.Output)
		if err != nil {
			return fmt.Errorf("creating %s: %w", opts.Output, err)
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("writing %s: %w", opts.Output, cerr)
			}
		}()
		w = f
	}
	sum, err := ex.Write(w, format, srch.Stream(ctx, filter), events)
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "export %s: %s\n", format, sum)
	return nil
}
