// Package arabic is rasad's Arabic text layer: a normaliser for matching, a
// tokeniser and a sentence splitter that keep exact byte offsets, and a
// clitic segmenter (و+ب+ال+مدينة) that decides from a lexicon of stems
// learned from news text. An Analyzer bundles them for the pipeline.
//
// The embedded lexicon, lexicon.txt.gz, is rebuilt from the shared news
// corpora with
//
//	go run ./cmd/rasad train lexicon --data ../shared/data --out arabic/lexicon.txt.gz
//
// and the segmenter is measured against hand-written gold files with
//
//	go run ./cmd/rasad eval segmenter --gold arabic/testdata/segmentation.tsv
package arabic
