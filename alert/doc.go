// Package alert keeps saved searches in the database and fires them when
// newly stored documents match: each match is recorded once, under a
// unique key, and delivered from a durable outbox as a JSON line to a
// file or standard output, or as a signed POST to a webhook.
package alert
