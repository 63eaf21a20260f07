package nomination

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/task"
	"lamtheobac/internal/vntime"
)

// The nominations' duties, as /me/tasks lists them (issue #17 item 6).
const (
	// NominateTask is an honoring round called by a unit above the caller's, still open, to which
	// the caller's unit has submitted nothing: the resource is the round, the unit the caller's,
	// due on the round's deadline.
	NominateTask task.Kind = "nominate_for_round"
	// NoteTask is a nomination the caller mentors with no progress note this month (Kế hoạch
	// 185-KH/ĐU §II.4: "định kỳ hằng tháng, quý, năm đánh giá tiến độ … của từng điển hình"):
	// the resource is the nomination, Period the month (M01…M12), due on its last day.
	NoteTask task.Kind = "write_progress_note"
)

// DutyQuery asks for the caller's duties on nominations.
type DutyQuery struct {
	// Units are where the caller nominates (ManageNomination held at the unit itself); the
	// rounds open on Today (a civil date) above them are asked for.
	Units []uuid.UUID
	Today time.Time
	// Mentor is the caller as a mentor (uuid.Nil: none); Statuses and Years the nominations it
	// follows; From–To the instants of the month whose note is due on DueOn (Period "M05"…).
	Mentor   uuid.UUID
	Statuses []Status
	Years    []int
	From, To time.Time
	DueOn    time.Time
	Period   string
	Limit    int
}

// DutyStore finds the duties of DutyQuery in one statement (Kind set).
type DutyStore interface {
	NominationDuties(ctx context.Context, q DutyQuery) ([]task.Task, error)
}

// NoteWindow is the month whose progress note is due on the civil date today: its first and last
// days, and its period label (M01…M12).
func NoteWindow(today time.Time) (from, to time.Time, period string) {
	today = vntime.Date(today)
	from = time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	to = from.AddDate(0, 1, -1)
	m := strconv.Itoa(int(today.Month()))
	if len(m) == 1 {
		m = "0" + m
	}
	return from, to, "M" + m
}

// mentoredStates are the states in which a mentor still writes notes (the transition table's
// add_note).
func mentoredStates() []Status { return from(ActAddNote) }

// duties lists the open rounds p's units have not answered and the nominations p mentors with no
// note this month (of this year's nominations and last year's: the nurturing goes on after the
// year's honoring). Administrators nominate nowhere in particular; clients mentor nobody.
func (t *Tasks) duties(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	if t.duty == nil {
		return nil, nil
	}
	today := vntime.Date(t.now())
	q := DutyQuery{Units: task.HeldAt(p, access.ManageNomination).IDs, Today: today, Limit: limit}
	if p.Kind == access.UserPrincipal && p.ID != uuid.Nil {
		from, to, period := NoteWindow(today)
		q.Mentor, q.Statuses, q.Years, q.Period, q.DueOn = p.ID, mentoredStates(), []int{today.Year() - 1, today.Year()}, period, to
		q.From, q.To = vntime.StartOfDay(from), vntime.EndOfDay(to)
	}
	if len(q.Units) == 0 && q.Mentor == uuid.Nil {
		return nil, nil
	}
	ts, err := t.duty.NominationDuties(ctx, q)
	for i := range ts {
		if ts[i].Kind == NoteTask {
			ts[i].Title = "Nuôi dưỡng điển hình: " + ts[i].Title + " (tháng " + strconv.Itoa(int(today.Month())) + "/" + strconv.Itoa(today.Year()) + ")"
		}
	}
	return ts, err
}
