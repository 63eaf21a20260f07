// Package audit defines the append-only audit event. Domain services record one inside the
// transaction of every change, so the trail and the data can never disagree.
package audit

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Event is one change: who did what to which resource, with the state before and after.
type Event struct {
	ID           uuid.UUID
	OccurredAt   time.Time
	ActorID      *uuid.UUID
	ActorKind    string
	ActorName    string
	Action       string // "<resource>.<verb>", e.g. "unit.create"
	ResourceType string
	ResourceID   *uuid.UUID
	UnitID       *uuid.UUID
	UnitPath     string
	BlocID       *uuid.UUID
	Before       any // marshalled to JSON; nil when created
	After        any // marshalled to JSON; nil when deleted
	RequestID    string
	ImportID     *uuid.UUID // the import job that wrote the record, for imported records
}

// Recorder writes events; the store's implementation writes into the transaction in ctx.
type Recorder interface {
	Record(ctx context.Context, e Event) error
}

type requestIDKey struct{}

// WithRequestID returns ctx carrying the request id that events recorded under it will name.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id carried by ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// Filter selects the events of a subtree for reading, newest first.
type Filter struct {
	UnitPath   string
	Action     string
	ResourceID *uuid.UUID
	Limit      int
	Cursor     string
}
