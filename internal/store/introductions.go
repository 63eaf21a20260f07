package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/model"
)

// introductionRow is a row of form3_introductions.
type introductionRow struct {
	UnitID        uuid.UUID `gorm:"primaryKey"`
	FromYear      int       `gorm:"primaryKey"`
	ToYear        int       `gorm:"primaryKey"`
	Occasion      *string
	ModelIDs      []byte
	NominationIDs []byte
	ConfirmedBy   *uuid.UUID
	ConfirmedAt   time.Time
}

func (introductionRow) TableName() string { return "form3_introductions" }

// PutIntroduction stores a unit's Biểu mẫu 3 list for its period, replacing the one before.
func (s *Store) PutIntroduction(ctx context.Context, in model.Introduction) error {
	models, err := json.Marshal(in.ModelIDs)
	if err != nil {
		return wrap(err, "put introduction")
	}
	noms, err := json.Marshal(in.NominationIDs)
	if err != nil {
		return wrap(err, "put introduction")
	}
	err = s.db(ctx).Exec(`INSERT INTO form3_introductions (unit_id, from_year, to_year, occasion, model_ids, nomination_ids, confirmed_by, confirmed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (unit_id, from_year, to_year) DO UPDATE SET occasion = EXCLUDED.occasion, model_ids = EXCLUDED.model_ids,
			nomination_ids = EXCLUDED.nomination_ids, confirmed_by = EXCLUDED.confirmed_by, confirmed_at = EXCLUDED.confirmed_at`,
		in.UnitID, in.FromYear, in.ToYear, in.Occasion, string(models), string(noms), in.ConfirmedBy, in.ConfirmedAt).Error
	return wrap(err, "put introduction unitID=%s", in.UnitID)
}

// GetIntroduction returns a unit's Biểu mẫu 3 list for a period.
func (s *Store) GetIntroduction(ctx context.Context, unitID uuid.UUID, fromYear, toYear int) (model.Introduction, error) {
	var rows []introductionRow
	err := s.db(ctx).Where("unit_id = ? AND from_year = ? AND to_year = ?", unitID, fromYear, toYear).Limit(1).Find(&rows).Error
	if err != nil {
		return model.Introduction{}, wrap(err, "get introduction unitID=%s", unitID)
	}
	if len(rows) == 0 {
		return model.Introduction{}, apperr.ErrNotFound
	}
	r := rows[0]
	out := model.Introduction{UnitID: r.UnitID, FromYear: r.FromYear, ToYear: r.ToYear, Occasion: r.Occasion, ConfirmedBy: r.ConfirmedBy,
		ConfirmedAt: r.ConfirmedAt, ModelIDs: []uuid.UUID{}, NominationIDs: []uuid.UUID{}}
	if err := json.Unmarshal(r.ModelIDs, &out.ModelIDs); err != nil {
		return out, wrap(err, "get introduction unitID=%s", unitID)
	}
	if err := json.Unmarshal(r.NominationIDs, &out.NominationIDs); err != nil {
		return out, wrap(err, "get introduction unitID=%s", unitID)
	}
	return out, nil
}

// IntroducedNominations reads what Biểu mẫu 3 prints of the nominations with these ids, with the
// names of the models each names (in the nomination's order).
func (s *Store) IntroducedNominations(ctx context.Context, ids []uuid.UUID) ([]model.IntroducedNomination, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []struct {
		ID           uuid.UUID
		UnitPath     string
		UnitName     string
		Year         int
		Status       string
		SubjectKind  string
		SubjectName  string
		Position     *string
		Achievements string
		ModelNames   []byte
	}
	err := s.db(ctx).Raw(`SELECT n.id, n.unit_path, u.name AS unit_name, n.year, n.status, n.subject_kind,
			COALESCE(CASE WHEN n.subject_kind = 'individual' THEN n.person_name END, NULLIF(n.department_name, ''), su.name, '') AS subject_name,
			n.person_position AS position, n.achievements,
			COALESCE((SELECT json_agg(m.name ORDER BY x.ord) FROM jsonb_array_elements_text(n.model_ids) WITH ORDINALITY AS x(id, ord)
				JOIN models m ON m.id = x.id::uuid), '[]') AS model_names
		FROM nominations n JOIN units u ON u.id = n.unit_id LEFT JOIN units su ON su.id = n.subject_unit_id
		WHERE n.id IN ?`, ids).Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "introduced nominations")
	}
	out := make([]model.IntroducedNomination, len(rows))
	for i, r := range rows {
		out[i] = model.IntroducedNomination{ID: r.ID, UnitPath: r.UnitPath, UnitName: r.UnitName, Year: r.Year, Status: r.Status,
			SubjectKind: r.SubjectKind, SubjectName: r.SubjectName, Achievements: r.Achievements}
		if r.Position != nil {
			out[i].Position = *r.Position
		}
		if err := json.Unmarshal(r.ModelNames, &out[i].ModelNames); err != nil {
			return nil, wrap(err, "introduced nominations")
		}
	}
	return out, nil
}
