package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/events"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/read"
)

type evalEventsOptions struct {
	Gold    string
	Verbose bool
}

func newEvalEventsCommand(g *globals) *cobra.Command {
	var opts evalEventsOptions
	cmd := &cobra.Command{
		Use:   "events --gold DIR",
		Short: "Score event coding and quotes on the hand-coded gold articles",
		Long: `Run the extract pipeline on each gold article (DIR/*.json, the format of
events/testdata/gold/README.md) and print event precision, recall and F1
(a match is the same PLOVER type with a trigger overlapping the gold one),
the accuracy of actor, target, place, date and modality over the matched
events, quote F1 (speaker and content), and as the last line
"overall precision=P recall=R f1=F" for events.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runEvalEvents(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Gold, "gold", "", "gold `DIR` of *.json articles")
	f.BoolVar(&opts.Verbose, "verbose", false, "list missed and spurious events")
	return cmd
}

func runEvalEvents(_ context.Context, opts evalEventsOptions, g *globals) error {
	if opts.Gold == "" {
		return usagef("eval events needs --gold DIR")
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
