// Package shared locates the project's shared corpora (../shared/data
// beside the repository) for tests, benchmarks and training commands.
// Tests that need them skip with the reason when they are absent, and
// fail instead when the CI environment variable is set.
package shared
