package model

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/task"
)

// PendingQuery asks for the models waiting on a reviewer.
type PendingQuery struct {
	// Statuses are the states the reviewer acts on.
	Statuses []Status
	// Below are the reviewer's units: the models of the units directly below them (every model
	// when Below.Everywhere).
	Below task.Units
	// NotRegisteredBy leaves out what the reviewer registered itself.
	NotRegisteredBy uuid.UUID
	Limit           int
}

// TaskStore finds the models waiting on a reviewer, oldest registration first (Kind unset).
type TaskStore interface {
	PendingModels(ctx context.Context, q PendingQuery) ([]task.Task, error)
}

// Tasks is the models' share of /me/tasks: what was registered and waits on the caller.
type Tasks struct {
	store TaskStore
}

// NewTasks returns the task source over st.
func NewTasks(st TaskStore) *Tasks { return &Tasks{store: st} }

// reviewActions are the actions of a reviewer: a model in a state they start from waits on one.
func reviewActions() []Action { return []Action{ActApprove, ActReturn} }

// pendingStates are the states in which a model waits on its reviewer.
func pendingStates() []Status {
	var out []Status
	for _, a := range reviewActions() {
		for _, s := range from(a) {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Pending lists the models waiting on p's review: registered by the units directly below those
// where p holds ReviewModel (see reviewer), never by p itself.
func (t *Tasks) Pending(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	units := task.HeldAt(p, access.ReviewModel)
	if units.None() {
		return nil, nil
	}
	ts, err := t.store.PendingModels(ctx, PendingQuery{Statuses: pendingStates(), Below: units, NotRegisteredBy: p.ID, Limit: limit})
	for i := range ts {
		ts[i].Kind = task.ReviewModel
	}
	return ts, err
}
