package ner

import (
	"embed"
	"io/fs"
)

// builtin is the committed model directory, rebuilt with the commands in
// README.md.
//
//go:embed model
var builtin embed.FS

// Load returns the tagger built into rasad.
func Load() (*Tagger, error) {
	sub, err := fs.Sub(builtin, "model")
	if err != nil {
		return nil, err
	}
	return loadFS(sub, "built-in model")
}
