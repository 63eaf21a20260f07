package model

import (
	"context"
	"slices"
	"time"

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

// TaskStore finds the models waiting on a reviewer, oldest registration first (Kind unset), and
// the duties of the units that draft them (DutyStore).
type TaskStore interface {
	PendingModels(ctx context.Context, q PendingQuery) ([]task.Task, error)
	DutyStore
}

// Tasks is the models' share of /me/tasks: what was registered and waits on the caller, the
// evaluations the caller's units owe on their running models and their registration of the
// year.
type Tasks struct {
	store TaskStore
	duty  DutyStore
	now   func() time.Time
}

// NewTasks returns the task source over st, whose periods follow now.
func NewTasks(st TaskStore, now func() time.Time) *Tasks {
	return &Tasks{store: st, duty: st, now: now}
}

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
// Then the duties of the units where p drafts models (see duties).
func (t *Tasks) Pending(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	out, err := t.duties(ctx, p, limit)
	if err != nil {
		return nil, err
	}
	units := task.HeldAt(p, access.ReviewModel)
	if units.None() {
		return out, nil
	}
	ts, err := t.store.PendingModels(ctx, PendingQuery{Statuses: pendingStates(), Below: units, NotRegisteredBy: p.ID, Limit: limit})
	for i := range ts {
		ts[i].Kind = task.ReviewModel
	}
	return append(out, ts...), err
}
