// Package read turns rasad's inputs (text, HTML and JSON Lines files,
// directories of them, standard input) into a stream of raw articles in
// valid UTF-8, reporting each record it cannot read as PATH:LINE: reason.
package read
