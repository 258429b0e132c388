package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rasad/rasad/web/mapdata"
	"github.com/spf13/cobra"
)

// kbMapOptions are the flags of `rasad kb map`.
type kbMapOptions struct {
	Data      string  // the shared data folder
	Out       string  // the folder to write boundaries.geojson and its NOTICE to
	Tolerance float64 // simplification of the country outlines, in degrees
	Decimals  int     // decimals of a degree kept in coordinates
}

// Names of the files `rasad kb map` writes.
const (
	mapFileName   = "boundaries.geojson"
	mapNoticeName = "NOTICE"
)

func newKBMapCommand(g *globals) *cobra.Command {
	opts := kbMapOptions{Tolerance: mapdata.DefaultOptions.Tolerance, Decimals: mapdata.DefaultOptions.Decimals}
	cmd := &cobra.Command{
		Use:   "map --data DIR --out DIR",
		Short: "Build the dashboard's offline map from the shared boundary data",
		Long: `Map reads the country outlines (world-atlas 50m TopoJSON) and Libya's
districts (geoBoundaries ADM1) under --data, simplifies them and writes one
compact GeoJSON file, ` + mapFileName + `, with the licence notice of its
sources beside it (` + mapNoticeName + `), into --out. The dashboard embeds the
copy in web/public.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runKBMap(cmd.Context(), opts, g)
		},
	}
	cmd.Flags().StringVar(&opts.Data, "data", "../shared/data", "shared data `DIR` holding boundaries-libya and gazetteer-countries")
	cmd.Flags().StringVar(&opts.Out, "out", "web/public", "`DIR` to write "+mapFileName+" and "+mapNoticeName+" to")
	cmd.Flags().Float64Var(&opts.Tolerance, "tolerance", opts.Tolerance, "simplification tolerance of country outlines, in `degrees`")
	cmd.Flags().IntVar(&opts.Decimals, "decimals", opts.Decimals, "decimals of a degree kept in coordinates (districts keep one more)")
	return cmd
}

func runKBMap(_ context.Context, opts kbMapOptions, g *globals) error {
	if st, err := os.Stat(opts.Data); err != nil || !st.IsDir() {
		return usagef("--data %s: not a folder", opts.Data)
	}
	if st, err := os.Stat(opts.Out); err != nil || !st.IsDir() {
		return usagef("--out %s: not a folder", opts.Out)
	}
	if opts.Decimals < 0 || opts.Decimals > 6 {
		return usagef("--decimals %d: want 0 to 6", opts.Decimals)
	}
	if opts.Tolerance < 0 {
		return usagef("--tolerance %g: want 0 or more", opts.Tolerance)
	}
	fc, err := mapdata.Build(opts.Data, mapdata.Options{Tolerance: opts.Tolerance, Decimals: opts.Decimals})
	if err != nil {
		return err
	}
	path := filepath.Join(opts.Out, mapFileName)
	if err := writeFileAtomic(path, func(f *os.File) error { return mapdata.Write(f, fc) }); err != nil {
		return err
	}
	notice := filepath.Join(opts.Out, mapNoticeName)
	if err := writeFileAtomic(notice, func(f *os.File) error {
		_, err := f.WriteString(mapdata.Notice)
		return err
	}); err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	var countries, districts int
	for _, f := range fc.Features {
		if f.Properties.Kind == "admin1" {
			districts++
		} else {
			countries++
		}
	}
	fmt.Fprintf(g.stderr, "wrote %s: %d countries, %d districts, %d bytes; and %s\n", path, countries, districts, st.Size(), notice)
	return nil
}

// writeFileAtomic writes path through a temporary file in the same folder
// renamed into place, so a failed run leaves the old file whole.
func writeFileAtomic(path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
