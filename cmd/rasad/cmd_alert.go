package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/alert"
	"github.com/rasad/rasad/store"
)

// secretEnv holds the webhook secret when --secret is not given, so that
// it stays out of the shell's history and the process list.
const secretEnv = "RASAD_ALERT_SECRET"

func newAlertCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "alert",
		Short: "Saved searches that fire when new articles match",
		Long: `An alert is a saved search. When rasad watch stores new articles, every alert
whose search they match fires: once per matching event (--on events, the
default) or once per matching article (--on articles), and never again for the
same match, after a restart or in another worker. A match is written as one
JSON line to standard output or a file, or POSTed to a webhook with an
X-Rasad-Signature header (sha256=HEX, the HMAC-SHA256 of the body keyed with
the alert's secret). Failed deliveries are retried with back-off; 'rasad alert
list' shows those pending and failed.`,
	}
	cmd.AddCommand(newAlertAddCommand(g), newAlertListCommand(g), newAlertRemoveCommand(g), newAlertTestCommand(g))
	return cmd
}

type alertAddOptions struct {
	filterOptions
	DB        string
	Sink      string
	On        string
	Secret    string
	SecretEnv string
}

// dayOrSink is the value of --to, which is both search's last day and the
// alert's sink: a value of the form of a sink (stdout, file:…, http(s)://…)
// is the sink, anything else the day.
type dayOrSink struct {
	day, sink *string
}

func (v dayOrSink) String() string { return *v.day }
func (v dayOrSink) Type() string   { return "DAY|SINK" }
func (v dayOrSink) Set(s string) error {
	p, what := v.day, "day"
	if alert.IsSink(s) {
		p, what = v.sink, "sink"
	} else if strings.Contains(s, ":") {
		return fmt.Errorf("%q: want stdout, file:PATH, an http(s):// URL, or a day", s)
	}
	if *p != "" && *p != s {
		return fmt.Errorf("two %ss, %q and %q", what, *p, s)
	}
	*p = s
	return nil
}

func newAlertAddCommand(g *globals) *cobra.Command {
	var opts alertAddOptions
	cmd := &cobra.Command{
		Use:   "add [flags] NAME [QUERY...]",
		Short: "Save a search as an alert",
		Long: `Add saves an alert named NAME: the words of QUERY and the filters mean what
they mean to rasad search (a word matches with clitics attached and across
spellings; "quoted words" must stand together).

--to says where matches go, and may be given twice since it also takes the
last day as in rasad search:
  --to stdout                  a JSON line on rasad watch's standard output (the default)
  --to file:PATH               a JSON line appended to PATH
  --to https://HOST/PATH       a POST of the JSON, signed with the alert's secret
  --to 2025-06-30              the last day, as in rasad search

A webhook's secret is given one of three ways:
  --secret-env NAME            the database keeps only NAME; rasad watch reads the
                               secret from the environment variable NAME when it
                               signs (recommended: the database holds no key)
  $` + secretEnv + `          its value is saved
  --secret KEY                 KEY is saved (it shows in the shell's history)
A saved secret is kept in plain text in the database: anyone who can read the
database can sign as rasad. rasad never prints secrets.

Example:
  rasad alert add strikes-libya 'غارات' --type "Air/drone strike" --place LY --to file:alerts.jsonl
  (a country or a first-level division stands for every place in it: --place LY,
  --place ليبيا and --place Libya alike; --place "محافظة مأرب" the governorate)`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("alert add needs a NAME")
			}
			return runAlertAdd(cmd.Context(), opts, g, args[0], strings.Join(args[1:], " "))
		},
	}
	addFilterFlags(cmd, &opts.filterOptions)
	f := cmd.Flags()
	to := f.Lookup("to")
	to.Value = dayOrSink{day: &opts.To, sink: &opts.Sink}
	to.Usage = "`SINK|DAY`: where matches go (stdout, file:PATH or an http(s):// webhook URL), or the last day (2020-06-22) as in search"
	addDBFlag(f, &opts.DB)
	f.StringVar(&opts.On, "on", string(alert.OnEvents), "fire once per matching `WHAT`: events or articles")
	f.StringVar(&opts.Secret, "secret", "", "the `KEY` that signs webhook bodies, saved in plain text in the database (default $"+secretEnv+")")
	f.StringVar(&opts.SecretEnv, "secret-env", "", "sign webhook bodies with the value of the environment variable `NAME` where rasad watch runs; only the name is saved")
	return cmd
}

func runAlertAdd(ctx context.Context, opts alertAddOptions, g *globals, name, query string) error {
	filter, err := opts.filter()
	if err != nil {
		return err
	}
	if opts.Secret != "" && opts.SecretEnv != "" {
		return usagef("give --secret or --secret-env, not both")
	}
	if _, ok := alert.SecretEnv(opts.Secret); ok {
		return usagef("--secret: a key that starts with \"env:\" would be read as a variable's name; use --secret-env NAME for that")
	}
	a := alert.Alert{Name: name, Query: query, Filter: filter, On: alert.On(opts.On), Sink: opts.Sink, Secret: opts.Secret}
	if opts.SecretEnv != "" {
		a.Secret = alert.SecretFromEnv(opts.SecretEnv)
	}
	if a.Sink == "" {
		a.Sink = alert.SinkStdout
	}
	if path, ok := strings.CutPrefix(a.Sink, "file:"); ok {
		// The watch that delivers may run elsewhere than here.
		if path, err = filepath.Abs(path); err != nil {
			return usagef("--to %s: %v", a.Sink, err)
		}
		if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
			return usagef("--to %s: no folder %s to write the file in", a.Sink, filepath.Dir(path))
		}
		a.Sink = "file:" + path
	}
	kind, err := alert.SinkKind(a.Sink)
	if err != nil {
		return usageError{err}
	}
	if kind == alert.SinkWebhook {
		if a.Secret == "" {
			a.Secret = g.getenv(secretEnv)
		}
	} else if a.Secret != "" {
		return usagef("--secret and --secret-env sign webhook bodies; --to %s is not a webhook", a.Sink)
	}
	st, an, err := openAlertStore(ctx, g, opts.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := a.Validate(an); err != nil {
		return usageError{err}
	}
	if err := st.AddAlert(ctx, a); err != nil {
		if errors.Is(err, alert.ErrExists) {
			return usagef("an alert named %s exists already (rasad alert rm %s first)", name, name)
		}
		return err
	}
	fmt.Fprintf(g.stderr, "alert %s saved: fires on %s, to %s%s\n", a.Name, a.On, a.Sink, signedBy(a.Secret))
	if opts.SecretEnv != "" && g.getenv(opts.SecretEnv) == "" {
		fmt.Fprintf(g.stderr, "note: $%s is not set here; rasad watch needs it set to deliver to %s\n", opts.SecretEnv, a.Sink)
	}
	// Types are a closed list (search.Filter.Validate refuses others);
	// one no stored event has yet is said, since the alert may wait long.
	if stats, err := st.Stats(ctx); err == nil && stats.Documents > 0 {
		for _, t := range a.Filter.Types {
			terms := store.TypeTerms(t)
			if len(terms) == 0 {
				continue
			}
			if n, err := st.DocFreq(ctx, terms[0]); err == nil && n == 0 {
				fmt.Fprintf(g.stderr, "note: no stored event has the type %q yet\n", t)
			}
		}
	}
	return nil
}

// openAlertStore opens the database and checks that it keeps alerts.
func openAlertStore(ctx context.Context, g *globals, db string) (alert.Store, store.Analyzer, error) {
	st, an, name, err := openStore(ctx, g, db)
	if err != nil {
		return nil, nil, err
	}
	as, ok := st.(alert.Store)
	if !ok {
		st.Close()
		return nil, nil, fmt.Errorf("the database %s: %w", name, alert.ErrUnsupported)
	}
	return as, an, nil
}

type alertListOptions struct {
	DB    string
	Limit int
}

func newAlertListCommand(g *globals) *cobra.Command {
	var opts alertListOptions
	cmd := &cobra.Command{
		Use:   "list [flags]",
		Short: "List the alerts and their pending and failed deliveries",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runAlertList(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	addDBFlag(f, &opts.DB)
	f.IntVar(&opts.Limit, "limit", 20, "show at most `N` pending and N failed deliveries")
	return cmd
}

func runAlertList(ctx context.Context, opts alertListOptions, g *globals) error {
	if opts.Limit < 0 {
		return usagef("--limit %d: must not be negative", opts.Limit)
	}
	if err := mustExist(g, opts.DB); err != nil {
		return err
	}
	st, _, err := openAlertStore(ctx, g, opts.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	as, err := st.Alerts(ctx)
	if err != nil {
		return err
	}
	stats, err := st.Outbox(ctx)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(g.stdout)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tON\tSINK\tQUERY\tFILTERS")
	for _, a := range as {
		sink := a.Sink + signedBy(a.Secret)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.Name, a.On, sink, orDash(a.Query), orDash(describeFilter(a)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(out, "\ndeliveries: %d delivered, %d pending, %d failed\n", stats.Delivered, stats.Pending, stats.Failed)
	for _, state := range []alert.State{alert.Pending, alert.Failed} {
		ds, err := st.Deliveries(ctx, state, opts.Limit)
		if err != nil {
			return err
		}
		for _, d := range ds {
			var m alert.Message
			_ = json.Unmarshal(d.Body, &m) // the document's id, if the body says
			what := m.Document.ID
			if m.Event != nil {
				what += " " + m.Event.ID
			}
			line := fmt.Sprintf("%s  %s  %s  %s  attempts %d", d.State, d.Alert, d.Key, what, d.Attempts)
			if d.State == alert.Pending {
				line += "  next " + d.NextAt.UTC().Format(time.RFC3339)
			}
			if d.LastError != "" {
				line += "  last error: " + d.LastError
			}
			fmt.Fprintln(out, line)
		}
	}
	return out.Flush()
}

// signedBy says how a webhook's bodies are signed, never with the key.
func signedBy(secret string) string {
	if name, ok := alert.SecretEnv(secret); ok {
		return " (signed with $" + name + ")"
	}
	if secret != "" {
		return " (signed, key in the database)"
	}
	return ""
}

// describeFilter shows an alert's filters as the flags that set them.
func describeFilter(a alert.Alert) string {
	f := a.Filter
	var parts []string
	add := func(flag, v string) {
		if v != "" {
			parts = append(parts, fmt.Sprintf("--%s %q", flag, v))
		}
	}
	add("type", strings.Join(f.Types, ","))
	add("actor", f.Actor)
	add("place", f.Place)
	if f.Near != nil {
		add("near", fmt.Sprintf("%g,%g,%g", f.Near.Lat, f.Near.Lon, f.Near.Km))
	}
	add("from", f.From)
	add("to", f.To)
	add("outlet", f.Outlet)
	return strings.Join(parts, " ")
}

func newAlertRemoveCommand(g *globals) *cobra.Command {
	var db string
	cmd := &cobra.Command{
		Use:     "rm [flags] NAME",
		Aliases: []string{"remove"},
		Short:   "Remove an alert and its undelivered matches",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("alert rm needs one NAME")
			}
			return runAlertRemove(cmd.Context(), db, g, args[0])
		},
	}
	addDBFlag(cmd.Flags(), &db)
	return cmd
}

func runAlertRemove(ctx context.Context, db string, g *globals, name string) error {
	if err := mustExist(g, db); err != nil {
		return err
	}
	st, _, err := openAlertStore(ctx, g, db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.RemoveAlert(ctx, name); err != nil {
		if errors.Is(err, alert.ErrNoAlert) {
			return usagef("no alert named %s (rasad alert list shows them)", name)
		}
		return err
	}
	fmt.Fprintf(g.stderr, "alert %s removed\n", name)
	return nil
}

func newAlertTestCommand(g *globals) *cobra.Command {
	var db string
	cmd := &cobra.Command{
		Use:   "test [flags] NAME",
		Short: "Print what an alert matches among the stored articles, recording nothing",
		Long: `Test runs the alert NAME over every stored article and prints each match as
the JSON line it would deliver. Nothing is recorded or sent: the matches shown
still fire when their articles are stored again as new.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("alert test needs one NAME")
			}
			return runAlertTest(cmd.Context(), db, g, args[0])
		},
	}
	addDBFlag(cmd.Flags(), &db)
	return cmd
}

func runAlertTest(ctx context.Context, db string, g *globals, name string) error {
	if err := mustExist(g, db); err != nil {
		return err
	}
	st, an, err := openAlertStore(ctx, g, db)
	if err != nil {
		return err
	}
	defer st.Close()
	as, err := st.Alerts(ctx)
	if err != nil {
		return err
	}
	var a *alert.Alert
	for i := range as {
		if as[i].Name == name {
			a = &as[i]
		}
	}
	if a == nil {
		return usagef("no alert named %s (rasad alert list shows them)", name)
	}
	places, err := loadPlaces()
	if err != nil {
		return err
	}
	e, err := alert.New(st, an, alert.Options{Places: places})
	if err != nil {
		return err
	}
	out := bufio.NewWriter(g.stdout)
	n := 0
	err = e.Test(ctx, *a, func(m alert.Message) error {
		line, err := m.Line()
		if err != nil {
			return err
		}
		n++
		out.Write(line)
		return out.WriteByte('\n')
	})
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "alert %s: %d matching %s among the stored articles\n", name, n, a.On)
	return nil
}

// alertFlushWait bounds how long a --once watch waits, after its work, for
// deliveries to be retried; what is still pending is retried by the next
// watch.
const alertFlushWait = 30 * time.Second

// alertHook plugs the saved alerts into a command that stores documents
// (rasad watch). onStored goes in watch.Options.OnStored; deliveries due
// for a retry are made in the background until finish is called, after
// the watch has stopped. finish(true), for --once, first delivers what is
// pending, waiting up to alertFlushWait for retries. Lines for the stdout
// sink go to g.stdout.
func alertHook(ctx context.Context, st store.Store, an store.Analyzer, g *globals, logger *slog.Logger) (
	onStored func(context.Context, []string) error, finish func(wait bool) error, err error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	places, err := loadPlaces()
	if err != nil {
		return nil, nil, err
	}
	e, err := alert.Open(st, an, alert.Options{Stdout: g.stdout, Logger: logger, Places: places})
	if err != nil {
		return nil, nil, err
	}
	bg, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.Run(bg)
	}()
	finish = func(wait bool) error {
		stop()
		<-done
		if !wait {
			return nil
		}
		fctx, cancel := context.WithTimeout(ctx, alertFlushWait)
		defer cancel()
		err := e.Flush(fctx)
		if errors.Is(err, context.DeadlineExceeded) {
			stats, _ := st.(alert.Store).Outbox(ctx)
			logger.Warn("alert deliveries still pending; the next watch retries them", "pending", stats.Pending)
			return nil
		}
		return err
	}
	return e.Stored, finish, nil
}
