package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/inspection"
	"lamtheobac/internal/org"
	"lamtheobac/internal/report"
	"lamtheobac/internal/task"
)

// inspectionFindingRow is a row of inspection_findings with its unit read alongside.
type inspectionFindingRow struct {
	ID         uuid.UUID `gorm:"primaryKey"`
	PlanID     uuid.UUID
	UnitID     uuid.UUID
	UnitPath   string
	BlocID     uuid.UUID
	RecordKind *string
	RecordID   *uuid.UUID
	Summary    string
	Rating     string
	Evidence   string
	CreatedBy  *uuid.UUID
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
	UnitKind   string `gorm:"->;-:migration"`
	UnitCode   string `gorm:"->;-:migration"`
	UnitName   string `gorm:"->;-:migration"`
}

func (inspectionFindingRow) TableName() string { return "inspection_findings" }

// inspectionRecRow is a row of inspection_recommendations with its responsible unit, plan and
// finding read alongside.
type inspectionRecRow struct {
	ID                  uuid.UUID `gorm:"primaryKey"`
	FindingID           uuid.UUID
	PlanID              uuid.UUID
	ResponsibleUnitID   uuid.UUID
	ResponsibleUnitPath string
	BlocID              uuid.UUID
	Text                string
	DueOn               time.Time
	Status              string
	Response            *string
	AnsweredAt          *time.Time
	AnsweredBy          *uuid.UUID
	ClosedAt            *time.Time
	StatusReason        *string
	CreatedBy           *uuid.UUID
	Version             int64
	CreatedAt           time.Time
	UpdatedAt           time.Time
	UnitKind            string `gorm:"->;-:migration"`
	UnitCode            string `gorm:"->;-:migration"`
	UnitName            string `gorm:"->;-:migration"`
	PlanUnitPath        string `gorm:"->;-:migration"`
	PlanStatus          string `gorm:"->;-:migration"`
	FindingUnitPath     string `gorm:"->;-:migration"`
}

func (inspectionRecRow) TableName() string { return "inspection_recommendations" }

var findingReadOnly = []string{"UnitKind", "UnitCode", "UnitName"}
var recReadOnly = []string{"UnitKind", "UnitCode", "UnitName", "PlanUnitPath", "PlanStatus", "FindingUnitPath"}

func toFinding(r inspectionFindingRow) inspection.Finding {
	out := inspection.Finding{ID: r.ID, PlanID: r.PlanID, Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName},
		UnitPath: r.UnitPath, BlocID: r.BlocID, RecordID: r.RecordID, Summary: r.Summary, Rating: inspection.Rating(r.Rating),
		Evidence: r.Evidence, CreatedBy: r.CreatedBy, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Recommendations: []inspection.Recommendation{}}
	if r.RecordKind != nil {
		k := inspection.RecordKind(*r.RecordKind)
		out.RecordKind = &k
	}
	return out
}

func fromRec(r inspection.Recommendation) inspectionRecRow {
	return inspectionRecRow{ID: r.ID, FindingID: r.FindingID, PlanID: r.PlanID, ResponsibleUnitID: r.ResponsibleUnit.ID,
		ResponsibleUnitPath: r.ResponsibleUnitPath, BlocID: r.BlocID, Text: r.Text, DueOn: r.DueOn, Status: string(r.Status),
		Response: r.Response, AnsweredAt: r.AnsweredAt, AnsweredBy: r.AnsweredBy, ClosedAt: r.ClosedAt, StatusReason: r.StatusReason,
		CreatedBy: r.CreatedBy, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func toRec(r inspectionRecRow) inspection.Recommendation {
	return inspection.Recommendation{ID: r.ID, FindingID: r.FindingID, PlanID: r.PlanID,
		ResponsibleUnit:     org.Ref{ID: r.ResponsibleUnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName},
		ResponsibleUnitPath: r.ResponsibleUnitPath, BlocID: r.BlocID, Text: r.Text, DueOn: *utcDate(&r.DueOn),
		Status: inspection.RecStatus(r.Status), Response: r.Response, AnsweredAt: r.AnsweredAt, AnsweredBy: r.AnsweredBy, ClosedAt: r.ClosedAt,
		StatusReason: r.StatusReason, CreatedBy: r.CreatedBy, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		PlanUnitPath: r.PlanUnitPath, PlanStatus: inspection.PlanStatus(r.PlanStatus), FindingUnitPath: r.FindingUnitPath}
}

func (s *Store) findingsQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&inspectionFindingRow{}).
		Select("inspection_findings.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name").
		Joins("JOIN units u ON u.id = inspection_findings.unit_id")
}

func (s *Store) recsQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&inspectionRecRow{}).
		Select(`inspection_recommendations.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name,
			p.unit_path AS plan_unit_path, p.status AS plan_status, f.unit_path AS finding_unit_path`).
		Joins("JOIN units u ON u.id = inspection_recommendations.responsible_unit_id").
		Joins("JOIN inspection_plans p ON p.id = inspection_recommendations.plan_id").
		Joins("JOIN inspection_findings f ON f.id = inspection_recommendations.finding_id")
}

// CreateInspectionFinding inserts a finding.
func (s *Store) CreateInspectionFinding(ctx context.Context, f inspection.Finding) error {
	row := inspectionFindingRow{ID: f.ID, PlanID: f.PlanID, UnitID: f.Unit.ID, UnitPath: f.UnitPath, BlocID: f.BlocID, RecordID: f.RecordID,
		Summary: f.Summary, Rating: string(f.Rating), Evidence: f.Evidence, CreatedBy: f.CreatedBy, Version: f.Version,
		CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt}
	if f.RecordKind != nil {
		k := string(*f.RecordKind)
		row.RecordKind = &k
	}
	return wrap(s.db(ctx).Omit(findingReadOnly...).Create(&row).Error, "create inspection finding")
}

// findings reads findings matching where, in tree order, with their recommendations.
func (s *Store) findings(ctx context.Context, where string, arg any) ([]inspection.Finding, error) {
	var rows []inspectionFindingRow
	if err := s.findingsQuery(ctx).Where(where, arg).Order("inspection_findings.unit_path, inspection_findings.id").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]inspection.Finding, len(rows))
	at := map[uuid.UUID]int{}
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		out[i], at[r.ID], ids[i] = toFinding(r), i, r.ID
	}
	if len(ids) == 0 {
		return out, nil
	}
	var recs []inspectionRecRow
	if err := s.recsQuery(ctx).Where("inspection_recommendations.finding_id IN ?", ids).
		Order("inspection_recommendations.due_on, inspection_recommendations.id").Scan(&recs).Error; err != nil {
		return nil, err
	}
	for _, r := range recs {
		i := at[r.FindingID]
		out[i].Recommendations = append(out[i].Recommendations, toRec(r))
	}
	return out, nil
}

// GetInspectionFinding returns a finding with its recommendations.
func (s *Store) GetInspectionFinding(ctx context.Context, id uuid.UUID) (inspection.Finding, error) {
	fs, err := s.findings(ctx, "inspection_findings.id = ?", id)
	if err != nil {
		return inspection.Finding{}, wrap(err, "get inspection finding %s", id)
	}
	if len(fs) == 0 {
		return inspection.Finding{}, wrap(gormNotFound(), "get inspection finding %s", id)
	}
	return fs[0], nil
}

// ListInspectionFindings returns a plan's findings with their recommendations, in tree order.
func (s *Store) ListInspectionFindings(ctx context.Context, planID uuid.UUID) ([]inspection.Finding, error) {
	fs, err := s.findings(ctx, "inspection_findings.plan_id = ?", planID)
	return fs, wrap(err, "list inspection findings of plan %s", planID)
}

// CreateInspectionRecommendation inserts a recommendation.
func (s *Store) CreateInspectionRecommendation(ctx context.Context, r inspection.Recommendation) error {
	row := fromRec(r)
	return wrap(s.db(ctx).Omit(recReadOnly...).Create(&row).Error, "create inspection recommendation")
}

// GetInspectionRecommendation returns a recommendation, locking its row when forUpdate.
func (s *Store) GetInspectionRecommendation(ctx context.Context, id uuid.UUID, forUpdate bool) (inspection.Recommendation, error) {
	row, err := takeByID[inspectionRecRow](s.recsQuery(ctx), "inspection_recommendations", id, forUpdate)
	if err != nil {
		return inspection.Recommendation{}, wrap(err, "get inspection recommendation %s", id)
	}
	return toRec(row), nil
}

// UpdateInspectionRecommendation writes r if its version is still r.Version.
func (s *Store) UpdateInspectionRecommendation(ctx context.Context, r inspection.Recommendation) error {
	row := fromRec(r)
	row.Version = r.Version + 1
	return wrap(updateVersioned(s.db(ctx), &row, r.ID, r.Version, "status", "response", "answered_at", "answered_by", "closed_at",
		"status_reason", "version", "updated_at"), "update inspection recommendation %s", r.ID)
}

// ListInspectionRecommendations returns the recommendations of a subtree, soonest due first.
func (s *Store) ListInspectionRecommendations(ctx context.Context, f inspection.RecFilter) ([]inspection.Recommendation, error) {
	q := s.recsQuery(ctx).Where("inspection_recommendations.responsible_unit_path LIKE ?", likePrefix(f.ResponsiblePath))
	if f.Status != "" {
		q = q.Where("inspection_recommendations.status = ?", string(f.Status))
	}
	if f.OverdueOn != nil {
		q = q.Where("inspection_recommendations.status <> 'closed' AND inspection_recommendations.due_on < ?", *f.OverdueOn)
	}
	var rows []inspectionRecRow
	if err := q.Order("inspection_recommendations.due_on, inspection_recommendations.id").Limit(f.Limit).Scan(&rows).Error; err != nil {
		return nil, wrap(err, "list inspection recommendations")
	}
	out := make([]inspection.Recommendation, len(rows))
	for i, r := range rows {
		out[i] = toRec(r)
	}
	return out, nil
}

// InspectionSummary counts the plans owned in the subtree at path whose period overlaps
// [from, to], their findings by rating and their recommendations by state and overdue on today.
func (s *Store) InspectionSummary(ctx context.Context, path string, from, to, today time.Time) (inspection.Summary, error) {
	var rows []struct {
		What, Key string
		N         int
	}
	err := s.db(ctx).Raw(`WITH p AS (SELECT id, status FROM inspection_plans WHERE unit_path LIKE ? AND period_from <= ? AND period_to >= ?)
		SELECT 'plan' AS what, status AS key, count(*) AS n FROM p GROUP BY status
		UNION ALL SELECT 'finding', f.rating, count(*) FROM inspection_findings f JOIN p ON p.id = f.plan_id GROUP BY f.rating
		UNION ALL SELECT 'rec', r.status, count(*) FROM inspection_recommendations r JOIN p ON p.id = r.plan_id GROUP BY r.status
		UNION ALL SELECT 'overdue', '', count(*) FROM inspection_recommendations r JOIN p ON p.id = r.plan_id
			WHERE r.status <> 'closed' AND r.due_on < ?`, likePrefix(path), to, from, today).Scan(&rows).Error
	if err != nil {
		return inspection.Summary{}, wrap(err, "inspection summary")
	}
	out := inspection.Summary{PlansByStatus: map[string]int{}, FindingsByRating: map[string]int{}}
	for _, r := range rows {
		switch r.What {
		case "plan":
			out.Plans += r.N
			out.PlansByStatus[r.Key] = r.N
		case "finding":
			out.Findings += r.N
			out.FindingsByRating[r.Key] = r.N
		case "rec":
			out.Recommendations += r.N
			switch inspection.RecStatus(r.Key) {
			case inspection.Open:
				out.Open = r.N
			case inspection.Answered:
				out.Answered = r.N
			case inspection.Closed:
				out.Closed = r.N
			}
		case "overdue":
			out.Overdue = r.N
		}
	}
	return out, nil
}

// inspectionFigures adds to a report's figures the inspections of the plans owned in the subtree
// at path whose period overlaps [from, to]: overdue is judged at the end of the period, or today
// in Hà Nội while the period runs.
func (s *Store) inspectionFigures(ctx context.Context, f *report.Figures, path string, from, to time.Time) error {
	var today time.Time
	if err := s.db(ctx).Raw(`SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`).Scan(&today).Error; err != nil {
		return err
	}
	end := time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1) // the day after the period
	if today.Before(end) {
		end = today
	}
	sum, err := s.InspectionSummary(ctx, path, from, to, end)
	if err != nil {
		return err
	}
	f.InspectionPlans, f.InspectionFindingsByRating = sum.Plans, sum.FindingsByRating
	f.RecommendationsOpen, f.RecommendationsClosed, f.RecommendationsOverdue = sum.Open+sum.Answered, sum.Closed, sum.Overdue
	return nil
}

// OverdueRecommendations finds recommendations due before q.DueBefore in q.Statuses, of the
// responsible units or of the inspecting units' plans, soonest due first.
func (s *Store) OverdueRecommendations(ctx context.Context, q inspection.OverdueQuery) ([]task.Task, error) {
	var f taskFilter
	f.add("r.status IN ?", strs(q.Statuses))
	f.add("r.due_on < ?", q.DueBefore)
	if q.ConcludedOnly {
		f.add("p.status = 'concluded'")
	}
	if q.Responsible != nil {
		f.units("r.responsible_unit_id", *q.Responsible)
	}
	if q.Inspecting != nil {
		f.units("p.unit_id", *q.Inspecting)
	}
	f.args = append(f.args, q.Limit)
	return s.pendingTasks(ctx, `SELECT left(r.text, 200) AS title, r.id, u.id AS unit_id, u.kind AS unit_kind, u.code AS unit_code,
		u.name AS unit_name, r.due_on FROM inspection_recommendations r JOIN inspection_plans p ON p.id = r.plan_id
		JOIN units u ON u.id = r.responsible_unit_id`, f.where, "r.due_on, r.id", f.args...)
}
