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

// WriteReflection is the task of a member who has not written their reflection on a session
// of their unit held this quarter; its resource is the session, due on the quarter's last day.
const WriteReflection task.Kind = "write_reflection"

// TaskStore finds the units that still owe the quarter's session.
type TaskStore interface {
	// UnitsWithoutSession returns those of units that hold study sessions (cells), are not
	// archived and have no session held from..to (civil dates), at most limit.
	UnitsWithoutSession(ctx context.Context, units []uuid.UUID, from, to time.Time, limit int) ([]org.Ref, error)
	// ReflectionsToWrite returns the sessions of units held from..to on which the member
	// profile linked to userID has written no reflection, oldest first, at most limit.
	ReflectionsToWrite(ctx context.Context, userID uuid.UUID, units []uuid.UUID, from, to time.Time, limit int) ([]Session, error)
}

// Tasks is the study's share of /me/tasks: the sessions secretaries must hold this quarter and
// the reflections members owe on the sessions held.
type Tasks struct {
	store TaskStore
	now   func() time.Time
}

// NewTasks returns the task source over st, whose quarter follows now.
func NewTasks(st TaskStore, now func() time.Time) *Tasks { return &Tasks{store: st, now: now} }

// Pending lists the cells where p holds ManageStudy at the cell itself (an administrator may
// schedule anywhere, but no cell's session waits on it) that have held no session this quarter,
// then the sessions held this quarter at the units where p writes its own reflections
// (WriteReflection) on which its member profile has none yet.
func (t *Tasks) Pending(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	today := vntime.Date(t.now())
	q := QuarterOf(today)
	from := quarterStart(today.Year(), q)
	to := from.AddDate(0, 3, -1)
	var out []task.Task
	if own := task.HeldAt(p, access.ManageStudy); len(own.IDs) > 0 {
		units, err := t.store.UnitsWithoutSession(ctx, own.IDs, from, to, limit)
		if err != nil {
			return nil, err
		}
		for _, u := range units {
			due := to
			out = append(out, task.Task{Kind: HoldSession, Title: "Sinh hoạt chuyên đề quý " + strconv.Itoa(q) + "/" + strconv.Itoa(today.Year()),
				ResourceID: u.ID, Unit: u, DueOn: &due})
		}
	}
	if mine := task.HeldAt(p, access.WriteReflection); len(mine.IDs) > 0 && p.Kind == access.UserPrincipal {
		sessions, err := t.store.ReflectionsToWrite(ctx, p.ID, mine.IDs, from, to, limit)
		if err != nil {
			return nil, err
		}
		for _, x := range sessions {
			due := to
			out = append(out, task.Task{Kind: WriteReflection, Title: "Bài thu hoạch: " + x.TopicTitle, ResourceID: x.ID, Unit: x.Unit, DueOn: &due})
		}
	}
	return out, nil
}
