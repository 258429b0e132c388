// Package fetch is rasad's polite HTTP client for watching outlets: one
// request at a time per host, robots.txt honoured, conditional requests,
// timeouts and size limits, and every failure classified by its reason.
package fetch
