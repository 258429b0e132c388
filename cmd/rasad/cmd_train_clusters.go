package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/internal/shared"
	"github.com/rasad/rasad/ner"
)

type trainClustersOptions struct {
	Data   string
	Out    string
	Seed   uint64
	Epochs int
}

// newsCorpora are the unlabelled news collections of the shared data
// folder that the word clusters are learned from.
var newsCorpora = []string{
	filepath.Join("news-egypt2013", "articles.jsonl.gz"),
	filepath.Join("news-saudinewsnet", "articles.jsonl.gz"),
}

func newTrainClustersCommand(g *globals) *cobra.Command {
	def := ner.DefaultClusterOptions()
	opts := trainClustersOptions{Seed: def.Seed, Epochs: def.Epochs}
	cmd := &cobra.Command{
		Use:   "clusters --data DIR --out FILE",
		Short: "Learn word clusters for the entity tagger from unlabelled news",
		Long: `Learn word embeddings (skip-gram) from the shared news corpora and cluster
them with k-means at several granularities, writing the clusters file that
'rasad train ner' takes with --clusters.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTrainClusters(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Data, "data", shared.Root(), "shared data `DIR` holding the news corpora")
	f.StringVar(&opts.Out, "out", "", "clusters `FILE` to write (gzip text)")
	f.Uint64Var(&opts.Seed, "seed", opts.Seed, "random seed")
	f.IntVar(&opts.Epochs, "epochs", opts.Epochs, "skip-gram passes over the corpus")
	return cmd
}

func runTrainClusters(_ context.Context, opts trainClustersOptions, g *globals) error {
	if opts.Out == "" {
		return usagef("train clusters needs --out FILE")
	}
	paths := make([]string, len(newsCorpora))
	for i, c := range newsCorpora {
		paths[i] = filepath.Join(opts.Data, c)
		if _, err := os.Stat(paths[i]); err != nil {
			return usagef("news corpus: %v", err)
		}
	}
	co := ner.DefaultClusterOptions()
	co.Seed, co.Epochs, co.Progress = opts.Seed, opts.Epochs, g.stderr
	begin := time.Now()
	b, err := ner.BuildClusters(func(fn func(string)) error {
		for _, p := range paths {
			if err := ner.ReadNewsText(p, fn); err != nil {
				return err
			}
		}
		return nil
	}, co)
	if err != nil {
		return err
	}
	if err := os.WriteFile(opts.Out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "clusters: wrote %s (%d bytes) in %.0fs\n", opts.Out, len(b), time.Since(begin).Seconds())
	return nil
}
