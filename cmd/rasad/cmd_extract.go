package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/read"
)

type extractOptions struct {
	Published string
	Workers   int
	MaxBytes  string
	Until     string
}

func newExtractCommand(g *globals) *cobra.Command {
	var opts extractOptions
	cmd := &cobra.Command{
		Use:   "extract [flags] PATH...",
		Short: "Turn articles into rasad documents, one JSON object a line",
		Long: `Extract reads Arabic news articles (.txt, .html/.htm, .jsonl, .jsonl.gz,
directories of them, or - for standard input) and prints one JSON document per
article on standard output, in input order, in the rasad.document/v1 format.

Records that cannot be read are reported on standard error as PATH:LINE: reason
and skipped. The exit status is 0 when every record was processed, 1 when some
were skipped, and 2 for a usage error.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("extract needs at least one PATH (a file, a directory, or - for standard input)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExtract(cmd.Context(), opts, g, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Published, "published", "", "publication `DATE` (2020-06-22 or RFC 3339) for articles that carry none")
	f.IntVar(&opts.Workers, "workers", runtime.NumCPU(), "articles processed in parallel")
	f.StringVar(&opts.MaxBytes, "max-bytes", "10MB", "skip articles larger than `SIZE` (bytes, or with KB, MB, GB)")
	f.StringVar(&opts.Until, "until", "", "stop after `STAGE`, one of "+strings.Join(pipeline.StageNames(), ", ")+" (default: all)")
	return cmd
}

func runExtract(ctx context.Context, opts extractOptions, g *globals, paths []string) error {
	popts, ropts, err := opts.resolve(g)
	if err != nil {
		return err
	}
	p, err := pipeline.New(popts)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(g.stdout, 256<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	skipped := 0
	err = p.Run(ctx, read.Articles(ctx, paths, ropts), func(r pipeline.Result) error {
		if r.Skipped != nil {
			skipped++
			// Keep stdout and stderr in step for a reader watching both.
			if err := out.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(g.stderr, r.Skipped)
			return nil
		}
		return enc.Encode(r.Doc)
	})
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if skipped > 0 {
		return errSomeSkipped
	}
	return nil
}

// resolve checks the flags and turns them into the library's options.
func (o extractOptions) resolve(g *globals) (pipeline.Options, read.Options, error) {
	var popts pipeline.Options
	if o.Published != "" {
		t, ok := read.ParseDate(o.Published)
		if !ok {
			return popts, read.Options{}, usagef("--published %q: not a date (want 2020-06-22 or RFC 3339)", o.Published)
		}
		popts.Published = t
	}
	if o.Workers < 1 {
		return popts, read.Options{}, usagef("--workers %d: must be at least 1", o.Workers)
	}
	popts.Workers = o.Workers
	if o.Until != "" && !slices.Contains(pipeline.StageNames(), o.Until) {
		return popts, read.Options{}, usagef("--until %q: not a stage (one of %s)", o.Until, strings.Join(pipeline.StageNames(), ", "))
	}
	popts.Until = o.Until
	size, err := parseSize(o.MaxBytes)
	if err != nil {
		return popts, read.Options{}, usagef("--max-bytes: %v", err)
	}
	return popts, read.Options{MaxBytes: size, Stdin: g.stdin}, nil
}

// parseSize reads a size such as 10MB, 512KB or 1048576.
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}}
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a positive size (like 10MB, 512KB or 1048576)", s)
	}
	return n * mult, nil
}
