package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/api"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/web"
)

// defaultAddr keeps the server to this machine unless told otherwise.
const defaultAddr = "127.0.0.1:8080"

type serveOptions struct {
	DB        string
	Addr      string
	LogFormat string
}

func newServeCommand(g *globals) *cobra.Command {
	var opts serveOptions
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve the HTTP API and the dashboard over a database",
		Long: `Serve answers the HTTP API (/api/v1/…, described in /api/v1/openapi.yaml) and
serves the dashboard at / over a database (an SQLite file or postgres://…), on
127.0.0.1:8080 unless --addr says otherwise (127.0.0.1:0 picks a free port).

The server is read-only unless $RASAD_TOKEN is set: then POST /api/v1/documents
runs the extract pipeline over the articles posted and stores them, for clients
sending "Authorization: Bearer $RASAD_TOKEN". One log line per request goes to
standard error. SIGINT or SIGTERM stops it gracefully.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	addDBFlag(f, &opts.DB)
	f.StringVar(&opts.Addr, "addr", defaultAddr, "listen on `HOST:PORT`")
	f.StringVar(&opts.LogFormat, "log-format", "text", "request log `FORMAT`: text or json")
	return cmd
}

func runServe(ctx context.Context, opts serveOptions, g *globals) error {
	logger, err := newLogger(g.stderr, opts.LogFormat)
	if err != nil {
		return err
	}
	st, an, name, err := openStore(ctx, g, opts.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	return serveStore(ctx, g, serveConfig{store: st, analyzer: an, name: name, addr: opts.Addr, logger: logger})
}

// newLogger returns the request logger in the format asked for.
func newLogger(w io.Writer, format string) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, usagef("--log-format %q: want text or json", format)
}

// serveConfig is what serveStore serves and how.
type serveConfig struct {
	store    store.Store
	analyzer store.Analyzer
	name     string // the database, for messages
	addr     string
	logger   *slog.Logger
	// announce, when set, is printed to standard output with the
	// server's address once it listens.
	announce string
}

// shutdownGrace is how long requests in flight get to finish.
const shutdownGrace = 10 * time.Second

// serveStore serves the API and dashboard over an open store until ctx
// ends.
func serveStore(ctx context.Context, g *globals, c serveConfig) error {
	start := time.Now()
	added, removed, err := api.Sync(ctx, c.store)
	if err != nil {
		return fmt.Errorf("preparing the event listing of %s: %w", c.name, err)
	}
	if added+removed > 0 {
		c.logger.Info("event listing brought up to date", "db", c.name, "added", added, "removed", removed, "took", time.Since(start).Round(time.Millisecond))
	}
	token := g.getenv("RASAD_TOKEN")
	var p *pipeline.Pipeline
	if token != "" {
		if p, err = pipeline.New(pipeline.Options{Workers: runtime.NumCPU()}); err != nil {
			return err
		}
	}
	stopping := make(chan struct{})
	h, err := api.New(api.Config{
		Store: c.store, Analyzer: c.analyzer, Pipeline: p, Token: token,
		Logger: c.logger, Web: web.Handler(), Shutdown: stopping,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return usagef("--addr %s: %v", c.addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(c.logger.Handler(), slog.LevelWarn),
	}
	url := "http://" + ln.Addr().String() + "/"
	mode := "read-only (set RASAD_TOKEN to accept POSTed articles)"
	if token != "" {
		mode = "accepting POSTed articles with the token"
	}
	c.logger.Info("serving", "db", c.name, "url", url, "mode", mode)
	if c.announce != "" {
		fmt.Fprintf(g.stdout, "%s %s\n", c.announce, url)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	c.logger.Info("shutting down")
	close(stopping)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
