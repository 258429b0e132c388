package read

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Byte order marks, as they start a file.
const (
	utf8BOM    = "\xEF\xBB\xBF"
	utf16LEBOM = "\xFF\xFE"
	utf16BEBOM = "\xFE\xFF"
)

// Why a file's bytes are not text. They are the reasons users see after
// PATH:LINE, so they say what is wrong with the file, not with the code.
var (
	errEmpty      = errors.New("empty file")
	errBlank      = errors.New("empty file (only white space)")
	errNoEncoding = errors.New("not valid text in any supported encoding (UTF-8, UTF-16 with a byte order mark, Arabic Windows-1256)")
	errOddUTF16   = errors.New("not valid UTF-16: odd number of bytes")
)

// decodeText decodes a plain-text file to UTF-8: UTF-8 with or without a
// byte order mark, UTF-16 with one, or else Windows-1256 when the bytes are
// not UTF-8 and read as Arabic in it.
func decodeText(b []byte) (string, error) {
	if len(b) == 0 {
		return "", errEmpty
	}
	text, err := decodeBOM(b)
	if err == nil && text == nil {
		if err = checkBinary(b); err == nil {
			text, err = decodeUnmarked(b, nil, false)
		}
	}
	if err != nil {
		return "", err
	}
	return checkText(text)
}

// decodeHTML decodes an HTML page to UTF-8. A byte order mark decides
// first; then header, the charset of the HTTP Content-Type when there is
// one (nil for a file), else the charset the page declares in a <meta>
// tag, unless the declaration is plainly wrong (a page declared windows-1256 whose bytes
// are valid multi-byte UTF-8 is UTF-8; one declared UTF-8 whose bytes are
// not is detected as for text); then detection as for text. The page's
// declaration is rewritten to say utf-8, which it now is.
func decodeHTML(b []byte, header *charset) (string, error) {
	if len(b) == 0 {
		return "", errEmpty
	}
	text, err := decodeBOM(b)
	if err == nil && text == nil {
		if err = checkBinary(b); err == nil {
			declared := header
			if declared == nil {
				declared = declaredCharset(b)
			}
			text, err = decodeUnmarked(b, declared, true)
		}
	}
	if err != nil {
		return "", err
	}
	return checkText(relabelUTF8(text))
}

// decodeBOM decodes b when it starts with a byte order mark; it returns
// nil text and no error when there is none.
func decodeBOM(b []byte) ([]byte, error) {
	var e encoding.Encoding
	switch {
	case bytes.HasPrefix(b, []byte(utf8BOM)):
		b = b[len(utf8BOM):]
		if !utf8.Valid(b) {
			return nil, fmt.Errorf("not valid UTF-8 after a UTF-8 byte order mark (at byte %d)", len(utf8BOM)+invalidUTF8At(b))
		}
		return b, checkBinary(b)
	case bytes.HasPrefix(b, []byte(utf16LEBOM)):
		e = xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM)
	case bytes.HasPrefix(b, []byte(utf16BEBOM)):
		e = xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM)
	default:
		return nil, nil
	}
	if len(b)%2 != 0 {
		return nil, errOddUTF16
	}
	// The decoder drops the mark and writes U+FFFD for unpaired surrogates,
	// so its output is always valid UTF-8.
	text, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("not valid UTF-16: %w", err)
	}
	if bytes.IndexByte(text, 0) >= 0 || controlShare(text) {
		return nil, errors.New("binary file (control characters in UTF-16), not text")
	}
	return text, nil
}

// decodeUnmarked decodes bytes that have no byte order mark, honouring the
// declared charset when there is one (nil when none) and it fits. isHTML
// says to judge how Arabic the text is by what lies outside the markup.
func decodeUnmarked(b []byte, declared *charset, isHTML bool) ([]byte, error) {
	if utf8.Valid(b) {
		// Multi-byte UTF-8 that is also valid in a declared single-byte
		// encoding is almost always UTF-8 under a wrong declaration; and
		// ASCII reads the same in every encoding we accept.
		return b, nil
	}
	plausible := func(text []byte) bool {
		if isHTML {
			text = visibleText(text)
		}
		return plausiblyArabic(text)
	}
	// A declared legacy encoding is honoured when the bytes fit it (every
	// byte defined, and Arabic when it is an Arabic charset). Windows-1252
	// (what "iso-8859-1" and "us-ascii" mean in HTML) is a server's
	// default more often than a choice, so Arabic bytes under it are
	// read as Windows-1256 first.
	if declared != nil && !declared.readAsUTF8() && declared.name != "windows-1252" {
		text, err := declared.enc.NewDecoder().Bytes(b)
		if err == nil && !bytes.ContainsRune(text, utf8.RuneError) && (!declared.arabic() || plausible(text)) {
			return text, nil
		}
	}
	// No declaration, a false UTF-8 one, or one the bytes do not fit:
	// Windows-1256 is the one legacy encoding we guess, and only when the
	// result reads as Arabic.
	if text, err := charmap.Windows1256.NewDecoder().Bytes(b); err == nil && plausible(text) {
		return text, nil
	}
	if declared != nil && declared.name == "windows-1252" {
		if text, err := declared.enc.NewDecoder().Bytes(b); err == nil && !bytes.ContainsRune(text, utf8.RuneError) {
			return text, nil
		}
	}
	return nil, errNoEncoding
}

// visibleText returns what an HTML page shows: the page without its tags,
// comments, scripts and styles, whose ASCII names would otherwise
// outnumber the letters of a short Arabic article.
func visibleText(page []byte) []byte {
	var out []byte
	for len(page) > 0 {
		i := bytes.IndexByte(page, '<')
		if i < 0 {
			return append(out, page...)
		}
		out = append(out, page[:i]...)
		out = append(out, ' ')
		page = page[i:]
		closing := ">"
		switch {
		case hasPrefixFold(page, "<!--"):
			closing = "-->"
		case hasPrefixFold(page, "<script"):
			closing = "</script>"
		case hasPrefixFold(page, "<style"):
			closing = "</style>"
		}
		end := indexFold(page, closing)
		if end < 0 {
			return out
		}
		page = page[end+len(closing):]
	}
	return out
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// indexFold is bytes.Index ignoring ASCII case, for short ASCII needles.
func indexFold(b []byte, needle string) int {
	for i := 0; i+len(needle) <= len(b); i++ {
		if bytes.EqualFold(b[i:i+len(needle)], []byte(needle)) {
			return i
		}
	}
	return -1
}

// checkText rejects text that is empty once white space is set aside.
func checkText(text []byte) (string, error) {
	if len(bytes.TrimFunc(text, unicode.IsSpace)) == 0 {
		if len(text) == 0 {
			return "", errEmpty
		}
		return "", errBlank
	}
	return string(text), nil
}

// binarySignatures name common binary formats by their first bytes, so
// that a renamed file gets a helpful message.
var binarySignatures = []struct{ magic, name string }{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xFF\xD8\xFF", "a JPEG image"},
	{"GIF8", "a GIF image"},
	{"%PDF-", "a PDF document"},
	{"PK\x03\x04", "a zip archive"},
	{"\x1F\x8B", "gzip-compressed"},
	{"\x7FELF", "an executable"},
}

// checkBinary reports a file that is not text at all: one with NUL bytes
// (which text in any 8-bit encoding never has) or mostly control bytes.
func checkBinary(b []byte) error {
	for _, s := range binarySignatures {
		if bytes.HasPrefix(b, []byte(s.magic)) {
			return fmt.Errorf("binary file (%s), not text", s.name)
		}
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return errors.New("binary file (NUL bytes), not text")
	}
	if controlShare(b) {
		return errors.New("binary file (mostly control bytes), not text")
	}
	return nil
}

// controlShare reports whether more than one byte in twenty is an ASCII
// control other than the white-space ones; real text has next to none.
func controlShare(b []byte) bool {
	n := 0
	for _, c := range b {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F {
			n++
		}
	}
	return n*20 > len(b)
}

// plausiblyArabic reports whether text, decoded with a guessed encoding,
// reads as Arabic: at least half its letters are Arabic. Latin-1 or other
// 8-bit text pushed through Windows-1256 fails this, as its letters are
// mostly ASCII.
func plausiblyArabic(text []byte) bool {
	letters, arabic := 0, 0
	for _, r := range string(text) {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.Is(unicode.Arabic, r) {
			arabic++
		}
	}
	return arabic > 0 && arabic*2 >= letters
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// invalidUTF8At returns the offset of the first byte of b that is not
// part of valid UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// charset is an encoding a page declares, with its WHATWG name.
type charset struct {
	enc  encoding.Encoding
	name string // "utf-8", "windows-1256", "iso-8859-6", "windows-1252", …
}

// readAsUTF8 reports whether a declaration means UTF-8 for our purposes: a
// page that declares UTF-16 but has no byte order mark cannot really be
// UTF-16, since its declaration was readable as ASCII (the HTML standard
// makes the same rule).
func (c *charset) readAsUTF8() bool {
	return c.name == "utf-8" || strings.HasPrefix(c.name, "utf-16")
}

func (c *charset) arabic() bool { return c.name == "windows-1256" || c.name == "iso-8859-6" }

// declaredScan is how far into a page we look for its charset. The HTML
// standard says 1024 bytes, but real pages often put long scripts and
// styles before their <meta>.
const declaredScan = 16 << 10

// declaredCharset returns the encoding the page declares in a
// <meta charset> or <meta http-equiv="Content-Type" content="…; charset=…">
// tag near its start, or nil when there is none or it is unknown.
func declaredCharset(b []byte) *charset {
	label, _ := findCharset(b)
	if label == "" {
		return nil
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return nil
	}
	name, _ := htmlindex.Name(e)
	return &charset{enc: e, name: name}
}

// findCharset returns the charset label the page declares, lower-cased,
// and its byte offset; "" when there is none.
func findCharset(b []byte) (label string, at int) {
	head := asciiLower(b[:min(len(b), declaredScan)])
	for pos := 0; ; {
		i := bytes.Index(head[pos:], []byte("<meta"))
		if i < 0 {
			return "", 0
		}
		pos += i + len("<meta")
		end := bytes.IndexByte(head[pos:], '>')
		if end < 0 {
			return "", 0
		}
		if label, at := charsetIn(head[pos : pos+end]); label != "" {
			return label, pos + at
		}
		pos += end
	}
}

// charsetIn returns the value after "charset=" in the attributes of a
// meta tag, whether it is the charset attribute itself or part of a
// content attribute, and its offset in attrs.
func charsetIn(attrs []byte) (string, int) {
	for pos := 0; ; {
		i := bytes.Index(attrs[pos:], []byte("charset"))
		if i < 0 {
			return "", 0
		}
		pos += i + len("charset")
		for pos < len(attrs) && isSpace(attrs[pos]) {
			pos++
		}
		if pos >= len(attrs) || attrs[pos] != '=' {
			continue
		}
		pos++
		for pos < len(attrs) && (isSpace(attrs[pos]) || attrs[pos] == '"' || attrs[pos] == '\'') {
			pos++
		}
		end := pos
		for end < len(attrs) && isLabelByte(attrs[end]) {
			end++
		}
		if end > pos {
			return string(attrs[pos:end]), pos
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' }

func isLabelByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':'
}

// asciiLower lower-cases ASCII letters only, so offsets stay as they were.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// relabelUTF8 rewrites the charset a decoded page declares to "utf-8", so
// that a later parser that honours the declaration does not decode the
// page a second time.
func relabelUTF8(page []byte) []byte {
	label, at := findCharset(page)
	if label == "" || label == "utf-8" {
		return page
	}
	out := make([]byte, 0, len(page))
	out = append(out, page[:at]...)
	out = append(out, "utf-8"...)
	return append(out, page[at+len(label):]...)
}
