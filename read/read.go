package read

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
)

// DefaultMaxBytes is the size limit when Options.MaxBytes is 0: a larger
// .txt or .html file, or a longer JSONL line, is skipped.
const DefaultMaxBytes = 10 << 20

// Options says how to read the inputs.
type Options struct {
	// MaxBytes is the largest article read: a .txt or .html file, standard
	// input read as one text, or one JSONL line (after gunzipping).
	// Larger ones are skipped and reported. 0 means DefaultMaxBytes.
	MaxBytes int64
	// Stdin is read for the path "-".
	Stdin io.Reader
}

// Article is one raw input article, before cleaning.
type Article struct {
	Path string // the file ("-" for standard input)
	Line int    // 1-based line of a JSONL record; 1 for a whole-file article

	ID, URL, Outlet, Title string
	// Published is the publication date as the input gives it; see ParseDate.
	Published string

	// Text is the plain text, valid UTF-8, of a .txt file, of standard
	// input read as text, or of a JSONL "text" record. Whether a text
	// file's first line is its title is for the cleaner to decide.
	Text string
	// HTML is the page decoded to valid UTF-8, for .html and .htm files and
	// JSONL "html" records. Exactly one of Text and HTML is set.
	HTML string
}

// Where returns the article's place in the input as PATH:LINE.
func (a *Article) Where() string { return fmt.Sprintf("%s:%d", a.Path, a.Line) }

// Error is a record that could not be read and was skipped. Line is the
// 1-based line of a JSONL record; it is 1 for anything about a file as a
// whole (a file that does not exist, is binary, empty, too large, or in no
// supported encoding), so that every message has the same PATH:LINE shape.
type Error struct {
	Path   string
	Line   int
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Reason) }

// Articles streams the articles of every path in order: files by their
// kind (.txt, .html, .htm, .jsonl, .jsonl.gz), directories recursively in
// lexical order (ignoring files of other kinds), and "-" for opts.Stdin,
// read as JSON Lines when its first non-space byte is '{' and else as one
// text. A record that cannot be read is yielded as a *Error, and reading
// goes on; any other error (the context ending, a failing disk) is fatal
// and ends the sequence.
//
// Records are read and yielded one at a time, so memory stays flat however
// long a JSONL file is.
func Articles(ctx context.Context, paths []string, opts Options) iter.Seq2[*Article, error] {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	return func(yield func(*Article, error) bool) {
		r := &reader{ctx: ctx, opts: opts, yield: yield}
		for _, p := range paths {
			if err := r.path(p); err != nil {
				if !errors.Is(err, errStopped) {
					yield(nil, err)
				}
				return
			}
		}
	}
}

// errStopped ends reading when the consumer stops ranging over the articles.
var errStopped = errors.New("read: stopped by the caller")

// reader carries one run of Articles.
type reader struct {
	ctx   context.Context
	opts  Options
	yield func(*Article, error) bool
}

func (r *reader) article(a *Article) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if !r.yield(a, nil) {
		return errStopped
	}
	return nil
}

func (r *reader) skip(path string, line int, format string, args ...any) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if !r.yield(nil, &Error{Path: path, Line: line, Reason: fmt.Sprintf(format, args...)}) {
		return errStopped
	}
	return nil
}

// kind is what a file holds, judged by its name.
type kind int

const (
	kindUnknown kind = iota
	kindText
	kindHTML
	kindJSONL
	kindJSONLGzip
)

func kindOf(name string) kind {
	name = strings.ToLower(name)
	switch {
	case strings.HasSuffix(name, ".txt"):
		return kindText
	case strings.HasSuffix(name, ".html"), strings.HasSuffix(name, ".htm"):
		return kindHTML
	case strings.HasSuffix(name, ".jsonl"):
		return kindJSONL
	case strings.HasSuffix(name, ".jsonl.gz"):
		return kindJSONLGzip
	}
	return kindUnknown
}

// path reads one path named by the caller.
func (r *reader) path(p string) error {
	if p == "-" {
		return r.stdin()
	}
	info, err := os.Stat(p)
	if err != nil {
		return r.skip(p, 1, "%s", fileErrorReason(err))
	}
	if info.IsDir() {
		return r.dir(p)
	}
	k := kindOf(p)
	if k == kindUnknown {
		return r.skip(p, 1, "unsupported kind of file (want .txt, .html, .htm, .jsonl or .jsonl.gz)")
	}
	return r.file(p, k)
}

// dir reads every file of a known kind under root, in lexical order.
// Symbolic links to files are followed; links to directories are not, so
// that a loop of links cannot make the walk endless.
func (r *reader) dir(root string) error {
	if info, err := os.Lstat(root); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not follow a link even at the root; a trailing
		// separator makes the system resolve it.
		root += string(filepath.Separator)
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if serr := r.skip(p, 1, "%s", fileErrorReason(err)); serr != nil {
				return serr
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		k := kindOf(d.Name())
		if k == kindUnknown {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if err != nil {
				return r.skip(p, 1, "%s", fileErrorReason(err))
			}
			if info.IsDir() {
				return nil
			}
		}
		return r.file(p, k)
	})
}

// fileErrorReason says briefly why a file could not be opened; the path
// itself is already in the message's PATH:LINE prefix.
func fileErrorReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// file reads one file of a known kind.
func (r *reader) file(p string, k kind) error {
	f, err := os.Open(p)
	if err != nil {
		return r.skip(p, 1, "%s", fileErrorReason(err))
	}
	defer f.Close()
	switch k {
	case kindJSONL:
		return r.jsonl(p, f)
	case kindJSONLGzip:
		return r.jsonlGzip(p, f)
	}
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > r.opts.MaxBytes {
		return r.skip(p, 1, "file is %s, over the %s limit", formatBytes(info.Size()), formatBytes(r.opts.MaxBytes))
	}
	return r.whole(p, f, k)
}

// whole reads src as one article of kind k (text or HTML).
func (r *reader) whole(p string, src io.Reader, k kind) error {
	b, err := io.ReadAll(io.LimitReader(src, r.opts.MaxBytes+1))
	if err != nil {
		return fmt.Errorf("reading %s: %w", p, err)
	}
	if int64(len(b)) > r.opts.MaxBytes {
		// The size is worth stating, so count the rest (standard input
		// has no size to ask for).
		rest, err := io.Copy(io.Discard, src)
		if err != nil {
			return fmt.Errorf("reading %s: %w", p, err)
		}
		return r.skip(p, 1, "file is %s, over the %s limit",
			formatBytes(int64(len(b))+rest), formatBytes(r.opts.MaxBytes))
	}
	a := &Article{Path: p, Line: 1}
	if k == kindHTML {
		a.HTML, err = decodeHTML(b, nil)
	} else {
		a.Text, err = decodeText(b)
	}
	if err != nil {
		return r.skip(p, 1, "%v", err)
	}
	return r.article(a)
}

// stdinSniff is how far into standard input we look for its first
// non-space byte; input blank for longer than that is read as text.
const stdinSniff = 64 << 10

// stdin reads standard input: JSON Lines when the first byte that is not
// white space (or a UTF-8 byte order mark) is '{', else one text.
func (r *reader) stdin() error {
	const p = "-"
	if r.opts.Stdin == nil {
		return errors.New("reading standard input: no standard input given")
	}
	br := bufio.NewReaderSize(r.opts.Stdin, stdinSniff)
	isJSONL := false
	// Look only at what has arrived, asking for one byte more each time
	// round, so that a pipe fed a line at a time is not kept waiting.
	for want := 1; ; want = br.Buffered() + 1 {
		_, err := br.Peek(want)
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("reading standard input: %w", err)
		}
		head, _ := br.Peek(br.Buffered())
		rest := strings.TrimLeft(strings.TrimPrefix(string(head), utf8BOM), " \t\r\n\f\v")
		partialBOM := len(head) < len(utf8BOM) && strings.HasPrefix(utf8BOM, string(head))
		if rest != "" && !partialBOM {
			isJSONL = rest[0] == '{'
			break
		}
		if err != nil || br.Buffered() >= stdinSniff {
			break // all white space, up to the end or as far as we look
		}
	}
	if isJSONL {
		return r.jsonl(p, br)
	}
	return r.whole(p, br, kindText)
}

// formatBytes writes a size for a person: "812 bytes", "2.5 KiB", "10 MiB".
func formatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		if n == 1 {
			return "1 byte"
		}
		return fmt.Sprintf("%d bytes", n)
	}
	v := float64(n)
	suffix := ""
	for _, s := range []string{"KiB", "MiB", "GiB", "TiB"} {
		v /= unit
		suffix = s
		if v < unit {
			break
		}
	}
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + suffix
}
