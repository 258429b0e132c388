// Package api is rasad's HTTP API (/api/v1/…, JSON, described in
// openapi.yaml): documents, events, incidents, statistics, actors, places,
// exports and a stream of new events over a store, with the filters of
// rasad search, and the dashboard mounted beside it.
package api
