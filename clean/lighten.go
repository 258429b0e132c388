package clean

import "strings"

// maxAttrValue is the longest attribute value lighten keeps in the
// attributes that never hold what the cleaner reads (see heavyAttr).
const maxAttrValue = 2048

// lighten returns the page without what costs the HTML parser time and
// that nothing after it reads: runs of white space between two tags
// become one character (a line break when the run holds one, since a
// line break in text separates lines), and very long values of
// attributes that are never shown (ASP.NET's __VIEWSTATE, 100 KB in a
// hidden input; inline data: images; data-* blobs) are emptied. Text,
// comments, and the content of script, style, pre, textarea and the
// other raw-text elements are copied as they are. On a modern news page
// this is a quarter of the bytes and of the parsing time. Event
// handlers and images' sources and alternative text go whole (see
// unreadAttr); the text the
// page shows is the same (TestLightenKeepsText, FuzzLighten).
func lighten(page string) string {
	var b strings.Builder
	b.Grow(len(page))
	for i := 0; i < len(page); {
		lt := strings.IndexByte(page[i:], '<')
		if lt < 0 {
			b.WriteString(page[i:])
			break
		}
		writeText(&b, page[i:i+lt])
		i += lt
		rest := page[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				b.WriteString(rest)
				return b.String()
			}
			b.WriteString(rest[:4+end+3])
			i += 4 + end + 3
		case len(rest) > 1 && isASCIILetter(rest[1]), len(rest) > 2 && rest[1] == '/' && isASCIILetter(rest[2]):
			n, name, ok := writeTag(&b, rest)
			if !ok {
				b.WriteString(rest)
				return b.String()
			}
			i += n
			if rest[1] != '/' && rawTextElement(name) {
				// Copied to its end tag unchanged (the tokenizer reads
				// no tags inside it).
				end := indexFold(page[i:], "</"+name)
				if end < 0 {
					b.WriteString(page[i:])
					return b.String()
				}
				b.WriteString(page[i : i+end])
				i += end
			}
		default:
			b.WriteByte('<')
			i++
		}
	}
	return b.String()
}

// writeText writes the text between two tags, a run of white space as one
// character.
func writeText(b *strings.Builder, text string) {
	if len(text) < 2 || !allTagSpace(text) {
		b.WriteString(text)
		return
	}
	if strings.ContainsAny(text, "\n\r\f") {
		b.WriteByte('\n')
	} else {
		b.WriteByte(' ')
	}
}

// writeTag copies the start or end tag at the beginning of s, emptying
// heavy attribute values, and returns its length in s and its lower-case
// name; ok is false when s ends inside the tag.
func writeTag(b *strings.Builder, s string) (n int, name string, ok bool) {
	j := 1
	if s[1] == '/' {
		j = 2
	}
	nameStart := j
	for j < len(s) && !isTagSpace(s[j]) && s[j] != '/' && s[j] != '>' {
		j++
	}
	name = strings.ToLower(s[nameStart:j])
	start := 0 // s[start:j] is yet to be written
	for {
		for j < len(s) && (isTagSpace(s[j]) || s[j] == '/') {
			j++
		}
		if j >= len(s) {
			return 0, "", false
		}
		if s[j] == '>' {
			b.WriteString(s[start : j+1])
			return j + 1, name, true
		}
		// An attribute: its name, then '=' and a value, perhaps.
		k := j
		for j < len(s) && !isTagSpace(s[j]) && s[j] != '/' && s[j] != '>' && (s[j] != '=' || j == k) {
			j++
		}
		attr := s[k:j]
		for j < len(s) && isTagSpace(s[j]) {
			j++
		}
		if j >= len(s) || s[j] != '=' {
			continue
		}
		j++
		for j < len(s) && isTagSpace(s[j]) {
			j++
		}
		if j >= len(s) {
			return 0, "", false
		}
		var vstart, vend int
		if q := s[j]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[j+1:], q)
			if end < 0 {
				return 0, "", false
			}
			vstart, vend = j+1, j+1+end
			j = vend + 1
		} else {
			vstart = j
			for j < len(s) && !isTagSpace(s[j]) && s[j] != '>' {
				j++
			}
			vend = j
		}
		if unreadAttr(name, attr) {
			b.WriteString(s[start:k])
			start = j
		} else if vend-vstart > maxAttrValue && heavyAttr(attr, s[vstart:vend]) {
			b.WriteString(s[start:vstart])
			start = vend
		}
	}
}

// heavyAttr reports whether an attribute's value is never read by the
// cleaner: form values, data-* attributes and data: URLs. Others (style,
// class, hidden, content of <meta>) may decide what is shown or hold
// metadata, and are kept whatever their length.
func heavyAttr(name, value string) bool {
	name = strings.ToLower(name)
	return name == "value" || strings.HasPrefix(name, "data-") || strings.HasPrefix(value, "data:")
}

// unreadAttr reports whether an attribute is dropped whatever its value:
// event handlers, and the sources and alternative text of images, which
// the cleaner never shows (an image is not text). A modern page has
// hundreds of them, each an allocation for the parser.
func unreadAttr(tag, name string) bool {
	name = strings.ToLower(name)
	if len(name) > 2 && strings.HasPrefix(name, "on") {
		return true
	}
	switch tag {
	case "img", "source", "picture":
		switch name {
		case "src", "srcset", "sizes", "alt", "loading", "decoding", "fetchpriority":
			return true
		}
	}
	return false
}

// rawTextElement reports whether the tokenizer reads an element's content
// as text up to its end tag; pre is added, where white space is the text.
func rawTextElement(name string) bool {
	switch name {
	case "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext", "pre", "listing":
		return true
	}
	return false
}

// allTagSpace reports whether s is only white space.
func allTagSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isTagSpace(s[i]) {
			return false
		}
	}
	return true
}

func isTagSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// indexFold is strings.Index for an ASCII lower-case sub, ignoring the case
// of s.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); {
		j := strings.IndexByte(s[i:], sub[0])
		if j < 0 {
			return -1
		}
		i += j
		if i+len(sub) <= len(s) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
		i++
	}
	return -1
}
