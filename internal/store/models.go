package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/model"
	"lamtheobac/internal/org"
)

var _ model.Store = (*Store)(nil)

// modelRow is a row of models, with its unit and latest rating read alongside.
type modelRow struct {
	ID               uuid.UUID `gorm:"primaryKey"`
	UnitID           uuid.UUID
	UnitPath         string
	BlocID           uuid.UUID
	Name             string
	Year             int
	Category         string
	ImplementerKind  string
	ImplementerName  string
	LearningContent  string
	NecessityReasons []byte
	NecessityText    string
	Measures         []byte
	ExpectedResults  string
	Replicability    string
	Status           string
	StatusReason     *string
	RegisteredAt     *time.Time
	RegisteredBy     *uuid.UUID
	CarriedOverFrom  *uuid.UUID
	ReplicatedFrom   *uuid.UUID
	CreatedBy        *uuid.UUID
	PublishedAt      *time.Time
	PublishedBy      *uuid.UUID
	PublishedByName  *string
	Version          int64
	CreatedAt        time.Time
	UpdatedAt        time.Time
	UnitKind         string  `gorm:"->;-:migration"`
	UnitCode         string  `gorm:"->;-:migration"`
	UnitName         string  `gorm:"->;-:migration"`
	LatestRating     *string `gorm:"->;-:migration"`
	Rank             int     `gorm:"->;-:migration"`
}

func (modelRow) TableName() string { return "models" }

// readOnlyModelColumns are joined in by queries and never written, and the publication, which
// a new model never has (it is written by UpdateModel, at publish and unpublish).
func readOnlyModelColumns() []string {
	return []string{"UnitKind", "UnitCode", "UnitName", "LatestRating", "Rank", "PublishedAt", "PublishedBy", "PublishedByName"}
}

func fromModel(m model.Model) (modelRow, error) {
	rs := m.NecessityReasons
	if rs == nil {
		rs = []model.Reason{} // stored as the API answers it: a list, never null
	}
	reasons, err := json.Marshal(rs)
	if err != nil {
		return modelRow{}, err
	}
	measures, err := m.Measures.MarshalJSON() // called directly: json.Marshal would scan its output again
	if err != nil {
		return modelRow{}, err
	}
	return modelRow{ID: m.ID, UnitID: m.UnitID, UnitPath: m.UnitPath, BlocID: m.BlocID, Name: m.Name, Year: m.Year,
		Category: string(m.Category), ImplementerKind: string(m.Implementer.Kind), ImplementerName: m.Implementer.Name,
		LearningContent: m.LearningContent, NecessityReasons: reasons, NecessityText: m.NecessityText, Measures: measures,
		ExpectedResults: m.ExpectedResults, Replicability: m.Replicability, Status: string(m.Status), StatusReason: m.StatusReason,
		RegisteredAt: m.RegisteredAt, RegisteredBy: m.RegisteredBy, CarriedOverFrom: m.CarriedOverFrom, ReplicatedFrom: m.ReplicatedFrom,
		CreatedBy: m.CreatedBy, PublishedAt: m.PublishedAt, PublishedBy: m.PublishedBy, PublishedByName: m.PublishedByName,
		Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}, nil
}

func toModel(r modelRow) model.Model {
	m := modelOf(&r)
	m.NecessityReasons, m.Measures = []model.Reason{}, model.Measures{Milestones: []model.Milestone{}}
	_ = json.Unmarshal(r.NecessityReasons, &m.NecessityReasons)
	_ = m.Measures.UnmarshalJSON(r.Measures) // called directly: json.Unmarshal would scan it twice more
	if m.Measures.Milestones == nil {
		m.Measures.Milestones = []model.Milestone{}
	}
	return m
}

// modelOf is the model of r without its reasons and measures (their JSON is not decoded).
func modelOf(r *modelRow) model.Model {
	m := model.Model{ID: r.ID, UnitID: r.UnitID, UnitPath: r.UnitPath, BlocID: r.BlocID, Name: r.Name, Year: r.Year,
		Category: model.Category(r.Category), Implementer: model.Implementer{Kind: model.ImplementerKind(r.ImplementerKind), Name: r.ImplementerName},
		LearningContent: r.LearningContent, NecessityText: r.NecessityText, ExpectedResults: r.ExpectedResults, Replicability: r.Replicability,
		Status: model.Status(r.Status), StatusReason: r.StatusReason, RegisteredAt: r.RegisteredAt, RegisteredBy: r.RegisteredBy,
		CarriedOverFrom: r.CarriedOverFrom, ReplicatedFrom: r.ReplicatedFrom, CreatedBy: r.CreatedBy, Version: r.Version,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, PublishedAt: r.PublishedAt, PublishedBy: r.PublishedBy,
		PublishedByName: r.PublishedByName, Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName}}
	if r.LatestRating != nil {
		rating := model.Rating(*r.LatestRating)
		m.LatestRating = &rating
	}
	return m
}

// modelColumns selects a model with its unit and the rating of its self-evaluation for the
// latest period (by year, then period_rank: M01 < M02 < M03 < Q1 < … < Q2 < H1 < … < Q4 < year
// — not by when it was recorded); reviewer evaluations are shown beside it, never as it.
const modelColumns = "models.id, models.unit_id, models.unit_path, models.bloc_id, models.name, models.year, models.category, " +
	"models.implementer_kind, models.implementer_name, models.learning_content, models.necessity_reasons, models.necessity_text, " +
	"models.measures, models.expected_results, models.replicability, models.status, models.status_reason, models.registered_at, " +
	"models.registered_by, models.carried_over_from, models.replicated_from, models.created_by, models.published_at, " +
	"models.published_by, models.published_by_name, models.version, models.created_at, models.updated_at, " +
	"u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name, " +
	"(SELECT e.rating FROM model_evaluations e WHERE e.model_id = models.id AND e.kind = 'self' " +
	"ORDER BY e.year DESC, e.period_rank DESC LIMIT 1) AS latest_rating"

// modelFields are the destinations of modelColumns in r, in their order: rows are scanned by
// position, not matched to fields by name through reflection (a quarter of a list's CPU).
func modelFields(r *modelRow) []any {
	return []any{&r.ID, &r.UnitID, &r.UnitPath, &r.BlocID, &r.Name, &r.Year, &r.Category, &r.ImplementerKind, &r.ImplementerName,
		&r.LearningContent, &r.NecessityReasons, &r.NecessityText, &r.Measures, &r.ExpectedResults, &r.Replicability, &r.Status,
		&r.StatusReason, &r.RegisteredAt, &r.RegisteredBy, &r.CarriedOverFrom, &r.ReplicatedFrom, &r.CreatedBy, &r.PublishedAt,
		&r.PublishedBy, &r.PublishedByName, &r.Version, &r.CreatedAt, &r.UpdatedAt, &r.UnitKind, &r.UnitCode, &r.UnitName, &r.LatestRating}
}

// findModels runs q, which selects modelColumns, then the rank, then what extra receives (the
// same for every row), and scans its rows.
func findModels(q *gorm.DB, extra ...any) ([]modelRow, error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []modelRow
	for rows.Next() {
		var r modelRow
		if err := rows.Scan(append(append(modelFields(&r), &r.Rank), extra...)...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// modelsQuery selects models with their unit and latest rating.
func (s *Store) modelsQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&modelRow{}).Select(modelColumns).Joins("JOIN units u ON u.id = models.unit_id")
}

func toModels(rows []modelRow) []model.Model {
	out := make([]model.Model, len(rows))
	for i, r := range rows {
		out[i] = toModel(r)
	}
	return out
}

// CreateModel inserts a model.
func (s *Store) CreateModel(ctx context.Context, m model.Model) error {
	row, err := fromModel(m)
	if err != nil {
		return wrap(err, "create model")
	}
	return wrap(s.InTx(ctx, func(ctx context.Context) error {
		if err := s.db(ctx).Omit(readOnlyModelColumns()...).Create(&row).Error; err != nil {
			return err
		}
		return s.indexModel(ctx, m.ID, m.LearningContent)
	}), "create model")
}

// GetModel returns the model with id, locking its row when forUpdate.
func (s *Store) GetModel(ctx context.Context, id uuid.UUID, forUpdate bool) (model.Model, error) {
	row, err := takeByID[modelRow](s.modelsQuery(ctx), "models", id, forUpdate)
	if err != nil {
		return model.Model{}, wrap(err, "get model %s", id)
	}
	return toModel(row), nil
}

// UpdateModel writes m if the stored version is still m.Version, and bumps it.
func (s *Store) UpdateModel(ctx context.Context, m model.Model) error {
	row, err := fromModel(m)
	if err != nil {
		return wrap(err, "update model")
	}
	row.Version = m.Version + 1
	return wrap(s.InTx(ctx, func(ctx context.Context) error {
		if err := updateVersioned(s.db(ctx), &row, m.ID, m.Version,
			"name", "year", "category", "implementer_kind", "implementer_name", "learning_content", "necessity_reasons",
			"necessity_text", "measures", "expected_results", "replicability", "status", "status_reason", "registered_at",
			"registered_by", "published_at", "published_by", "published_by_name", "version", "updated_at"); err != nil {
			return err
		}
		return s.indexModel(ctx, m.ID, m.LearningContent)
	}), "update model")
}

// DeleteModel removes a model.
func (s *Store) DeleteModel(ctx context.Context, id uuid.UUID) error {
	return wrap(s.db(ctx).Delete(&modelRow{}, "id = ?", id).Error, "delete model %s", id)
}

// ListModels returns a page of models, newest first. With a search text, models whose name
// matches rank before those matching only in their content (searchModels).
func (s *Store) ListModels(ctx context.Context, f model.Filter) ([]model.Model, string, error) {
	if len(strings.Fields(f.Q)) > 0 {
		if err := s.checkPath(ctx, f.Check); err != nil {
			return nil, "", err
		}
		return s.searchModels(ctx, f)
	}
	rows, err := s.listModelRows(ctx, f)
	if err != nil {
		return nil, "", err
	}
	return modelPage(rows, f.Limit)
}

// ListStoredModels is ListModels with each model's reasons and measures as their stored JSON,
// passed through undecoded (model.Listed).
func (s *Store) ListStoredModels(ctx context.Context, f model.Filter) ([]model.Listed, string, error) {
	if len(strings.Fields(f.Q)) > 0 {
		ms, next, err := s.ListModels(ctx, f)
		if err != nil {
			return nil, "", err
		}
		out := make([]model.Listed, len(ms))
		for i, m := range ms {
			if out[i], err = listedOf(m); err != nil {
				return nil, "", wrap(err, "list models")
			}
		}
		return out, next, nil
	}
	rows, err := s.listModelRows(ctx, f)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		next = encodeCursor(rankCursor{Rank: rows[len(rows)-1].Rank, ID: rows[len(rows)-1].ID})
	}
	out := make([]model.Listed, len(rows))
	for i := range rows {
		out[i] = model.Listed{Model: modelOf(&rows[i]), ReasonsJSON: rows[i].NecessityReasons, MeasuresJSON: rows[i].Measures}
	}
	return out, next, nil
}

// listedOf is a decoded model as a list passes it on: its reasons and measures encoded again.
func listedOf(m model.Model) (model.Listed, error) {
	row, err := fromModel(m)
	if err != nil {
		return model.Listed{}, err
	}
	m.NecessityReasons, m.Measures = nil, model.Measures{}
	return model.Listed{Model: m, ReasonsJSON: row.NecessityReasons, MeasuresJSON: row.Measures}, nil
}

// listModelRows reads a page of models without a search text, one past f.Limit, confirming
// f.Check's path in the same statement.
func (s *Store) listModelRows(ctx context.Context, f model.Filter) ([]modelRow, error) {
	sel := s.modelsQuery(ctx).Select(modelColumns + ", 0 AS rank")
	var now sql.NullString // the checked unit's path in this statement's snapshot
	var extra []any
	if f.Check != nil {
		sel = sel.Select(modelColumns+", 0 AS rank, (SELECT path FROM units WHERE id = ?) AS unit_now", f.Check.Unit)
		extra = append(extra, &now)
	}
	q, err := afterID(filterModels(sel, f), "models.id", f.Cursor, true)
	if err != nil {
		return nil, wrap(err, "list models")
	}
	rows, err := findModels(q.Order("models.id DESC").Limit(f.Limit+1), extra...)
	if err != nil {
		return nil, wrap(err, "list models")
	}
	if f.Check != nil {
		if len(rows) == 0 {
			// No row carried the path: an empty page is confirmed apart.
			if err := s.checkPath(ctx, f.Check); err != nil {
				return nil, err
			}
		} else if !now.Valid || now.String != f.Check.Path {
			return nil, org.ErrPathChanged
		}
	}
	return rows, nil
}

// checkPath answers org.ErrPathChanged unless the unit c names still has c's path (nil: no
// check).
func (s *Store) checkPath(ctx context.Context, c *org.PathCheck) error {
	if c == nil {
		return nil
	}
	var path string
	err := s.db(ctx).Raw("SELECT path FROM units WHERE id = ?", c.Unit).Row().Scan(&path)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && path != c.Path) {
		return org.ErrPathChanged
	}
	return wrap(err, "check the path of unit %s", c.Unit)
}

// filterModels applies f's place and filters (everything but the search text and the cursor).
func filterModels(q *gorm.DB, f model.Filter) *gorm.DB {
	switch ids := org.PathIDs(f.UnitPath); {
	case f.UnitID != nil:
		q = q.Where("models.unit_id = ?", *f.UnitID)
	case len(ids) == 1:
		// A bloc's subtree is its models (units never change bloc): bloc_id lets the planner
		// walk models_bloc_idx in id order and stop at the page.
		q = q.Where("models.bloc_id = ?", ids[0])
	case f.UnitPath != "":
		lo, hi := subtreeRange(f.UnitPath)
		q = q.Where("models.unit_path ~>=~ (SELECT ?::text) AND models.unit_path ~<~ (SELECT ?::text)", lo, hi)
	}
	if len(f.Statuses) > 0 {
		states := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			states[i] = string(st)
		}
		q = q.Where("models.status IN ?", states)
	}
	if f.Year != 0 {
		q = q.Where("models.year = ?", f.Year)
	}
	if f.YearFrom != 0 {
		q = q.Where("models.year BETWEEN ? AND ?", f.YearFrom, f.YearTo)
	}
	if f.Category != "" {
		q = q.Where("models.category = ?", string(f.Category))
	}
	if f.ReplicatedFrom != nil {
		q = q.Where("models.replicated_from = ?", *f.ReplicatedFrom)
	}
	return q
}

// subtreeRange is the range of paths [lo, hi) of the subtree at path: the paths that start with
// it, as LIKE 'path%' would match them, bounded for models_path_idx (text_pattern_ops, whose
// ~>=~ and ~<~ compare bytes). The list reads the bounds through sub-selects on purpose: the
// planner cannot see through them, so every execution of the prepared statement costs the same
// and Postgres keeps one generic plan for it, where a parameter it could see (LIKE $1) made it
// plan each request anew, more than half of the statement's time (#16: 0.7 ms of planning
// against 0.4 ms of execution for a committee's page). The plan is the same index scan either
// way (TestScenariosNeverSeqScanBigTables).
func subtreeRange(path string) (lo, hi string) {
	b := []byte(path)
	b[len(b)-1]++ // paths are ASCII and end with "/": hi raises it to "0"
	return path, string(b)
}

// modelPage cuts rows (read one past limit) to the page and the cursor of the next one.
func modelPage(rows []modelRow, limit int) ([]model.Model, string, error) {
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		next = encodeCursor(rankCursor{Rank: last.Rank, ID: last.ID})
	}
	return toModels(rows), next, nil
}

// ModelFamily returns every model replicated from root, directly or through replicas.
func (s *Store) ModelFamily(ctx context.Context, root uuid.UUID) ([]model.Model, error) {
	var ids []uuid.UUID
	err := s.db(ctx).Raw(`WITH RECURSIVE family AS (
			SELECT id FROM models WHERE replicated_from = ?
			UNION
			SELECT m.id FROM models m JOIN family f ON m.replicated_from = f.id)
		SELECT id FROM family`, root).Scan(&ids).Error
	if err != nil || len(ids) == 0 {
		return []model.Model{}, wrap(err, "model family root=%s", root)
	}
	var rows []modelRow
	if err := s.modelsQuery(ctx).Where("models.id IN ?", ids).Order("models.id").Find(&rows).Error; err != nil {
		return nil, wrap(err, "model family root=%s", root)
	}
	return toModels(rows), nil
}

// CarriedTo returns the models carried over from id, oldest year first.
func (s *Store) CarriedTo(ctx context.Context, id uuid.UUID) ([]model.Model, error) {
	var rows []modelRow
	if err := s.modelsQuery(ctx).Where("models.carried_over_from = ?", id).Order("models.year, models.id").Find(&rows).Error; err != nil {
		return nil, wrap(err, "carried to %s", id)
	}
	return toModels(rows), nil
}

// UnitsWithModel returns the units of the subtree at path with a model of year in states.
func (s *Store) UnitsWithModel(ctx context.Context, path string, year int, states []model.Status) (map[uuid.UUID]bool, error) {
	names := make([]string, len(states))
	for i, st := range states {
		names[i] = string(st)
	}
	var ids []uuid.UUID
	err := s.db(ctx).Model(&modelRow{}).Distinct("unit_id").
		Where("unit_path LIKE ? AND year = ? AND status IN ?", likePrefix(path), year, names).Pluck("unit_id", &ids).Error
	if err != nil {
		return nil, wrap(err, "units with model")
	}
	out := make(map[uuid.UUID]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
