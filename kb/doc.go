// Package kb is rasad's knowledge base of places: it builds a compact
// index from the shared gazetteers, loads the copy embedded in the
// program, and looks places up by their normalised Arabic (or Latin) name.
//
// The embedded index, places.tsv.gz, is rebuilt from ../shared/data with
//
//	go run ./cmd/rasad kb build --data ../shared/data --out kb
//
// and the licences of its sources are in kb/NOTICE.
package kb
