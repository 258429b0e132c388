package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/arabic"
)

// evalSegmenterOptions are the flags of `rasad eval segmenter`.
type evalSegmenterOptions struct {
	gold    string
	lexicon string
	errors  bool
}

func newEvalSegmenterCommand(g *globals) *cobra.Command {
	var opts evalSegmenterOptions
	cmd := &cobra.Command{
		Use:   "segmenter",
		Short: "Measure the Arabic clitic segmenter against hand-segmented words",
		Long: "Segment every word of a gold file (lines word<TAB>segmentation, e.g.\n" +
			"وبالمدينة<TAB>و+ب+ال+مدينة) and print the share of stems, prefixes and\n" +
			"suffixes found, the last line being \"overall accuracy=A\".",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runEvalSegmenter(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.gold, "gold", "", "gold segmentation `file` (required)")
	f.StringVar(&opts.lexicon, "lexicon", "", "lexicon `file` to use instead of the embedded one")
	f.BoolVar(&opts.errors, "errors", false, "list the words segmented wrongly")
	return cmd
}

func runEvalSegmenter(_ context.Context, opts evalSegmenterOptions, g *globals) error {
	if opts.gold == "" {
		return usagef("--gold is required")
	}
	f, err := os.Open(opts.gold)
	if err != nil {
		return usagef("--gold: %v", err)
	}
	gold, err := arabic.ReadGold(opts.gold, f)
	f.Close()
	if err != nil {
		return usageError{err}
	}
	if len(gold) == 0 {
		return usagef("%s: no words in it", opts.gold)
	}
	var a *arabic.Analyzer
	if opts.lexicon != "" {
		lf, err := os.Open(opts.lexicon)
		if err != nil {
			return usagef("--lexicon: %v", err)
		}
		lex, err := arabic.ReadLexicon(opts.lexicon, lf)
		lf.Close()
		if err != nil {
			return usageError{err}
		}
		a, err = arabic.NewAnalyzerWithLexicon(lex)
		if err != nil {
			return err
		}
	} else if a, err = arabic.NewAnalyzer(); err != nil {
		return err
	}
	s := a.EvalSegmenter(gold)
	if opts.errors {
		for _, e := range s.Errors {
			got := e.Got.Prefix + "+" + e.Got.Stem + "+" + e.Got.Suffix
			want := e.Gold.Prefix + "+" + e.Gold.Stem + "+" + e.Gold.Suffix
			fmt.Fprintf(g.stdout, "%s:%d: %s: got %s, want %s\n", opts.gold, e.Gold.Line, e.Gold.Word, got, want)
		}
	}
	ratio := func(n int) float64 { return float64(n) / float64(s.Words) }
	fmt.Fprintf(g.stdout, "words=%d\n", s.Words)
	fmt.Fprintf(g.stdout, "stem accuracy=%.4f\n", ratio(s.Stem))
	fmt.Fprintf(g.stdout, "prefix accuracy=%.4f\n", ratio(s.Prefix))
	fmt.Fprintf(g.stdout, "suffix accuracy=%.4f\n", ratio(s.Suffix))
	fmt.Fprintf(g.stdout, "overall accuracy=%.4f\n", ratio(s.Whole))
	return nil
}
