// Package geo resolves the place names of an article to places of the
// knowledge base: it geocodes single names and decides between homonyms
// (طرابلس in Libya or in Lebanon) from the other places the article names.
package geo
