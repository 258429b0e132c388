package api

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/read"
)

// postResult is what became of one input record.
type postResult struct {
	Line    int    `json:"line"`
	ID      string `json:"id,omitempty"`
	Outcome string `json:"outcome,omitempty"`
	Error   string `json:"error,omitempty"`
}

// authorize checks the bearer token in constant time. With no token
// configured nothing may be written.
func (s *server) authorize(r *http.Request) error {
	if s.cfg.Token == "" {
		return &apiError{http.StatusForbidden, kindUnauthorized, "this server is read-only: start it with RASAD_TOKEN set to accept writes"}
	}
	// The scheme's name is case-insensitive (RFC 9110).
	scheme, got, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	ok = ok && strings.EqualFold(scheme, "Bearer")
	// Hashing first makes the comparison's time independent of the
	// token's length too.
	want, have := sha256.Sum256([]byte(s.cfg.Token)), sha256.Sum256([]byte(strings.TrimSpace(got)))
	if !ok || subtle.ConstantTimeCompare(want[:], have[:]) != 1 {
		return &apiError{http.StatusUnauthorized, kindUnauthorized, "writes need the header Authorization: Bearer <RASAD_TOKEN>"}
	}
	return nil
}

// postDocuments runs the ingest pipeline over the posted records (one
// JSON object, or JSON Lines of them, in the input form of the spec) and
// stores the documents, all in one transaction.
func (s *server) postDocuments(w http.ResponseWriter, r *http.Request) error {
	if err := s.authorize(r); err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="rasad"`)
		return err
	}
	if s.cfg.Pipeline == nil {
		return &apiError{http.StatusForbidden, kindUnauthorized, "this server does not process articles"}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return badRequest("the body must be a JSON object or JSON Lines of objects (the input form: text or html, and id, url, outlet, title, published)")
	}
	// One object spread over several lines is one record.
	if bytes.IndexByte(body, '\n') >= 0 && json.Valid(body) {
		var compact bytes.Buffer
		if err := json.Compact(&compact, body); err == nil {
			body = compact.Bytes()
		}
	}
	ctx := r.Context()
	articles := read.Articles(ctx, []string{"-"}, read.Options{MaxBytes: s.cfg.MaxBody, Stdin: bytes.NewReader(body)})
	var results []postResult
	var docs []*document.Document
	var at []int // index in results of each doc
	err = s.cfg.Pipeline.Run(ctx, articles, func(res pipeline.Result) error {
		if res.Skipped != nil {
			results = append(results, postResult{Line: res.Skipped.Line, Error: res.Skipped.Reason})
			return nil
		}
		at = append(at, len(results))
		docs = append(docs, res.Doc)
		results = append(results, postResult{Line: lineOf(res.Doc.Source), ID: res.Doc.ID})
		return nil
	})
	if err != nil {
		return err
	}
	if len(docs) > 0 {
		outs, err := s.st.PutBatch(ctx, docs)
		if err != nil {
			return err
		}
		for i, o := range outs {
			results[at[i]].Outcome = o.String()
		}
		s.forget()
	}
	if results == nil {
		results = []postResult{}
	}
	writeJSON(w, http.StatusOK, struct {
		Results []postResult `json:"results"`
	}{results})
	return nil
}

// lineOf reads LINE from a document's source, PATH:LINE.
func lineOf(source string) int {
	i := strings.LastIndexByte(source, ':')
	n, err := strconv.Atoi(source[i+1:])
	if err != nil {
		return 0
	}
	return n
}
