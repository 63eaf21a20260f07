package member

import (
	"context"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/vntime"
)

// CommitmentStore is what the commitments need from persistence.
type CommitmentStore interface {
	// CountCommitments counts the commitments of a member, of every year.
	CountCommitments(ctx context.Context, memberID uuid.UUID) (int, error)
	CreateCommitment(ctx context.Context, c Commitment) error
	GetCommitment(ctx context.Context, id uuid.UUID, forUpdate bool) (Commitment, error)
	// UpdateCommitment writes after over before (read at before.Version; stale → apperr.ErrStale).
	UpdateCommitment(ctx context.Context, before, after Commitment) error
	DeleteCommitment(ctx context.Context, id uuid.UUID) error
	ListCommitments(ctx context.Context, f CommitmentFilter) ([]Commitment, string, error)
	// CommitmentDeadlines returns the deadlines of year set at the given units, by unit.
	CommitmentDeadlines(ctx context.Context, units []uuid.UUID, year int) (map[uuid.UUID]time.Time, error)
	PutCommitmentDeadline(ctx context.Context, d Deadline) error
	// ModelUnitPath returns the unit path of the model with id (apperr.ErrNotFound if none).
	ModelUnitPath(ctx context.Context, id uuid.UUID) (string, error)
	// CountClasses counts the commitments of year in the subtree at path by state and class.
	CountClasses(ctx context.Context, path string, year int) (Counts, error)
	TaskStore
	CoverageStore
}

// CommitmentFilter selects commitments for a list.
type CommitmentFilter struct {
	MemberID *uuid.UUID // one member's, every year…
	UnitID   *uuid.UUID // …or one cell's…
	UnitPath string     // …or a subtree's
	Year     int
	Statuses []Status
	Limit    int
	Cursor   string
}

// Status is where a commitment is in the member's year.
type Status string

// The states of a commitment.
const (
	Draft        Status = "draft"
	Submitted    Status = "submitted"
	Returned     Status = "returned" // sent back by the cell with a reason, to be edited and submitted again
	Accepted     Status = "accepted"
	SelfAssessed Status = "self_assessed" // the member assessed the year
	Reviewed     Status = "reviewed"      // the cell assessed the member and proposed a class
	Classified   Status = "classified"    // the committee confirmed the class
)

// ItemKind says what an item of a commitment is.
type ItemKind string

// The kinds of item: a line of the cell's standard the member commits to, a topic to study, a
// task at work (Hướng dẫn 14-QĐ/ĐU: the standards and the tasks tied to one's job).
const (
	StandardItem ItemKind = "standard"
	StudyItem    ItemKind = "study"
	TaskItem     ItemKind = "task"
)

// Result is a self-assessment of one item.
type Result string

// The results of an item.
const (
	Done    Result = "done"
	Partly  Result = "partly"
	NotDone Result = "not_done"
)

// Class is the yearly classification of a party member (xếp loại đảng viên).
type Class string

// The four classes.
const (
	Excellent    Class = "excellent"     // hoàn thành xuất sắc nhiệm vụ
	Good         Class = "good"          // hoàn thành tốt nhiệm vụ
	Completed    Class = "completed"     // hoàn thành nhiệm vụ
	NotCompleted Class = "not_completed" // không hoàn thành nhiệm vụ
)

// Classes lists the classes, best first.
func Classes() []Class { return []Class{Excellent, Good, Completed, NotCompleted} }

// Valid reports whether c is one of the four classes.
func (c Class) Valid() bool { return slices.Contains(Classes(), c) }

// Period is when a member assesses themselves.
type Period string

// The periods of a self-assessment.
const (
	MidYear Period = "mid_year"
	YearEnd Period = "year_end"
)

// Assessment is a self-assessment of one item for a period.
type Assessment struct {
	Result   Result `json:"result"`
	Comment  string `json:"comment"`
	Evidence string `json:"evidence"`
}

// Item is a line of a commitment.
type Item struct {
	ID             uuid.UUID  `json:"id"`
	Kind           ItemKind   `json:"kind"`
	StandardItemID *uuid.UUID `json:"standard_item_id,omitempty"`
	// StandardText is the standard's line as it read when chosen (the standard may be replaced
	// during the year; the commitment keeps what the member signed).
	StandardText string      `json:"standard_text,omitempty"`
	Text         string      `json:"text"` // what the member will do
	ModelID      *uuid.UUID  `json:"model_id,omitempty"`
	MidYear      *Assessment `json:"mid_year,omitempty"`
	YearEnd      *Assessment `json:"year_end,omitempty"`
}

// Commitment is a member's commitment for a year, with its assessments and classification.
type Commitment struct {
	ID             uuid.UUID
	MemberID       uuid.UUID
	MemberName     string     // read alongside
	MemberUserID   *uuid.UUID // read alongside: who the member is, for the rights
	UnitID         uuid.UUID
	Unit           org.Ref // read alongside
	UnitPath       string
	BlocID         uuid.UUID
	Year           int
	Status         Status
	StatusReason   *string
	Items          []Item
	OnBehalf       bool // entered by the cell for a member without an account
	DueOn          time.Time
	SubmittedAt    *time.Time
	SubmittedBy    *uuid.UUID
	AcceptedAt     *time.Time
	AcceptedBy     *uuid.UUID
	MidYearAt      *time.Time
	YearEndAt      *time.Time
	CellAssessment string
	ProposedClass  *Class
	ReviewedAt     *time.Time
	ReviewedBy     *uuid.UUID
	Class          *Class
	ClassifiedAt   *time.Time
	ClassifiedBy   *uuid.UUID
	CreatedBy      *uuid.UUID
	Version        int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// ItemInput is an item as a client writes it.
type ItemInput struct {
	Kind           ItemKind
	StandardItemID *uuid.UUID
	Text           string
	ModelID        *uuid.UUID
}

// maxItems bounds a commitment: a member commits to a few things they will really do.
const maxItems = 50

// NormalizeItems cleans and validates items (the standard and model links are checked against
// the database by the service).
func NormalizeItems(items []ItemInput) error {
	var c apperr.Checker
	c.Check(len(items) <= maxItems, "/items", "must have at most "+strconv.Itoa(maxItems)+" items")
	for i := range items {
		it, f := &items[i], "/items/"+strconv.Itoa(i)
		it.Text = textnorm.Clean(it.Text)
		c.Check(it.Kind == StandardItem || it.Kind == StudyItem || it.Kind == TaskItem, f+"/kind", "must be standard, study or task")
		c.Check(it.Text != "" && utf8.RuneCountInString(it.Text) <= 2000, f+"/text", "must be 1–2000 characters")
		if it.Kind == StandardItem {
			c.Check(it.StandardItemID != nil, f+"/standard_item_id", "is required for an item of the standard")
		} else {
			c.Check(it.StandardItemID == nil, f+"/standard_item_id", "only items of the standard name one")
		}
	}
	return c.Err()
}

// AssessmentInput is a self-assessment of one item.
type AssessmentInput struct {
	ItemID uuid.UUID
	Assessment
}

// NormalizeAssessments cleans and validates a self-assessment against the commitment's items:
// every item named must be one of them, once; the year-end assessment covers every item.
func NormalizeAssessments(period Period, in []AssessmentInput, items []Item) error {
	var c apperr.Checker
	c.Check(period == MidYear || period == YearEnd, "/period", "must be mid_year or year_end")
	seen := map[uuid.UUID]bool{}
	for i := range in {
		a, f := &in[i], "/items/"+strconv.Itoa(i)
		a.Comment, a.Evidence = textnorm.Clean(a.Comment), textnorm.Clean(a.Evidence)
		c.Check(a.Result == Done || a.Result == Partly || a.Result == NotDone, f+"/result", "must be done, partly or not_done")
		c.Check(utf8.RuneCountInString(a.Comment) <= 2000, f+"/comment", "must be at most 2000 characters")
		c.Check(utf8.RuneCountInString(a.Evidence) <= 2000, f+"/evidence", "must be at most 2000 characters")
		known := slices.ContainsFunc(items, func(it Item) bool { return it.ID == a.ItemID })
		c.Check(known, f+"/item_id", "is not an item of the commitment")
		c.Check(!seen[a.ItemID], f+"/item_id", "is assessed twice")
		seen[a.ItemID] = true
	}
	if period == YearEnd {
		for _, it := range items {
			if !seen[it.ID] {
				c.Check(false, "/items", "the year-end assessment covers every item of the commitment")
				break
			}
		}
	}
	c.Check(len(in) > 0, "/items", "must assess at least one item")
	return c.Err()
}

// applyAssessments writes a validated self-assessment onto the items.
func applyAssessments(period Period, in []AssessmentInput, items []Item) []Item {
	out := slices.Clone(items)
	for _, a := range in {
		for i := range out {
			if out[i].ID == a.ItemID {
				v := a.Assessment
				if period == MidYear {
					out[i].MidYear = &v
				} else {
					out[i].YearEnd = &v
				}
			}
		}
	}
	return out
}

// DefaultDeadline is the commitments' deadline when no unit above the cell set one: 31 March.
func DefaultDeadline(year int) time.Time {
	return time.Date(year, time.March, 31, 0, 0, 0, 0, time.UTC)
}

// Deadline is the commitments' deadline of a year set by a unit for its subtree.
type Deadline struct {
	UnitID uuid.UUID
	Year   int
	DueOn  time.Time
	SetBy  *uuid.UUID
}

// checkYear accepts 2016 (Directive 05-CT/TW) to next year, in Vietnam.
func checkYear(year int, now time.Time) error {
	next := vntime.Date(now).Year() + 1
	if year < 2016 || year > next {
		return apperr.Fields("validation", "Some fields are invalid.",
			apperr.FieldError{Field: "/year", Message: "must be between 2016 and next year (" + strconv.Itoa(next) + ")"})
	}
	return nil
}

// Late reports whether the commitment was submitted after its deadline (or is still not
// submitted once the deadline passed).
func (c Commitment) Late(now time.Time) bool {
	if c.SubmittedAt != nil {
		return vntime.Passed(c.DueOn, *c.SubmittedAt)
	}
	return vntime.Passed(c.DueOn, now)
}
