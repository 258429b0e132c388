package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

// Kinds of error in the JSON envelope, each with its status.
const (
	kindBadRequest   = "bad_request"
	kindNotFound     = "not_found"
	kindUnauthorized = "unauthorized"
	kindTooLarge     = "too_large"
	kindTimeout      = "timeout"
	kindInternal     = "internal"
	kindMethod       = "method_not_allowed"
)

// apiError is an error with the kind and status the client sees.
type apiError struct {
	status  int
	kind    string
	message string
}

func (e *apiError) Error() string { return e.message }

func badRequest(format string, args ...any) error {
	return &apiError{http.StatusBadRequest, kindBadRequest, fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &apiError{http.StatusNotFound, kindNotFound, fmt.Sprintf(format, args...)}
}

// classify turns any error a handler returns into what the client sees;
// internal errors are not described to it (they are logged).
func classify(err error) *apiError {
	var ae *apiError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &tooLarge):
		return &apiError{http.StatusRequestEntityTooLarge, kindTooLarge, fmt.Sprintf("the request body is larger than %d bytes", tooLarge.Limit)}
	case errors.Is(err, context.DeadlineExceeded):
		return &apiError{http.StatusServiceUnavailable, kindTimeout, "the request took too long"}
	case errors.Is(err, store.ErrNotFound):
		return &apiError{http.StatusNotFound, kindNotFound, err.Error()}
	case errors.Is(err, search.ErrBadQuery):
		return &apiError{http.StatusBadRequest, kindBadRequest, err.Error()}
	}
	return &apiError{http.StatusInternalServerError, kindInternal, "internal error"}
}
