// Package outlettest plays news outlets on 127.0.0.1 for tests and
// benchmarks of rasad watch: RSS, Atom and RDF feeds and news sitemaps
// whose items are Arabic article pages, a robots.txt, and pages that fail
// in every way a real outlet does, with a log of every request received.
package outlettest
