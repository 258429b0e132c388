// Package document defines the Document value that flows through rasad's
// pipeline and its JSON form, the rasad.document/v1 contract described in
// the project's spec: the cleaned text, and byte-offset spans into it for
// sentences, entities, places, events and quotes.
package document
