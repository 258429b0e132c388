// Package ner finds named entities (PER, ORG, LOC, MISC) in Arabic text
// with a linear sequence tagger trained and run in pure Go: hashed
// lexical, affix, word-cluster, gazetteer and document-level features, an
// averaged structured perceptron, and Viterbi decoding. README.md
// describes the features and the commands that rebuild the model.
package ner
