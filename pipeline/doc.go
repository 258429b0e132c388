// Package pipeline runs rasad's stages over a stream of articles: each raw
// article is cleaned into a Document, then every stage adds its layer, in
// parallel across articles and with the results delivered in input order.
package pipeline
