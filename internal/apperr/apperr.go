// Package apperr is the application's small error model: every error a domain package returns
// to a caller carries a Kind, a stable machine code and, for validation, per-field messages.
// Only internal/httpapi/errors.go turns a Kind into an HTTP status.
package apperr

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

// The kinds of application errors.
const (
	Internal             Kind = iota // a bug or an outage; never shown in detail
	Invalid                          // the input is malformed (schema-level)
	Unprocessable                    // well-formed input that breaks a business rule
	Unauthenticated                  // no or bad credentials
	Forbidden                        // readable, but not permitted
	NotFound                         // does not exist or is outside the caller's read scope
	Conflict                         // conflicts with current state (duplicates, transitions)
	PreconditionFailed               // a stale If-Match
	Locked                           // the account is locked for a while
	RateLimited                      // too many attempts; try later
	Unavailable                      // a dependency is down
	TooLarge                         // the request or an uploaded file is over a size limit
	UnsupportedMediaType             // the request body is of a media type the operation does not take
)

// FieldError names one invalid field by JSON pointer.
type FieldError struct {
	Field   string // JSON pointer, e.g. "/name"
	Message string
}

// Error is an application error.
type Error struct {
	Kind       Kind
	Code       string        // stable, e.g. "duplicate_code", "invalid_transition"
	Message    string        // safe to show to the caller
	Fields     []FieldError  // for Invalid and Unprocessable
	RetryAfter time.Duration // for Locked and RateLimited
	Err        error         // the cause, for logs only
}

// Error describes the error for logs; callers are shown Message only.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error of the given kind, code and message.
func New(kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// Fields returns an Unprocessable error listing invalid fields.
func Fields(code, message string, fields ...FieldError) *Error {
	return &Error{Kind: Unprocessable, Code: code, Message: message, Fields: fields}
}

// ErrNotFound is the answer for anything that does not exist for the caller.
var ErrNotFound = New(NotFound, "not_found", "The resource does not exist.")

// ErrForbidden is the answer for readable resources the caller may not change.
var ErrForbidden = New(Forbidden, "forbidden", "You are not permitted to do this.")

// ErrStale is the answer for a write whose If-Match does not match the current version.
var ErrStale = New(PreconditionFailed, "stale_version", "The resource has changed since you read it; reload and retry.")

// ErrUnauthenticated is the answer for a missing or invalid token.
var ErrUnauthenticated = New(Unauthenticated, "unauthenticated", "A valid access token is required.")

// InvalidTransition is the 409 for a workflow action not allowed from the current state.
func InvalidTransition(from, action string) *Error {
	return New(Conflict, "invalid_transition", fmt.Sprintf("Cannot %s from state %q.", action, from))
}

// KindOf returns the Kind of err, Internal for errors that are not *Error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// As returns the *Error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
