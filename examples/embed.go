// Package examples holds the example articles of the README and of
// rasad demo (.txt, .html and .jsonl), embedded so that the binary can
// show the product without any file beside it.
package examples

import (
	"embed"
	"io/fs"
)

//go:embed *.txt *.html *.jsonl
var files embed.FS

// FS returns the example articles.
func FS() fs.FS { return files }
