// Package report holds periodic reports: a bloc or committee opens a round for its subtree,
// every unit that must report gets a report prefilled with figures from the system, writes its
// narrative, submits it up; the officers above accept or return it, and consolidate their
// children's figures level by level.
package report

import (
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/org"
	"lamtheobac/internal/vntime"
)

// Period is what a round covers.
type Period string

// The periods of a round.
const (
	H1       Period = "H1"
	FullYear Period = "year"
	Q1       Period = "Q1"
	Q2       Period = "Q2"
	Q3       Period = "Q3"
	Q4       Period = "Q4"
	Custom   Period = "custom"
)

// dates returns the first and last civil dates of a period of year (false for custom).
func (p Period) dates(year int) (from, to time.Time, ok bool) {
	d := func(m time.Month, day int) time.Time { return time.Date(year, m, day, 0, 0, 0, 0, time.UTC) }
	switch p {
	case H1:
		return d(1, 1), d(6, 30), true
	case FullYear:
		return d(1, 1), d(12, 31), true
	case Q1:
		return d(1, 1), d(3, 31), true
	case Q2:
		return d(4, 1), d(6, 30), true
	case Q3:
		return d(7, 1), d(9, 30), true
	case Q4:
		return d(10, 1), d(12, 31), true
	}
	return time.Time{}, time.Time{}, false
}

// EvaluationSlot is one model evaluation period of one year.
type EvaluationSlot struct {
	Year   int
	Period string
}

// evaluationPeriods are the model evaluation periods, in the order of a year.
var evaluationPeriods = []Period{Q1, Q2, H1, Q3, Q4, FullYear}

// Years are the calendar years the round's dates touch: a custom round of 2025-01-01 …
// 2026-12-31 (the three-year review of Kết luận 01-KL/TW asks for such periods) covers both.
func (r Round) Years() []int {
	var out []int
	for y := r.From.Year(); y <= r.To.Year(); y++ {
		out = append(out, y)
	}
	return out
}

// EvaluationSlots are the model evaluation periods that lie wholly inside the round: an H1 round
// includes Q1, Q2 and H1 but not the year, a two-year round every period of both years.
func (r Round) EvaluationSlots() []EvaluationSlot {
	var out []EvaluationSlot
	for _, y := range r.Years() {
		for _, p := range evaluationPeriods {
			from, to, _ := p.dates(y)
			if !from.Before(r.From) && !to.After(r.To) {
				out = append(out, EvaluationSlot{Year: y, Period: string(p)})
			}
		}
	}
	return out
}

// Round is a reporting round.
type Round struct {
	ID        uuid.UUID
	Unit      org.Ref
	UnitPath  string
	BlocID    uuid.UUID
	Title     string
	Year      int
	Period    Period
	From, To  time.Time
	DueOn     time.Time
	Levels    []org.Kind
	ClosedAt  *time.Time
	CreatedBy *uuid.UUID
	CreatedAt time.Time
	Reports   int // read alongside: how many units must report
}

// Open reports whether submissions are still accepted (until closed; lateness is measured, not
// refused).
func (r Round) Open() bool { return r.ClosedAt == nil }

// Status is where a report is in its workflow.
type Status string

// The states of a report.
const (
	Draft     Status = "draft"
	Submitted Status = "submitted"
	Accepted  Status = "accepted"
	Returned  Status = "returned"
)

// State is a report as the officers above see it, for completeness and timeliness.
type State string

// The states of the status report.
const (
	Missing   State = "missing" // nobody started it
	Drafting  State = "draft"
	OnTime    State = "on_time"
	Late      State = "late"
	SentBack  State = "returned"
	Confirmed State = "accepted"
)

// Narrative is what the unit writes. NextSteps is the report form's last part, "phương hướng,
// nhiệm vụ" for the next period.
type Narrative struct {
	Results     string `json:"results"`
	Limitations string `json:"limitations"`
	Lessons     string `json:"lessons"`
	Proposals   string `json:"proposals"`
	NextSteps   string `json:"next_steps"`
}

// Signature is the report form's signature block, written by the unit with its narrative: the
// list under "Nơi nhận:" on the left, and on the right the capacity line ("T/M CHI BỘ", "T/M
// ĐẢNG ỦY"), the signer's title (chức vụ: "BÍ THƯ", "PHÓ BÍ THƯ") and full name. Empty fields
// print the defaults of the unit's kind (see DefaultSignature).
type Signature struct {
	Recipients []string `json:"recipients"`
	OnBehalf   string   `json:"on_behalf"`
	Title      string   `json:"title"`
	Name       string   `json:"name"`
}

// Report is a unit's report in a round.
type Report struct {
	ID           uuid.UUID
	RoundID      uuid.UUID
	RoundTitle   string    // read alongside
	DueOn        time.Time // read alongside, the round's
	RoundClosed  bool      // read alongside: a closed round takes no more writing, submitting or returning
	RoundFrom    time.Time // read alongside: the first day the round covers
	RoundTo      time.Time // read alongside: the last day the round covers
	Unit         org.Ref
	UnitPath     string
	BlocID       uuid.UUID
	ParentID     *uuid.UUID
	Status       Status
	Touched      bool     // the narrative was written: a draft, not a missing report
	Figures      *Figures // frozen at submission; nil while live
	Narrative    Narrative
	Signature    Signature
	MissingNote  *string
	StatusReason *string
	SubmittedAt  *time.Time
	SubmittedBy  *uuid.UUID
	Version      int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// State says where the report stands for the officers above, given its due date.
func (r Report) State() State {
	late := r.SubmittedAt != nil && vntime.Passed(r.DueOn, *r.SubmittedAt)
	return StateOf(r.Status, r.Touched, late)
}

// StateOf is the state of a report in status, written (touched) or not, submitted after the end
// of its due day (late) or not.
func StateOf(status Status, touched, late bool) State {
	switch status {
	case Accepted:
		return Confirmed
	case Returned:
		return SentBack
	case Submitted:
		if late {
			return Late
		}
		return OnTime
	}
	if touched {
		return Drafting
	}
	return Missing
}

// StateFilter selects the reports in one state by what the state depends on: the status, and
// whether the narrative was written or the report came after its due day (nil: either).
type StateFilter struct {
	Status  Status
	Touched *bool
	Late    *bool
}

// Filter is what selects the reports in state st.
func (st State) Filter() StateFilter {
	yes, no := true, false
	switch st {
	case Confirmed:
		return StateFilter{Status: Accepted}
	case SentBack:
		return StateFilter{Status: Returned}
	case OnTime:
		return StateFilter{Status: Submitted, Late: &no}
	case Late:
		return StateFilter{Status: Submitted, Late: &yes}
	case Drafting:
		return StateFilter{Status: Draft, Touched: &yes}
	}
	return StateFilter{Status: Draft, Touched: &no}
}

// StateCount is how many reports of a round share what their state depends on.
type StateCount struct {
	Status        Status
	Touched, Late bool
	N             int
}

// Figures are the numbers a report carries, computed from the system for its unit's subtree.
type Figures struct {
	Years               []int          `json:"years"` // the calendar years counted (a round may span several)
	StandardSource      string         `json:"standard_source"`
	StandardIssuedOn    *time.Time     `json:"standard_issued_on,omitempty"`
	ModelsTotal         int            `json:"models_total"`
	ModelsByStatus      map[string]int `json:"models_by_status"`
	ModelsByCategory    map[string]int `json:"models_by_category"`
	EvaluationsTotal    int            `json:"evaluations_total"`
	EvaluationsByRating map[string]int `json:"evaluations_by_rating"`
	NominationsTotal    int            `json:"nominations_total"`
	NominationsByStatus map[string]int `json:"nominations_by_status"`
	Collective          int            `json:"collective_exemplars"`
	Individual          int            `json:"individual_exemplars"`
	Honors              int            `json:"honors"`
	// The study sessions held in the period in the subtree (internal/study), the attendances
	// recorded at them (present of all), and the reflections written on them.
	StudySessionsHeld int `json:"study_sessions_held"`
	StudyPresent      int `json:"study_present"`
	StudyAttendances  int `json:"study_attendances"`
	StudyReflections  int `json:"study_reflections"`
	// The plan of study sessions (at least one per cell and quarter): the cells of the subtree,
	// cells × the quarters of the round begun by the time of counting (due), and the (cell,
	// quarter) pairs with a session held (met). Zero in figures frozen before they were counted.
	StudyCells       int `json:"study_cells"`
	StudyQuartersDue int `json:"study_quarters_due"`
	StudyQuartersMet int `json:"study_quarters_met"`
	// MembersByClass counts the members of the subtree classified for the year by class
	// (xếp loại đảng viên, internal/member); absent from figures frozen before it was counted.
	MembersByClass map[string]int `json:"members_by_class,omitempty"`
	// Inspection figures of the plans owned in the subtree whose period overlaps the round's
	// (internal/inspection): what the inspecting units report of their supervision.
	InspectionPlans            int            `json:"inspection_plans"`
	InspectionFindingsByRating map[string]int `json:"inspection_findings_by_rating"`
	RecommendationsOpen        int            `json:"recommendations_open"`
	RecommendationsClosed      int            `json:"recommendations_closed"`
	RecommendationsOverdue     int            `json:"recommendations_overdue"`
}

// AttendanceRate is the share of the recorded study attendances that were present; false with
// none recorded (no rate, not a zero one).
func (f Figures) AttendanceRate() (float64, bool) {
	if f.StudyAttendances == 0 {
		return 0, false
	}
	return float64(f.StudyPresent) / float64(f.StudyAttendances), true
}

// NewFigures returns empty figures with their maps ready.
func NewFigures() Figures {
	return Figures{StandardSource: "none", ModelsByStatus: map[string]int{}, ModelsByCategory: map[string]int{},
		EvaluationsByRating: map[string]int{}, NominationsByStatus: map[string]int{}, MembersByClass: map[string]int{}, InspectionFindingsByRating: map[string]int{}}
}

// Add sums o into f (the standard, which is per unit, is not summed).
func (f *Figures) Add(o Figures) {
	f.ModelsTotal += o.ModelsTotal
	f.EvaluationsTotal += o.EvaluationsTotal
	f.NominationsTotal += o.NominationsTotal
	f.Collective += o.Collective
	f.Individual += o.Individual
	f.Honors += o.Honors
	f.InspectionPlans += o.InspectionPlans
	f.RecommendationsOpen += o.RecommendationsOpen
	f.RecommendationsClosed += o.RecommendationsClosed
	f.RecommendationsOverdue += o.RecommendationsOverdue
	f.StudySessionsHeld += o.StudySessionsHeld
	f.StudyPresent += o.StudyPresent
	f.StudyAttendances += o.StudyAttendances
	f.StudyReflections += o.StudyReflections
	f.StudyCells += o.StudyCells
	f.StudyQuartersDue += o.StudyQuartersDue
	f.StudyQuartersMet += o.StudyQuartersMet
	if f.MembersByClass == nil && len(o.MembersByClass) > 0 {
		f.MembersByClass = map[string]int{}
	}
	for _, pair := range []struct{ dst, src map[string]int }{{f.ModelsByStatus, o.ModelsByStatus}, {f.ModelsByCategory, o.ModelsByCategory},
		{f.EvaluationsByRating, o.EvaluationsByRating}, {f.NominationsByStatus, o.NominationsByStatus},
		{f.InspectionFindingsByRating, o.InspectionFindingsByRating}, {f.MembersByClass, o.MembersByClass}} {
		for k, v := range pair.src {
			pair.dst[k] += v
		}
	}
}
