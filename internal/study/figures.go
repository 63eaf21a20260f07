package study

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/vntime"
)

// Period is what figures cover: a quarter, the first half or the whole year.
type Period string

// The periods of the figures, as the reporting rounds name them.
const (
	H1       Period = "H1"
	FullYear Period = "year"
	Q1       Period = "Q1"
	Q2       Period = "Q2"
	Q3       Period = "Q3"
	Q4       Period = "Q4"
)

// Quarters are the quarters (1–4) a period spans.
func (p Period) Quarters() []int {
	switch p {
	case Q1:
		return []int{1}
	case Q2:
		return []int{2}
	case Q3:
		return []int{3}
	case Q4:
		return []int{4}
	case H1:
		return []int{1, 2}
	case FullYear:
		return []int{1, 2, 3, 4}
	}
	return nil
}

// quarterStart is the first civil date of quarter q of year.
func quarterStart(year, q int) time.Time {
	return time.Date(year, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// Dates are the first and last civil dates of the period of year.
func (p Period) Dates(year int) (from, to time.Time) {
	qs := p.Quarters()
	return quarterStart(year, qs[0]), quarterStart(year, qs[len(qs)-1]).AddDate(0, 3, -1)
}

// QuartersDue counts the quarters of the period of year that have begun by the civil date
// today: the plan asks each cell for at least one session in each of them.
func (p Period) QuartersDue(year int, today time.Time) int {
	n := 0
	for _, q := range p.Quarters() {
		if !quarterStart(year, q).After(today) {
			n++
		}
	}
	return n
}

// QuarterOf is the quarter (1–4) of the civil date d.
func QuarterOf(d time.Time) int { return (int(d.Month())-1)/3 + 1 }

// Figures are the study figures of a unit's own sessions, or of a subtree's, over a period.
type Figures struct {
	Unit org.Ref
	// Units is how many cells (the units that hold study sessions) the row covers.
	Units int
	// QuartersDue is Units × the quarters of the period begun by today; QuartersMet how many of
	// those (cell, quarter) pairs had at least one session held.
	QuartersDue       int
	QuartersMet       int
	SessionsHeld      int
	SessionsPlanned   int
	SessionsCancelled int
	Present           int
	Excused           int
	Absent            int
	Reflections       int
}

// AttendanceRate is the share of recorded attendances that were present (0 with none).
func (f Figures) AttendanceRate() float64 {
	n := f.Present + f.Excused + f.Absent
	if n == 0 {
		return 0
	}
	return float64(f.Present) / float64(n)
}

// Add sums g into f (not the unit).
func (f *Figures) Add(g Figures) {
	f.Units += g.Units
	f.QuartersDue += g.QuartersDue
	f.QuartersMet += g.QuartersMet
	f.SessionsHeld += g.SessionsHeld
	f.SessionsPlanned += g.SessionsPlanned
	f.SessionsCancelled += g.SessionsCancelled
	f.Present += g.Present
	f.Excused += g.Excused
	f.Absent += g.Absent
	f.Reflections += g.Reflections
}

// Summary is the study figures of a unit for a period: its total and a row for its own
// sessions and one for each unit directly below it (their subtrees summed).
type Summary struct {
	Unit     org.Ref
	Year     int
	Period   Period
	From, To time.Time
	Total    Figures
	Rows     []Figures
}

// Summarize computes the study figures of the unit's subtree for a period of year, for the
// readers of its internal records (404 outside the read scope, 403 for readers from below).
func (s *Service) Summarize(ctx context.Context, unitID uuid.UUID, year int, period Period) (Summary, error) {
	if len(period.Quarters()) == 0 {
		return Summary{}, apperr.Fields("validation", "Unknown period.", apperr.FieldError{Field: "/period", Message: "must be Q1–Q4, H1 or year"})
	}
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return Summary{}, err
	}
	if !internalReader(p, u.Path) {
		return Summary{}, apperr.ErrForbidden
	}
	from, to := period.Dates(year)
	rows, err := s.store.StudyFigures(ctx, u.Path, year, period.Quarters())
	if err != nil {
		return Summary{}, err
	}
	due := period.QuartersDue(year, vntime.Date(s.now()))
	out := Summary{Unit: u.Ref(), Year: year, Period: period, From: from, To: to, Total: Figures{Unit: u.Ref()}, Rows: rows}
	for i := range out.Rows {
		out.Rows[i].QuartersDue = out.Rows[i].Units * due
		out.Total.Add(out.Rows[i])
	}
	return out, nil
}
