package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/report"
)

// NamedLists reads the models and exemplars a report names: the subtree's models registered for
// any of years (drafts left out) with their latest rating among slots, and its nominations made
// from..to and sent on (as Figures counts exemplars), in tree order, at most limit of each, with
// how many more there are.
func (s *Store) NamedLists(ctx context.Context, path string, years []int, slots []report.EvaluationSlot, from, to time.Time, limit int) (report.NamedLists, error) {
	out := report.NamedLists{Models: []report.NamedModel{}, Exemplars: []report.NamedExemplar{}}
	tuples := make([][]any, len(slots))
	for i, sl := range slots {
		tuples[i] = []any{sl.Year, sl.Period}
	}
	if len(tuples) == 0 {
		tuples = [][]any{{0, ""}}
	}
	prefix := likePrefix(path)
	var models []struct {
		Name, UnitName, ImplementerName, Category, Status, Rating string
	}
	// The total first, then one page: a bloc's 60,000 models are counted on the index, and only
	// the page's models look up their evaluations.
	var total int
	if err := s.db(ctx).Raw(`SELECT count(*) FROM models m WHERE m.unit_path LIKE ? AND m.year IN ? AND m.status <> 'draft'`,
		prefix, years).Row().Scan(&total); err != nil {
		return out, wrap(err, "report named models")
	}
	// The latest evaluation of a period inside the round: periods order by year, then by where
	// they end (Q1, Q2 and H1 by the middle of the year, Q3, then Q4 and the year).
	err := s.db(ctx).Raw(`SELECT m.name, u.name AS unit_name, m.implementer_name, m.category, m.status,
			coalesce((SELECT e.rating FROM model_evaluations e WHERE e.model_id = m.id AND (e.year, e.period) IN ?
				ORDER BY e.year DESC, array_position(ARRAY['Q1','Q2','H1','Q3','Q4','year'], e.period) DESC LIMIT 1), '') AS rating
		FROM models m JOIN units u ON u.id = m.unit_id
		WHERE m.unit_path LIKE ? AND m.year IN ? AND m.status <> 'draft'
		ORDER BY m.unit_path, m.name COLLATE vi, m.id LIMIT ?`, tuples, prefix, years, limit).Scan(&models).Error
	if err != nil {
		return out, wrap(err, "report named models")
	}
	for _, m := range models {
		out.Models = append(out.Models, report.NamedModel{Name: m.Name, UnitName: m.UnitName, Implementer: m.ImplementerName,
			Category: m.Category, Status: m.Status, Rating: m.Rating})
	}
	out.ModelsMore = total - len(models)
	var noms []struct {
		SubjectName, SubjectKind, UnitName, Status string
		Position                                   *string
		Decision                                   []byte
	}
	const sent = `n.unit_path LIKE ? AND n.created_at BETWEEN ? AND ? AND n.status IN ('submitted', 'endorsed', 'commended', 'honored')`
	if err := s.db(ctx).Raw(`SELECT count(*) FROM nominations n WHERE `+sent, prefix, from, to).Row().Scan(&total); err != nil {
		return out, wrap(err, "report named exemplars")
	}
	err = s.db(ctx).Raw(`SELECT COALESCE(CASE WHEN n.subject_kind = 'individual' THEN n.person_name END, NULLIF(n.department_name, ''), su.name, '') AS subject_name,
			n.subject_kind, u.name AS unit_name, n.status, n.person_position AS position, n.decision
		FROM nominations n JOIN units u ON u.id = n.unit_id LEFT JOIN units su ON su.id = n.subject_unit_id
		WHERE `+sent+`
		ORDER BY n.subject_kind, n.unit_path, n.id LIMIT ?`, prefix, from, to, limit).Scan(&noms).Error
	if err != nil {
		return out, wrap(err, "report named exemplars")
	}
	for _, n := range noms {
		e := report.NamedExemplar{Name: n.SubjectName, Kind: n.SubjectKind, UnitName: n.UnitName, Status: n.Status, Decision: decisionLine(n.Decision)}
		if n.Position != nil {
			e.Position = *n.Position
		}
		out.Exemplars = append(out.Exemplars, e)
	}
	out.ExemplarsMore = total - len(noms)
	return out, nil
}

// decisionLine prints a commendation's decision as the report names it: "Số 12-QĐ/ĐUK ngày
// 19/05/2026 của Đảng ủy Khối".
func decisionLine(raw []byte) string {
	if len(raw) == 0 {
		return ""
	}
	var d struct {
		Number, Authority string
		Date              time.Time
	}
	if json.Unmarshal(raw, &d) != nil {
		return ""
	}
	var parts []string
	if d.Number != "" {
		parts = append(parts, "Số "+d.Number)
	}
	if !d.Date.IsZero() {
		parts = append(parts, "ngày "+d.Date.Format("02/01/2006"))
	}
	if d.Authority != "" {
		parts = append(parts, "của "+d.Authority)
	}
	return strings.Join(parts, " ")
}

// FreezeNamedLists stores a report's named lists, replacing earlier ones.
func (s *Store) FreezeNamedLists(ctx context.Context, reportID uuid.UUID, l report.NamedLists) error {
	data, err := json.Marshal(l)
	if err != nil {
		return wrap(err, "freeze named lists %s", reportID)
	}
	return wrap(s.db(ctx).Exec(`INSERT INTO report_named_lists (report_id, lists) VALUES (?, ?)
		ON CONFLICT (report_id) DO UPDATE SET lists = excluded.lists, frozen_at = now()`, reportID, data).Error, "freeze named lists %s", reportID)
}

// FrozenNamedLists reads a report's frozen named lists (nil when none are stored).
func (s *Store) FrozenNamedLists(ctx context.Context, reportID uuid.UUID) (*report.NamedLists, error) {
	var data []byte
	err := s.db(ctx).Raw(`SELECT lists FROM report_named_lists WHERE report_id = ?`, reportID).Row().Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap(err, "frozen named lists %s", reportID)
	}
	var l report.NamedLists
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, wrap(err, "frozen named lists %s", reportID)
	}
	return &l, nil
}

// DropNamedLists forgets a report's frozen named lists.
func (s *Store) DropNamedLists(ctx context.Context, reportID uuid.UUID) error {
	return wrap(s.db(ctx).Exec(`DELETE FROM report_named_lists WHERE report_id = ?`, reportID).Error, "drop named lists %s", reportID)
}
