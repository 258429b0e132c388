// Package ner finds named entities (PER, ORG, LOC, MISC) in Arabic text with
// a linear sequence tagger trained and run in pure Go: hashed lexical,
// affix, word-cluster and gazetteer features, an averaged structured
// perceptron, and Viterbi decoding.
package ner
