package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/org"
	"lamtheobac/internal/standard"
)

var _ standard.Store = (*Store)(nil)

// standardRow is a row of standards, with the number of comments read alongside.
type standardRow struct {
	ID                   uuid.UUID `gorm:"primaryKey"`
	UnitID               uuid.UUID
	UnitPath             string
	BlocID               uuid.UUID
	Title                string
	Subtitle             string
	Sector               *string
	Status               string
	Items                []byte
	ConsultationClosesOn *time.Time
	DecisionNumber       *string
	DecisionDate         *time.Time
	Signer               *string
	IssuedAt             *time.Time
	SupersededBy         *uuid.UUID
	WithdrawReason       *string
	CreatedBy            *uuid.UUID
	Version              int64
	CreatedAt            time.Time
	UpdatedAt            time.Time
	CommentCount         int `gorm:"->;-:migration"`
	PublishedAt          *time.Time
	PublishedBy          *uuid.UUID
	PublishedByName      *string
	UnitKind             string `gorm:"->;-:migration"`
	UnitCode             string `gorm:"->;-:migration"`
	UnitName             string `gorm:"->;-:migration"`
}

func (standardRow) TableName() string { return "standards" }

func fromStandard(s standard.Standard) (standardRow, error) {
	items, err := json.Marshal(s.Items)
	if err != nil {
		return standardRow{}, err
	}
	r := standardRow{ID: s.ID, UnitID: s.UnitID, UnitPath: s.UnitPath, BlocID: s.BlocID, Title: s.Title, Subtitle: s.Subtitle,
		Sector: s.Sector, Status: string(s.Status), Items: items, ConsultationClosesOn: s.ConsultationClosesOn, IssuedAt: s.IssuedAt,
		SupersededBy: s.SupersededBy, WithdrawReason: s.WithdrawReason, CreatedBy: s.CreatedBy, PublishedAt: s.PublishedAt,
		PublishedBy: s.PublishedBy, PublishedByName: s.PublishedByName, Version: s.Version, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
	if d := s.Decision; d != nil {
		date := d.Date
		r.DecisionNumber, r.DecisionDate, r.Signer = &d.Number, &date, &d.Signer
	}
	return r, nil
}

func toStandard(r standardRow) standard.Standard {
	s := standard.Standard{ID: r.ID, UnitID: r.UnitID, UnitPath: r.UnitPath, BlocID: r.BlocID, Title: r.Title, Subtitle: r.Subtitle,
		Sector: r.Sector, Status: standard.Status(r.Status), ConsultationClosesOn: utcDate(r.ConsultationClosesOn), IssuedAt: r.IssuedAt,
		SupersededBy: r.SupersededBy, WithdrawReason: r.WithdrawReason, CreatedBy: r.CreatedBy, CommentCount: r.CommentCount,
		Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Items: []standard.Item{}, PublishedAt: r.PublishedAt,
		PublishedBy: r.PublishedBy, PublishedByName: r.PublishedByName,
		Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName}}
	_ = json.Unmarshal(r.Items, &s.Items)
	if r.DecisionNumber != nil && r.DecisionDate != nil {
		s.Decision = &standard.Decision{Number: *r.DecisionNumber, Date: *utcDate(r.DecisionDate), Signer: deref(r.Signer)}
	}
	return s
}

// utcDate normalizes a date column to 00:00 UTC of the same civil date.
func utcDate(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// standardColumns select a standard with its unit and comment count, in standardFields' order.
var standardColumns = columnList("standards.id", "standards.unit_id", "standards.unit_path", "standards.bloc_id", "standards.title",
	"standards.subtitle", "standards.sector", "standards.status", "standards.items", "standards.consultation_closes_on",
	"standards.decision_number", "standards.decision_date", "standards.signer", "standards.issued_at", "standards.superseded_by",
	"standards.withdraw_reason", "standards.created_by", "standards.version", "standards.created_at", "standards.updated_at",
	"(SELECT count(*) FROM standard_comments c WHERE c.standard_id = standards.id) AS comment_count",
	"standards.published_at", "standards.published_by", "standards.published_by_name",
	"u.kind AS unit_kind", "u.code AS unit_code", "u.name AS unit_name")

// standardFields are the destinations of standardColumns in r, in their order.
func standardFields(r *standardRow) []any {
	return []any{&r.ID, &r.UnitID, &r.UnitPath, &r.BlocID, &r.Title, &r.Subtitle, &r.Sector, &r.Status, &r.Items,
		&r.ConsultationClosesOn, &r.DecisionNumber, &r.DecisionDate, &r.Signer, &r.IssuedAt, &r.SupersededBy, &r.WithdrawReason,
		&r.CreatedBy, &r.Version, &r.CreatedAt, &r.UpdatedAt, &r.CommentCount, &r.PublishedAt, &r.PublishedBy, &r.PublishedByName,
		&r.UnitKind, &r.UnitCode, &r.UnitName}
}

// standardsQuery selects standards with their unit and comment count.
func (s *Store) standardsQuery(ctx context.Context) *gorm.DB {
	return s.db(ctx).Model(&standardRow{}).Select(standardColumns).Joins("JOIN units u ON u.id = standards.unit_id")
}

// CreateStandard inserts a standard (never published: UpdateStandard writes the publication).
func (s *Store) CreateStandard(ctx context.Context, st standard.Standard) error {
	row, err := fromStandard(st)
	if err != nil {
		return wrap(err, "create standard")
	}
	return wrap(s.db(ctx).Omit("CommentCount", "UnitKind", "UnitCode", "UnitName", "PublishedAt", "PublishedBy", "PublishedByName").Create(&row).Error, "create standard")
}

// GetStandard returns the standard with id, locking its row when forUpdate.
func (s *Store) GetStandard(ctx context.Context, id uuid.UUID, forUpdate bool) (standard.Standard, error) {
	row, err := takeRow(ctx, s, s.standardsQuery, "standards", id, forUpdate, standardFields)
	if err != nil {
		return standard.Standard{}, wrap(err, "get standard %s", id)
	}
	return toStandard(row), nil
}

// UpdateStandard writes st if the stored version is still st.Version, and bumps it.
func (s *Store) UpdateStandard(ctx context.Context, st standard.Standard) error {
	row, err := fromStandard(st)
	if err != nil {
		return wrap(err, "update standard")
	}
	row.Version = st.Version + 1
	return wrap(updateVersioned(s.db(ctx), &row, st.ID, st.Version,
		"title", "subtitle", "sector", "status", "items", "consultation_closes_on", "decision_number", "decision_date",
		"signer", "issued_at", "superseded_by", "withdraw_reason", "published_at", "published_by", "published_by_name", "version",
		"updated_at"), "update standard")
}

// DeleteStandard removes a standard (its comments go with it).
func (s *Store) DeleteStandard(ctx context.Context, id uuid.UUID) error {
	return wrap(s.db(ctx).Delete(&standardRow{}, "id = ?", id).Error, "delete standard %s", id)
}

// ListStandards returns a page of standards, newest first.
func (s *Store) ListStandards(ctx context.Context, f standard.Filter) ([]standard.Standard, string, error) {
	q := s.standardsQuery(ctx)
	if f.UnitID != nil {
		q = q.Where("standards.unit_id = ?", *f.UnitID)
	} else {
		q = q.Where("standards.unit_path LIKE ?", likePrefix(f.UnitPath))
	}
	if f.Status != "" {
		q = q.Where("standards.status = ?", string(f.Status))
	}
	if f.NoDrafts {
		q = q.Where("standards.status <> 'draft'")
	}
	if f.Q != "" {
		q = q.Where("f_unaccent(title) LIKE '%' || f_unaccent(?) || '%'", escapeLike(f.Q))
	}
	q, err := afterID(q, "standards.id", f.Cursor, true)
	if err != nil {
		return nil, "", wrap(err, "list standards")
	}
	rows, err := scanRows(q.Order("standards.id DESC").Limit(f.Limit+1), standardFields)
	if err != nil {
		return nil, "", wrap(err, "list standards")
	}
	rows, next := pageByID(rows, f.Limit, func(r standardRow) uuid.UUID { return r.ID })
	out := make([]standard.Standard, len(rows))
	for i, r := range rows {
		out[i] = toStandard(r)
	}
	return out, next, nil
}

// IssuedStandards returns the issued standards of unitIDs and of the subtree at path.
func (s *Store) IssuedStandards(ctx context.Context, unitIDs []uuid.UUID, path string) ([]standard.Standard, error) {
	if len(unitIDs) == 0 && path == "" {
		return nil, nil
	}
	q := s.standardsQuery(ctx).Where("standards.status = 'issued'")
	switch {
	case len(unitIDs) > 0 && path != "":
		q = q.Where("(standards.unit_id IN ? OR standards.unit_path LIKE ?)", unitIDs, likePrefix(path))
	case path != "":
		q = q.Where("standards.unit_path LIKE ?", likePrefix(path))
	default:
		q = q.Where("standards.unit_id IN ?", unitIDs)
	}
	rows, err := scanRows(q, standardFields)
	if err != nil {
		return nil, wrap(err, "issued standards")
	}
	out := make([]standard.Standard, len(rows))
	for i, r := range rows {
		out[i] = toStandard(r)
	}
	return out, nil
}

// PendingStandards maps units of the subtree at path to the status of their newest own
// standard still in draft or consultation.
func (s *Store) PendingStandards(ctx context.Context, path string) (map[uuid.UUID]standard.Status, error) {
	var rows []struct {
		UnitID uuid.UUID
		Status string
	}
	err := s.db(ctx).Raw(`SELECT DISTINCT ON (unit_id) unit_id, status FROM standards
		WHERE unit_path LIKE ? AND status IN ('draft', 'consultation') ORDER BY unit_id, id DESC`, likePrefix(path)).Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "pending standards")
	}
	out := make(map[uuid.UUID]standard.Status, len(rows))
	for _, r := range rows {
		out[r.UnitID] = standard.Status(r.Status)
	}
	return out, nil
}

// SubtreeUnits returns every unit of the subtree at path (archived ones excluded).
func (s *Store) SubtreeUnits(ctx context.Context, path string) ([]org.Unit, error) {
	var rows []unitRow
	if err := s.db(ctx).Where("path LIKE ? AND NOT archived", likePrefix(path)).Find(&rows).Error; err != nil {
		return nil, wrap(err, "subtree units")
	}
	out := make([]org.Unit, len(rows))
	for i, r := range rows {
		out[i] = toUnit(r)
	}
	return out, nil
}
