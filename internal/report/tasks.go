package report

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
)

// Task is something the caller must do next.
type Task struct {
	Kind       string // write_report, review_report, review_model, review_nomination
	Title      string
	ResourceID uuid.UUID
	Unit       org.Ref
	DueOn      *time.Time
}

// TaskScope is where the caller writes reports and what it reviews: what the units directly
// below ReviewUnits submitted (everything for administrators), never its own submissions.
type TaskScope struct {
	Principal   uuid.UUID
	WriteUnits  []uuid.UUID
	ReviewUnits []uuid.UUID
	ReviewAll   bool
}

// TaskStore finds tasks.
type TaskStore interface {
	Tasks(ctx context.Context, scope TaskScope, limit int) ([]Task, error)
}

// maxTasks bounds the list: a frontend shows what comes next, not a backlog report.
const maxTasks = 200

// Tasks lists what the caller must do next, soonest due first: reports to write for the units it
// drafts for, and what waits for its review.
func Tasks(ctx context.Context, st TaskStore) ([]Task, error) {
	p := access.FromContext(ctx)
	if p == nil {
		return nil, apperr.ErrUnauthenticated
	}
	scope := TaskScope{Principal: p.ID}
	for _, a := range p.Roles {
		switch {
		case a.Role == access.Admin:
			scope.ReviewAll = true
		case a.UnitID != uuid.Nil:
			if p.Owns(access.ManageReport, a.UnitPath) {
				scope.WriteUnits = append(scope.WriteUnits, a.UnitID)
			}
			if p.HoldsAt(access.ReviewReport, a.UnitPath) {
				scope.ReviewUnits = append(scope.ReviewUnits, a.UnitID)
			}
		}
	}
	tasks, err := st.Tasks(ctx, scope, maxTasks)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(tasks, func(a, b Task) int {
		switch {
		case a.DueOn == nil && b.DueOn == nil:
			return 0
		case a.DueOn == nil:
			return 1
		case b.DueOn == nil:
			return -1
		}
		return a.DueOn.Compare(*b.DueOn)
	})
	if len(tasks) > maxTasks {
		tasks = tasks[:maxTasks]
	}
	return tasks, nil
}
