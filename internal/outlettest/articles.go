package outlettest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// builtinArticles are the articles the outlets play by default: short
// Arabic news stories written for rasad's tests, one JSON object a line
// in the shape of the shared corpora, with "kind" saying how the page
// answers (a Kind… constant).
//
//go:embed testdata/articles.jsonl
var builtinArticles []byte

// record is one line of an articles file.
type record struct {
	ID            string `json:"id"`
	Source        string `json:"source"`
	Kind          string `json:"kind"`
	Date          string `json:"date"`
	DateExtracted string `json:"date_extracted"`
	Title         string `json:"title"`
	Content       string `json:"content"`
}

// dateLayout is how the corpora write dates; they are taken as UTC.
const dateLayout = "2006-01-02 15:04:05"

// readArticles reads one articles file (JSON Lines, gzipped or not) into
// pages, without their URLs.
func readArticles(name string, src io.Reader, defaultKind string) ([]Page, error) {
	br := bufio.NewReaderSize(src, 1<<16)
	if head, _ := br.Peek(2); bytes.Equal(head, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	var pages []Page
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		date := r.Date
		if date == "" {
			date = r.DateExtracted
		}
		published, err := time.Parse(dateLayout, strings.TrimSpace(date))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: date %q: %w", name, line, date, err)
		}
		// A few corpus records have no title; their pages have none
		// either, as happens on real sites.
		if r.ID == "" || r.Source == "" || strings.TrimSpace(r.Content) == "" {
			return nil, fmt.Errorf("%s:%d: a record needs id, source and content", name, line)
		}
		kind := r.Kind
		if kind == "" {
			kind = defaultKind
		}
		if !knownKind(kind) {
			return nil, fmt.Errorf("%s:%d: unknown kind %q", name, line, kind)
		}
		pages = append(pages, Page{
			Outlet: r.Source, Kind: kind, ID: r.ID, Title: strings.TrimSpace(r.Title),
			Body: strings.TrimSpace(r.Content), Published: published.UTC(),
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return pages, nil
}

// loadPages returns the builtin pages or those of the corpora.
func loadPages(corpora []string) ([]Page, error) {
	if len(corpora) == 0 {
		return readArticles("builtin articles.jsonl", bytes.NewReader(builtinArticles), "")
	}
	var all []Page
	for _, path := range corpora {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		pages, err := readArticles(path, f, KindOK)
		f.Close()
		if err != nil {
			return nil, err
		}
		all = append(all, pages...)
	}
	return all, nil
}
