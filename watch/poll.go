package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/rasad/rasad/feed"
	"github.com/rasad/rasad/fetch"
	"github.com/rasad/rasad/store"
)

// Bounds on what one poll follows.
const (
	// maxChildSitemaps is how many child sitemaps of a sitemap index one
	// poll reads.
	maxChildSitemaps = 1000
	// maxFeedPages is how many pages of a paged feed one poll reads; it
	// stops earlier at the first page that brings nothing new.
	maxFeedPages = 1000
)

// pollAll polls every source: once each under Once, else each on its
// interval until ctx ends.
func (w *Watcher) pollAll(ctx context.Context) error {
	var wg sync.WaitGroup
	errs := make([]error, len(w.opts.Sources))
	for i, s := range w.opts.Sources {
		wg.Go(func() {
			switch s.Kind {
			case KindFolder:
				errs[i] = w.watchFolder(ctx, s)
			default:
				errs[i] = w.watchFeed(ctx, s)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// watchFeed polls a feed. Under Once it polls it now; otherwise it asks
// the queue every few seconds whether the feed is due, so that of
// several processes only one polls it each interval.
func (w *Watcher) watchFeed(ctx context.Context, s Source) error {
	if w.opts.Once {
		return w.pollFeed(ctx, s, true)
	}
	check := min(s.Interval, 5*time.Second)
	for {
		if err := w.pollFeed(ctx, s, false); err != nil && ctx.Err() == nil {
			// The database may be restarting; the next check tries again.
			w.log.Error("polling", "source", s.Name, "err", err)
		}
		if !sleep(ctx, check) {
			return nil
		}
	}
}

// pollFeed polls one feed if it is due (or force), queues its new items,
// and records the outcome. Only a failing database is an error; a
// failing feed is recorded on its source.
func (w *Watcher) pollFeed(ctx context.Context, s Source, force bool) error {
	now := time.Now()
	v, due, err := w.queue.ClaimPoll(ctx, s.Name, now, s.Interval, force)
	if err != nil || !due {
		return err
	}
	w.polls.Add(1)
	client := w.fetcher
	page, err := client.Fetch(ctx, s.URL, fetch.Validators(v))
	if ctx.Err() != nil {
		return nil
	}
	if err != nil {
		return w.pollFailed(ctx, s, err)
	}
	if m := w.opts.Metrics; m != nil {
		m.fetched.WithLabelValues(hostOf(s.URL)).Inc()
	}
	if page.NotModified {
		w.pollResult("unchanged")
		_, err := w.queue.Polled(ctx, s.Name, now, v, nil)
		return err
	}
	f, err := feed.Parse(page.Body, finalURL(page))
	if err != nil {
		return w.pollFailed(ctx, s, fmt.Errorf("broken feed %s: %w", s.URL, err))
	}
	budget := s.MaxItems
	// The validators are recorded with the last batch of items: a poll
	// cut short is done again whole rather than answered "not modified".
	queue := func(f *feed.Feed) (int, error) {
		items := w.feedItems(s, f, &budget)
		return w.queue.Polled(ctx, s.Name, now, store.Validators{}, items)
	}
	added, err := queue(f)
	if err != nil {
		return err
	}
	for i, child := range f.Sitemaps {
		if i >= maxChildSitemaps || ctx.Err() != nil || (s.MaxItems > 0 && budget <= 0) {
			break
		}
		cf, err := w.fetchFeed(ctx, client, child)
		if err != nil {
			w.log.Warn("child sitemap", "source", s.Name, "url", child, "err", err)
			continue
		}
		n, err := queue(cf)
		if err != nil {
			return err
		}
		added += n
	}
	// A paged feed is read back until a page brings nothing new.
	next, fresh := f.Next, added > 0
	for pages := 1; next != "" && fresh && pages < maxFeedPages && ctx.Err() == nil && (s.MaxItems == 0 || budget > 0); pages++ {
		nf, err := w.fetchFeed(ctx, client, next)
		if err != nil {
			w.log.Warn("next feed page", "source", s.Name, "url", next, "err", err)
			break
		}
		n, err := queue(nf)
		if err != nil {
			return err
		}
		added += n
		next, fresh = nf.Next, n > 0
	}
	if ctx.Err() != nil {
		return nil
	}
	if _, err := w.queue.Polled(ctx, s.Name, now, store.Validators(page.Validators), nil); err != nil {
		return err
	}
	w.queued.Add(int64(added))
	if added > 0 {
		w.pollResult("new")
	} else {
		w.pollResult("unchanged")
	}
	w.log.Info("polled", "source", s.Name, "new", added)
	return nil
}

func finalURL(p *fetch.Page) string {
	if p.FinalURL != "" {
		return p.FinalURL
	}
	return p.URL
}

func (w *Watcher) fetchFeed(ctx context.Context, client Fetcher, u string) (*feed.Feed, error) {
	page, err := client.Fetch(ctx, u, fetch.Validators{})
	if err != nil {
		return nil, err
	}
	return feed.Parse(page.Body, finalURL(page))
}

func (w *Watcher) pollFailed(ctx context.Context, s Source, err error) error {
	w.pollResult("failed")
	w.log.Warn("poll failed", "source", s.Name, "url", s.URL, "err", err)
	return w.queue.PollFailed(ctx, s.Name, time.Now(), err.Error())
}

func (w *Watcher) pollResult(result string) {
	if m := w.opts.Metrics; m != nil {
		m.polls.WithLabelValues(result).Inc()
	}
}

// feedItems turns a feed's items into queue items, at most *budget of
// them when the source has a limit.
func (w *Watcher) feedItems(s Source, f *feed.Feed, budget *int) []store.QueueItem {
	var items []store.QueueItem
	for _, fi := range f.Items {
		if s.MaxItems > 0 {
			if *budget <= 0 {
				break
			}
			*budget--
		}
		key, err := fetch.NormalizeURL(fi.URL)
		if err != nil {
			w.log.Warn("feed item with a bad URL", "source", s.Name, "url", fi.URL, "err", err)
			continue
		}
		it := store.QueueItem{Key: key, Kind: itemPage, Title: fi.Title}
		if !fi.Published.IsZero() {
			it.Published = fi.Published.UTC().Format(time.RFC3339)
		}
		items = append(items, it)
	}
	return items
}

// fileSig is what tells whether a file is still being written.
type fileSig struct {
	size  int64
	mtime time.Time
}

// watchFolder scans a folder: under Once twice, Settle apart; otherwise
// every interval. A file is queued once its size and time were the same
// in two scans in a row, so that one still being written waits.
func (w *Watcher) watchFolder(ctx context.Context, s Source) error {
	prev, err := w.scanFolder(s.Folder)
	if err != nil {
		w.pollFailed(ctx, s, err)
		if w.opts.Once {
			return nil
		}
	}
	wait := s.Interval
	if w.opts.Once {
		wait = w.opts.Settle
	}
	for sleep(ctx, wait) {
		cur, err := w.scanFolder(s.Folder)
		if err != nil {
			if err := w.pollFailed(ctx, s, err); err != nil && w.opts.Once {
				return err
			}
		} else {
			var items []store.QueueItem
			for path, sig := range cur {
				if p, ok := prev[path]; ok && p == sig {
					items = append(items, store.QueueItem{Key: fileKey(path, sig.size, sig.mtime), Kind: itemFile})
				}
			}
			w.polls.Add(1)
			n, err := w.queue.Polled(ctx, s.Name, time.Now(), store.Validators{}, items)
			if err != nil {
				if ctx.Err() != nil || !w.opts.Once {
					w.log.Error("queueing files", "source", s.Name, "err", err)
					continue // the same files are queued at the next scan
				}
				return err
			}
			w.queued.Add(int64(n))
			if n > 0 {
				w.pollResult("new")
				w.log.Info("polled", "source", s.Name, "new", n)
			}
			prev = cur
		}
		if w.opts.Once {
			return nil
		}
	}
	return nil
}

// scanFolder lists the article files under dir (the kinds `rasad
// extract` reads), leaving out hidden and temporary files.
func (w *Watcher) scanFolder(dir string) (map[string]fileSig, error) {
	out := map[string]fileSig{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			return nil // a file removed during the walk
		}
		name := d.Name()
		if path != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !articleFile(name) {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		out[abs] = fileSig{size: fi.Size(), mtime: fi.ModTime()}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scanning %s: %w", dir, err)
	}
	return out, nil
}

// articleFile says whether name is a kind `rasad extract` reads; names
// such as x.txt.part or x.html.tmp, still being written, are not.
func articleFile(name string) bool {
	n := strings.ToLower(name)
	for _, ext := range []string{".txt", ".html", ".htm", ".jsonl", ".jsonl.gz"} {
		if strings.HasSuffix(n, ext) {
			return true
		}
	}
	return false
}
