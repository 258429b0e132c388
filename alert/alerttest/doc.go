// Package alerttest is the conformance suite of alert.Storage: the saved
// alerts, the outbox and an Engine firing on invented Arabic articles,
// which every backend that keeps alerts must pass.
package alerttest
