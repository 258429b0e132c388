package read

import (
	"mime"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
)

// Page decodes a fetched page as Articles decodes an .html file, with one
// more witness of its encoding: after a byte order mark, the charset of
// contentType (the HTTP Content-Type header) decides, else the page's own
// <meta> declaration, else UTF-8 or Windows-1256 detection; a declaration
// the bytes plainly contradict is overruled as for files. A page served
// as text/plain is decoded as a text file instead and sets Text.
//
// The article has Path = name (usually the page's URL), Line 1, and URL =
// name when name is an http(s) URL. A page that cannot be decoded is a
// *Error naming it.
func Page(name string, body []byte, contentType string) (*Article, error) {
	a := &Article{Path: name, Line: 1}
	if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
		a.URL = name
	}
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		mediaType, params = "", nil
	}
	var decodeErr error
	if mediaType == "text/plain" {
		a.Text, decodeErr = decodeText(body)
	} else {
		a.HTML, decodeErr = decodeHTML(body, headerCharset(params["charset"]))
	}
	if decodeErr != nil {
		return nil, &Error{Path: name, Line: 1, Reason: decodeErr.Error()}
	}
	return a, nil
}

// headerCharset is the encoding a Content-Type charset parameter names,
// or nil when it names none we know.
func headerCharset(label string) *charset {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
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
