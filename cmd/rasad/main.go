// Command rasad turns Arabic news articles into structured, searchable
// records: who did what to whom, where and when, and who said what.
//
// It is a thin layer over rasad's library packages: each subcommand lives in
// its own file (cmd_NAME.go) with a constructor, an options struct holding
// its flags, and a run function that tests call directly.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// Exit statuses, as the document spec fixes them.
const (
	exitOK      = 0
	exitSkipped = 1 // some records could not be processed and were skipped
	exitUsage   = 2 // bad flags or arguments
	exitFailure = 3 // the program itself failed
)

// errSomeSkipped is returned by commands that processed their input but had
// to skip records (each already reported on stderr).
var errSomeSkipped = errors.New("some records were skipped")

// noArgs is cobra.NoArgs whose error is a usage error (exit status 2), as
// every other mistake in a command line is.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments (got %q)", cmd.CommandPath(), args[0])
	}
	return nil
}

// usageError marks an error as the user's: bad flags or arguments.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// globals are the streams and environment a command runs with, passed in
// explicitly so that tests can run commands without touching the process.
type globals struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

func newRootCommand(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:           "rasad",
		Short:         "Turn Arabic news articles into a structured record of events",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(g.stdin)
	root.SetOut(g.stdout)
	root.SetErr(g.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newExtractCommand(g),
		newTrainCommand(g),
		newEvalCommand(g),
		newKBCommand(g),
		newGeocodeCommand(g),
		newIngestCommand(g),
		newSearchCommand(g),
		newExportCommand(g),
		newServeCommand(g),
		newDemoCommand(g),
		newLoadCommand(g),
		newWatchCommand(g),
		newAlertCommand(g),
	)
	return root
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	g := &globals{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	err := newRootCommand(g).ExecuteContext(ctx)
	stop()
	os.Exit(exitStatus(g.stderr, err))
}

// exitStatus prints err, if it needs printing, and chooses the exit status.
func exitStatus(stderr io.Writer, err error) int {
	var usage usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errSomeSkipped):
		return exitSkipped
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "rasad: %v\n", err)
		fmt.Fprintln(stderr, "Run 'rasad --help' for usage.")
		return exitUsage
	default:
		fmt.Fprintf(stderr, "rasad: %v\n", err)
		return exitFailure
	}
}
