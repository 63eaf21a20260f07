package standard

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/org"
	"lamtheobac/internal/task"
	"lamtheobac/internal/vntime"
)

// TaskStore finds the standards open for comment at some units.
type TaskStore interface {
	// OpenConsultations returns the standards of units in consultation whose closing date is not
	// before today (or that have none), soonest closing first, at most limit (Kind unset; DueOn
	// the closing date).
	OpenConsultations(ctx context.Context, units []uuid.UUID, today time.Time, limit int) ([]task.Task, error)
}

// Tasks is the standards' share of /me/tasks: consultations the caller may comment on (issue
// #17: a member whose allowed_actions hold "comment" had nothing to do).
type Tasks struct {
	store TaskStore
	now   func() time.Time
}

// NewTasks returns the task source over st at the clock now.
func NewTasks(st TaskStore, now func() time.Time) *Tasks { return &Tasks{store: st, now: now} }

// Pending lists the open consultations of the caller's own units and of the units above them:
// the standards its members are asked to comment on (Hướng dẫn 14-QĐ/ĐU §II.1.2). Officers are
// not asked to comment on every cell below them, nor administrators on every unit; portal
// clients never comment.
func (t *Tasks) Pending(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	var units []uuid.UUID
	seen := map[uuid.UUID]bool{}
	for _, a := range p.Roles {
		if a.Role == access.Portal || a.UnitPath == "" {
			continue
		}
		for _, id := range org.PathIDs(a.UnitPath) {
			if !seen[id] {
				seen[id] = true
				units = append(units, id)
			}
		}
	}
	if len(units) == 0 {
		return nil, nil
	}
	ts, err := t.store.OpenConsultations(ctx, units, vntime.Date(t.now()), limit)
	for i := range ts {
		ts[i].Kind = task.CommentStandard
	}
	return ts, err
}
