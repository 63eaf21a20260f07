package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
)

// NextHonorNumber takes the next number of a unit's honor roll for a year. The upsert locks the
// counter row until the transaction ends, so concurrent honoring gets distinct, gapless numbers.
func (s *Store) NextHonorNumber(ctx context.Context, unitID uuid.UUID, year int) (int, error) {
	var n int
	err := s.db(ctx).Raw(`INSERT INTO honor_roll_counters AS c (unit_id, year, last) VALUES (?, ?, 1)
		ON CONFLICT (unit_id, year) DO UPDATE SET last = c.last + 1 RETURNING last`, unitID, year).Scan(&n).Error
	return n, wrap(err, "next honor number unitID=%s", unitID)
}

// honorRow is a row of honor_roll.
type honorRow struct {
	ID           uuid.UUID `gorm:"primaryKey"`
	UnitID       uuid.UUID
	UnitPath     string
	BlocID       uuid.UUID
	Year         int
	Number       int
	NominationID uuid.UUID
	SubjectName  string
	SubjectKind  string
	Decision     []byte
	HonoredAt    time.Time
	UnitKind     string     `gorm:"->;-:migration"`
	UnitCode     string     `gorm:"->;-:migration"`
	UnitName     string     `gorm:"->;-:migration"`
	SubjectID    *uuid.UUID `gorm:"->;-:migration"` // the unit the subject sits in (read alongside)
	SubjectKindU string     `gorm:"->;-:migration"`
	SubjectCode  string     `gorm:"->;-:migration"`
	SubjectUName string     `gorm:"->;-:migration"`
}

func (honorRow) TableName() string { return "honor_roll" }

// AddHonorEntry writes an entry into the honor roll.
func (s *Store) AddHonorEntry(ctx context.Context, e nomination.HonorEntry) error {
	decision, err := jsonOrNull(e.Decision, e.Decision == nil)
	if err != nil {
		return wrap(err, "add honor entry")
	}
	row := honorRow{ID: e.ID, UnitID: e.Unit.ID, UnitPath: e.UnitPath, BlocID: e.BlocID, Year: e.Year, Number: e.Number,
		NominationID: e.NominationID, SubjectName: e.SubjectName, SubjectKind: string(e.SubjectKind), Decision: decision, HonoredAt: e.HonoredAt}
	return wrap(s.db(ctx).Omit("UnitKind", "UnitCode", "UnitName").Create(&row).Error, "add honor entry")
}

// honorCursor is a position in a roll ordered by (year, number), or, for a subtree's roll, by
// (year, honored_at, id).
type honorCursor struct {
	Year   int        `json:"y"`
	Number int        `json:"n,omitempty"`
	At     *time.Time `json:"t,omitempty"`
	ID     *uuid.UUID `json:"i,omitempty"`
}

// ListHonorRoll returns a unit's roll in order, for one year or all (year 0): the entries the unit
// decided, or with subtree every entry whose subject sits in the unit or below it (whoever
// decided it) together with those the unit decided.
func (s *Store) ListHonorRoll(ctx context.Context, u org.Unit, subtree bool, year, limit int, cursor string) ([]nomination.HonorEntry, string, error) {
	q := s.db(ctx).Table("honor_roll AS r").Select(`r.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name,
			su.id AS subject_id, su.kind AS subject_kind_u, su.code AS subject_code, su.name AS subject_u_name`).
		Joins("JOIN units u ON u.id = r.unit_id").
		Joins("JOIN nominations n ON n.id = r.nomination_id").
		Joins("JOIN units su ON su.id = COALESCE(n.subject_unit_id, n.unit_id)")
	if subtree {
		q = q.Where("r.bloc_id = ? AND (r.unit_id = ? OR su.path LIKE ?)", u.BlocID, u.ID, likePrefix(u.Path))
	} else {
		q = q.Where("r.unit_id = ?", u.ID)
	}
	if year != 0 {
		q = q.Where("r.year = ?", year)
	}
	if cursor != "" {
		var c honorCursor
		if err := decodeCursor(cursor, &c); err != nil {
			return nil, "", wrap(err, "list honor roll unitID=%s", u.ID)
		}
		if subtree && c.At != nil && c.ID != nil {
			q = q.Where("(r.year, r.honored_at, r.id) > (?, ?, ?)", c.Year, *c.At, *c.ID)
		} else {
			q = q.Where("(r.year, r.number) > (?, ?)", c.Year, c.Number)
		}
	}
	order := "r.year, r.number"
	if subtree {
		order = "r.year, r.honored_at, r.id"
	}
	var rows []honorRow
	if err := q.Order(order).Limit(limit + 1).Scan(&rows).Error; err != nil {
		return nil, "", wrap(err, "list honor roll unitID=%s", u.ID)
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		c := honorCursor{Year: last.Year, Number: last.Number}
		if subtree {
			c = honorCursor{Year: last.Year, At: &last.HonoredAt, ID: &last.ID}
		}
		next = encodeCursor(c)
	}
	out := make([]nomination.HonorEntry, len(rows))
	for i, r := range rows {
		out[i] = nomination.HonorEntry{ID: r.ID, UnitPath: r.UnitPath, BlocID: r.BlocID, Year: r.Year, Number: r.Number,
			NominationID: r.NominationID, SubjectName: r.SubjectName, SubjectKind: nomination.SubjectKind(r.SubjectKind), HonoredAt: r.HonoredAt,
			Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName}}
		if r.SubjectID != nil {
			out[i].SubjectUnit = &org.Ref{ID: *r.SubjectID, Kind: org.Kind(r.SubjectKindU), Code: r.SubjectCode, Name: r.SubjectUName}
		}
		if len(r.Decision) > 0 {
			out[i].Decision = &nomination.Decision{}
			_ = json.Unmarshal(r.Decision, out[i].Decision)
		}
	}
	return out, next, nil
}

// ExemplarCounts counts, per nominating unit of the subtree at path, a year's nominations in
// states, by subject kind.
func (s *Store) ExemplarCounts(ctx context.Context, path string, year int, states []nomination.Status) (map[uuid.UUID]map[nomination.SubjectKind]int, error) {
	names := make([]string, len(states))
	for i, st := range states {
		names[i] = string(st)
	}
	var rows []struct {
		UnitID      uuid.UUID
		SubjectKind string
		N           int
	}
	err := s.db(ctx).Raw(`SELECT unit_id, subject_kind, count(*) AS n FROM nominations
		WHERE unit_path LIKE ? AND year = ? AND status IN ? GROUP BY unit_id, subject_kind`, likePrefix(path), year, names).Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "exemplar counts")
	}
	out := map[uuid.UUID]map[nomination.SubjectKind]int{}
	for _, r := range rows {
		if out[r.UnitID] == nil {
			out[r.UnitID] = map[nomination.SubjectKind]int{}
		}
		out[r.UnitID][nomination.SubjectKind(r.SubjectKind)] = r.N
	}
	return out, nil
}

// roundRow is a row of honoring_rounds.
type roundRow struct {
	ID                 uuid.UUID `gorm:"primaryKey"`
	UnitID             uuid.UUID
	UnitPath           string
	BlocID             uuid.UUID
	Title              string
	Year               int
	NominationDeadline time.Time
	CreatedBy          *uuid.UUID
	CreatedAt          time.Time
	UnitKind           string `gorm:"->;-:migration"`
	UnitCode           string `gorm:"->;-:migration"`
	UnitName           string `gorm:"->;-:migration"`
}

func (roundRow) TableName() string { return "honoring_rounds" }

// CreateRound inserts an honoring round.
func (s *Store) CreateRound(ctx context.Context, r nomination.Round) error {
	row := roundRow{ID: r.ID, UnitID: r.Unit.ID, UnitPath: r.UnitPath, BlocID: r.BlocID, Title: r.Title, Year: r.Year,
		NominationDeadline: r.Deadline, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt}
	return wrap(s.db(ctx).Omit("UnitKind", "UnitCode", "UnitName").Create(&row).Error, "create round")
}

func (s *Store) rounds(ctx context.Context, where string, arg any) ([]nomination.Round, error) {
	var rows []roundRow
	err := s.db(ctx).Table("honoring_rounds AS r").Select("r.*, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name").
		Joins("JOIN units u ON u.id = r.unit_id").Where(where, arg).Order("r.nomination_deadline DESC, r.id").Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "rounds")
	}
	out := make([]nomination.Round, len(rows))
	for i, r := range rows {
		out[i] = nomination.Round{ID: r.ID, UnitPath: r.UnitPath, BlocID: r.BlocID, Title: r.Title, Year: r.Year,
			Deadline: *utcDate(&r.NominationDeadline), CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt,
			Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName}}
	}
	return out, nil
}

// GetRound returns an honoring round.
func (s *Store) GetRound(ctx context.Context, id uuid.UUID) (nomination.Round, error) {
	rs, err := s.rounds(ctx, "r.id = ?", id)
	if err != nil {
		return nomination.Round{}, wrap(err, "get round %s", id)
	}
	if len(rs) == 0 {
		return nomination.Round{}, wrap(gormNotFound(), "get round %s", id)
	}
	return rs[0], nil
}

// ListRounds returns the rounds called by any of unitIDs, latest deadline first.
func (s *Store) ListRounds(ctx context.Context, unitIDs []uuid.UUID) ([]nomination.Round, error) {
	if len(unitIDs) == 0 {
		return []nomination.Round{}, nil
	}
	return s.rounds(ctx, "r.unit_id IN ?", unitIDs)
}
