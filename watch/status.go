package watch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rasad/rasad/store"
)

// Status reports the sources the watch follows, their last success and
// errors, the queue by state, and the latest failures. The API calls it
// as `rasad watch --status` does.
func Status(ctx context.Context, db store.Store) (store.QueueStatus, error) {
	q, ok := db.(store.Queue)
	if !ok {
		return store.QueueStatus{}, errors.New("watch: the store keeps no queue")
	}
	return q.QueueStatus(ctx)
}

// WriteStatus prints st as a table for a person, or as JSON when format
// is "json".
func WriteStatus(w io.Writer, st store.QueueStatus, format string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(st)
	}
	when := func(t *time.Time) string {
		if t == nil {
			return "never"
		}
		return t.UTC().Format("2006-01-02 15:04:05Z")
	}
	states := []string{store.StateDiscovered, store.StateFetched, store.StateStored, store.StateFailed}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tKIND\tLAST SUCCESS\tQUEUED\tFETCHED\tSTORED\tFAILED\tLAST ERROR")
	for _, s := range st.Sources {
		lastErr := "-"
		if s.LastError != "" && (s.LastSuccess == nil || (s.LastErrorAt != nil && s.LastErrorAt.After(*s.LastSuccess))) {
			lastErr = when(s.LastErrorAt) + " " + oneLine(s.LastError)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s", s.Name, s.Kind, when(s.LastSuccess))
		for _, state := range states {
			fmt.Fprintf(tw, "\t%d", s.States[state])
		}
		fmt.Fprintf(tw, "\t%s\n", lastErr)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var parts []string
	for _, state := range states {
		parts = append(parts, fmt.Sprintf("%d %s", st.States[state], state))
	}
	fmt.Fprintf(w, "\nqueue: %s\n", strings.Join(parts, ", "))
	if len(st.Failures) > 0 {
		fmt.Fprintf(w, "\nlatest failures (newest first):\n")
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "WHEN\tREASON\tATTEMPTS\tURL\tMESSAGE")
		for _, f := range st.Failures {
			reason := f.Reason
			if f.Status != 0 {
				reason += fmt.Sprintf(" %d", f.Status)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", f.At.Format("2006-01-02 15:04:05Z"), reason, f.Attempts, f.Key, oneLine(f.Message))
		}
		return tw.Flush()
	}
	return nil
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 160 {
		s = string(r[:159]) + "…"
	}
	return s
}
