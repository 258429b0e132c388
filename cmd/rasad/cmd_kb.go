package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rasad/rasad/kb"
	"github.com/spf13/cobra"
)

func newKBCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "kb",
		Short: "Build and inspect the place knowledge base",
	}
	cmd.AddCommand(newKBBuildCommand(g), newKBMapCommand(g))
	return cmd
}

// kbBuildOptions are the flags of `rasad kb build`.
type kbBuildOptions struct {
	Data string // the shared data folder
	Out  string // the folder to write places.tsv.gz to
}

func newKBBuildCommand(g *globals) *cobra.Command {
	var opts kbBuildOptions
	cmd := &cobra.Command{
		Use:   "build --data DIR --out DIR",
		Short: "Build the place index from the shared gazetteers",
		Long: `Build reads the gazetteers under --data (gazetteer-osm-libya,
gazetteer-geonames-cities15000, gazetteer-countries, boundaries-libya) and the
hand-written kb/towns/*.tsv (towns and villages news names that the gazetteers
lack) and kb/extra-places.tsv (regions, sites, spellings and division centres),
and writes the compact index
` + kb.IndexFileName + ` into --out. The copy in kb/ is embedded in rasad.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runKBBuild(cmd.Context(), opts, g)
		},
	}
	cmd.Flags().StringVar(&opts.Data, "data", "../shared/data", "shared data `DIR` holding the gazetteers")
	cmd.Flags().StringVar(&opts.Out, "out", "kb", "`DIR` to write "+kb.IndexFileName+" to")
	return cmd
}

func runKBBuild(_ context.Context, opts kbBuildOptions, g *globals) error {
	if st, err := os.Stat(opts.Data); err != nil || !st.IsDir() {
		return usagef("--data %s: not a folder", opts.Data)
	}
	if st, err := os.Stat(opts.Out); err != nil || !st.IsDir() {
		return usagef("--out %s: not a folder", opts.Out)
	}
	places, err := kb.Build(opts.Data)
	if err != nil {
		return err
	}
	path := filepath.Join(opts.Out, kb.IndexFileName)
	tmp, err := os.CreateTemp(opts.Out, kb.IndexFileName+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := kb.WriteGzip(tmp, places); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	n := kb.Stats(places)
	fmt.Fprintf(g.stderr, "wrote %s: %d places (%d countries, %d admin1, %d regions, %d cities, %d towns, %d villages, %d sites), %d bytes\n",
		path, len(places), n[kb.Country], n[kb.Admin1], n[kb.Region], n[kb.City], n[kb.Town], n[kb.Village], n[kb.Site], st.Size())
	return nil
}
