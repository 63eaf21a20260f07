package inspection

import (
	"context"
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/task"
	"lamtheobac/internal/vntime"
)

// OverdueQuery asks for recommendations past their deadline.
type OverdueQuery struct {
	// Statuses are the states the caller acts on.
	Statuses []RecStatus
	// Responsible are the units whose own recommendations are wanted (the answering side)…
	Responsible *task.Units
	// …or Inspecting are the units whose plans' recommendations are wanted (the following side).
	Inspecting *task.Units
	// ConcludedOnly leaves out the recommendations of plans not yet concluded.
	ConcludedOnly bool
	// DueBefore is today: recommendations due before it are overdue.
	DueBefore time.Time
	Limit     int
}

// TaskStore finds overdue recommendations, soonest due first (Kind unset).
type TaskStore interface {
	OverdueRecommendations(ctx context.Context, q OverdueQuery) ([]task.Task, error)
}

// Tasks is the inspections' share of /me/tasks: overdue recommendations, for the responsible
// unit (to answer) and for the inspecting unit (to follow up).
type Tasks struct {
	store TaskStore
	now   func() time.Time
}

// NewTasks returns the task source over st, judging deadlines by now.
func NewTasks(st TaskStore, now func() time.Time) *Tasks { return &Tasks{store: st, now: now} }

// Pending lists the overdue recommendations p must answer (at the units where it holds
// AnswerRecommendation, once their plan is concluded: before, they do not exist for it) and
// those it must follow up (of the plans of the units where it holds ManageInspection, not yet
// closed), each kind in the states RecTable lets it act on.
func (t *Tasks) Pending(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	today := vntime.Date(t.now())
	var out []task.Task
	if own := task.HeldAt(p, access.AnswerRecommendation); !own.None() {
		ts, err := t.store.OverdueRecommendations(ctx, OverdueQuery{Statuses: RecTable.Rules[ActAnswer].From, Responsible: &own,
			ConcludedOnly: true, DueBefore: today, Limit: limit})
		if err != nil {
			return nil, err
		}
		out = appendKind(out, ts, task.AnswerRecommendation)
	}
	if insp := task.HeldAt(p, access.ManageInspection); !insp.None() {
		// Following up is waiting on the inspecting unit until the recommendation is closed:
		// an open one is chased, an answered one is closed or reopened.
		ts, err := t.store.OverdueRecommendations(ctx, OverdueQuery{Statuses: []RecStatus{Open, Answered}, Inspecting: &insp,
			DueBefore: today, Limit: limit})
		if err != nil {
			return nil, err
		}
		out = appendKind(out, ts, task.FollowUpRecommendation)
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
