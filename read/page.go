package read

import "errors"

// Page decodes a fetched HTML page like an .html file: the charset named
// in contentType (the Content-Type header) decides, else the page's own
// <meta> declaration, else UTF-8 or Windows-1256 detection. The article
// has HTML set and Path = name (usually the page's URL).
func Page(name string, body []byte, contentType string) (*Article, error) {
	return nil, errors.New("read.Page: not implemented yet")
}
