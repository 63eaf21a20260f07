package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/report"
)

var (
	_ report.Store     = (*Store)(nil)
	_ report.TaskStore = (*Store)(nil)
)

// reportingRoundRow is a row of reporting_rounds with its unit and report count.
type reportingRoundRow struct {
	ID        uuid.UUID `gorm:"primaryKey"`
	UnitID    uuid.UUID
	UnitPath  string
	BlocID    uuid.UUID
	Title     string
	Year      int
	Period    string
	FromDate  time.Time
	ToDate    time.Time
	DueOn     time.Time
	Levels    []byte
	ClosedAt  *time.Time
	CreatedBy *uuid.UUID
	CreatedAt time.Time
	UnitKind  string `gorm:"->;-:migration"`
	UnitCode  string `gorm:"->;-:migration"`
	UnitName  string `gorm:"->;-:migration"`
	Reports   int    `gorm:"->;-:migration"`
}

func (reportingRoundRow) TableName() string { return "reporting_rounds" }

func toRound(r reportingRoundRow) report.Round {
	out := report.Round{ID: r.ID, UnitPath: r.UnitPath, BlocID: r.BlocID, Title: r.Title, Year: r.Year, Period: report.Period(r.Period),
		From: *utcDate(&r.FromDate), To: *utcDate(&r.ToDate), DueOn: *utcDate(&r.DueOn), ClosedAt: r.ClosedAt, CreatedBy: r.CreatedBy,
		CreatedAt: r.CreatedAt, Reports: r.Reports, Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName}}
	_ = json.Unmarshal(r.Levels, &out.Levels)
	return out
}

// CreateReportingRound inserts a reporting round.
func (s *Store) CreateReportingRound(ctx context.Context, r report.Round) error {
	levels, err := json.Marshal(r.Levels)
	if err != nil {
		return wrap(err, "create reporting round")
	}
	row := reportingRoundRow{ID: r.ID, UnitID: r.Unit.ID, UnitPath: r.UnitPath, BlocID: r.BlocID, Title: r.Title, Year: r.Year,
		Period: string(r.Period), FromDate: r.From, ToDate: r.To, DueOn: r.DueOn, Levels: levels, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt}
	return wrap(s.db(ctx).Omit("UnitKind", "UnitCode", "UnitName", "Reports").Create(&row).Error, "create reporting round")
}

func (s *Store) reportingRounds(ctx context.Context, where string, arg any) ([]report.Round, error) {
	var rows []reportingRoundRow
	err := s.db(ctx).Table("reporting_rounds AS r").
		Select("r.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name, (SELECT count(*) FROM reports x WHERE x.round_id = r.id) AS reports").
		Joins("JOIN units u ON u.id = r.unit_id").Where(where, arg).Order("r.due_on DESC, r.id").Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "reporting rounds")
	}
	out := make([]report.Round, len(rows))
	for i, r := range rows {
		out[i] = toRound(r)
	}
	return out, nil
}

// GetReportingRound returns a reporting round.
func (s *Store) GetReportingRound(ctx context.Context, id uuid.UUID) (report.Round, error) {
	rs, err := s.reportingRounds(ctx, "r.id = ?", id)
	if err != nil {
		return report.Round{}, wrap(err, "get reporting round %s", id)
	}
	if len(rs) == 0 {
		return report.Round{}, apperr.ErrNotFound
	}
	return rs[0], nil
}

// ListReportingRounds returns the rounds opened by any of unitIDs.
func (s *Store) ListReportingRounds(ctx context.Context, unitIDs []uuid.UUID) ([]report.Round, error) {
	if len(unitIDs) == 0 {
		return []report.Round{}, nil
	}
	return s.reportingRounds(ctx, "r.unit_id IN ?", unitIDs)
}

// CloseReportingRound marks a round closed.
func (s *Store) CloseReportingRound(ctx context.Context, id uuid.UUID, at time.Time) error {
	res := s.db(ctx).Table("reporting_rounds").Where("id = ? AND closed_at IS NULL", id).Update("closed_at", at)
	if res.Error == nil && res.RowsAffected == 0 {
		return apperr.New(apperr.Conflict, "round_closed", "The round is already closed.")
	}
	return wrap(res.Error, "close reporting round %s", id)
}

// RoundOpenLocked reads whether a round is open under a share lock, so that a close waits for
// the write that saw the round open (and a write after the close sees it closed).
func (s *Store) RoundOpenLocked(ctx context.Context, id uuid.UUID) (bool, error) {
	var open bool
	err := s.db(ctx).Raw("SELECT closed_at IS NULL FROM reporting_rounds WHERE id = ? FOR SHARE", id).Row().Scan(&open)
	return open, wrap(err, "round open locked %s", id)
}

// reportRow is a row of reports with its unit and round read alongside.
type reportRow struct {
	ID           uuid.UUID `gorm:"primaryKey"`
	RoundID      uuid.UUID
	UnitID       uuid.UUID
	UnitPath     string
	BlocID       uuid.UUID
	ParentID     *uuid.UUID
	Status       string
	Touched      bool
	Figures      []byte
	Results      string
	Limitations  string
	Lessons      string
	Proposals    string
	NextSteps    string
	Signature    []byte
	MissingNote  *string
	StatusReason *string
	SubmittedAt  *time.Time
	SubmittedBy  *uuid.UUID
	Version      int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	UnitKind     string    `gorm:"->;-:migration"`
	UnitCode     string    `gorm:"->;-:migration"`
	UnitName     string    `gorm:"->;-:migration"`
	RoundTitle   string    `gorm:"->;-:migration"`
	DueOn        time.Time `gorm:"->;-:migration"`
	RoundClosed  bool      `gorm:"->;-:migration"`
	RoundFrom    time.Time `gorm:"->;-:migration"`
	RoundTo      time.Time `gorm:"->;-:migration"`
}

func (reportRow) TableName() string { return "reports" }

func readOnlyReportColumns() []string {
	return []string{"UnitKind", "UnitCode", "UnitName", "RoundTitle", "DueOn", "RoundClosed", "RoundFrom", "RoundTo"}
}

func fromReport(r report.Report) (reportRow, error) {
	figures, err := jsonOrNull(r.Figures, r.Figures == nil)
	if err != nil {
		return reportRow{}, err
	}
	signature, err := json.Marshal(r.Signature)
	if err != nil {
		return reportRow{}, err
	}
	return reportRow{Signature: signature, NextSteps: r.Narrative.NextSteps, ID: r.ID, RoundID: r.RoundID, UnitID: r.Unit.ID, UnitPath: r.UnitPath, BlocID: r.BlocID, ParentID: r.ParentID,
		Status: string(r.Status), Touched: r.Touched, Figures: figures, Results: r.Narrative.Results, Limitations: r.Narrative.Limitations,
		Lessons: r.Narrative.Lessons, Proposals: r.Narrative.Proposals, MissingNote: r.MissingNote, StatusReason: r.StatusReason,
		SubmittedAt: r.SubmittedAt, SubmittedBy: r.SubmittedBy, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}, nil
}

func toReport(r reportRow) report.Report {
	out := report.Report{ID: r.ID, RoundID: r.RoundID, RoundTitle: r.RoundTitle, DueOn: *utcDate(&r.DueOn), RoundClosed: r.RoundClosed,
		RoundFrom: *utcDate(&r.RoundFrom), RoundTo: *utcDate(&r.RoundTo), UnitPath: r.UnitPath,
		BlocID: r.BlocID, ParentID: r.ParentID, Status: report.Status(r.Status), Touched: r.Touched, MissingNote: r.MissingNote,
		StatusReason: r.StatusReason, SubmittedAt: r.SubmittedAt, SubmittedBy: r.SubmittedBy, Version: r.Version, CreatedAt: r.CreatedAt,
		UpdatedAt: r.UpdatedAt, Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName},
		Narrative: report.Narrative{Results: r.Results, Limitations: r.Limitations, Lessons: r.Lessons, Proposals: r.Proposals, NextSteps: r.NextSteps}}
	if len(r.Signature) > 0 {
		_ = json.Unmarshal(r.Signature, &out.Signature)
	}
	if len(r.Figures) > 0 {
		f := report.NewFigures()
		_ = json.Unmarshal(r.Figures, &f)
		out.Figures = &f
	}
	return out
}

func (s *Store) reportsQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&reportRow{}).Select(reportColumns).
		Joins("JOIN units u ON u.id = reports.unit_id").Joins("JOIN reporting_rounds rr ON rr.id = reports.round_id")
}

// reportColumns select a report with its unit and what its round says of it (title, due day,
// closed, and the dates its figures cover), in reportFields' order: a report read by id needs
// no second statement for its round.
var reportColumns = columnList("reports.id", "reports.round_id", "reports.unit_id", "reports.unit_path", "reports.bloc_id",
	"reports.parent_id", "reports.status", "reports.touched", "reports.figures", "reports.results", "reports.limitations",
	"reports.lessons", "reports.proposals", "reports.next_steps", "reports.signature", "reports.missing_note", "reports.status_reason", "reports.submitted_at",
	"reports.submitted_by", "reports.version", "reports.created_at", "reports.updated_at",
	"u.kind AS unit_kind", "u.code AS unit_code", "u.name AS unit_name", "rr.title AS round_title", "rr.due_on AS due_on",
	"rr.closed_at IS NOT NULL AS round_closed", "rr.from_date AS round_from", "rr.to_date AS round_to")

// reportFields are the destinations of reportColumns in r, in their order.
func reportFields(r *reportRow) []any {
	return []any{&r.ID, &r.RoundID, &r.UnitID, &r.UnitPath, &r.BlocID, &r.ParentID, &r.Status, &r.Touched, &r.Figures, &r.Results,
		&r.Limitations, &r.Lessons, &r.Proposals, &r.NextSteps, &r.Signature, &r.MissingNote, &r.StatusReason, &r.SubmittedAt, &r.SubmittedBy, &r.Version,
		&r.CreatedAt, &r.UpdatedAt, &r.UnitKind, &r.UnitCode, &r.UnitName, &r.RoundTitle, &r.DueOn, &r.RoundClosed, &r.RoundFrom,
		&r.RoundTo}
}

// CreateReports inserts reports in batches.
func (s *Store) CreateReports(ctx context.Context, rs []report.Report) error {
	if len(rs) == 0 {
		return nil
	}
	rows := make([]reportRow, len(rs))
	for i, r := range rs {
		row, err := fromReport(r)
		if err != nil {
			return wrap(err, "create reports")
		}
		rows[i] = row
	}
	return wrap(s.db(ctx).Omit(readOnlyReportColumns()...).CreateInBatches(&rows, 500).Error, "create reports")
}

// GetReport returns a report, locking its row when forUpdate.
func (s *Store) GetReport(ctx context.Context, id uuid.UUID, forUpdate bool) (report.Report, error) {
	row, err := takeRow(ctx, s, s.reportsQuery, "reports", id, forUpdate, reportFields)
	if err != nil {
		return report.Report{}, wrap(err, "get report %s", id)
	}
	return toReport(row), nil
}

// UpdateReport writes r if the stored version is still r.Version, and bumps it.
func (s *Store) UpdateReport(ctx context.Context, r report.Report) error {
	row, err := fromReport(r)
	if err != nil {
		return wrap(err, "update report")
	}
	row.Version = r.Version + 1
	return wrap(updateVersioned(s.db(ctx), &row, r.ID, r.Version,
		"status", "touched", "figures", "results", "limitations", "lessons", "proposals", "next_steps", "signature", "missing_note", "status_reason",
		"submitted_at", "submitted_by", "version", "updated_at"), "update report")
}

// ListReports returns a page of reports, newest first.
func (s *Store) ListReports(ctx context.Context, f report.Filter) ([]report.Report, string, error) {
	q := s.reportsQuery(ctx)
	if f.UnitID != nil {
		q = q.Where("reports.unit_id = ?", *f.UnitID)
	} else {
		q = q.Where("reports.unit_path LIKE ?", likePrefix(f.UnitPath))
	}
	if f.RoundID != nil {
		q = q.Where("reports.round_id = ?", *f.RoundID)
	}
	if f.Status != "" {
		q = q.Where("reports.status = ?", string(f.Status))
	}
	q, err := afterID(q, "reports.id", f.Cursor, true)
	if err != nil {
		return nil, "", wrap(err, "list reports")
	}
	rows, err := scanRows(q.Order("reports.id DESC").Limit(f.Limit+1), reportFields)
	if err != nil {
		return nil, "", wrap(err, "list reports")
	}
	rows, next := pageByID(rows, f.Limit, func(r reportRow) uuid.UUID { return r.ID })
	out := make([]report.Report, len(rows))
	for i, r := range rows {
		out[i] = toReport(r)
	}
	return out, next, nil
}

// roundStateColumns are what a report's state needs (report.Report.State): a round's status
// lists thousands, and their narratives and figures would only be read to be dropped.
const roundStateColumns = "reports.id, reports.round_id, reports.unit_id, reports.unit_path, reports.bloc_id, reports.parent_id, " +
	"reports.status, reports.touched, reports.submitted_at, reports.version, reports.created_at, reports.updated_at, " +
	"u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name, rr.title AS round_title, rr.due_on AS due_on, rr.closed_at IS NOT NULL AS round_closed"

// RoundStateCounts counts a round's reports by status, written or not, and late or not (submitted
// after dueEnd), in one aggregate over the round's index.
func (s *Store) RoundStateCounts(ctx context.Context, roundID uuid.UUID, dueEnd time.Time) ([]report.StateCount, error) {
	var rows []struct {
		Status        string
		Touched, Late bool
		N             int
	}
	err := s.db(ctx).Raw(`SELECT status, touched, coalesce(submitted_at > ?, false) AS late, count(*) AS n
		FROM reports WHERE round_id = ? GROUP BY 1, 2, 3`, dueEnd, roundID).Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "round state counts roundID=%s", roundID)
	}
	out := make([]report.StateCount, len(rows))
	for i, r := range rows {
		out[i] = report.StateCount{Status: report.Status(r.Status), Touched: r.Touched, Late: r.Late, N: r.N}
	}
	return out, nil
}

// RoundReportsPage returns a round's reports in tree order after the unit path after (those
// filter selects, when set), at most limit (0: every one), without figures or narrative.
func (s *Store) RoundReportsPage(ctx context.Context, roundID uuid.UUID, dueEnd time.Time, filter *report.StateFilter, after string, limit int) ([]report.Report, error) {
	q := s.reportsQuery(ctx).Select(roundStateColumns).Where("reports.round_id = ?", roundID)
	if after != "" {
		q = q.Where("reports.unit_path > ?", after)
	}
	if f := filter; f != nil {
		q = q.Where("reports.status = ?", string(f.Status))
		if f.Touched != nil {
			q = q.Where("reports.touched = ?", *f.Touched)
		}
		if f.Late != nil {
			q = q.Where("coalesce(reports.submitted_at > ?, false) = ?", dueEnd, *f.Late)
		}
	}
	if limit > 0 {
		q = q.Limit(limit)
	}
	return s.roundReports(ctx, q)
}

// ChildReports returns the reports of a round whose units are the children of parentID, in tree
// order: a committee's consolidation reads its cells' reports, not the whole round's.
func (s *Store) ChildReports(ctx context.Context, roundID, parentID uuid.UUID) ([]report.Report, error) {
	return s.roundReports(ctx, s.reportsQuery(ctx).Where("reports.round_id = ? AND reports.parent_id = ?", roundID, parentID))
}

func (s *Store) roundReports(ctx context.Context, q *gorm.DB) ([]report.Report, error) {
	var rows []reportRow
	if err := q.Order("reports.unit_path").Find(&rows).Error; err != nil {
		return nil, wrap(err, "round reports")
	}
	out := make([]report.Report, len(rows))
	for i, r := range rows {
		out[i] = toReport(r)
	}
	return out, nil
}

// Figures counts the models, evaluations, nominations, honors and classified members of the
// subtree at path for the years (and evaluation slots) of a round, in a few aggregate queries,
// with the round's inspections and study sessions.
func (s *Store) Figures(ctx context.Context, path string, years []int, slots []report.EvaluationSlot, from, to time.Time) (report.Figures, error) {
	f := report.NewFigures()
	tuples := make([][]any, len(slots))
	for i, sl := range slots {
		tuples[i] = []any{sl.Year, sl.Period}
	}
	if len(tuples) == 0 {
		tuples = [][]any{{0, ""}} // a round shorter than any evaluation period counts none
	}
	prefix := likePrefix(path)
	type kv struct {
		K string
		N int
	}
	var rows []kv
	counts := func(q string, args ...any) (map[string]int, int, error) {
		rows = rows[:0]
		if err := s.db(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
			return nil, 0, translate(err)
		}
		m, total := map[string]int{}, 0
		for _, r := range rows {
			m[r.K] += r.N
			total += r.N
		}
		return m, total, nil
	}
	var err error
	if f.ModelsByStatus, f.ModelsTotal, err = counts(`SELECT status AS k, count(*) AS n FROM models WHERE unit_path LIKE ? AND year IN ? GROUP BY status`, prefix, years); err != nil {
		return f, wrap(err, "figures")
	}
	if f.ModelsByCategory, _, err = counts(`SELECT category AS k, count(*) AS n FROM models WHERE unit_path LIKE ? AND year IN ? AND status <> 'draft' GROUP BY category`, prefix, years); err != nil {
		return f, wrap(err, "figures")
	}
	if f.EvaluationsByRating, f.EvaluationsTotal, err = counts(`SELECT e.rating AS k, count(*) AS n FROM model_evaluations e JOIN models m ON m.id = e.model_id
		WHERE m.unit_path LIKE ? AND e.kind = 'self' AND (e.year, e.period) IN ? GROUP BY e.rating`, prefix, tuples); err != nil {
		return f, wrap(err, "figures")
	}
	if f.NominationsByStatus, f.NominationsTotal, err = counts(`SELECT status AS k, count(*) AS n FROM nominations
		WHERE unit_path LIKE ? AND created_at BETWEEN ? AND ? GROUP BY status`, prefix, from, to); err != nil {
		return f, wrap(err, "figures")
	}
	kinds, _, err := counts(`SELECT subject_kind AS k, count(*) AS n FROM nominations WHERE unit_path LIKE ? AND created_at BETWEEN ? AND ?
		AND status IN ('submitted', 'endorsed', 'commended', 'honored') GROUP BY subject_kind`, prefix, from, to)
	if err != nil {
		return f, wrap(err, "figures")
	}
	f.Collective, f.Individual = kinds["collective"], kinds["individual"]
	// The classified members by class, from the subtree's rollups (a row per year).
	if f.MembersByClass, _, err = counts(`SELECT k, n FROM (SELECT coalesce(sum(class_excellent), 0) AS excellent,
			coalesce(sum(class_good), 0) AS good, coalesce(sum(class_completed), 0) AS completed,
			coalesce(sum(class_not_completed), 0) AS not_completed
			FROM commitment_rollups WHERE unit_id = ? AND year IN ?) t,
		LATERAL (VALUES ('excellent', t.excellent), ('good', t.good), ('completed', t.completed), ('not_completed', t.not_completed)) v (k, n)
		WHERE n > 0`, pathUnit(path), years); err != nil {
		return f, wrap(err, "figures")
	}
	err = s.db(ctx).Raw(`SELECT count(*) FROM honor_roll r JOIN nominations n ON n.id = r.nomination_id
		WHERE n.unit_path LIKE ? AND r.honored_at BETWEEN ? AND ?`, prefix, from, to).Scan(&f.Honors).Error
	if err != nil {
		return f, wrap(err, "figures")
	}
	if err := s.inspectionFigures(ctx, &f, path, from, to); err != nil {
		return f, wrap(err, "figures")
	}
	return f, wrap(s.studyReportFigures(ctx, &f, prefix, civilDate(from), civilDate(to)), "figures")
}
