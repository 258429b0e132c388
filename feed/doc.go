// Package feed parses what outlets publish to announce articles (RSS 2.0,
// Atom and RDF feeds, news sitemaps and sitemap indexes) into one list of
// items with absolute URLs, titles and publication dates.
package feed
