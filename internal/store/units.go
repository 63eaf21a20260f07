package store

import (
	"context"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
)

func toUnit(r unitRow) org.Unit {
	return org.Unit{ID: r.ID, Kind: org.Kind(r.Kind), Code: r.Code, Name: r.Name, Place: r.Place, ParentID: r.ParentID, BlocID: r.BlocID,
		Path: r.Path, Archived: r.Archived, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func fromUnit(u org.Unit) unitRow {
	return unitRow{ID: u.ID, Kind: string(u.Kind), Code: u.Code, Name: u.Name, Place: u.Place, ParentID: u.ParentID, BlocID: u.BlocID,
		Path: u.Path, Archived: u.Archived, Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

// CreateUnit inserts u.
func (s *Store) CreateUnit(ctx context.Context, u org.Unit) error {
	row := fromUnit(u)
	db := s.db(ctx)
	if err := db.Create(&row).Error; err != nil {
		return wrap(err, "create unit")
	}
	return wrap(moveCell(db, u.ID, 1), "create unit")
}

// GetUnit returns the unit with id.
func (s *Store) GetUnit(ctx context.Context, id uuid.UUID) (org.Unit, error) {
	var row unitRow
	if err := s.db(ctx).Take(&row, "id = ?", id).Error; err != nil {
		return org.Unit{}, wrap(err, "get unit %s", id)
	}
	return toUnit(row), nil
}

// GetUnitByCode returns the unit with code (case-insensitive).
func (s *Store) GetUnitByCode(ctx context.Context, code string) (org.Unit, error) {
	var row unitRow
	if err := s.db(ctx).Take(&row, "lower(code) = lower(?)", code).Error; err != nil {
		return org.Unit{}, wrap(err, "get unit by code")
	}
	return toUnit(row), nil
}

// GetUnits returns the units with the given ids, in no particular order.
func (s *Store) GetUnits(ctx context.Context, ids []uuid.UUID) ([]org.Unit, error) {
	var rows []unitRow
	if err := s.db(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, wrap(err, "get units")
	}
	out := make([]org.Unit, len(rows))
	for i, r := range rows {
		out[i] = toUnit(r)
	}
	return out, nil
}

// UpdateUnit writes u's mutable fields if the stored version is still u.Version, and bumps it.
// A cell archived or restored leaves or rejoins the cells of every unit above it, in the same
// statement (o is the row before it).
func (s *Store) UpdateUnit(ctx context.Context, u org.Unit) error {
	var n int
	err := s.db(ctx).Raw(`WITH o AS (SELECT id, archived FROM units WHERE id = ?),
		up AS (UPDATE units x SET code = ?, name = ?, place = ?, archived = ?, updated_at = ?, version = ?
			FROM o WHERE x.id = o.id AND x.version = ? RETURNING x.path, x.kind, o.archived AS was, x.archived),
		moved AS (INSERT INTO cell_rollups (unit_id, cells)
			SELECT a.id::uuid, CASE WHEN up.archived THEN -1 ELSE 1 END
			FROM up, unnest(string_to_array(rtrim(up.path, '/'), '/')) WITH ORDINALITY AS a (id, n)
			WHERE up.kind IN ('cell', 'base_cell') AND up.was <> up.archived ORDER BY a.n
			ON CONFLICT (unit_id) DO UPDATE SET cells = cell_rollups.cells + EXCLUDED.cells)
		SELECT count(*) FROM up`, u.ID, u.Code, u.Name, u.Place, u.Archived, u.UpdatedAt, u.Version+1, u.Version).Row().Scan(&n)
	if err != nil {
		return wrap(err, "update unit")
	}
	if n == 0 {
		return apperr.ErrStale
	}
	return nil
}

// DeleteUnit removes the unit with id (a cell leaves the cells of the units above it).
func (s *Store) DeleteUnit(ctx context.Context, id uuid.UUID) error {
	db := s.db(ctx)
	if err := moveCell(db, id, -1); err != nil {
		return wrap(err, "delete unit %s", id)
	}
	return wrap(db.Delete(&unitRow{}, "id = ?", id).Error, "delete unit %s", id)
}

// UnitHasRecords reports whether anything hangs on the unit: children, users, clients, roles
// or work items (standards, adoptions, postings).
func (s *Store) UnitHasRecords(ctx context.Context, id uuid.UUID) (bool, error) {
	var has bool
	err := s.db(ctx).Raw(`SELECT EXISTS (SELECT 1 FROM units WHERE parent_id = @id)
		OR EXISTS (SELECT 1 FROM users WHERE unit_id = @id)
		OR EXISTS (SELECT 1 FROM clients WHERE unit_id = @id)
		OR EXISTS (SELECT 1 FROM role_assignments WHERE unit_id = @id)
		OR EXISTS (SELECT 1 FROM standards WHERE unit_id = @id)
		OR EXISTS (SELECT 1 FROM standard_adoptions WHERE unit_id = @id)
		OR EXISTS (SELECT 1 FROM standard_postings WHERE unit_id = @id)
		OR EXISTS (SELECT 1 FROM models WHERE unit_id = @id)
		OR EXISTS (SELECT 1 FROM nominations WHERE unit_id = @id OR subject_unit_id = @id)
		OR EXISTS (SELECT 1 FROM honoring_rounds WHERE unit_id = @id)
		OR EXISTS (SELECT 1 FROM reports WHERE unit_id = @id)
		OR EXISTS (SELECT 1 FROM reporting_rounds WHERE unit_id = @id)
		OR EXISTS (SELECT 1 FROM members WHERE unit_id = @id)
		OR EXISTS (SELECT 1 FROM commitment_deadlines WHERE unit_id = @id)`, map[string]any{"id": id}).Scan(&has).Error
	return has, wrap(err, "unit has records %s", id)
}

// ListUnits returns one page of units matching f, ordered by name in Vietnamese collation.
func (s *Store) ListUnits(ctx context.Context, f org.Filter) ([]org.Unit, string, error) {
	q := s.db(ctx).Model(&unitRow{})
	switch {
	case f.Roots:
		q = q.Where("parent_id IS NULL")
	case f.ParentID != nil:
		q = q.Where("parent_id = ?", *f.ParentID)
	}
	if f.OnlyIDs != nil {
		if len(f.OnlyIDs) == 0 {
			return []org.Unit{}, "", nil
		}
		q = q.Where("id IN ?", f.OnlyIDs)
	}
	if !f.IncludeArchived {
		q = q.Where("NOT archived")
	}
	if f.Q != "" {
		q = q.Where("f_unaccent(name || ' ' || code) LIKE '%' || f_unaccent(?) || '%'", escapeLike(f.Q))
	}
	if f.Cursor != "" {
		var c nameCursor
		if err := decodeCursor(f.Cursor, &c); err != nil {
			return nil, "", wrap(err, "list units")
		}
		q = q.Where("(name COLLATE vi > ? OR (name COLLATE vi = ? AND id > ?))", c.Name, c.Name, c.ID)
	}
	var rows []unitRow
	if err := q.Order("name COLLATE vi, id").Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list units")
	}
	next := ""
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		last := rows[len(rows)-1]
		next = encodeCursor(nameCursor{Name: last.Name, ID: last.ID})
	}
	out := make([]org.Unit, len(rows))
	for i, r := range rows {
		out[i] = toUnit(r)
	}
	return out, next, nil
}
