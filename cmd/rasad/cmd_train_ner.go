package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/actors"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/internal/shared"
	"github.com/rasad/rasad/kb"
	"github.com/rasad/rasad/ner"
)

type trainNEROptions struct {
	Train       string
	Dev         string
	DevFraction float64
	Out         string
	Clusters    string
	Data        string
	Seed        uint64
	Epochs      int
	Epochs1     int
	Bits        uint
	AutoRounds  int
	KBNames     bool
	GivenNames  bool
}

func newTrainNERCommand(g *globals) *cobra.Command {
	def := ner.DefaultTrainOptions()
	opts := trainNEROptions{Seed: def.Seed, Epochs: def.Epochs, Epochs1: def.Epochs1, Bits: def.Bits}
	cmd := &cobra.Command{
		Use:   "ner --train FILE [--dev FILE] --out DIR",
		Short: "Train the named-entity tagger from CoNLL files",
		Long: `Train the named-entity tagger on a CoNLL-style file (one "token TAG" a line,
BIO tags, a blank line after each sentence) and write the model directory.

The features use word clusters (--clusters, built by 'rasad train clusters'),
a gazetteer that this command builds from the shared data folder (--data),
rasad's place index and actor list (--kb-names) and the given names found
after titles in the news corpora (--given-names), the arabic package's
segmentation, and an automatic lexicon: a first model tags the news corpora
of --data, and the next learns from how often it found each word inside a
name (--auto-rounds times).
With --dev (or --dev-fraction, which holds out the end of the training file),
the epoch that scores best on the development sentences is kept.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTrainNER(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Train, "train", "", "training `FILE` (CoNLL)")
	f.StringVar(&opts.Dev, "dev", "", "development `FILE` (CoNLL)")
	f.Float64Var(&opts.DevFraction, "dev-fraction", 0, "hold out this `FRACTION` of the training sentences, from the end, as development data")
	f.StringVar(&opts.Out, "out", "", "model `DIR` to write")
	f.StringVar(&opts.Clusters, "clusters", filepath.Join("ner", "model", "clusters.tsv.gz"), "word clusters `FILE`; empty for none")
	f.StringVar(&opts.Data, "data", shared.Root(), "shared data `DIR` holding the gazetteers; empty for none")
	f.Uint64Var(&opts.Seed, "seed", opts.Seed, "random seed (the order sentences are visited in)")
	f.IntVar(&opts.Epochs, "epochs", opts.Epochs, "passes over the training data (of the second, document-level tagger)")
	f.IntVar(&opts.Epochs1, "epochs1", opts.Epochs1, "passes over the training data of the first tagger (0: as --epochs)")
	f.UintVar(&opts.Bits, "bits", opts.Bits, "log2 of the number of feature hash buckets")
	f.BoolVar(&opts.KBNames, "kb-names", true, "add the place index's and the actor list's names to the gazetteer")
	f.BoolVar(&opts.GivenNames, "given-names", true, "add the given names found after titles in the news corpora of --data to the gazetteer")
	f.IntVar(&opts.AutoRounds, "auto-rounds", 2, "rounds of tagging the news corpora of --data and retraining with what the tagger found there as features (0: none)")
	return cmd
}

func runTrainNER(ctx context.Context, opts trainNEROptions, g *globals) error {
	if opts.Train == "" || opts.Out == "" {
		return usagef("train ner needs --train FILE and --out DIR")
	}
	if opts.Dev != "" && opts.DevFraction > 0 {
		return usagef("give --dev or --dev-fraction, not both")
	}
	if opts.DevFraction < 0 || opts.DevFraction >= 1 {
		return usagef("--dev-fraction %v is not in [0, 1)", opts.DevFraction)
	}
	begin := time.Now()
	train, err := ner.ReadCoNLL(opts.Train)
	if err != nil {
		return usagef("%v", err)
	}
	var dev []ner.Sentence
	if opts.Dev != "" {
		if dev, err = ner.ReadCoNLL(opts.Dev); err != nil {
			return usagef("%v", err)
		}
	}
	train, held := ner.SplitDev(train, opts.DevFraction)
	if held != nil {
		dev = held
	}
	var clusters, gaz []byte
	if opts.Clusters != "" {
		if clusters, err = os.ReadFile(opts.Clusters); err != nil {
			return usagef("reading clusters: %v", err)
		}
	}
	if opts.Data != "" {
		var extra []ner.GazetteerName
		if opts.KBNames {
			if extra, err = kbGazetteerNames(); err != nil {
				return err
			}
		}
		if opts.GivenNames {
			given, err := ner.MineGivenNames(func(fn func(string)) error {
				for _, c := range newsCorpora {
					if err := ner.ReadNewsText(filepath.Join(opts.Data, c), fn); err != nil {
						return err
					}
				}
				return nil
			}, givenNameMinCount, givenNameMinShare)
			if err != nil {
				return fmt.Errorf("mining given names: %w", err)
			}
			for _, n := range given {
				extra = append(extra, ner.GazetteerName{Type: ner.GazGivenName, Name: n})
			}
		}
		if gaz, err = ner.BuildGazetteer(opts.Data, extra); err != nil {
			return fmt.Errorf("building the gazetteer: %w", err)
		}
	}
	res, err := ner.NewResources(clusters, gaz)
	if err != nil {
		return usagef("%v", err)
	}
	analyzer, err := arabic.NewAnalyzer()
	if err != nil {
		return err
	}
	res = res.WithSegmenter(analyzer)
	fmt.Fprintf(g.stderr, "ner: %d training sentences, %d development sentences\n", len(train), len(dev))
	to := ner.DefaultTrainOptions()
	to.Epochs, to.Epochs1, to.Seed, to.Bits, to.Progress = opts.Epochs, opts.Epochs1, opts.Seed, opts.Bits, g.stderr
	tagger, err := ner.Train(train, dev, res, to)
	if err != nil {
		return usagef("%v", err)
	}
	for round := 1; round <= opts.AutoRounds && opts.Data != ""; round++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		fmt.Fprintf(g.stderr, "ner: round %d: tagging the news corpora for the automatic lexicon\n", round)
		lex, err := tagger.BuildAutoLexicon(func(fn func(string)) error {
			for _, c := range newsCorpora {
				if err := ner.ReadNewsText(filepath.Join(opts.Data, c), fn); err != nil {
					return err
				}
			}
			return nil
		}, g.stderr)
		if err != nil {
			return fmt.Errorf("building the automatic lexicon: %w", err)
		}
		if res, err = res.WithAutoLexicon(lex); err != nil {
			return err
		}
		fmt.Fprintf(g.stderr, "ner: round %d: training with the automatic lexicon\n", round)
		if tagger, err = ner.Train(train, dev, res, to); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := tagger.Save(opts.Out); err != nil {
		return fmt.Errorf("saving the model: %w", err)
	}
	fmt.Fprintf(g.stderr, "ner: model written to %s in %.1fs\n", opts.Out, time.Since(begin).Seconds())
	return nil
}

// A word is listed as a given name when it follows a title at least
// givenNameMinCount times in the news corpora, and in givenNameMinShare of
// its occurrences (10 scored above 5 on the development split, within its
// noise; the share was not varied: ner/RESULTS.md).
const (
	givenNameMinCount = 10
	givenNameMinShare = 0.05
)

// minSettlementImportance leaves out of the tagger's gazetteer the towns
// of under about 40,000 people (importance ≈ log10 of the population):
// the many small ones, whose names are often common words, scored lower
// on the development split (ner/RESULTS.md).
const minSettlementImportance = 4.6

// kbGazetteerNames lists the Arabic names of rasad's place index and actor
// list by gazetteer type: places by kind, people apart from bodies. States
// are left to the place index, and aliases that name an actor only in some
// countries' articles ("الجيش الليبي") or may name another to the actor
// resolver: they are descriptions more than names.
func kbGazetteerNames() ([]ner.GazetteerName, error) {
	ix, err := kb.Load()
	if err != nil {
		return nil, fmt.Errorf("loading the place index: %w", err)
	}
	var out []ner.GazetteerName
	for i := range ix.Len() {
		p := ix.Place(i)
		if p.Kind.Settlement() && p.Importance < minSettlementImportance {
			continue
		}
		typ := ner.GazSettlement
		switch p.Kind {
		case kb.Country:
			typ = ner.GazCountry
		case kb.Admin1, kb.Region:
			typ = ner.GazRegion
		}
		for _, n := range p.Names {
			out = append(out, ner.GazetteerName{Type: typ, Name: n})
		}
	}
	list, err := actors.Load()
	if err != nil {
		return nil, fmt.Errorf("loading the actor list: %w", err)
	}
	for _, a := range list.Actors() {
		typ := ner.GazBody
		switch a.Kind {
		case actors.State:
			continue
		case actors.Person:
			typ = ner.GazPerson
		}
		out = append(out, ner.GazetteerName{Type: typ, Name: a.NameAR})
		for _, al := range a.Aliases {
			if !al.Ambiguous && len(al.Context) == 0 {
				out = append(out, ner.GazetteerName{Type: typ, Name: al.Text})
			}
		}
	}
	return out, nil
}
