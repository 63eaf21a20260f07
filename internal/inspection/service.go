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
	"lamtheobac/internal/workflow"
)

// Store is what the inspection service needs from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder
	GetUnit(ctx context.Context, id uuid.UUID) (org.Unit, error)
	GetUnits(ctx context.Context, ids []uuid.UUID) ([]org.Unit, error)

	CreateInspectionPlan(ctx context.Context, p Plan) error
	// GetInspectionPlan returns a plan with its inspected units, locking it when forUpdate.
	GetInspectionPlan(ctx context.Context, id uuid.UUID, forUpdate bool) (Plan, error)
	// UpdateInspectionPlan writes p (and its inspected units) if the stored version is still
	// p.Version, apperr.ErrStale otherwise.
	UpdateInspectionPlan(ctx context.Context, p Plan) error
	DeleteInspectionPlan(ctx context.Context, id uuid.UUID) error
	ListInspectionPlans(ctx context.Context, f PlanFilter) ([]Plan, error)
	// RolesAt returns the roles each of users holds at exactly the unit with id.
	RolesAt(ctx context.Context, unitID uuid.UUID, users []uuid.UUID) (map[uuid.UUID][]access.Role, error)
	// RecordUnitPath returns the unit path of the record of kind with id (apperr.ErrNotFound
	// when there is none); kind is one that Checked.
	RecordUnitPath(ctx context.Context, kind RecordKind, id uuid.UUID) (string, error)

	CreateInspectionFinding(ctx context.Context, f Finding) error
	// GetInspectionFinding returns a finding with its recommendations.
	GetInspectionFinding(ctx context.Context, id uuid.UUID) (Finding, error)
	// ListInspectionFindings returns a plan's findings with their recommendations, by unit.
	ListInspectionFindings(ctx context.Context, planID uuid.UUID) ([]Finding, error)

	CreateInspectionRecommendation(ctx context.Context, r Recommendation) error
	GetInspectionRecommendation(ctx context.Context, id uuid.UUID, forUpdate bool) (Recommendation, error)
	// UpdateInspectionRecommendation writes r if the stored version is still r.Version.
	UpdateInspectionRecommendation(ctx context.Context, r Recommendation) error
	ListInspectionRecommendations(ctx context.Context, f RecFilter) ([]Recommendation, error)

	InspectionSummary(ctx context.Context, path string, from, to, today time.Time) (Summary, error)
}

// PlanFilter selects plans.
type PlanFilter struct {
	OwnerID       *uuid.UUID // the plans a unit owns…
	InspectedPath string     // …or the plans that inspect the unit at this path (not drafts)
	Status        PlanStatus
}

// RecFilter selects recommendations.
type RecFilter struct {
	ResponsiblePath string // the responsible unit is this unit or below it
	Status          RecStatus
	OverdueOn       *time.Time // only those due before this date and not closed
	Limit           int
}

// Service runs inspections for the principal in ctx.
type Service struct {
	store Store
	now   func() time.Time
}

// NewService returns a Service over store whose deadlines follow now.
func NewService(store Store, now func() time.Time) *Service { return &Service{store: store, now: now} }

// Now is the service's clock (what overdue is judged against).
func (s *Service) Now() time.Time { return s.now() }

// readablePlan returns the plan if the caller may read it.
func (s *Service) readablePlan(ctx context.Context, id uuid.UUID, forUpdate bool) (Plan, error) {
	pl, err := s.store.GetInspectionPlan(ctx, id, forUpdate)
	if err != nil {
		return Plan{}, err
	}
	if !planVisible(access.FromContext(ctx), pl) {
		return Plan{}, apperr.ErrNotFound
	}
	return pl, nil
}

// readableRec returns the recommendation if the caller may read it.
func (s *Service) readableRec(ctx context.Context, id uuid.UUID, forUpdate bool) (Recommendation, error) {
	r, err := s.store.GetInspectionRecommendation(ctx, id, forUpdate)
	if err != nil {
		return Recommendation{}, err
	}
	if !recVisible(access.FromContext(ctx), r) {
		return Recommendation{}, apperr.ErrNotFound
	}
	return r, nil
}

func (s *Service) planFlow() workflow.Flow[Plan, PlanStatus, PlanAction] {
	return workflow.Flow[Plan, PlanStatus, PlanAction]{
		Table: PlanTable, Kind: "inspection_plan", InTx: s.store.InTx, Load: s.readablePlan,
		Version:  func(p Plan) int64 { return p.Version },
		SetState: func(p *Plan, st PlanStatus) { p.Status = st },
		Save: func(ctx context.Context, before, after Plan) (Plan, error) {
			after.Version, after.UpdatedAt = before.Version, s.now()
			if err := s.store.UpdateInspectionPlan(ctx, after); err != nil {
				return after, err
			}
			after.Version++
			return after, nil
		},
		Delete: func(ctx context.Context, p Plan) error { return s.store.DeleteInspectionPlan(ctx, p.ID) },
		Audit: func(ctx context.Context, action string, before Plan, after *Plan) error {
			var a any
			if after != nil {
				a = planSnapshot(*after)
			}
			return s.store.Record(ctx, planEvent(action, before, planSnapshot(before), a))
		},
	}
}

func (s *Service) recFlow() workflow.Flow[Recommendation, RecStatus, RecAction] {
	return workflow.Flow[Recommendation, RecStatus, RecAction]{
		Table: RecTable, Kind: "inspection_recommendation", InTx: s.store.InTx, Load: s.readableRec,
		Version:  func(r Recommendation) int64 { return r.Version },
		SetState: func(r *Recommendation, st RecStatus) { r.Status = st },
		Save: func(ctx context.Context, before, after Recommendation) (Recommendation, error) {
			after.Version, after.UpdatedAt = before.Version, s.now()
			if err := s.store.UpdateInspectionRecommendation(ctx, after); err != nil {
				return after, err
			}
			after.Version++
			return after, nil
		},
		Delete: func(context.Context, Recommendation) error {
			return errors.New("inspection: recommendations are never deleted")
		},
		Audit: func(ctx context.Context, action string, before Recommendation, after *Recommendation) error {
			id, unit, bloc := before.ID, before.ResponsibleUnit.ID, before.BlocID
			return s.store.Record(ctx, audit.Event{Action: action, ResourceType: "inspection_recommendation", ResourceID: &id,
				UnitID: &unit, UnitPath: before.ResponsibleUnitPath, BlocID: &bloc, Before: recSnapshot(before), After: recSnapshot(*after)})
		},
	}
}

// AllowedPlan lists what the caller may do to pl now.
func (s *Service) AllowedPlan(ctx context.Context, pl Plan) []string {
	return PlanTable.Allowed(access.FromContext(ctx), pl)
}

// AllowedRec lists what the caller may do to r now.
func (s *Service) AllowedRec(ctx context.Context, r Recommendation) []string {
	return RecTable.Allowed(access.FromContext(ctx), r)
}

// CreatePlan drafts a plan owned by the unit.
func (s *Service) CreatePlan(ctx context.Context, unitID uuid.UUID, in PlanInput) (Plan, error) {
	if err := in.Normalize(true); err != nil {
		return Plan{}, err
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Plan{}, err
	}
	p := access.FromContext(ctx)
	if err := p.AuthorizeOwner(access.ManageInspection, u.Path); err != nil {
		return Plan{}, err
	}
	if u.Archived {
		return Plan{}, apperr.New(apperr.Conflict, "unit_archived", "The unit is archived.")
	}
	if u.Kind == org.Cell {
		return Plan{}, apperr.Fields("no_inspection_role", "A cell has no inspection role: plans are owned by a bloc or a committee.",
			apperr.FieldError{Field: "/unit", Message: "has no inspection role"})
	}
	now := s.now()
	pl := Plan{ID: uuid.Must(uuid.NewV7()), Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID, Status: Draft, CreatedBy: p.ActorID(),
		Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := s.apply(ctx, &pl, in); err != nil {
		return Plan{}, err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateInspectionPlan(ctx, pl); err != nil {
			return err
		}
		return s.store.Record(ctx, planEvent("inspection_plan.create", pl, nil, planSnapshot(pl)))
	})
	return pl, err
}

// apply validates in against the tree (inspected units below the owning unit, a team of its
// officers and inspectors, a period in order) and writes it into pl.
func (s *Service) apply(ctx context.Context, pl *Plan, in PlanInput) error {
	if in.Kind != nil {
		pl.Kind = *in.Kind
	}
	if in.Title != nil {
		pl.Title = *in.Title
	}
	if in.Subjects != nil {
		pl.Subjects = *in.Subjects
	}
	if in.From != nil {
		pl.From = *in.From
	}
	if in.To != nil {
		pl.To = *in.To
	}
	var c apperr.Checker
	c.Check(!pl.To.Before(pl.From), "/period_to", "must not be before period_from")
	if in.UnitIDs != nil {
		units, err := s.store.GetUnits(ctx, *in.UnitIDs)
		if err != nil {
			return err
		}
		c.Check(len(units) == len(*in.UnitIDs), "/unit_ids", "names a unit that does not exist")
		pl.Units = pl.Units[:0:0]
		for _, u := range units {
			c.Check(u.Path != pl.UnitPath && strings.HasPrefix(u.Path, pl.UnitPath), "/unit_ids",
				u.Code+" is not below the owning unit")
			pl.Units = append(pl.Units, InspectedUnit{Ref: u.Ref(), Path: u.Path})
		}
	}
	if in.Team != nil {
		roles, err := s.store.RolesAt(ctx, pl.Unit.ID, *in.Team)
		if err != nil {
			return err
		}
		for _, id := range *in.Team {
			holder := &access.Principal{ID: id}
			for _, r := range roles[id] {
				holder.Roles = append(holder.Roles, access.Assignment{Role: r, UnitID: pl.Unit.ID, UnitPath: pl.UnitPath})
			}
			c.Check(len(holder.Roles) > 0 && holder.HoldsAt(access.ManageInspection, pl.UnitPath), "/team",
				id.String()+" holds no officer or inspector role at the owning unit")
		}
		pl.Team = *in.Team
	}
	return c.Err()
}

// GetPlan returns a readable plan.
func (s *Service) GetPlan(ctx context.Context, id uuid.UUID) (Plan, error) {
	return s.readablePlan(ctx, id, false)
}

// ListPlans lists the plans a unit owns (inspected false) or that inspect it, as far as the
// caller may read them.
func (s *Service) ListPlans(ctx context.Context, unitID uuid.UUID, inspected bool, status PlanStatus) ([]Plan, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, err
	}
	f := PlanFilter{Status: status}
	if inspected {
		f.InspectedPath = u.Path
	} else {
		f.OwnerID = &u.ID
	}
	all, err := s.store.ListInspectionPlans(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]Plan, 0, len(all))
	for _, pl := range all {
		if planVisible(p, pl) {
			out = append(out, pl)
		}
	}
	return out, nil
}

// UpdatePlan edits a draft plan.
func (s *Service) UpdatePlan(ctx context.Context, id uuid.UUID, ifMatch *int64, in PlanInput) (Plan, error) {
	if err := in.Normalize(false); err != nil {
		return Plan{}, err
	}
	return s.planFlow().Change(ctx, id, ifMatch, ActUpdate, func(ctx context.Context, pl *Plan) error { return s.apply(ctx, pl, in) })
}

// DeletePlan deletes a draft plan.
func (s *Service) DeletePlan(ctx context.Context, id uuid.UUID, ifMatch *int64) error {
	return s.planFlow().Remove(ctx, id, ifMatch, ActDelete)
}

// ApprovePlan approves a draft plan.
func (s *Service) ApprovePlan(ctx context.Context, id uuid.UUID, ifMatch *int64) (Plan, error) {
	return s.planFlow().Change(ctx, id, ifMatch, ActApprove, func(_ context.Context, pl *Plan) error {
		now := s.now()
		pl.ApprovedAt, pl.ApprovedBy = &now, access.FromContext(ctx).ActorID()
		return nil
	})
}

// StartPlan starts an approved plan.
func (s *Service) StartPlan(ctx context.Context, id uuid.UUID, ifMatch *int64) (Plan, error) {
	return s.planFlow().Change(ctx, id, ifMatch, ActStart, nil)
}

// ConcludePlan concludes a plan in progress with its conclusion text.
func (s *Service) ConcludePlan(ctx context.Context, id uuid.UUID, ifMatch *int64, conclusion string) (Plan, error) {
	conclusion = cleanText(conclusion)
	if conclusion == "" {
		return Plan{}, apperr.Fields("validation", "A conclusion is required.", apperr.FieldError{Field: "/conclusion", Message: "is required"})
	}
	return s.planFlow().Change(ctx, id, ifMatch, ActConclude, func(_ context.Context, pl *Plan) error {
		now := s.now()
		pl.Conclusion, pl.ConcludedAt, pl.ConcludedBy = conclusion, &now, access.FromContext(ctx).ActorID()
		return nil
	})
}
