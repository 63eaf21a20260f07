package nomination

import (
	"context"
	"slices"
	"time"

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

// TaskStore finds the nominations waiting on a decider, oldest submission first (Kind unset), and
// the caller's duties (DutyStore).
type TaskStore interface {
	PendingNominations(ctx context.Context, q PendingQuery) ([]task.Task, error)
	DutyStore
}

// Tasks is the nominations' share of /me/tasks: what is held at the caller's units for a
// decision, the honoring rounds its units may still answer, the exemplars it mentors.
type Tasks struct {
	store TaskStore
	duty  DutyStore
	now   func() time.Time
}

// NewTasks returns the task source over st, whose dates follow now.
func NewTasks(st TaskStore, now func() time.Time) *Tasks {
	return &Tasks{store: st, duty: st, now: now}
}

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
// Then the caller's duties (see duties).
func (t *Tasks) Pending(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	out, err := t.duties(ctx, p, limit)
	if err != nil {
		return nil, err
	}
	units := task.HeldAt(p, access.ReviewNomination)
	if units.None() {
		return out, nil
	}
	ts, err := t.store.PendingNominations(ctx, PendingQuery{Statuses: pendingStates(), Holders: units, NotSubmittedBy: p.ID, Limit: limit})
	for i := range ts {
		ts[i].Kind = task.ReviewNomination
	}
	return append(out, ts...), err
}
