package study

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/org"
	"lamtheobac/internal/task"
	"lamtheobac/internal/vntime"
)

// HoldSession is the task of a cell that has held no study session yet this quarter (the plan
// asks for at least one a quarter); its resource is the cell, due on the quarter's last day.
const HoldSession task.Kind = "hold_study_session"

// TaskStore finds the units that still owe the quarter's session.
type TaskStore interface {
	// UnitsWithoutSession returns those of units that hold study sessions (cells), are not
	// archived and have no session held from..to (civil dates), at most limit.
	UnitsWithoutSession(ctx context.Context, units []uuid.UUID, from, to time.Time, limit int) ([]org.Ref, error)
}

// Tasks is the study's share of /me/tasks: the sessions secretaries must hold this quarter.
type Tasks struct {
	store TaskStore
	now   func() time.Time
}

// NewTasks returns the task source over st, whose quarter follows now.
func NewTasks(st TaskStore, now func() time.Time) *Tasks { return &Tasks{store: st, now: now} }

// Pending lists the cells where p holds ManageStudy at the cell itself (an administrator may
// schedule anywhere, but no cell's session waits on it) that have held no session this quarter.
func (t *Tasks) Pending(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	own := task.HeldAt(p, access.ManageStudy)
	if len(own.IDs) == 0 {
		return nil, nil
	}
	today := vntime.Date(t.now())
	q := QuarterOf(today)
	from := quarterStart(today.Year(), q)
	to := from.AddDate(0, 3, -1)
	units, err := t.store.UnitsWithoutSession(ctx, own.IDs, from, to, limit)
	if err != nil {
		return nil, err
	}
	out := make([]task.Task, len(units))
	for i, u := range units {
		due := to
		out[i] = task.Task{Kind: HoldSession, Title: "Sinh hoạt chuyên đề quý " + strconv.Itoa(q) + "/" + strconv.Itoa(today.Year()),
			ResourceID: u.ID, Unit: u, DueOn: &due}
	}
	return out, nil
}
