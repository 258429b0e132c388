package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/ner"
)

type evalNEROptions struct {
	Test  string
	Model string
}

func newEvalNERCommand(g *globals) *cobra.Command {
	var opts evalNEROptions
	cmd := &cobra.Command{
		Use:   "ner --test FILE [--model DIR]",
		Short: "Score the named-entity tagger on a CoNLL file",
		Long: `Tag the sentences of a CoNLL-style file (one "token TAG" a line, BIO tags) and
print entity-level precision, recall and F1 per type, the confusion between
types, and as the last line "overall precision=P recall=R f1=F".
Without --model, the model built into rasad is used.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runEvalNER(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Test, "test", "", "gold `FILE` (CoNLL)")
	f.StringVar(&opts.Model, "model", "", "model `DIR` (default: the built-in model)")
	return cmd
}

func runEvalNER(_ context.Context, opts evalNEROptions, g *globals) error {
	if opts.Test == "" {
		return usagef("eval ner needs --test FILE")
	}
	sents, err := ner.ReadCoNLL(opts.Test)
	if err != nil {
		return usagef("%v", err)
	}
	var tagger *ner.Tagger
	if opts.Model != "" {
		tagger, err = ner.LoadDir(opts.Model)
	} else {
		tagger, err = ner.Load()
	}
	if err != nil {
		return err
	}
	tokens := make([][]string, len(sents))
	n := 0
	for i, s := range sents {
		tokens[i] = s.Tokens
		n += len(s.Tokens)
	}
	begin := time.Now()
	pred := tagger.TagSentences(tokens)
	elapsed := time.Since(begin)
	fmt.Fprintf(g.stderr, "ner: tagged %d tokens in %.2fs (%.0f tokens/s)\n", n, elapsed.Seconds(), float64(n)/elapsed.Seconds())
	return ner.Evaluate(sents, pred).Write(g.stdout)
}
