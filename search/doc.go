// Package search answers queries over a store: Arabic-aware words and
// phrases ranked by BM25, filters on events, actors, places, dates and
// outlets, and snippets of the original text with the matches marked.
package search
