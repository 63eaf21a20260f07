package nomination

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/task"
)

// PendingQuery asks for the nominations waiting on a decider.
type PendingQuery struct {
	// Statuses are the states the decider acts on.
	Statuses []Status
	// Holders are the decider's units: the nominations held there (every one when
	// Holders.Everywhere).
	Holders task.Units
	// NotSubmittedBy leaves out what the decider submitted itself.
	NotSubmittedBy uuid.UUID
	Limit          int
}

// TaskStore finds the nominations waiting on a decider, oldest submission first (Kind unset).
type TaskStore interface {
	PendingNominations(ctx context.Context, q PendingQuery) ([]task.Task, error)
}

// Tasks is the nominations' share of /me/tasks: what is held at the caller's units for a decision.
type Tasks struct {
	store TaskStore
}

// NewTasks returns the task source over st.
func NewTasks(st TaskStore) *Tasks { return &Tasks{store: st} }

// decisions are the actions of a decider: a nomination in a state they start from waits on one.
func decisions() []Action { return []Action{ActEndorse, ActReturn, ActReject, ActCommend, ActHonor} }

// pendingStates are the states in which a nomination waits on the unit holding it.
func pendingStates() []Status {
	var out []Status
	for _, a := range decisions() {
		for _, s := range from(a) {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Pending lists the nominations waiting on p's decision: held at the units where p holds
// ReviewNomination (see decider), never submitted by p itself.
func (t *Tasks) Pending(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	units := task.HeldAt(p, access.ReviewNomination)
	if units.None() {
		return nil, nil
	}
	ts, err := t.store.PendingNominations(ctx, PendingQuery{Statuses: pendingStates(), Holders: units, NotSubmittedBy: p.ID, Limit: limit})
	for i := range ts {
		ts[i].Kind = task.ReviewNomination
	}
	return ts, err
}
