package report

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/task"
)

// PendingQuery asks for reports waiting on their writer or on their reviewer.
type PendingQuery struct {
	// Statuses are the states the caller acts on.
	Statuses []Status
	// Of are units whose own reports are wanted (Of.Everywhere is ignored: see Pending).
	Of []uuid.UUID
	// Below are reviewer units: the reports of the units directly below them (every report
	// when Below.Everywhere).
	Below task.Units
	// OpenRoundsOnly leaves out the reports of closed rounds.
	OpenRoundsOnly bool
	// NotSubmittedBy leaves out what the caller submitted itself (uuid.Nil: no such condition).
	NotSubmittedBy uuid.UUID
	Limit          int
}

// TaskStore finds reports, soonest due first (Kind unset).
type TaskStore interface {
	PendingReports(ctx context.Context, q PendingQuery) ([]task.Task, error)
}

// Tasks is the reports' share of /me/tasks: reports to write and reports to review.
type Tasks struct {
	store TaskStore
}

// NewTasks returns the task source over st.
func NewTasks(st TaskStore) *Tasks { return &Tasks{store: st} }

// writing and reviewing are the actions of a report's writer and of its reviewer.
func writing() []Action   { return []Action{ActUpdate, ActSubmit} }
func reviewing() []Action { return []Action{ActAccept, ActReturn} }

// pendingQuery is the states the actions start from, and whether they all need the round open.
func pendingQuery(actions []Action) PendingQuery {
	q := PendingQuery{OpenRoundsOnly: true}
	for _, a := range actions {
		for _, s := range from(a) {
			if !slices.Contains(q.Statuses, s) {
				q.Statuses = append(q.Statuses, s)
			}
		}
		q.OpenRoundsOnly = q.OpenRoundsOnly && openOnly(a)
	}
	return q
}

// Pending lists the reports p must write (at the units of its roles where it holds ManageReport;
// an administrator may write any report, but none waits on it) and then those it must review
// (of the units directly below those where it holds ReviewReport, never its own submissions).
func (t *Tasks) Pending(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	var out []task.Task
	if own := task.HeldAt(p, access.ManageReport); len(own.IDs) > 0 {
		q := pendingQuery(writing())
		q.Of, q.Limit = own.IDs, limit
		ts, err := t.store.PendingReports(ctx, q)
		if err != nil {
			return nil, err
		}
		out = appendKind(out, ts, task.WriteReport)
	}
	if below := task.HeldAt(p, access.ReviewReport); !below.None() {
		q := pendingQuery(reviewing())
		q.Below, q.NotSubmittedBy, q.Limit = below, p.ID, limit
		ts, err := t.store.PendingReports(ctx, q)
		if err != nil {
			return nil, err
		}
		out = appendKind(out, ts, task.ReviewReport)
	}
	return out, nil
}

func appendKind(out, ts []task.Task, k task.Kind) []task.Task {
	for _, t := range ts {
		t.Kind = k
		out = append(out, t)
	}
	return out
}
