// Package kb is rasad's knowledge base of places: it builds a compact
// index from the shared gazetteers, loads the copy embedded in the
// program, and looks places up by their normalised Arabic (or Latin) name.
// Hand-written tables complete the gazetteers: kb/towns/*.tsv (towns and
// villages of the region's conflicts, one file a country or area) and
// kb/extra-places.tsv (regions, sites, spellings, division centres).
//
// The embedded index, places.tsv.gz, is rebuilt from ../shared/data with
//
//	go run ./cmd/rasad kb build --data ../shared/data --out kb
//
// and the licences of its sources are in kb/NOTICE.
package kb
