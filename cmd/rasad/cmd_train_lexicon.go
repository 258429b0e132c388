package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/arabic"
)

// trainLexiconOptions are the flags of `rasad train lexicon`.
type trainLexiconOptions struct {
	data     string
	out      string
	minCount int
}

func newTrainLexiconCommand(g *globals) *cobra.Command {
	var opts trainLexiconOptions
	cmd := &cobra.Command{
		Use:   "lexicon",
		Short: "Build the Arabic stem lexicon the clitic segmenter decides from",
		Long: "Count the Arabic words of the news corpora (DATA/news-*/articles.jsonl.gz,\n" +
			"the \"content\" field of each line) and write the stem lexicon: every form\n" +
			"with how often it stood alone and how often with the article ال.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTrainLexicon(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.data, "data", filepath.Join("..", "shared", "data"), "shared data `folder` holding news-*/articles.jsonl.gz")
	f.StringVar(&opts.out, "out", filepath.Join("arabic", "lexicon.txt.gz"), "lexicon `file` to write")
	f.IntVar(&opts.minCount, "min-count", 3, "keep forms seen at least `N` times")
	return cmd
}

func runTrainLexicon(ctx context.Context, opts trainLexiconOptions, g *globals) error {
	if opts.minCount < 1 {
		return usagef("--min-count must be at least 1, not %d", opts.minCount)
	}
	paths, err := filepath.Glob(filepath.Join(opts.data, "news-*", "articles.jsonl.gz"))
	if err != nil {
		return usagef("--data %s: %v", opts.data, err)
	}
	if len(paths) == 0 {
		return usagef("--data %s: no news-*/articles.jsonl.gz in it", opts.data)
	}
	b := arabic.NewLexiconBuilder()
	for _, p := range paths {
		n, err := addCorpus(ctx, b, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(g.stderr, "%s: %d articles\n", p, n)
	}
	entries := b.Entries(opts.minCount)
	tmp := opts.out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("writing lexicon: %w", err)
	}
	if err := arabic.WriteLexicon(f, entries); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, opts.out); err != nil {
		return fmt.Errorf("writing lexicon: %w", err)
	}
	fmt.Fprintf(g.stderr, "%s: %d forms\n", opts.out, len(entries))
	return nil
}

// addCorpus counts the words of every article of one JSONL.gz corpus and
// returns how many articles it read.
func addCorpus(ctx context.Context, b *arabic.LexiconBuilder, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("reading corpus: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", path, err)
	}
	br := bufio.NewReaderSize(zr, 1<<20)
	n := 0
	for line := 1; ; line++ {
		s, err := br.ReadBytes('\n')
		if len(s) > 0 {
			var rec struct {
				Content string `json:"content"`
			}
			if err := json.Unmarshal(s, &rec); err != nil {
				return n, fmt.Errorf("%s:%d: %w", path, line, err)
			}
			b.Add(rec.Content)
			n++
		}
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("reading %s: %w", path, err)
		}
		if n%1000 == 0 && ctx.Err() != nil {
			return n, ctx.Err()
		}
	}
}
