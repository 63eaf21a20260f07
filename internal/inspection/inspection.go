// Package inspection is inspection and supervision (kiểm tra, giám sát) of the work of the
// directive: plans owned by a unit with an inspection role, carried out by a team that records
// findings on the inspected units (optionally on one of their records) and recommendations with
// deadlines, which the inspected units answer once the plan is concluded and the inspecting unit
// closes or reopens. Plans and recommendations move on the internal/workflow engine.
//
// Who does what (internal/access): the officers and inspectors of the owning unit draft a plan
// (ManageInspection, held at the unit itself); its officers approve it (ApproveInspection); the
// team — users holding an officer or inspector role at the owning unit, named in the plan —
// starts and concludes it (so may the approving officers) and records the findings and
// recommendations; the responsible unit's own officers or cell secretary answer a
// recommendation (AnswerRecommendation); the owning unit's officers and inspectors close or
// reopen it. Findings are read by the inspecting side at any time and by the inspected side
// only once the plan is concluded (404 before); members and portal clients read nothing.
package inspection

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
)

// PlanStatus is where a plan is in its workflow.
type PlanStatus string

// The states of a plan.
const (
	Draft      PlanStatus = "draft"
	Approved   PlanStatus = "approved"
	InProgress PlanStatus = "in_progress"
	Concluded  PlanStatus = "concluded"
)

// Kind is a yearly programme or a thematic (chuyên đề) inspection.
type Kind string

// The kinds of plan.
const (
	Yearly   Kind = "yearly"
	Thematic Kind = "thematic"
)

// Subject is what a plan looks at.
type Subject string

// The subjects of the documents: standards, models, exemplars, reports, members' commitments.
const (
	SubjectStandards   Subject = "standards"
	SubjectModels      Subject = "models"
	SubjectExemplars   Subject = "exemplars"
	SubjectReports     Subject = "reports"
	SubjectCommitments Subject = "commitments"
)

// Rating grades a finding.
type Rating string

// The ratings, best first.
const (
	Good             Rating = "good"
	Meets            Rating = "meets"
	NeedsImprovement Rating = "needs_improvement"
	Violation        Rating = "violation"
)

// Ratings lists the ratings, best first (the order of summaries and documents).
func Ratings() []Rating { return []Rating{Good, Meets, NeedsImprovement, Violation} }

// RecordKind names the kind of record a finding is on.
type RecordKind string

// The records a finding may name. Commitments are named by id only: their table belongs to the
// members' domain and is not checked here.
const (
	RecordModel      RecordKind = "model"
	RecordNomination RecordKind = "nomination"
	RecordReport     RecordKind = "report"
	RecordStandard   RecordKind = "standard"
	RecordCommitment RecordKind = "commitment"
)

// Checked reports whether records of kind k are checked to exist in the inspected subtree.
func (k RecordKind) Checked() bool { return k != RecordCommitment }

// InspectedUnit is a unit a plan inspects, with its subtree.
type InspectedUnit struct {
	org.Ref
	Path string
}

// Plan is an inspection plan.
type Plan struct {
	ID          uuid.UUID
	Unit        org.Ref // the owning unit
	UnitPath    string
	BlocID      uuid.UUID
	Kind        Kind
	Title       string
	Subjects    []Subject
	From, To    time.Time // the period, civil dates
	Units       []InspectedUnit
	Team        []uuid.UUID
	Status      PlanStatus
	Conclusion  string
	ApprovedBy  *uuid.UUID
	ApprovedAt  *time.Time
	ConcludedBy *uuid.UUID
	ConcludedAt *time.Time
	CreatedBy   *uuid.UUID
	Version     int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Inspects reports whether the unit at path is one of the plan's units or below one.
func (p Plan) Inspects(path string) bool {
	return slices.ContainsFunc(p.Units, func(u InspectedUnit) bool { return len(path) >= len(u.Path) && path[:len(u.Path)] == u.Path })
}

// PlanInput is a plan as drafted; on a patch nil fields stay.
type PlanInput struct {
	Kind     *Kind
	Title    *string
	Subjects *[]Subject
	From, To *time.Time
	UnitIDs  *[]uuid.UUID
	Team     *[]uuid.UUID
}

// Normalize cleans the text and checks what needs no database; full says every field is required.
func (in *PlanInput) Normalize(full bool) error {
	textnorm.CleanPtr(in.Title)
	var c apperr.Checker
	if full {
		c.Check(in.Kind != nil, "/kind", "is required")
		c.Check(in.Title != nil, "/title", "is required")
		c.Check(in.Subjects != nil, "/subjects", "is required")
		c.Check(in.From != nil, "/period_from", "is required")
		c.Check(in.To != nil, "/period_to", "is required")
		c.Check(in.UnitIDs != nil, "/unit_ids", "is required")
		c.Check(in.Team != nil, "/team", "is required")
	}
	if in.Kind != nil {
		c.Check(*in.Kind == Yearly || *in.Kind == Thematic, "/kind", "must be yearly or thematic")
	}
	if in.Title != nil {
		c.Check(*in.Title != "", "/title", "must not be empty")
	}
	if in.Subjects != nil {
		c.Check(len(*in.Subjects) > 0, "/subjects", "must name at least one subject")
		for _, s := range *in.Subjects {
			c.Check(slices.Contains([]Subject{SubjectStandards, SubjectModels, SubjectExemplars, SubjectReports, SubjectCommitments}, s),
				"/subjects", "unknown subject "+string(s))
		}
	}
	if in.UnitIDs != nil {
		c.Check(len(*in.UnitIDs) > 0, "/unit_ids", "must name at least one unit")
	}
	if in.Team != nil {
		c.Check(len(*in.Team) > 0, "/team", "must name at least one member")
	}
	return c.Err()
}

// Finding is what the team found at an inspected unit.
type Finding struct {
	ID         uuid.UUID
	PlanID     uuid.UUID
	Unit       org.Ref
	UnitPath   string
	BlocID     uuid.UUID
	RecordKind *RecordKind
	RecordID   *uuid.UUID
	Summary    string
	Rating     Rating
	Evidence   string
	CreatedBy  *uuid.UUID
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// Recommendations are the finding's, read alongside.
	Recommendations []Recommendation
}

// FindingInput is a finding as recorded.
type FindingInput struct {
	UnitID     uuid.UUID
	RecordKind *RecordKind
	RecordID   *uuid.UUID
	Summary    string
	Rating     Rating
	Evidence   string
}

// Normalize cleans the text and checks the fields.
func (in *FindingInput) Normalize() error {
	in.Summary, in.Evidence = textnorm.Clean(in.Summary), textnorm.Clean(in.Evidence)
	var c apperr.Checker
	c.Check(in.Summary != "", "/summary", "is required")
	c.Check(slices.Contains(Ratings(), in.Rating), "/rating", "must be good, meets, needs_improvement or violation")
	c.Check((in.RecordKind == nil) == (in.RecordID == nil), "/record_id", "record_kind and record_id go together")
	if in.RecordKind != nil {
		c.Check(slices.Contains([]RecordKind{RecordModel, RecordNomination, RecordReport, RecordStandard, RecordCommitment}, *in.RecordKind),
			"/record_kind", "unknown record kind")
	}
	return c.Err()
}

// RecStatus is where a recommendation is in its follow-up.
type RecStatus string

// The states of a recommendation.
const (
	Open     RecStatus = "open"
	Answered RecStatus = "answered"
	Closed   RecStatus = "closed"
)

// Recommendation is what a responsible unit must do by a deadline.
type Recommendation struct {
	ID                  uuid.UUID
	FindingID           uuid.UUID
	PlanID              uuid.UUID
	ResponsibleUnit     org.Ref
	ResponsibleUnitPath string
	BlocID              uuid.UUID
	Text                string
	DueOn               time.Time
	Status              RecStatus
	Response            *string
	AnsweredAt          *time.Time
	AnsweredBy          *uuid.UUID
	ClosedAt            *time.Time
	StatusReason        *string
	CreatedBy           *uuid.UUID
	Version             int64
	CreatedAt           time.Time
	UpdatedAt           time.Time
	// Read alongside: the plan's owning unit and state, and the finding's unit.
	PlanUnitPath    string
	PlanStatus      PlanStatus
	FindingUnitPath string
}

// RecommendationInput is a recommendation as written.
type RecommendationInput struct {
	Text              string
	DueOn             time.Time
	ResponsibleUnitID *uuid.UUID
}
