package model

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/org"
	"lamtheobac/internal/task"
	"lamtheobac/internal/vntime"
)

// The models' duties of a unit, as /me/tasks lists them (issue #17 item 6).
const (
	// EvaluateTask is a running model's evaluation of a period, not yet recorded: the resource
	// is the model, Period the period, due on its last day.
	EvaluateTask task.Kind = "evaluate_model"
	// RegisterTask is the unit's yearly model registration, not yet made: the resource is the
	// unit, due on the last day of February.
	RegisterTask task.Kind = "register_model"
)

// DueSlot is an evaluation owed around a day: of the models of Year (whose cadence is Cadence,
// or every model when Cadence is empty), for Period, due on DueOn.
type DueSlot struct {
	Year    int
	Period  Period
	DueOn   time.Time
	Cadence Cadence
}

// DueEvaluations are the evaluations a running model owes on the civil date today: each
// period's evaluation is asked for from the start of its last quarter (a month's or a quarter's
// from its first day, the half-year's from 1 April, the year's from 1 October) until one period
// of its length after it closed (a month after a month, a quarter after a quarter or the
// half-year, the first quarter of the next year after the year), so an evaluation made a few
// days late is still asked for and then shown overdue. Months are owed by Monthly models,
// quarters by the others (Hướng dẫn BTG ĐUK 2021–2025 §II(4): "quý, 6 tháng, năm"); the
// half-year and the year by every model, as the six-monthly and yearly reports count them
// (Hướng dẫn §IV.1, Quyết định 14-QĐ/ĐU: "định kỳ 06 tháng và cuối năm báo cáo"). Sorted by
// due date, then period order.
func DueEvaluations(today time.Time) []DueSlot {
	today = vntime.Date(today)
	var out []DueSlot
	for _, y := range []int{today.Year() - 1, today.Year()} {
		for _, p := range allPeriods() {
			from, to := p.Dates(y)
			open, grace, cadence := from, monthsAfter(to, 1), Monthly
			switch {
			case p == H1:
				open, grace, cadence = time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC), monthsAfter(to, 3), ""
			case p == FullYear:
				open, grace, cadence = time.Date(y, time.October, 1, 0, 0, 0, 0, time.UTC), monthsAfter(to, 3), ""
			case !p.Monthly():
				grace, cadence = monthsAfter(to, 3), Quarterly
			}
			if !today.Before(open) && !today.After(grace) {
				out = append(out, DueSlot{Year: y, Period: p, DueOn: to, Cadence: cadence})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b DueSlot) int {
		if c := a.DueOn.Compare(b.DueOn); c != 0 {
			return c
		}
		return a.Period.order() - b.Period.order()
	})
	return out
}

// monthsAfter is the last day of the n-th month after the month of d (a month's last day).
func monthsAfter(d time.Time, n int) time.Time {
	return time.Date(d.Year(), d.Month()+time.Month(n)+1, 0, 0, 0, 0, 0, time.UTC)
}

// allPeriods are every period of a year, in order.
func allPeriods() []Period {
	out := []Period{Q1, Q2, Q3, Q4, H1, FullYear}
	for m := time.January; m <= time.December; m++ {
		out = append(out, Month(m))
	}
	slices.SortFunc(out, func(a, b Period) int { return a.order() - b.order() })
	return out
}

// RegistrationDue is the day a unit's models of year are to be registered by: the last day of
// February (Công văn 364-CV/BTG asks for the year's registrations "trước ngày 29/02/2024";
// Quyết định 14-QĐ/ĐU §II.2: "hàng năm … đăng ký mô hình"). The task stands from 1 January
// until the unit registers, overdue after this day.
func RegistrationDue(year int) time.Time { return time.Date(year, time.March, 0, 0, 0, 0, 0, time.UTC) }

// registeredStates are the states in which a model has been registered: everything but those
// it is registered from (a draft, or a returned model to register again).
func registeredStates() []Status {
	return slices.DeleteFunc(allStatuses(), func(s Status) bool { return slices.Contains(from(ActRegister), s) })
}

// registeringKinds are the units that register models: every unit that carries the work out
// (Hướng dẫn §IV.1: "mỗi chi bộ, đảng bộ cơ sở (kể cả đảng bộ bộ phận và chi bộ trực thuộc)"),
// not the blocs and provinces that direct them.
func registeringKinds() []org.Kind {
	return slices.DeleteFunc(slices.Clone(org.Kinds), func(k org.Kind) bool { return k.Directs() })
}

// DutyQuery asks for a unit's duties on its models: the evaluations its running models owe and
// its registration of the year.
type DutyQuery struct {
	// Units are where the caller drafts models (ManageModel held at the unit itself).
	Units []uuid.UUID
	// Slots are the evaluations owed today (DueEvaluations).
	Slots []DueSlot
	// Year is the registration's year, due on RegistrationDue; Registered the states that count
	// as registered; Kinds the units that register.
	Year       int
	DueOn      time.Time
	Registered []Status
	Kinds      []org.Kind
	Limit      int
}

// DutyStore finds the duties of DutyQuery in one statement: the evaluations (Kind EvaluateTask,
// Period set, soonest due first) and the registrations (Kind RegisterTask, the unit as resource).
type DutyStore interface {
	ModelDuties(ctx context.Context, q DutyQuery) ([]task.Task, error)
}

// duties lists what p's units owe on their models today: not an administrator's (it drafts
// everywhere, and no unit's model waits on it), not a portal's.
func (t *Tasks) duties(ctx context.Context, p *access.Principal, limit int) ([]task.Task, error) {
	units := task.HeldAt(p, access.ManageModel)
	if len(units.IDs) == 0 || t.duty == nil {
		return nil, nil
	}
	today := vntime.Date(t.now())
	year := today.Year()
	ts, err := t.duty.ModelDuties(ctx, DutyQuery{Units: units.IDs, Slots: DueEvaluations(today), Year: year, DueOn: RegistrationDue(year),
		Registered: registeredStates(), Kinds: registeringKinds(), Limit: limit})
	for i := range ts {
		switch ts[i].Kind {
		case RegisterTask:
			ts[i].Title = "Đăng ký mô hình làm theo Bác năm " + strconv.Itoa(year)
		case EvaluateTask:
			ts[i].Title = "Đánh giá mô hình “" + ts[i].Title + "” " + Period(ts[i].Period).Label(ts[i].DueOn.Year())
		}
	}
	return ts, err
}
