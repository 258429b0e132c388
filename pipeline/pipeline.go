package pipeline

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/rasad/rasad/actors"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/clean"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/events"
	"github.com/rasad/rasad/geo"
	"github.com/rasad/rasad/kb"
	"github.com/rasad/rasad/ner"
	"github.com/rasad/rasad/quotes"
	"github.com/rasad/rasad/read"
)

// Options configure a Pipeline.
type Options struct {
	// Published is the publication date given to articles that carry none.
	Published time.Time
	// Workers is how many articles are processed at once (at least 1).
	Workers int
	// Until names the last stage to run ("clean", "text", … see
	// StageNames); empty runs them all. Users who want only the cleaned
	// text and its sentences need not pay for tagging and coding.
	Until string
	// Analyzer is the text stage's analyser; nil loads the built-in one.
	// A program that also stores documents passes the store's, so that
	// one lexicon is held in memory, not two.
	Analyzer *arabic.Analyzer
}

// StageNames lists the stages in the order they run; the first, "clean",
// always runs.
func StageNames() []string {
	return []string{"clean", "text", "entities", "places", "actors", "events", "quotes"}
}

// Pipeline turns raw articles into annotated documents. It holds the
// loaded linguistic resources, is immutable once built, and is safe for
// concurrent use.
type Pipeline struct {
	opts     Options
	cleaner  *clean.Cleaner
	analyzer *arabic.Analyzer
	calendar *arabic.Calendar
	stages   []Stage
}

// A Stage adds one layer of annotation to a document. It reads what
// earlier stages wrote and never changes it.
type Stage struct {
	Name     string
	Annotate func(*document.Document) error
}

// New loads the resources the stages need and returns a pipeline.
func New(opts Options) (*Pipeline, error) {
	cleaner, err := clean.New()
	if err != nil {
		return nil, fmt.Errorf("loading the cleaner: %w", err)
	}
	analyzer := opts.Analyzer
	if analyzer == nil {
		if analyzer, err = arabic.NewAnalyzer(); err != nil {
			return nil, fmt.Errorf("loading the Arabic analyzer: %w", err)
		}
	}
	calendar, err := arabic.NewCalendar()
	if err != nil {
		return nil, fmt.Errorf("loading the calendar: %w", err)
	}
	tagger, err := ner.Load()
	if err != nil {
		return nil, fmt.Errorf("loading the entity tagger: %w", err)
	}
	places, err := kb.Load()
	if err != nil {
		return nil, fmt.Errorf("loading the place index: %w", err)
	}
	resolver := geo.NewResolver(places)
	actorList, err := actors.Load()
	if err != nil {
		return nil, fmt.Errorf("loading the actor list: %w", err)
	}
	coder, err := events.New(actorList)
	if err != nil {
		return nil, fmt.Errorf("loading the event coder: %w", err)
	}
	quoteFinder, err := quotes.New()
	if err != nil {
		return nil, fmt.Errorf("loading the quote finder: %w", err)
	}
	finder := quoteFinder.WithActors(actorList)
	p := &Pipeline{opts: opts, cleaner: cleaner, analyzer: analyzer, calendar: calendar}
	p.stages = []Stage{
		{Name: "text", Annotate: p.analyzeText},
		{Name: "entities", Annotate: func(d *document.Document) error { tagger.Tag(d); return nil }},
		{Name: "places", Annotate: func(d *document.Document) error { resolver.Resolve(d); return nil }},
		{Name: "actors", Annotate: func(d *document.Document) error { actorList.Link(d); return nil }},
		{Name: "events", Annotate: func(d *document.Document) error { coder.Code(d); return nil }},
		{Name: "quotes", Annotate: func(d *document.Document) error { finder.Find(d); return nil }},
	}
	if opts.Until != "" {
		i := slices.Index(StageNames(), opts.Until)
		if i < 0 {
			return nil, fmt.Errorf("no stage %q (the stages are %s)", opts.Until, strings.Join(StageNames(), ", "))
		}
		p.stages = p.stages[:i]
	}
	return p, nil
}

func (p *Pipeline) analyzeText(d *document.Document) error {
	d.Tokens, d.Sentences = p.analyzer.Analyze(d.Text)
	return nil
}

// Result is what became of one input record: a document, or the reason it
// was skipped.
type Result struct {
	Doc *document.Document
	// Skipped is set when the record could not be processed; its message
	// has the form "PATH:LINE: reason".
	Skipped *read.Error
}

// Process cleans one article and runs every stage over it. An article that
// yields no text is reported as a *read.Error.
func (p *Pipeline) Process(a *read.Article) (*document.Document, error) {
	var (
		res clean.Result
		err error
	)
	if a.HTML != "" {
		res, err = p.cleaner.HTML(a.HTML, a.URL)
		if err != nil {
			return nil, &read.Error{Path: a.Path, Line: a.Line, Reason: err.Error()}
		}
	} else if a.Title != "" {
		res = p.cleaner.TextWithTitle(a.Text, a.Title)
	} else {
		res = p.cleaner.Text(a.Text) // the first line may be the title
	}
	if res.Text == "" {
		return nil, &read.Error{Path: a.Path, Line: a.Line, Reason: "no article text left after cleaning"}
	}

	d := document.New(a.ID, res.Text)
	d.Source = a.Where()
	d.URL = firstOf(a.URL, res.URL)
	d.Outlet = firstOf(a.Outlet, res.Outlet)
	d.Title = firstOf(a.Title, res.Title)
	d.Removed = append(d.Removed, res.Removed...)
	d.Published = p.published(a.Published, res.Published, d.Removed)

	for _, s := range p.stages {
		if err := s.Annotate(d); err != nil {
			return nil, fmt.Errorf("%s: stage %s: %w", a.Where(), s.Name, err)
		}
	}
	return d, nil
}

// published chooses the publication date, as a day: the record's own,
// else the page's metadata, else a dateline the cleaner took off the top of
// the text ("الأحد 22 يونيو 2025"), else the default from the options.
func (p *Pipeline) published(record, page string, removed []document.Removed) *string {
	day := func(t time.Time) *string {
		s := t.Format(time.DateOnly)
		return &s
	}
	for _, c := range []string{record, page} {
		if t, ok := read.ParseDate(c); ok {
			return day(t)
		}
	}
	for _, r := range removed {
		if r.Reason != document.ReasonDateline {
			continue
		}
		if t, ok := read.ParseDate(r.Text); ok {
			return day(t)
		}
		if t, ok := p.calendar.ParseDate(r.Text); ok {
			return day(t)
		}
	}
	if !p.opts.Published.IsZero() {
		return day(p.opts.Published)
	}
	return nil
}

func firstOf(candidates ...string) *string {
	for _, c := range candidates {
		if c != "" {
			return &c
		}
	}
	return nil
}

// Run processes every article articles yields, Options.Workers at a time,
// and calls emit with each result in input order. Records the reader could
// not read and articles that could not be processed arrive as results with
// Skipped set; any other error stops the run.
func (p *Pipeline) Run(ctx context.Context, articles iter.Seq2[*read.Article, error], emit func(Result) error) error {
	type item struct {
		article *read.Article
		skipped *read.Error
	}
	items := func(yield func(item, error) bool) {
		for a, err := range articles {
			var skipped *read.Error
			if errors.As(err, &skipped) {
				if !yield(item{skipped: skipped}, nil) {
					return
				}
				continue
			}
			if err != nil {
				yield(item{}, err)
				return
			}
			if !yield(item{article: a}, nil) {
				return
			}
		}
	}
	type outcome struct {
		Result
		err error
	}
	process := func(it item) outcome {
		if it.skipped != nil {
			return outcome{Result: Result{Skipped: it.skipped}}
		}
		d, err := p.Process(it.article)
		var skipped *read.Error
		if errors.As(err, &skipped) {
			return outcome{Result: Result{Skipped: skipped}}
		}
		return outcome{Result: Result{Doc: d}, err: err}
	}
	return mapOrdered(ctx, items, p.opts.Workers, process, func(o outcome) error {
		if o.err != nil {
			return o.err
		}
		return emit(o.Result)
	})
}
