package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/inspection"
	"lamtheobac/internal/org"
)

var (
	_ inspection.Store     = (*Store)(nil)
	_ inspection.TaskStore = (*Store)(nil)
)

// inspectionPlanRow is a row of inspection_plans with its owning unit read alongside.
type inspectionPlanRow struct {
	ID          uuid.UUID `gorm:"primaryKey"`
	UnitID      uuid.UUID
	UnitPath    string
	BlocID      uuid.UUID
	Kind        string
	Title       string
	Subjects    []byte
	PeriodFrom  time.Time
	PeriodTo    time.Time
	Team        []byte
	Status      string
	Conclusion  string
	ApprovedBy  *uuid.UUID
	ApprovedAt  *time.Time
	ConcludedBy *uuid.UUID
	ConcludedAt *time.Time
	CreatedBy   *uuid.UUID
	Version     int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	UnitKind    string `gorm:"->;-:migration"`
	UnitCode    string `gorm:"->;-:migration"`
	UnitName    string `gorm:"->;-:migration"`
}

func (inspectionPlanRow) TableName() string { return "inspection_plans" }

// inspectionPlanUnitRow is a row of inspection_plan_units.
type inspectionPlanUnitRow struct {
	PlanID   uuid.UUID
	UnitID   uuid.UUID
	UnitPath string
}

func (inspectionPlanUnitRow) TableName() string { return "inspection_plan_units" }

var planReadOnly = []string{"UnitKind", "UnitCode", "UnitName"}

func fromPlan(p inspection.Plan) (inspectionPlanRow, error) {
	subjects, err := json.Marshal(p.Subjects)
	if err != nil {
		return inspectionPlanRow{}, err
	}
	team, err := json.Marshal(p.Team)
	if err != nil {
		return inspectionPlanRow{}, err
	}
	return inspectionPlanRow{ID: p.ID, UnitID: p.Unit.ID, UnitPath: p.UnitPath, BlocID: p.BlocID, Kind: string(p.Kind), Title: p.Title,
		Subjects: subjects, PeriodFrom: p.From, PeriodTo: p.To, Team: team, Status: string(p.Status), Conclusion: p.Conclusion,
		ApprovedBy: p.ApprovedBy, ApprovedAt: p.ApprovedAt, ConcludedBy: p.ConcludedBy, ConcludedAt: p.ConcludedAt, CreatedBy: p.CreatedBy,
		Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}, nil
}

func toPlan(r inspectionPlanRow) inspection.Plan {
	out := inspection.Plan{ID: r.ID, Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName},
		UnitPath: r.UnitPath, BlocID: r.BlocID, Kind: inspection.Kind(r.Kind), Title: r.Title, From: *utcDate(&r.PeriodFrom),
		To: *utcDate(&r.PeriodTo), Status: inspection.PlanStatus(r.Status), Conclusion: r.Conclusion, ApprovedBy: r.ApprovedBy,
		ApprovedAt: r.ApprovedAt, ConcludedBy: r.ConcludedBy, ConcludedAt: r.ConcludedAt, CreatedBy: r.CreatedBy, Version: r.Version,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Subjects: []inspection.Subject{}, Team: []uuid.UUID{}, Units: []inspection.InspectedUnit{}}
	_ = json.Unmarshal(r.Subjects, &out.Subjects)
	_ = json.Unmarshal(r.Team, &out.Team)
	return out
}

func (s *Store) plansQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&inspectionPlanRow{}).
		Select("inspection_plans.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name").
		Joins("JOIN units u ON u.id = inspection_plans.unit_id")
}

// writePlanUnits replaces the inspected units of plan p.
func (s *Store) writePlanUnits(ctx context.Context, p inspection.Plan) error {
	if err := s.db(ctx).Where("plan_id = ?", p.ID).Delete(&inspectionPlanUnitRow{}).Error; err != nil {
		return err
	}
	if len(p.Units) == 0 {
		return nil
	}
	rows := make([]inspectionPlanUnitRow, len(p.Units))
	for i, u := range p.Units {
		rows[i] = inspectionPlanUnitRow{PlanID: p.ID, UnitID: u.ID, UnitPath: u.Path}
	}
	return s.db(ctx).Create(&rows).Error
}

// withPlanUnits reads the inspected units of plans, in tree order.
func (s *Store) withPlanUnits(ctx context.Context, plans []inspection.Plan) error {
	if len(plans) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(plans))
	at := map[uuid.UUID]int{}
	for i, p := range plans {
		ids[i], at[p.ID] = p.ID, i
	}
	var rows []struct {
		PlanID                 uuid.UUID
		ID                     uuid.UUID
		Kind, Code, Name, Path string
	}
	err := s.db(ctx).Raw(`SELECT pu.plan_id, u.id, u.kind, u.code, u.name, u.path FROM inspection_plan_units pu
		JOIN units u ON u.id = pu.unit_id WHERE pu.plan_id IN ? ORDER BY u.path`, ids).Scan(&rows).Error
	if err != nil {
		return err
	}
	for _, r := range rows {
		i := at[r.PlanID]
		plans[i].Units = append(plans[i].Units, inspection.InspectedUnit{Ref: org.Ref{ID: r.ID, Kind: org.Kind(r.Kind), Code: r.Code, Name: r.Name}, Path: r.Path})
	}
	return nil
}

// CreateInspectionPlan inserts a plan with its inspected units.
func (s *Store) CreateInspectionPlan(ctx context.Context, p inspection.Plan) error {
	row, err := fromPlan(p)
	if err != nil {
		return wrap(err, "create inspection plan")
	}
	if err := s.db(ctx).Omit(planReadOnly...).Create(&row).Error; err != nil {
		return wrap(err, "create inspection plan")
	}
	return wrap(s.writePlanUnits(ctx, p), "create inspection plan units")
}

// GetInspectionPlan returns a plan with its inspected units, locking it when forUpdate.
func (s *Store) GetInspectionPlan(ctx context.Context, id uuid.UUID, forUpdate bool) (inspection.Plan, error) {
	row, err := takeByID[inspectionPlanRow](s.plansQuery(ctx), "inspection_plans", id, forUpdate)
	if err != nil {
		return inspection.Plan{}, wrap(err, "get inspection plan %s", id)
	}
	plans := []inspection.Plan{toPlan(row)}
	if err := s.withPlanUnits(ctx, plans); err != nil {
		return inspection.Plan{}, wrap(err, "get inspection plan units %s", id)
	}
	return plans[0], nil
}

// UpdateInspectionPlan writes a plan and its inspected units if its version is still p.Version.
func (s *Store) UpdateInspectionPlan(ctx context.Context, p inspection.Plan) error {
	row, err := fromPlan(p)
	if err != nil {
		return wrap(err, "update inspection plan")
	}
	row.Version = p.Version + 1
	if err := updateVersioned(s.db(ctx), &row, p.ID, p.Version, "kind", "title", "subjects", "period_from", "period_to", "team",
		"status", "conclusion", "approved_by", "approved_at", "concluded_by", "concluded_at", "version", "updated_at"); err != nil {
		return wrap(err, "update inspection plan %s", p.ID)
	}
	return wrap(s.writePlanUnits(ctx, p), "update inspection plan units %s", p.ID)
}

// DeleteInspectionPlan removes a plan (its inspected units go with it).
func (s *Store) DeleteInspectionPlan(ctx context.Context, id uuid.UUID) error {
	return wrap(s.db(ctx).Delete(&inspectionPlanRow{}, "id = ?", id).Error, "delete inspection plan %s", id)
}

// ListInspectionPlans returns the plans a unit owns, or the approved ones that inspect a unit
// (one of their units is it or above it), newest period first.
func (s *Store) ListInspectionPlans(ctx context.Context, f inspection.PlanFilter) ([]inspection.Plan, error) {
	q := s.plansQuery(ctx)
	if f.OwnerID != nil {
		q = q.Where("inspection_plans.unit_id = ?", *f.OwnerID)
	}
	if f.InspectedPath != "" {
		q = q.Where("inspection_plans.status <> 'draft' AND EXISTS (SELECT 1 FROM inspection_plan_units pu WHERE pu.plan_id = inspection_plans.id AND starts_with(?, pu.unit_path))", f.InspectedPath)
	}
	if f.Status != "" {
		q = q.Where("inspection_plans.status = ?", string(f.Status))
	}
	var rows []inspectionPlanRow
	if err := q.Order("inspection_plans.period_from DESC, inspection_plans.id DESC").Limit(500).Scan(&rows).Error; err != nil {
		return nil, wrap(err, "list inspection plans")
	}
	out := make([]inspection.Plan, len(rows))
	for i, r := range rows {
		out[i] = toPlan(r)
	}
	return out, wrap(s.withPlanUnits(ctx, out), "list inspection plan units")
}

// RolesAt returns the roles each of users holds at exactly the unit.
func (s *Store) RolesAt(ctx context.Context, unitID uuid.UUID, users []uuid.UUID) (map[uuid.UUID][]access.Role, error) {
	out := map[uuid.UUID][]access.Role{}
	if len(users) == 0 {
		return out, nil
	}
	var rows []roleRow
	err := s.db(ctx).Where("principal_kind = 'user' AND unit_id = ? AND principal_id IN ?", unitID, users).Find(&rows).Error
	if err != nil {
		return nil, wrap(err, "roles at unit %s", unitID)
	}
	for _, r := range rows {
		out[r.PrincipalID] = append(out[r.PrincipalID], access.Role(r.Role))
	}
	return out, nil
}

// RecordUnitPath returns the unit path of a model, nomination, report or standard.
func (s *Store) RecordUnitPath(ctx context.Context, kind inspection.RecordKind, id uuid.UUID) (string, error) {
	table := map[inspection.RecordKind]string{inspection.RecordModel: "models", inspection.RecordNomination: "nominations",
		inspection.RecordReport: "reports", inspection.RecordStandard: "standards"}[kind]
	if table == "" {
		return "", apperr.ErrNotFound
	}
	var paths []string
	if err := s.db(ctx).Raw("SELECT unit_path FROM "+table+" WHERE id = ?", id).Scan(&paths).Error; err != nil {
		return "", wrap(err, "record unit path %s %s", kind, id)
	}
	if len(paths) == 0 {
		return "", apperr.ErrNotFound
	}
	return paths[0], nil
}
