// Package nomination holds exemplars (điển hình tiêu biểu): a unit nominates a collective or an
// individual of its subtree against the criteria of Kế hoạch 185-KH/ĐU (docs/sources.md), the
// officers above endorse it one level at a time, a decision commends it, honoring writes it
// into the honor roll, and an officer may publish it to the provincial portal.
package nomination

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/model"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
)

// Status is where a nomination is.
type Status string

// The states of a nomination.
const (
	Draft     Status = "draft"
	Submitted Status = "submitted" // at the parent of the nominating unit
	Endorsed  Status = "endorsed"  // forwarded one level further up
	Returned  Status = "returned"  // back with the nominating unit, to edit and submit again
	Rejected  Status = "rejected"
	Commended Status = "commended"
	Honored   Status = "honored"
)

// SubjectKind is a collective or an individual.
type SubjectKind string

// The kinds of subject.
const (
	Collective SubjectKind = "collective"
	Individual SubjectKind = "individual"
)

// Subject is who is nominated: a unit or a named department, or a person.
type Subject struct {
	Kind           SubjectKind
	UnitID         *uuid.UUID // the subject unit (a collective) or the person's unit
	Unit           *org.Ref   // read alongside
	DepartmentName string     // a collective that is not a unit of the tree
	FullName       string
	Position       string
	PartyMember    bool
	Leader         bool // holds a leading post: the leader criteria apply
}

// Name is how the subject is called: the person, the department or the unit.
func (s Subject) Name() string {
	switch {
	case s.Kind == Individual:
		return s.FullName
	case s.DepartmentName != "":
		return s.DepartmentName
	case s.Unit != nil:
		return s.Unit.Name
	}
	return ""
}

// Answer is one criterion answered with evidence.
type Answer struct {
	Code     string `json:"code"`
	Met      bool   `json:"met"`
	Evidence string `json:"evidence,omitempty"`
}

// Decision is the commendation decision.
type Decision struct {
	Number    string    `json:"number"`
	Date      time.Time `json:"date"`
	Authority string    `json:"authority"`
	Form      string    `json:"form"`
}

// Consent records whether an individual agreed to be published.
type Consent struct {
	Given      bool      `json:"given"`
	Note       string    `json:"note,omitempty"`
	RecordedAt time.Time `json:"recorded_at"`
	RecordedBy string    `json:"recorded_by"`
}

// HonorEntry is a line of a unit's honor roll.
type HonorEntry struct {
	ID           uuid.UUID
	Unit         org.Ref
	UnitPath     string
	BlocID       uuid.UUID
	Year         int
	Number       int
	NominationID uuid.UUID
	SubjectName  string
	SubjectKind  SubjectKind
	SubjectUnit  *org.Ref // read alongside: the unit the subject sits in (a collective unit, a person's unit, else the nominating unit)
	Decision     *Decision
	HonoredAt    time.Time
}

// Nomination proposes an exemplar.
type Nomination struct {
	ID              uuid.UUID
	UnitID          uuid.UUID
	Unit            org.Ref
	UnitPath        string
	BlocID          uuid.UUID
	Year            int
	RoundID         *uuid.UUID
	Subject         Subject
	Achievements    string // internal
	PublicSummary   string // the only text the portal shows
	ModelIDs        []uuid.UUID
	Criteria        []Answer
	Mentor          *model.Monitor
	Status          Status
	StatusReason    *string
	HolderID        uuid.UUID
	Holder          org.Ref
	HolderPath      string
	SubmittedBy     *uuid.UUID
	SubmittedAt     *time.Time
	Decision        *Decision
	Consent         *Consent
	HonorEntry      *HonorEntry // read alongside once honored
	PublishedAt     *time.Time
	PublishedBy     *uuid.UUID
	PublishedByName *string
	CreatedBy       *uuid.UUID
	Version         int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Input is a nomination as a client writes it; nil fields stay as they are on update.
type Input struct {
	Year          *int
	RoundID       *uuid.UUID
	Subject       *Subject
	Achievements  *string
	PublicSummary *string
	ModelIDs      *[]uuid.UUID
	Criteria      *[]Answer
}

// normalize cleans the input and checks what needs no database: lengths, the subject's shape,
// and that the criteria answered apply to the subject.
func (in *Input) normalize(creating bool, subject Subject, now time.Time) error {
	textnorm.CleanPtr(in.Achievements)
	textnorm.CleanPtr(in.PublicSummary)
	var c apperr.Checker
	if creating {
		c.Check(in.Year != nil, "/year", "is required")
		c.Check(in.Subject != nil, "/subject", "is required")
	}
	if in.Year != nil {
		c.Check(*in.Year >= 2016 && *in.Year <= now.Year()+1, "/year", "must be between 2016 and next year")
	}
	if s := in.Subject; s != nil {
		s.DepartmentName, s.FullName, s.Position = textnorm.Clean(s.DepartmentName), textnorm.Clean(s.FullName), textnorm.Clean(s.Position)
		switch s.Kind {
		case Collective:
			c.Check((s.UnitID != nil) != (s.DepartmentName != ""), "/subject", "a collective is either a unit (unit_id) or a named department (department_name)")
			c.Check(s.FullName == "" && s.Position == "", "/subject/full_name", "is for individuals")
		case Individual:
			c.Check(s.FullName != "" && utf8.RuneCountInString(s.FullName) <= 255, "/subject/full_name", "is required for an individual")
			c.Check(s.UnitID != nil, "/subject/unit_id", "the person's unit is required")
			c.Check(s.DepartmentName == "", "/subject/department_name", "is for collectives")
		default:
			c.Check(false, "/subject/kind", "must be collective or individual")
		}
		subject = *s
	}
	if in.Criteria != nil {
		applies := map[string]bool{}
		for _, cr := range CriteriaFor(subject.Kind == Collective, subject.Leader) {
			applies[cr.Code] = true
		}
		seen := map[string]bool{}
		for i, a := range *in.Criteria {
			(*in.Criteria)[i].Evidence = textnorm.Clean(a.Evidence)
			ptr := "/criteria/" + strconv.Itoa(i) + "/code"
			c.Check(applies[a.Code], ptr, "is not a criterion for this subject")
			c.Check(!seen[a.Code], ptr, "is answered twice")
			seen[a.Code] = true
		}
	}
	return c.Err()
}

// apply writes the input onto n.
func (in Input) apply(n *Nomination) {
	if in.Year != nil {
		n.Year = *in.Year
	}
	if in.RoundID != nil {
		n.RoundID = in.RoundID
	}
	if in.Subject != nil {
		n.Subject = *in.Subject
	}
	if in.Achievements != nil {
		n.Achievements = *in.Achievements
	}
	if in.PublicSummary != nil {
		n.PublicSummary = *in.PublicSummary
	}
	if in.ModelIDs != nil {
		n.ModelIDs = *in.ModelIDs
	}
	if in.Criteria != nil {
		n.Criteria = *in.Criteria
	}
}
