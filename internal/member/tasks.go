package member

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/task"
	"lamtheobac/internal/vntime"
)

// PendingQuery asks for the commitments waiting on a reviewer or a classifier.
type PendingQuery struct {
	Statuses []Status
	// At are the cells (and Below the units whose child cells) where the caller acts; every
	// unit when Everywhere.
	At, Below task.Units
	// NotOf leaves out the caller's own commitment.
	NotOf uuid.UUID
	Limit int
}

// TaskStore finds the commitments waiting on someone, oldest first (Kind unset; the title is
// the member's name).
type TaskStore interface {
	PendingCommitments(ctx context.Context, q PendingQuery) ([]task.Task, error)
}

// waitingStates are the states a commitment leaves by one of actions: the states in which it
// waits on whoever does them (a review may be corrected, but a reviewed commitment no longer
// waits on the cell).
func waitingStates(actions ...CAction) []Status {
	var out []Status
	for _, a := range actions {
		r := Commitments.Rules[a]
		for _, s := range r.From {
			if s != r.To && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Pending is the members' share of /me/tasks: the caller's own commitment to write or year to
// assess; for the cells' secretaries (and the committees above) the commitments to accept and
// the years to review; for the committees the members to classify.
func (s *Service) Pending(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	out, err := s.ownTasks(ctx, p)
	if err != nil {
		return nil, err
	}
	st := s.store
	if units := task.HeldAt(p, access.ReviewCommitment); !units.None() {
		ts, err := st.PendingCommitments(ctx, PendingQuery{Statuses: waitingStates(CActAccept, CActReturn, CActReview), At: units,
			Below: units, NotOf: p.ID, Limit: limit})
		if err != nil {
			return nil, err
		}
		for i := range ts {
			ts[i].Kind = task.ReviewCommitment
		}
		out = append(out, ts...)
	}
	if units := task.HeldAt(p, access.ClassifyMembers); !units.None() {
		ts, err := st.PendingCommitments(ctx, PendingQuery{Statuses: waitingStates(CActClassify), Below: units, NotOf: p.ID, Limit: limit})
		if err != nil {
			return nil, err
		}
		for i := range ts {
			ts[i].Kind = task.ClassifyMember
		}
		out = append(out, ts...)
	}
	return out, nil
}

// ownTasks is the caller's own work as a member: this year's commitment to write (none yet, a
// draft, a returned one: the resource is the member when there is none yet), or, once it is
// accepted, the self-assessment due (SelfAssessmentDue: the first half in June, the year in
// December); and, in the first quarter, last year's year end if it is still not recorded.
func (s *Service) ownTasks(ctx context.Context, p *access.Principal) ([]task.Task, error) {
	if p == nil || p.Kind == access.ClientPrincipal {
		return nil, nil
	}
	m, err := s.store.MemberOfUser(ctx, p.ID)
	if apperr.KindOf(err) == apperr.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	today := vntime.Date(s.now())
	year := today.Year()
	var out []task.Task
	if !today.After(yearEndLateUntil(year - 1)) {
		last, err := s.commitmentOf(ctx, m, year-1)
		if err != nil {
			return nil, err
		}
		if t, ok := selfAssessTask(p, m, last, today); ok {
			out = append(out, t)
		}
	}
	c, err := s.commitmentOf(ctx, m, year)
	if err != nil {
		return nil, err
	}
	due, _, err := s.deadline(ctx, m.UnitPath, year)
	if err != nil {
		return nil, err
	}
	title := "Bản cam kết năm " + strconv.Itoa(year)
	switch {
	case c == nil:
		out = append(out, task.Task{Kind: task.WriteCommitment, Title: title, ResourceID: m.ID, Unit: m.Unit, DueOn: &due})
	case Commitments.Can(p, *c, CActSubmit):
		out = append(out, task.Task{Kind: task.WriteCommitment, Title: title, ResourceID: c.ID, Unit: m.Unit, DueOn: &due})
	default:
		if t, ok := selfAssessTask(p, m, c, today); ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// commitmentOf is the member's commitment of year, nil when there is none.
func (s *Service) commitmentOf(ctx context.Context, m Member, year int) (*Commitment, error) {
	list, _, err := s.store.ListCommitments(ctx, CommitmentFilter{MemberID: &m.ID, Year: year, Limit: 1})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return &list[0], nil
}

// selfAssessTask is the self_assess task of commitment c on today, if one is due and the caller
// may record it.
func selfAssessTask(p *access.Principal, m Member, c *Commitment, today time.Time) (task.Task, bool) {
	if c == nil {
		return task.Task{}, false
	}
	period, end, ok := SelfAssessmentDue(*c, today)
	y := strconv.Itoa(c.Year)
	action, title := CActAssessYearEnd, "Tự đánh giá năm "+y
	if period == MidYear {
		action, title = CActAssessMidYear, "Tự đánh giá 6 tháng đầu năm "+y
	}
	if !ok || !Commitments.Can(p, *c, action) {
		return task.Task{}, false
	}
	return task.Task{Kind: task.SelfAssess, Title: title, ResourceID: c.ID, Unit: m.Unit, DueOn: &end}, true
}

// The self-assessment windows of a year. The cells report on the members' work every six
// months and at year end ("định kỳ 06 tháng và cuối năm báo cáo kết quả", Hướng dẫn on the
// standards; the half-year round covers January–June): a member assesses the first half from
// 1 June, due 30 June, ahead of the cell's six-month report; and the year from 1 December,
// due 31 December, ahead of the cell's review and the classification (đánh giá, xếp loại
// cuối năm). Before June nothing is due yet: the member is doing what they committed to.
var (
	midYearOpens = date(time.June, 1)
	midYearDue   = date(time.June, 30)
	yearEndOpens = date(time.December, 1)
	yearEndDue   = date(time.December, 31)
)

// yearEndLateUntil is the last day a year's year-end self-assessment is still asked for, overdue:
// 31 March of the next year. The cells' year-end reviews and the committees' classification run
// into the first quarter, and by then the member's new commitment is due (its default deadline
// is 31 March too); a year not assessed by then is left to the cell.
func yearEndLateUntil(year int) time.Time { return date(time.March, 31)(year + 1) }

// date is a day of the year, as a function of the year.
func date(m time.Month, d int) func(year int) time.Time {
	return func(year int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, time.UTC) }
}

// SelfAssessmentDue reports which self-assessment an accepted commitment waits for on the
// civil date today, and its due date: the year end from 1 December of the commitment's year
// (and after it, overdue, until 31 March of the next: yearEndLateUntil), else the mid-year one from 1 June while it is not recorded; none before June,
// and none for a commitment not accepted (a draft is still to write, a self-assessed one waits
// on the cell).
func SelfAssessmentDue(c Commitment, today time.Time) (Period, time.Time, bool) {
	if c.Status != Accepted {
		return "", time.Time{}, false
	}
	switch {
	case today.After(yearEndLateUntil(c.Year)):
		return "", time.Time{}, false
	case !today.Before(yearEndOpens(c.Year)):
		return YearEnd, yearEndDue(c.Year), true
	case !today.Before(midYearOpens(c.Year)) && c.MidYearAt == nil:
		return MidYear, midYearDue(c.Year), true
	}
	return "", time.Time{}, false
}
