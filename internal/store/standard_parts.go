package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/standard"
)

// commentRow is a row of standard_comments.
type commentRow struct {
	ID         uuid.UUID `gorm:"primaryKey"`
	StandardID uuid.UUID
	UnitID     uuid.UUID
	BlocID     uuid.UUID
	ItemID     *uuid.UUID
	AuthorID   *uuid.UUID
	AuthorName string
	Text       string
	CreatedAt  time.Time
}

func (commentRow) TableName() string { return "standard_comments" }

// CreateComment inserts a comment.
func (s *Store) CreateComment(ctx context.Context, c standard.Comment) error {
	row := commentRow(c)
	return wrap(s.db(ctx).Create(&row).Error, "create comment")
}

// ListComments returns a page of a standard's comments, oldest first.
func (s *Store) ListComments(ctx context.Context, standardID uuid.UUID, limit int, cursor string) ([]standard.Comment, string, error) {
	q := s.db(ctx).Where("standard_id = ?", standardID)
	q, err := afterID(q, "id", cursor, false)
	if err != nil {
		return nil, "", wrap(err, "list comments standardID=%s", standardID)
	}
	var rows []commentRow
	if err := q.Order("id").Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list comments standardID=%s", standardID)
	}
	rows, next := pageByID(rows, limit, func(r commentRow) uuid.UUID { return r.ID })
	out := make([]standard.Comment, len(rows))
	for i, r := range rows {
		out[i] = standard.Comment(r)
	}
	return out, next, nil
}

// postingRow is a row of standard_postings joined with its unit.
type postingRow struct {
	ID         uuid.UUID `gorm:"primaryKey"`
	StandardID uuid.UUID
	UnitID     uuid.UUID
	BlocID     uuid.UUID
	Location   string
	Frame      string
	WidthCM    float64 `gorm:"column:width_cm"`
	HeightCM   float64 `gorm:"column:height_cm"`
	PostedOn   time.Time
	CreatedBy  *uuid.UUID
	CreatedAt  time.Time
	UnitKind   string `gorm:"->;-:migration"`
	UnitCode   string `gorm:"->;-:migration"`
	UnitName   string `gorm:"->;-:migration"`
}

func (postingRow) TableName() string { return "standard_postings" }

// CreatePosting inserts a posting.
func (s *Store) CreatePosting(ctx context.Context, p standard.Posting) error {
	row := postingRow{ID: p.ID, StandardID: p.StandardID, UnitID: p.Unit.ID, BlocID: p.BlocID, Location: p.Location, Frame: string(p.Frame),
		WidthCM: p.WidthCM, HeightCM: p.HeightCM, PostedOn: p.PostedOn, CreatedBy: p.CreatedBy, CreatedAt: p.CreatedAt}
	return wrap(s.db(ctx).Omit("UnitKind", "UnitCode", "UnitName").Create(&row).Error, "create posting")
}

// ListPostings returns a standard's postings, oldest first.
func (s *Store) ListPostings(ctx context.Context, standardID uuid.UUID) ([]standard.Posting, error) {
	var rows []postingRow
	err := s.db(ctx).Table("standard_postings AS p").
		Select("p.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name").
		Joins("JOIN units u ON u.id = p.unit_id").Where("p.standard_id = ?", standardID).Order("p.id").Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "list postings standardID=%s", standardID)
	}
	out := make([]standard.Posting, len(rows))
	for i, r := range rows {
		out[i] = standard.Posting{ID: r.ID, StandardID: r.StandardID, BlocID: r.BlocID, Location: r.Location, Frame: standard.Frame(r.Frame),
			WidthCM: r.WidthCM, HeightCM: r.HeightCM, PostedOn: *utcDate(&r.PostedOn), CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt,
			Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName}}
	}
	return out, nil
}

// adoptionRow is a row of standard_adoptions, with the adopted standard's unit read alongside.
type adoptionRow struct {
	UnitID         uuid.UUID `gorm:"primaryKey"`
	UnitPath       string
	BlocID         uuid.UUID
	StandardID     uuid.UUID
	AdoptedBy      *uuid.UUID
	AdoptedAt      time.Time
	StandardUnitID uuid.UUID `gorm:"->;-:migration"`
}

func (adoptionRow) TableName() string { return "standard_adoptions" }

func (s *Store) adoptions(ctx context.Context, where string, arg any) ([]standard.Adoption, error) {
	var rows []adoptionRow
	err := s.db(ctx).Table("standard_adoptions AS a").Select("a.*, s.unit_id AS standard_unit_id").
		Joins("JOIN standards s ON s.id = a.standard_id").Where(where, arg).Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "adoptions")
	}
	out := make([]standard.Adoption, len(rows))
	for i, r := range rows {
		out[i] = standard.Adoption{UnitID: r.UnitID, UnitPath: r.UnitPath, BlocID: r.BlocID, StandardID: r.StandardID,
			StandardUnitID: r.StandardUnitID, AdoptedBy: r.AdoptedBy, AdoptedAt: r.AdoptedAt}
	}
	return out, nil
}

// GetAdoption returns the adoption of a unit.
func (s *Store) GetAdoption(ctx context.Context, unitID uuid.UUID) (standard.Adoption, error) {
	as, err := s.adoptions(ctx, "a.unit_id = ?", unitID)
	if err != nil {
		return standard.Adoption{}, wrap(err, "get adoption unitID=%s", unitID)
	}
	if len(as) == 0 {
		return standard.Adoption{}, apperr.ErrNotFound
	}
	return as[0], nil
}

// AdoptionsUnder returns the adoptions of the subtree at path.
func (s *Store) AdoptionsUnder(ctx context.Context, path string) ([]standard.Adoption, error) {
	return s.adoptions(ctx, "a.unit_path LIKE ?", likePrefix(path))
}

// PutAdoption creates or replaces a unit's adoption.
func (s *Store) PutAdoption(ctx context.Context, a standard.Adoption) error {
	row := adoptionRow{UnitID: a.UnitID, UnitPath: a.UnitPath, BlocID: a.BlocID, StandardID: a.StandardID, AdoptedBy: a.AdoptedBy, AdoptedAt: a.AdoptedAt}
	return wrap(s.db(ctx).Omit("StandardUnitID").Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "unit_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"standard_id", "adopted_by", "adopted_at"}),
	}).Create(&row).Error, "put adoption")
}

// DeleteAdoption removes a unit's adoption and reports whether there was one.
func (s *Store) DeleteAdoption(ctx context.Context, unitID uuid.UUID) (bool, error) {
	res := s.db(ctx).Delete(&adoptionRow{}, "unit_id = ?", unitID)
	return res.RowsAffected > 0, wrap(res.Error, "delete adoption unitID=%s", unitID)
}
