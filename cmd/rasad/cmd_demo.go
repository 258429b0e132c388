package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/examples"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/read"
)

type demoOptions struct {
	DB        string
	Addr      string
	LogFormat string
}

func newDemoCommand(g *globals) *cobra.Command {
	var opts demoOptions
	cmd := &cobra.Command{
		Use:   "demo [flags]",
		Short: "Ingest the bundled example articles and serve the dashboard",
		Long: `Demo runs the extract pipeline over the example articles built into rasad
(the examples folder of its source), stores them in a fresh SQLite database in a
temporary folder (or in --db) and serves the dashboard and the API as rasad serve
does, printing the address to open:

  rasad dashboard: http://127.0.0.1:8080/

--addr 127.0.0.1:0 picks a free port. Stop it with Ctrl-C; the temporary
database is removed.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.DB, "db", "", "store the examples in this SQLite `FILE` or postgres:// URL (default: a temporary file)")
	f.StringVar(&opts.Addr, "addr", defaultAddr, "listen on `HOST:PORT`")
	f.StringVar(&opts.LogFormat, "log-format", "text", "request log `FORMAT`: text or json")
	return cmd
}

func runDemo(ctx context.Context, opts demoOptions, g *globals) error {
	logger, err := newLogger(g.stderr, opts.LogFormat)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "rasad-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	db := opts.DB
	if db == "" {
		db = filepath.Join(tmp, "rasad-demo.db")
	}
	// The reader takes paths: the embedded examples are written out.
	dir := filepath.Join(tmp, "examples")
	if err := os.CopyFS(dir, examples.FS()); err != nil {
		return fmt.Errorf("writing out the examples: %w", err)
	}
	st, an, name, err := openStore(ctx, g, db)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := pipeline.New(pipeline.Options{Workers: runtime.NumCPU(), Analyzer: an})
	if err != nil {
		return err
	}
	var docs []*document.Document
	skipped := 0
	err = p.Run(ctx, read.Articles(ctx, []string{dir}, read.Options{}), func(r pipeline.Result) error {
		if r.Skipped != nil {
			skipped++
			fmt.Fprintf(g.stderr, "rasad demo: %v\n", r.Skipped)
			return nil
		}
		docs = append(docs, r.Doc)
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := st.PutBatch(ctx, docs); err != nil {
		return fmt.Errorf("storing the examples: %w", err)
	}
	n, _ := fs.Glob(examples.FS(), "*")
	logger.Info("examples stored", "files", len(n), "articles", len(docs), "skipped", skipped, "db", name)
	return serveStore(ctx, g, serveConfig{
		store: st, analyzer: an, name: name, addr: opts.Addr, logger: logger,
		announce: "rasad dashboard:",
	})
}
