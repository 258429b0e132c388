// Package arabic is rasad's Arabic text layer: a normaliser for matching, a
// tokeniser and a sentence splitter that keep exact byte offsets, and a
// clitic segmenter (و+ب+ال+مدينة) that decides from a lexicon of stems
// learned from news text. An Analyzer bundles them for the pipeline.
//
// Its resources are embedded files an analyst can read and edit:
// clitics.txt (the clitics and the weights of the scoring rule),
// unsegmented.txt (words never split, such as الذي and التقى),
// abbreviations.txt (words a full stop does not end a sentence after) and
// lexicon.txt.gz (every form with how often the news corpora show it alone,
// with ال, and after بال or كال). The lexicon is rebuilt from the shared
// corpora with
//
//	go run ./cmd/rasad train lexicon --data ../shared/data --out arabic/lexicon.txt.gz
//
// and the segmenter is measured against hand-segmented words (a tuning
// file and a held-out one written afterwards) with
//
//	go run ./cmd/rasad eval segmenter --gold arabic/testdata/segmentation.tsv
//	go run ./cmd/rasad eval segmenter --gold arabic/testdata/segmentation-heldout.tsv
package arabic
