// Package quotes finds who said what in an article: direct quotations and
// reported speech, each with its cue word, its content and its speaker
// (name, role, or an anonymous source), all with byte offsets into the text.
//
// Its resources are embedded files an analyst can extend: cues.tsv (verbs
// of saying, participles and source markers such as بحسب) and speakers.tsv
// (titles, ranks, words for anonymous sources, media of speech, outlets).
// Both are written by hand; go test ./quotes checks them.
//
// The finder is measured on the quotes of the gold articles of package
// events and on held-out articles (testdata/heldout) with
//
//	go test ./quotes -run 'Gold|HeldOut' -v [-quotes.verbose]
package quotes
