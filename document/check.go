package document

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Check reports the first way d breaks the contract's span rules: a span
// out of range, not on rune boundaries, or whose text differs from the
// slice it names; sentences that overlap, run backwards, or leave out
// anything but white space. Tests of every stage call it.
func Check(d *Document) error {
	n := len(d.Text)
	if !utf8.ValidString(d.Text) {
		return fmt.Errorf("text is not valid UTF-8")
	}
	span := func(what string, start, end int, text string) error {
		if start < 0 || end > n || start > end {
			return fmt.Errorf("%s [%d,%d) out of range (text has %d bytes)", what, start, end, n)
		}
		if !boundary(d.Text, start) || !boundary(d.Text, end) {
			return fmt.Errorf("%s [%d,%d) not on rune boundaries", what, start, end)
		}
		if text != d.Text[start:end] {
			return fmt.Errorf("%s [%d,%d): text %q differs from slice %q", what, start, end, text, d.Text[start:end])
		}
		return nil
	}
	prev := 0
	for i, s := range d.Sentences {
		if err := span(fmt.Sprintf("sentence %d", i), s[0], s[1], d.Text[max(0, min(s[0], n)):max(0, min(s[1], n))]); err != nil {
			return err
		}
		if s[0] < prev {
			return fmt.Errorf("sentence %d starts at %d, before the end of the previous one (%d)", i, s[0], prev)
		}
		if gap := d.Text[prev:s[0]]; strings.TrimSpace(gap) != "" {
			return fmt.Errorf("text %q between sentences %d and %d belongs to none", gap, i-1, i)
		}
		prev = s[1]
	}
	if tail := d.Text[min(prev, n):]; strings.TrimSpace(tail) != "" {
		return fmt.Errorf("text %q after the last sentence belongs to none", tail)
	}
	for i, t := range d.Tokens {
		if err := span(fmt.Sprintf("token %d", i), t.Start, t.End, d.Text[max(0, min(t.Start, n)):max(0, min(t.End, n))]); err != nil {
			return err
		}
		if t.StemStart < t.Start || t.StemEnd > t.End || t.StemStart > t.StemEnd {
			return fmt.Errorf("token %d [%d,%d): stem [%d,%d) outside it", i, t.Start, t.End, t.StemStart, t.StemEnd)
		}
		if !boundary(d.Text, t.StemStart) || !boundary(d.Text, t.StemEnd) {
			return fmt.Errorf("token %d: stem [%d,%d) not on rune boundaries", i, t.StemStart, t.StemEnd)
		}
	}
	for _, e := range d.Entities {
		if err := span("entity "+e.ID, e.Start, e.End, e.Text); err != nil {
			return err
		}
	}
	for _, v := range d.Events {
		if err := span("event "+v.ID+" trigger", v.Trigger.Start, v.Trigger.End, v.Trigger.Text); err != nil {
			return err
		}
		if err := span("event "+v.ID+" evidence", v.Evidence.Start, v.Evidence.End, v.Evidence.Text); err != nil {
			return err
		}
	}
	for _, q := range d.Quotes {
		if err := span("quote "+q.ID+" cue", q.Cue.Start, q.Cue.End, q.Cue.Text); err != nil {
			return err
		}
		if err := span("quote "+q.ID+" content", q.Content.Start, q.Content.End, q.Content.Text); err != nil {
			return err
		}
	}
	return nil
}

func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}
