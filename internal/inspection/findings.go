package inspection

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
	"lamtheobac/internal/vntime"
)

func cleanText(s string) string { return textnorm.Clean(s) }

// CreateFinding records a finding of the plan's team on an inspected unit.
func (s *Service) CreateFinding(ctx context.Context, planID uuid.UUID, in FindingInput) (Finding, error) {
	if err := in.Normalize(); err != nil {
		return Finding{}, err
	}
	var out Finding
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		// Recording a finding is the plan's add_finding action, checked under the plan's lock.
		pl, err := s.planFlow().Checked(ctx, planID, nil, ActAddFinding)
		if err != nil {
			return err
		}
		p := access.FromContext(ctx)
		u, err := s.store.GetUnit(ctx, in.UnitID)
		if errors.Is(err, apperr.ErrNotFound) || (err == nil && !pl.Inspects(u.Path)) {
			return apperr.Fields("not_inspected", "The unit is not one the plan inspects.",
				apperr.FieldError{Field: "/unit_id", Message: "is not an inspected unit or below one"})
		}
		if err != nil {
			return err
		}
		if in.RecordKind != nil && in.RecordKind.Checked() {
			path, err := s.store.RecordUnitPath(ctx, *in.RecordKind, *in.RecordID)
			if errors.Is(err, apperr.ErrNotFound) || (err == nil && !strings.HasPrefix(path, u.Path)) {
				return apperr.Fields("record_not_in_unit", "The record is not one of the unit's.",
					apperr.FieldError{Field: "/record_id", Message: "no such " + string(*in.RecordKind) + " in the unit's subtree"})
			}
			if err != nil {
				return err
			}
		}
		now := s.now()
		out = Finding{ID: uuid.Must(uuid.NewV7()), PlanID: pl.ID, Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID, RecordKind: in.RecordKind,
			RecordID: in.RecordID, Summary: in.Summary, Rating: in.Rating, Evidence: in.Evidence, CreatedBy: p.ActorID(), Version: 1,
			CreatedAt: now, UpdatedAt: now, Recommendations: []Recommendation{}}
		if err := s.store.CreateInspectionFinding(ctx, out); err != nil {
			return err
		}
		id, unit, bloc := out.ID, u.ID, u.BlocID
		return s.store.Record(ctx, audit.Event{Action: "inspection_finding.create", ResourceType: "inspection_finding", ResourceID: &id,
			UnitID: &unit, UnitPath: u.Path, BlocID: &bloc, After: findingSnapshot(out)})
	})
	return out, err
}

// readableFinding returns a finding and its plan if the caller may read the finding: the
// inspected side gets 404 until the plan is concluded, as if it did not exist.
func (s *Service) readableFinding(ctx context.Context, id uuid.UUID) (Finding, Plan, error) {
	f, err := s.store.GetInspectionFinding(ctx, id)
	if err != nil {
		return Finding{}, Plan{}, err
	}
	pl, err := s.readablePlan(ctx, f.PlanID, false)
	if err != nil {
		return Finding{}, Plan{}, err
	}
	if !findingVisible(access.FromContext(ctx), pl, f.UnitPath) {
		return Finding{}, Plan{}, apperr.ErrNotFound
	}
	return f, pl, nil
}

// GetFinding returns a readable finding with its recommendations.
func (s *Service) GetFinding(ctx context.Context, id uuid.UUID) (Finding, error) {
	f, _, err := s.readableFinding(ctx, id)
	return f, err
}

// ListFindings lists the findings of a plan the caller may read.
func (s *Service) ListFindings(ctx context.Context, planID uuid.UUID) ([]Finding, error) {
	pl, err := s.readablePlan(ctx, planID, false)
	if err != nil {
		return nil, err
	}
	all, err := s.store.ListInspectionFindings(ctx, planID)
	if err != nil {
		return nil, err
	}
	p := access.FromContext(ctx)
	out := make([]Finding, 0, len(all))
	for _, f := range all {
		if findingVisible(p, pl, f.UnitPath) {
			out = append(out, f)
		}
	}
	return out, nil
}

// CreateRecommendation adds a recommendation to a finding, by the plan's team while it is in progress.
func (s *Service) CreateRecommendation(ctx context.Context, findingID uuid.UUID, in RecommendationInput) (Recommendation, error) {
	in.Text = cleanText(in.Text)
	if in.Text == "" {
		return Recommendation{}, apperr.Fields("validation", "Some fields are invalid.", apperr.FieldError{Field: "/text", Message: "is required"})
	}
	var out Recommendation
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		f, _, err := s.readableFinding(ctx, findingID) // 404 to the inspected side before the conclusion
		if err != nil {
			return err
		}
		pl, err := s.planFlow().Checked(ctx, f.PlanID, nil, ActAddFinding)
		if err != nil {
			return err
		}
		p := access.FromContext(ctx)
		resp := org.Unit{ID: f.Unit.ID, Kind: f.Unit.Kind, Code: f.Unit.Code, Name: f.Unit.Name, Path: f.UnitPath, BlocID: f.BlocID}
		if in.ResponsibleUnitID != nil && *in.ResponsibleUnitID != f.Unit.ID {
			u, err := s.store.GetUnit(ctx, *in.ResponsibleUnitID)
			if errors.Is(err, apperr.ErrNotFound) || (err == nil && !strings.HasPrefix(u.Path, f.UnitPath)) {
				return apperr.Fields("not_inspected", "The responsible unit is the finding's unit or below it.",
					apperr.FieldError{Field: "/responsible_unit_id", Message: "is not the finding's unit or below it"})
			}
			if err != nil {
				return err
			}
			resp = u
		}
		now := s.now()
		out = Recommendation{ID: uuid.Must(uuid.NewV7()), FindingID: f.ID, PlanID: pl.ID, ResponsibleUnit: resp.Ref(), ResponsibleUnitPath: resp.Path,
			BlocID: resp.BlocID, Text: in.Text, DueOn: vntime.Date(in.DueOn), Status: Open, CreatedBy: p.ActorID(), Version: 1, CreatedAt: now,
			UpdatedAt: now, PlanUnitPath: pl.UnitPath, PlanStatus: pl.Status, FindingUnitPath: f.UnitPath}
		if err := s.store.CreateInspectionRecommendation(ctx, out); err != nil {
			return err
		}
		id, unit, bloc := out.ID, resp.ID, resp.BlocID
		return s.store.Record(ctx, audit.Event{Action: "inspection_recommendation.create", ResourceType: "inspection_recommendation",
			ResourceID: &id, UnitID: &unit, UnitPath: resp.Path, BlocID: &bloc, After: recSnapshot(out)})
	})
	return out, err
}

// GetRecommendation returns a readable recommendation.
func (s *Service) GetRecommendation(ctx context.Context, id uuid.UUID) (Recommendation, error) {
	return s.readableRec(ctx, id, false)
}

// Answer records what the responsible unit did.
func (s *Service) Answer(ctx context.Context, id uuid.UUID, ifMatch *int64, text string) (Recommendation, error) {
	text = cleanText(text)
	if text == "" {
		return Recommendation{}, apperr.Fields("validation", "An answer is required.", apperr.FieldError{Field: "/text", Message: "is required"})
	}
	return s.recFlow().Change(ctx, id, ifMatch, ActAnswer, func(ctx context.Context, r *Recommendation) error {
		now := s.now()
		r.Response, r.AnsweredAt, r.AnsweredBy = &text, &now, access.FromContext(ctx).ActorID()
		return nil
	})
}

// Close closes an answered recommendation.
func (s *Service) Close(ctx context.Context, id uuid.UUID, ifMatch *int64) (Recommendation, error) {
	return s.recFlow().Change(ctx, id, ifMatch, ActClose, func(_ context.Context, r *Recommendation) error {
		now := s.now()
		r.ClosedAt = &now
		return nil
	})
}

// Reopen sends a recommendation back to the responsible unit with a reason.
func (s *Service) Reopen(ctx context.Context, id uuid.UUID, ifMatch *int64, reason string) (Recommendation, error) {
	reason = cleanText(reason)
	if reason == "" {
		return Recommendation{}, apperr.Fields("validation", "A reason is required.", apperr.FieldError{Field: "/text", Message: "is required"})
	}
	return s.recFlow().Change(ctx, id, ifMatch, ActReopen, func(_ context.Context, r *Recommendation) error {
		r.StatusReason, r.ClosedAt = &reason, nil
		return nil
	})
}

// ListUnitRecommendations lists the recommendations the unit's subtree is responsible for, as
// far as the caller may read them, soonest due first.
func (s *Service) ListUnitRecommendations(ctx context.Context, unitID uuid.UUID, status RecStatus, overdue bool) ([]Recommendation, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, err
	}
	f := RecFilter{ResponsiblePath: u.Path, Status: status, Limit: 500}
	if overdue {
		today := vntime.Date(s.now())
		f.OverdueOn = &today
	}
	all, err := s.store.ListInspectionRecommendations(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]Recommendation, 0, len(all))
	for _, r := range all {
		if recVisible(p, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// Summary is a subtree's inspection figures for a period.
type Summary struct {
	Unit             org.Ref
	From, To         time.Time
	Plans            int
	PlansByStatus    map[string]int
	Findings         int
	FindingsByRating map[string]int
	Recommendations  int
	Open             int
	Answered         int
	Closed           int
	Overdue          int
}

// Summary counts the plans owned in the unit's subtree whose period overlaps [from, to], their
// findings by rating and their recommendations by state, overdue as of today. For the officers
// and inspectors over the unit.
func (s *Service) Summary(ctx context.Context, unitID uuid.UUID, from, to time.Time) (Summary, error) {
	if to.Before(from) {
		return Summary{}, apperr.Fields("validation", "Some fields are invalid.", apperr.FieldError{Field: "/to", Message: "must not be before from"})
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Summary{}, err
	}
	if err := access.FromContext(ctx).Authorize(access.ManageInspection, u.Path); err != nil {
		return Summary{}, err
	}
	sum, err := s.store.InspectionSummary(ctx, u.Path, from, to, vntime.Date(s.now()))
	if err != nil {
		return Summary{}, err
	}
	sum.Unit, sum.From, sum.To = u.Ref(), from, to
	return sum, nil
}

func planEvent(action string, pl Plan, before, after any) audit.Event {
	id, unit, bloc := pl.ID, pl.Unit.ID, pl.BlocID
	return audit.Event{Action: action, ResourceType: "inspection_plan", ResourceID: &id, UnitID: &unit, UnitPath: pl.UnitPath, BlocID: &bloc,
		Before: before, After: after}
}

func planSnapshot(pl Plan) map[string]any {
	units := make([]uuid.UUID, len(pl.Units))
	for i, u := range pl.Units {
		units[i] = u.ID
	}
	return map[string]any{"id": pl.ID, "unit_id": pl.Unit.ID, "kind": pl.Kind, "title": pl.Title, "subjects": pl.Subjects,
		"period_from": pl.From.Format(time.DateOnly), "period_to": pl.To.Format(time.DateOnly), "unit_ids": units, "team": pl.Team,
		"status": pl.Status, "conclusion": pl.Conclusion, "version": pl.Version}
}

func findingSnapshot(f Finding) map[string]any {
	return map[string]any{"id": f.ID, "plan_id": f.PlanID, "unit_id": f.Unit.ID, "record_kind": f.RecordKind, "record_id": f.RecordID,
		"summary": f.Summary, "rating": f.Rating, "evidence": f.Evidence}
}

func recSnapshot(r Recommendation) map[string]any {
	return map[string]any{"id": r.ID, "finding_id": r.FindingID, "responsible_unit_id": r.ResponsibleUnit.ID, "text": r.Text,
		"due_on": r.DueOn.Format(time.DateOnly), "status": r.Status, "response": r.Response, "status_reason": r.StatusReason, "version": r.Version}
}
