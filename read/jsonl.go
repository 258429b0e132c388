package read

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineBuffer is the read buffer for JSON Lines; longer lines are read in
// pieces of this size.
const lineBuffer = 64 << 10

// jsonlGzip reads a gzip-compressed JSON Lines file. A corrupt or
// truncated stream is reported at the line where it broke and ends the
// file; the records before it are kept.
func (r *reader) jsonlGzip(p string, src io.Reader) error {
	zr, err := gzip.NewReader(bufio.NewReaderSize(src, lineBuffer))
	if err != nil {
		if reason, ok := gzipReason(err); ok {
			return r.skip(p, 1, "%s", reason)
		}
		return fmt.Errorf("reading %s: %w", p, err)
	}
	defer zr.Close()
	return r.jsonl(p, zr)
}

// gzipReason says what is wrong with a gzip stream, when err is about the
// stream rather than about reading the file.
func gzipReason(err error) (string, bool) {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.EOF):
		return "not a gzip file (empty)", true
	case errors.Is(err, gzip.ErrHeader):
		return "not a gzip file (bad header)", true
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "truncated gzip file (unexpected end of data)", true
	case errors.Is(err, gzip.ErrChecksum):
		return "corrupt gzip file (checksum mismatch)", true
	case errors.As(err, &corrupt):
		return fmt.Sprintf("corrupt gzip file (bad data at compressed byte %d)", int64(corrupt)), true
	}
	return "", false
}

// jsonl reads JSON Lines from src one line at a time, yielding each record
// as it is read. A line over the size limit is skipped without being held
// in memory. When src is a gzip reader, a corrupt stream ends the file.
func (r *reader) jsonl(p string, src io.Reader) error {
	br := bufio.NewReaderSize(src, lineBuffer)
	max := r.opts.MaxBytes
	var buf []byte // the current line; reused, so it never outgrows max
	seenRecord := false
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		buf = buf[:0]
		size, tooLong := int64(0), false
		var readErr error
		for {
			chunk, err := br.ReadSlice('\n')
			size += int64(len(chunk))
			if !tooLong && int64(len(buf)+len(chunk)) > max+2 { // +2: room for "\r\n"
				tooLong, buf = true, buf[:0]
			}
			if !tooLong {
				buf = append(buf, chunk...)
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if err == nil && bytes.HasSuffix(chunk, []byte("\r\n")) {
				size -= 2
			} else if err == nil {
				size--
			}
			readErr = err
			break
		}
		if readErr != nil && !errors.Is(readErr, io.EOF) {
			if reason, ok := gzipReason(readErr); ok {
				return r.skip(p, n, "%s", reason)
			}
			return fmt.Errorf("reading %s: %w", p, readErr)
		}
		line := bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r"))
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte(utf8BOM))
		}
		switch {
		case tooLong || int64(len(line)) > max:
			if err := r.skip(p, n, "line is %s, over the %s limit", formatBytes(size), formatBytes(max)); err != nil {
				return err
			}
		case len(bytes.TrimSpace(line)) == 0:
			// blank lines separate nothing and are skipped silently
		case !seenRecord && isJSONArrayStart(line):
			// A pretty-printed JSON array would otherwise give an error
			// for every line of it.
			return r.skip(p, n, "a JSON array, not JSON Lines (one object a line)")
		default:
			seenRecord = true
			a, reason := parseRecord(line)
			var err error
			if reason != "" {
				err = r.skip(p, n, "%s", reason)
			} else {
				a.Path, a.Line = p, n
				err = r.article(a)
			}
			if err != nil {
				return err
			}
		}
		if readErr != nil { // io.EOF
			return nil
		}
	}
}

// isJSONArrayStart reports whether line opens a JSON array that does not
// close on the same line.
func isJSONArrayStart(line []byte) bool {
	line = bytes.TrimSpace(line)
	return len(line) > 0 && line[0] == '[' && !json.Valid(line)
}

// record is one JSON Lines record. Fields are decoded loosely (numbers
// kept as their text) so that a field of the wrong type gets a message
// naming it. The spec's names come first in each group; the others are
// aliases that common scrapers write, used only when the spec's name is
// absent. encoding/json matches keys regardless of case.
type record struct {
	ID  any `json:"id"`
	URL any `json:"url"`

	Outlet any `json:"outlet"`
	Source any `json:"source"`
	Site   any `json:"site"`

	Title    any `json:"title"`
	Headline any `json:"headline"`

	Published     any `json:"published"`
	Date          any `json:"date"`
	DatePublished any `json:"date_published"`
	PubDate       any `json:"pubDate"`
	PublishedAt   any `json:"publishedAt"`
	// DateExtracted is when a crawler fetched the page; a poorer guess at
	// the publication date than the others, but often the only one
	// (SaudiNewsNet), and better than none for resolving "yesterday".
	DateExtracted any `json:"date_extracted"`

	Text    any `json:"text"`
	Content any `json:"content"`
	Body    any `json:"body"`

	HTML any `json:"html"`
}

// field is one JSON member: its key and decoded value (nil when absent or
// null).
type field struct {
	key   string
	value any
}

// first returns the first field present.
func first(fields ...field) (field, bool) {
	for _, f := range fields {
		if f.value != nil {
			return f, true
		}
	}
	return field{}, false
}

// parseRecord decodes one non-blank line into an article (without its
// path and line), or says why it cannot.
func parseRecord(line []byte) (*Article, string) {
	if !utf8.Valid(line) {
		return nil, fmt.Sprintf("invalid UTF-8 at byte %d", invalidUTF8At(line)+1)
	}
	if start := bytes.TrimLeft(line, " \t"); start[0] != '{' && json.Valid(line) {
		return nil, "not a JSON object but " + jsonKind(start[0])
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var rec record
	if err := dec.Decode(&rec); err != nil {
		return nil, jsonReason(err)
	}
	if rest := bytes.TrimSpace(line[dec.InputOffset():]); len(rest) > 0 {
		return nil, fmt.Sprintf("invalid JSON at byte %d: more data after the object", dec.InputOffset()+1)
	}

	a := &Article{}
	// The spec's fields must hold strings (or numbers, kept as written);
	// an alias of another type is passed over, as it may mean something
	// else in the scraper that wrote it (NewsAPI's "source" is an object).
	meta := []struct {
		dst    *string
		spec   field
		others []field
	}{
		{&a.ID, field{"id", rec.ID}, nil},
		{&a.URL, field{"url", rec.URL}, nil},
		{&a.Outlet, field{"outlet", rec.Outlet}, []field{{"source", rec.Source}, {"site", rec.Site}}},
		{&a.Title, field{"title", rec.Title}, []field{{"headline", rec.Headline}}},
		{&a.Published, field{"published", rec.Published}, []field{
			{"date", rec.Date}, {"date_published", rec.DatePublished}, {"pubDate", rec.PubDate},
			{"publishedAt", rec.PublishedAt}, {"date_extracted", rec.DateExtracted}}},
	}
	for _, m := range meta {
		if m.spec.value != nil {
			s, ok := scalarText(m.spec.value)
			if !ok {
				return nil, fmt.Sprintf("%s is %s, not a string", m.spec.key, valueKind(m.spec.value))
			}
			*m.dst = s
			continue
		}
		for _, f := range m.others {
			if s, ok := scalarText(f.value); ok {
				*m.dst = s
				break
			}
		}
	}

	text, hasText := first(field{"text", rec.Text}, field{"content", rec.Content}, field{"body", rec.Body})
	html, hasHTML := first(field{"html", rec.HTML})
	var body field
	switch {
	case hasText && hasHTML:
		return nil, fmt.Sprintf("record has both %s and %s", text.key, html.key)
	case hasText:
		body = text
	case hasHTML:
		body = html
	default:
		return nil, "record has neither text nor html"
	}
	s, ok := body.value.(string)
	if !ok {
		return nil, fmt.Sprintf("%s is %s, not a string", body.key, valueKind(body.value))
	}
	if strings.TrimFunc(s, unicode.IsSpace) == "" {
		return nil, body.key + " is empty"
	}
	if hasText {
		a.Text = s
	} else {
		a.HTML = s
	}
	return a, ""
}

// scalarText returns a string as is and a number as written.
func scalarText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return string(v), true
	}
	return "", false
}

func valueKind(v any) string {
	switch v.(type) {
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return fmt.Sprintf("a %T", v)
}

// jsonKind names the kind of JSON value that starts with c.
func jsonKind(c byte) string {
	switch {
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	}
	return "a number"
}

// jsonReason turns a decoding error into a short reason, without the
// "json: " prefix and Go type names.
func jsonReason(err error) string {
	var syntax *json.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "invalid JSON: unexpected end of input"
	case errors.As(err, &syntax):
		return fmt.Sprintf("invalid JSON at byte %d: %s", syntax.Offset, syntax.Error())
	}
	return "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: ")
}
