package alert

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// claimBatch is how many due deliveries one pass of Deliver takes at a
// time.
const claimBatch = 50

// Deliver attempts once each delivery that is due, and returns how many
// it attempted.
func (e *Engine) Deliver(ctx context.Context) (int, error) {
	total := 0
	for {
		now := e.opts.Now()
		ds, err := e.st.ClaimDeliveries(ctx, e.owner, now, now.Add(e.opts.Lease), claimBatch)
		if err != nil {
			return total, fmt.Errorf("claiming alert deliveries: %w", err)
		}
		if err := e.deliverAll(ctx, ds); err != nil {
			return total, err
		}
		total += len(ds)
		if len(ds) < claimBatch {
			return total, nil
		}
	}
}

// Run delivers what is due every Poll (sooner when a retry is due
// sooner, at once when Stored records new matches) until ctx is done.
// While it runs, Stored leaves the delivering to it.
func (e *Engine) Run(ctx context.Context) error {
	e.running.Store(true)
	defer e.running.Store(false)
	for {
		if _, err := e.Deliver(ctx); err != nil && ctx.Err() == nil {
			e.opts.Logger.Error("delivering alerts", "err", err)
		}
		wait := e.opts.Poll
		if st, err := e.st.Outbox(ctx); err == nil && !st.NextDue.IsZero() {
			wait = min(wait, max(st.NextDue.Sub(e.opts.Now()), 10*time.Millisecond))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		case <-e.kick:
		}
	}
}

// Flush delivers until no delivery is pending, waiting for retries to
// come due: for `rasad watch --once` and for tests. Retries are bounded
// by MaxAttempts, so it ends.
func (e *Engine) Flush(ctx context.Context) error {
	for {
		if _, err := e.Deliver(ctx); err != nil {
			return err
		}
		st, err := e.st.Outbox(ctx)
		if err != nil {
			return err
		}
		if st.Pending == 0 {
			return nil
		}
		// At least a short pause: a due delivery may be leased by a
		// worker that died, and is only taken over when its lease ends.
		wait := min(e.opts.Poll, max(st.NextDue.Sub(e.opts.Now()), 10*time.Millisecond))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// deliverAll attempts each of ds, which this engine holds the leases of.
// After a sink fails with an error worth retrying, the rest of its
// deliveries are put off until its retry, without counting an attempt:
// a webhook that is down costs one timeout per pass, not one per match.
// When ctx ends, the delivery under way (unless it went through) and
// those not tried yet are given back at once, uncounted: held until
// their leases ran out, they would wait for minutes, also for a Flush
// by this very engine (rasad watch --once stops Run, then flushes).
func (e *Engine) deliverAll(ctx context.Context, ds []Delivery) error {
	down := make(map[string]time.Time) // sink → when it is tried again
	var putOff, giveBack []Delivery
	defer func() {
		keep := context.WithoutCancel(ctx)
		for _, d := range putOff {
			if _, err := e.st.ReleaseDelivery(keep, d, e.owner, down[d.Sink]); err != nil {
				e.opts.Logger.Warn("releasing an alert delivery", "delivery", d.Key, "err", err)
			}
		}
		now := e.opts.Now()
		for _, d := range giveBack {
			if _, err := e.st.ReleaseDelivery(keep, d, e.owner, now); err != nil {
				e.opts.Logger.Warn("releasing an alert delivery", "delivery", d.Key, "err", err)
			}
		}
	}()
	for i, d := range ds {
		if ctx.Err() != nil {
			giveBack = append(giveBack, ds[i:]...)
			return ctx.Err()
		}
		if _, ok := down[d.Sink]; ok {
			putOff = append(putOff, d)
			continue
		}
		err := e.send(ctx, d)
		if err != nil && ctx.Err() != nil {
			// Shutting down: this attempt is not counted.
			giveBack = append(giveBack, ds[i:]...)
			return ctx.Err()
		}
		now := e.opts.Now()
		a := Attempt{State: Delivered, At: now, NextAt: now}
		var de *deliveryError
		switch {
		case err == nil:
		case errors.As(err, &de) && !de.retry:
			a.State, a.Err = Failed, err.Error()
		case d.Attempts+1 >= e.opts.MaxAttempts:
			a.State, a.Err = Failed, fmt.Sprintf("gave up after %d attempts: %v", d.Attempts+1, err)
		default:
			a.State, a.Err = Pending, err.Error()
			a.NextAt = now.Add(e.backoff(d.Attempts + 1))
			down[d.Sink] = a.NextAt
		}
		if a.State != Delivered {
			e.opts.Logger.Warn("alert delivery failed", "alert", d.Alert, "delivery", d.Key, "sink", d.Sink,
				"attempt", d.Attempts+1, "state", a.State, "err", err)
		}
		// Recorded even when ctx has just ended: a delivery that went
		// through is not made again.
		held, err := e.st.FinishAttempt(context.WithoutCancel(ctx), d, e.owner, a)
		if err != nil {
			return fmt.Errorf("recording alert delivery %s: %w", d.Key, err)
		}
		if !held {
			e.opts.Logger.Warn("alert delivery lease expired before it was recorded", "delivery", d.Key)
		}
	}
	return nil
}

// backoff returns the wait before attempt+1: BackoffBase doubled for each
// attempt made, at most BackoffMax, and a random half of it taken off so
// that workers retrying together spread out.
func (e *Engine) backoff(attempt int) time.Duration {
	d := e.opts.BackoffMax
	if attempt < 40 {
		if b := e.opts.BackoffBase << (attempt - 1); b > 0 && b < d {
			d = b
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return d/2 + time.Duration(e.rnd.Int64N(int64(d/2)+1))
}

// deliveryError is a failed attempt; retry says whether another attempt
// may succeed.
type deliveryError struct {
	retry bool
	msg   string
}

func (e *deliveryError) Error() string { return e.msg }

func permanent(format string, args ...any) error {
	return &deliveryError{msg: fmt.Sprintf(format, args...)}
}

func transient(format string, args ...any) error {
	return &deliveryError{retry: true, msg: fmt.Sprintf(format, args...)}
}

// send makes one attempt at delivering d to its sink.
func (e *Engine) send(ctx context.Context, d Delivery) error {
	kind, err := SinkKind(d.Sink)
	if err != nil {
		return permanent("%v", err)
	}
	line := append(append([]byte(nil), d.Body...), '\n')
	switch kind {
	case SinkStdout:
		e.mu.Lock()
		defer e.mu.Unlock()
		if _, err := e.opts.Stdout.Write(line); err != nil {
			return transient("writing to standard output: %v", err)
		}
		return nil
	case SinkFile:
		return appendLine(strings.TrimPrefix(d.Sink, "file:"), line)
	}
	return e.post(ctx, d)
}

// appendLine appends line to the file at path in one write, so that lines
// from several processes do not interleave.
func appendLine(path string, line []byte) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return transient("%v", err)
	}
	_, err = f.Write(line)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return transient("writing %s: %v", path, err)
	}
	return nil
}

// Signature returns the X-Rasad-Signature header value for body:
// "sha256=" and the hex HMAC-SHA256 of body keyed with secret.
func Signature(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// VerifySignature says whether header is the signature of body with
// secret, comparing in constant time: what a receiver written in Go runs.
func VerifySignature(secret string, body []byte, header string) bool {
	return hmac.Equal([]byte(header), []byte(Signature(secret, body)))
}

// post makes one POST of d's body to its webhook: a 2xx delivers it; a
// 5xx, a 408, a 429, a timeout or a network error may pass and is
// retried; any other status is refused for good.
func (e *Engine) post(ctx context.Context, d Delivery) error {
	secret, err := ResolveSecret(d.Secret, e.opts.Getenv)
	if err != nil {
		// The watch may be restarted with the variable set.
		return transient("%v", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.Sink, bytes.NewReader(d.Body))
	if err != nil {
		return permanent("%v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "rasad-alert/1")
	req.Header.Set("X-Rasad-Signature", Signature(secret, d.Body))
	req.Header.Set("X-Rasad-Delivery", d.Key)
	resp, err := e.opts.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // it would name the method and URL again
		}
		return transient("POST %s: %v", d.Sink, err)
	}
	// Read a little of the answer, so that the connection can be
	// reused and a refusal can say why.
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	resp.Body.Close()
	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		return nil
	case code >= 500, code == http.StatusRequestTimeout, code == http.StatusTooManyRequests:
		return transient("POST %s: %s%s", d.Sink, resp.Status, quoteAnswer(answer))
	default:
		return permanent("POST %s: %s%s", d.Sink, resp.Status, quoteAnswer(answer))
	}
}

func quoteAnswer(b []byte) string {
	s := strings.TrimSpace(string(bytes.ToValidUTF8(b, nil)))
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" (%q)", s)
}
