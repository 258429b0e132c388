package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/events"
	"github.com/rasad/rasad/internal/shared"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/read"
)

type evalEventsOptions struct {
	Gold    string
	Shared  string
	Split   string
	Verbose bool
}

func newEvalEventsCommand(g *globals) *cobra.Command {
	var opts evalEventsOptions
	cmd := &cobra.Command{
		Use:   "events --gold DIR",
		Short: "Score event coding and quotes on the hand-coded gold articles",
		Long: `Run the extract pipeline on each gold article and print event precision,
recall and F1 by PLOVER type and in all (a match is the same type with a
trigger overlapping the gold one or a later word restating the event), the
accuracy of actor, target, place, date and modality over the matched
events, quote F1 (speaker and content), and as the last line
"overall precision=P recall=R f1=F" for events.

DIR holds either articles with their text (*.json, the format of
events/testdata/gold/README.md) or, when it has an articles.jsonl, a gold
set by reference to records of the shared corpora (the format of
events/testdata/real/README.md): the records are read from --shared.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runEvalEvents(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Gold, "gold", "", "gold `DIR` of *.json articles")
	f.StringVar(&opts.Shared, "shared", shared.Root(), "shared data `DIR` holding the corpora a gold set by reference names")
	f.StringVar(&opts.Split, "split", "", "score only the articles of this `SPLIT` of a gold set by reference (tune, heldout)")
	f.BoolVar(&opts.Verbose, "verbose", false, "list missed and spurious events")
	return cmd
}

func runEvalEvents(ctx context.Context, opts evalEventsOptions, g *globals) error {
	if opts.Gold == "" {
		return usagef("eval events needs --gold DIR")
	}
	if events.IsRealGold(opts.Gold) {
		return runEvalEventsReal(ctx, opts, g)
	}
	if opts.Split != "" {
		return usagef("--split applies to a gold set by reference only")
	}
	gold, err := events.LoadGold(opts.Gold)
	if err != nil {
		return usagef("%v", err)
	}
	// The pipeline's last stages code events and find quotes.
	p, err := pipeline.New(pipeline.Options{Workers: 1})
	if err != nil {
		return err
	}
	var s events.Score
	begin := time.Now()
	for i := range gold {
		a := &gold[i]
		d, err := p.Process(&read.Article{ID: a.ID, Path: a.File, Text: a.Text, Published: a.Published, Title: a.Title})
		if err != nil {
			return err
		}
		if d.Text != a.Text {
			fmt.Fprintf(g.stderr, "%s: the cleaner changed the text; spans may not match\n", a.File)
		}
		s.Add(a, d)
	}
	fmt.Fprintf(g.stderr, "eval events: %d articles in %.2fs\n", len(gold), time.Since(begin).Seconds())
	return s.Write(g.stdout, opts.Verbose)
}

// runEvalEventsReal scores a gold set by reference: the annotated records
// are read from the shared corpora and run through the pipeline as
// "rasad extract" would read them.
func runEvalEventsReal(ctx context.Context, opts evalEventsOptions, g *globals) error {
	arts, err := events.LoadReal(opts.Gold, opts.Split)
	if err != nil {
		return usagef("%v", err)
	}
	begin := time.Now()
	records, err := events.ReadRecords(ctx, opts.Shared, arts)
	if err != nil {
		return usagef("%v", err)
	}
	p, err := pipeline.New(pipeline.Options{Workers: 1})
	if err != nil {
		return err
	}
	var s events.Score
	for i := range arts {
		a := &arts[i]
		rec := records[a.Corpus+"#"+a.ID]
		d, err := p.Process(rec)
		if err != nil {
			return err
		}
		gold, err := a.Resolve(rec.Text, d.Text, deref(d.Published))
		if err != nil {
			return err
		}
		s.Add(gold, d)
	}
	fmt.Fprintf(g.stderr, "eval events: %d articles in %.2fs\n", len(arts), time.Since(begin).Seconds())
	return s.Write(g.stdout, opts.Verbose)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
