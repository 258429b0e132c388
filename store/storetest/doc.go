// Package storetest is the conformance suite every store backend must
// pass: storing, replacing, Arabic search with filters, the same ranked
// results as every other backend, stories and incidents, and reading while
// another handle writes. A backend's test only supplies a way to make an
// empty database.
package storetest
