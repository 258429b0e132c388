// Package quotes finds who said what in an article: direct quotations and
// reported speech, each with its cue word, its content and its speaker
// (name, role, or an anonymous source), all with byte offsets into the text.
//
// Its resources are embedded files an analyst can extend: cues.tsv (verbs
// of saying, participles and source markers such as بحسب) and speakers.tsv
// (titles, ranks, words for anonymous sources, media of speech).
package quotes
