package member

import (
	"context"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
)

// SelfAssess records the member's self-assessment of their items for a period: mid-year (the
// commitment stays accepted; it may be recorded again) or year end (the commitment moves to
// self_assessed; every item is assessed, and it may be corrected until the cell reviews it).
func (s *Service) SelfAssess(ctx context.Context, id uuid.UUID, ifMatch *int64, period Period, in []AssessmentInput) (Commitment, error) {
	a := CActAssessMidYear
	if period == YearEnd {
		a = CActAssessYearEnd
	}
	return s.flow().Change(ctx, id, ifMatch, a, func(_ context.Context, c *Commitment) error {
		if err := NormalizeAssessments(period, in, c.Items); err != nil {
			return err
		}
		c.Items = applyAssessments(period, in, c.Items)
		now := s.now()
		if period == MidYear {
			c.MidYearAt = &now
		} else {
			c.YearEndAt = &now
		}
		return nil
	})
}

// Review records the cell's assessment of the member's year and the class it proposes; the
// cell may correct it until the committee classifies.
func (s *Service) Review(ctx context.Context, id uuid.UUID, ifMatch *int64, assessment string, proposed Class) (Commitment, error) {
	assessment = textnorm.Clean(assessment)
	var ch apperr.Checker
	ch.Check(assessment != "" && utf8.RuneCountInString(assessment) <= 10000, "/assessment", "must be 1–10000 characters")
	ch.Check(proposed.Valid(), "/proposed_class", "must be excellent, good, completed or not_completed")
	if err := ch.Err(); err != nil {
		return Commitment{}, err
	}
	return s.flow().Change(ctx, id, ifMatch, CActReview, func(ctx context.Context, c *Commitment) error {
		now := s.now()
		c.CellAssessment, c.ProposedClass, c.ReviewedAt, c.ReviewedBy = assessment, &proposed, &now, access.FromContext(ctx).ActorID()
		return nil
	})
}

// Classify is the committee's classification of the member for the year: the class the cell
// proposed or another one. Anyone but the committee directly above the cell is refused (403).
func (s *Service) Classify(ctx context.Context, id uuid.UUID, ifMatch *int64, class Class) (Commitment, error) {
	if !class.Valid() {
		return Commitment{}, apperr.Fields("validation", "Some fields are invalid.",
			apperr.FieldError{Field: "/class", Message: "must be excellent, good, completed or not_completed"})
	}
	return s.flow().Change(ctx, id, ifMatch, CActClassify, func(ctx context.Context, c *Commitment) error {
		now := s.now()
		c.Class, c.ClassifiedAt, c.ClassifiedBy = &class, &now, access.FromContext(ctx).ActorID()
		return nil
	})
}

// Counts is the progress of a year's commitments in a subtree: members, commitments by how far
// they went, and the classified members by class.
type Counts struct {
	Members      int
	Committed    int // with a commitment, in any state
	Accepted     int // accepted or further
	SelfAssessed int // self-assessed at year end or further
	Reviewed     int
	Classified   int
	ByClass      map[Class]int
}

// ClassCounts reports the progress and the classification counts of year in the subtree of a
// unit, for those who read its members (aggregates, but of personal data).
func (s *Service) ClassCounts(ctx context.Context, unitID uuid.UUID, year int) (org.Unit, Counts, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return org.Unit{}, Counts{}, err
	}
	if !p.Can(access.ReadMembers, u.Path) {
		return org.Unit{}, Counts{}, apperr.ErrForbidden
	}
	c, err := s.store.CountClasses(ctx, u.Path, year)
	return u, c, err
}
