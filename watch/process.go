package watch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/fetch"
	"github.com/rasad/rasad/read"
	"github.com/rasad/rasad/store"
)

// Item kinds in the queue.
const (
	itemPage = "page"
	itemFile = "file"
)

// filesPerResult bounds how many documents of one file a worker holds
// before handing them to the writer, so that a large JSONL file does not
// sit in memory whole.
const filesPerResult = 64

func hostOf(key string) string {
	u, err := url.Parse(key)
	if err != nil || u.Host == "" {
		return "local"
	}
	return u.Host
}

// process does one claimed item. Whatever happens is recorded in the
// queue, except when ctx ends: Run then gives the item back.
func (w *Watcher) process(ctx context.Context, it store.QueueItem, results chan<- result) {
	switch it.Kind {
	case itemPage:
		w.processPage(ctx, it, results)
	case itemFile:
		w.processFile(ctx, it, results)
	default:
		w.retryOrFail(ctx, it, "local", store.Failure{Reason: "unknown-kind", Message: "unknown item kind " + strconv.Quote(it.Kind)}, false)
	}
}

func (w *Watcher) processPage(ctx context.Context, it store.QueueItem, results chan<- result) {
	host := hostOf(it.Key)
	body, contentType := it.Body, it.ContentType
	if it.State != store.StateFetched || body == nil {
		page, err := w.fetcher.Fetch(ctx, it.Key, fetch.Validators{})
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			f := store.Failure{Reason: "network", Message: err.Error()}
			retryable := true
			var fe *fetch.Error
			if errors.As(err, &fe) {
				f.Reason, f.Status, retryable = fe.Reason, fe.Status, fe.Retryable()
			}
			w.retryOrFail(ctx, it, host, f, retryable)
			return
		}
		w.fetched.Add(1)
		if m := w.opts.Metrics; m != nil {
			m.fetched.WithLabelValues(host).Inc()
		}
		body, contentType = page.Body, page.ContentType
		if err := w.queue.Fetched(ctx, w.opts.Owner, it.ID, body, contentType, page.Fetched); err != nil {
			w.log.Warn("recording a fetched page", "url", it.Key, "err", err)
			return
		}
	}
	start := time.Now()
	a, err := read.Page(it.Key, body, contentType)
	if err != nil {
		w.retryOrFail(ctx, it, host, store.Failure{Reason: "unreadable", Message: err.Error()}, false)
		return
	}
	if src, ok := w.sources[it.Source]; ok && src.Outlet != "" {
		a.Outlet = src.Outlet
	}
	d, err := w.opts.Pipeline.Process(a)
	if m := w.opts.Metrics; m != nil {
		m.extract.WithLabelValues("all").Observe(time.Since(start).Seconds())
	}
	if err != nil {
		w.retryOrFail(ctx, it, host, store.Failure{Reason: "extract", Message: extractMessage(err)}, false)
		return
	}
	fromFeed(d, it)
	select {
	case results <- result{item: it, docs: []*document.Document{d}, final: true}:
	case <-ctx.Done():
	}
}

// fromFeed fills in what the page lacked with what its feed said.
func fromFeed(d *document.Document, it store.QueueItem) {
	if d.URL == nil {
		u := it.Key
		d.URL = &u
	}
	if d.Title == nil && it.Title != "" {
		t := it.Title
		d.Title = &t
	}
	if d.Published == nil && it.Published != "" {
		if t, err := time.Parse(time.RFC3339, it.Published); err == nil {
			day := t.UTC().Format(time.DateOnly)
			d.Published = &day
		}
	}
}

func extractMessage(err error) string {
	var re *read.Error
	if errors.As(err, &re) {
		return re.Reason
	}
	return err.Error()
}

// fileKey is the queue key of a folder's file as it is now: a file that
// changes later is a new item.
func fileKey(path string, size int64, mtime time.Time) string {
	u := url.URL{Scheme: "file", Path: path, RawQuery: fmt.Sprintf("size=%d&mtime=%d", size, mtime.UnixNano())}
	return u.String()
}

func parseFileKey(key string) (path string, size int64, mtime int64, err error) {
	u, err := url.Parse(key)
	if err != nil || u.Scheme != "file" {
		return "", 0, 0, fmt.Errorf("not a file key: %q", key)
	}
	q := u.Query()
	size, err1 := strconv.ParseInt(q.Get("size"), 10, 64)
	mtime, err2 := strconv.ParseInt(q.Get("mtime"), 10, 64)
	if err1 != nil || err2 != nil {
		return "", 0, 0, fmt.Errorf("not a file key: %q", key)
	}
	return u.Path, size, mtime, nil
}

func (w *Watcher) processFile(ctx context.Context, it store.QueueItem, results chan<- result) {
	path, size, mtime, err := parseFileKey(it.Key)
	if err != nil {
		w.retryOrFail(ctx, it, "local", store.Failure{Reason: "bad-key", Message: err.Error()}, false)
		return
	}
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		w.retryOrFail(ctx, it, "local", store.Failure{Reason: "file-gone", Message: err.Error()}, false)
		return
	case fi.Size() != size || fi.ModTime().UnixNano() != mtime:
		w.retryOrFail(ctx, it, "local", store.Failure{Reason: "file-changed",
			Message: path + " changed after it was queued; its new version is queued anew"}, false)
		return
	}
	outlet := ""
	if src, ok := w.sources[it.Source]; ok {
		outlet = src.Outlet
	}
	send := func(docs []*document.Document, final bool) bool {
		select {
		case results <- result{item: it, docs: docs, final: final}:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var docs []*document.Document
	var skipped []string
	n := 0
	for a, err := range read.Articles(ctx, []string{path}, read.Options{MaxBytes: w.opts.MaxBytes}) {
		var re *read.Error
		if errors.As(err, &re) {
			skipped = append(skipped, re.Error())
			w.log.Warn("skipped a record", "record", re.Error())
			continue
		}
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			w.retryOrFail(ctx, it, "local", store.Failure{Reason: "unreadable", Message: err.Error()}, false)
			return
		}
		if a.Outlet == "" {
			a.Outlet = outlet
		}
		start := time.Now()
		d, err := w.opts.Pipeline.Process(a)
		if m := w.opts.Metrics; m != nil {
			m.extract.WithLabelValues("all").Observe(time.Since(start).Seconds())
		}
		if err != nil {
			skipped = append(skipped, a.Where()+": "+extractMessage(err))
			w.log.Warn("skipped a record", "record", a.Where(), "err", extractMessage(err))
			continue
		}
		docs = append(docs, d)
		n++
		if len(docs) >= filesPerResult {
			if !send(docs, false) {
				return
			}
			docs = nil
		}
	}
	if ctx.Err() != nil {
		return
	}
	if n == 0 && len(skipped) > 0 {
		msg := strings.Join(skipped[:min(len(skipped), 3)], "; ")
		if len(skipped) > 3 {
			msg += fmt.Sprintf("; and %d more", len(skipped)-3)
		}
		w.retryOrFail(ctx, it, "local", store.Failure{Reason: "extract", Message: msg}, false)
		return
	}
	send(docs, true)
}
