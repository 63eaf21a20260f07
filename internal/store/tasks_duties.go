package store

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
	"lamtheobac/internal/task"
)

// The duties behind /me/tasks (issue #17 item 6): what the caller's units owe on their models
// and nominations. Each domain's duties are one statement, a UNION ALL of one bounded branch per
// kind of task, whatever the number of units, models or rounds.

// dutyRow is a task as the duty statements select it, with its kind and period.
type dutyRow struct {
	Title    string
	ID       uuid.UUID
	UnitID   uuid.UUID
	UnitKind string
	UnitCode string
	UnitName string
	DueOn    *time.Time
	Kind     string
	Period   *string
}

// runDuties runs a UNION ALL of branches (each a parenthesized SELECT with its own ORDER BY and
// LIMIT) and returns the tasks in the branches' order.
func (s *Store) runDuties(ctx context.Context, branches []string, args []any) ([]task.Task, error) {
	if len(branches) == 0 {
		return nil, nil
	}
	var rows []dutyRow
	if err := s.db(ctx).Raw(strings.Join(branches, "\nUNION ALL\n"), args...).Scan(&rows).Error; err != nil {
		return nil, wrap(err, "duties")
	}
	out := make([]task.Task, len(rows))
	for i, r := range rows {
		out[i] = task.Task{Kind: task.Kind(r.Kind), Title: r.Title, ResourceID: r.ID, DueOn: utcDate(r.DueOn),
			Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName}}
		if r.Period != nil {
			out[i].Period = *r.Period
		}
	}
	return out, nil
}

// ModelDuties finds, in one statement, the evaluations the running models of q.Units owe for
// q.Slots (self-evaluations not yet recorded; soonest due first) and the units of q.Units, of
// q.Kinds and not archived, with no model of q.Year in q.Registered.
func (s *Store) ModelDuties(ctx context.Context, q model.DutyQuery) ([]task.Task, error) {
	if len(q.Units) == 0 {
		return nil, nil
	}
	var branches []string
	var args []any
	if len(q.Slots) > 0 {
		values := make([]string, len(q.Slots))
		for i, sl := range q.Slots {
			values[i] = "(?::int, ?::text, ?::date, ?::text)"
			args = append(args, sl.Year, string(sl.Period), sl.DueOn, string(sl.Cadence))
		}
		branches = append(branches, `(SELECT m.name AS title, m.id, u.id AS unit_id, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name,
			s.due_on, s.period, 'evaluate_model' AS kind
		FROM models m JOIN units u ON u.id = m.unit_id
		JOIN (VALUES `+strings.Join(values, ", ")+`) AS s (year, period, due_on, cadence) ON s.year = m.year
			AND (s.cadence = '' OR s.cadence = COALESCE(NULLIF(m.measures ->> 'evaluation_cadence', ''), 'quarterly'))
		WHERE m.unit_id IN ? AND m.status = 'in_progress'
			AND NOT EXISTS (SELECT 1 FROM model_evaluations e WHERE e.model_id = m.id AND e.kind = 'self' AND e.year = s.year AND e.period = s.period)
		ORDER BY s.due_on, m.registered_at, m.id LIMIT ?)`)
		args = append(args, q.Units, q.Limit)
	}
	branches = append(branches, `(SELECT '' AS title, u.id, u.id AS unit_id, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name,
			?::date AS due_on, NULL::text AS period, 'register_model' AS kind
		FROM units u
		WHERE u.id IN ? AND NOT u.archived AND u.kind IN ?
			AND NOT EXISTS (SELECT 1 FROM models m WHERE m.unit_id = u.id AND m.year = ? AND m.status IN ?)
		ORDER BY u.path LIMIT ?)`)
	args = append(args, q.DueOn, q.Units, strs(q.Kinds), q.Year, strs(q.Registered), q.Limit)
	return s.runDuties(ctx, branches, args)
}

// NominationDuties finds, in one statement, the honoring rounds called above q.Units whose
// deadline is not before q.Today and to which the unit has submitted nothing (soonest deadline
// first), and the nominations q.Mentor follows, of q.Statuses and q.Years, with no progress
// note written from q.From to q.To.
func (s *Store) NominationDuties(ctx context.Context, q nomination.DutyQuery) ([]task.Task, error) {
	var branches []string
	var args []any
	if len(q.Units) > 0 {
		branches = append(branches, `(SELECT r.title, r.id, u.id AS unit_id, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name,
			r.nomination_deadline AS due_on, NULL::text AS period, 'nominate_for_round' AS kind
		FROM units u JOIN honoring_rounds r ON starts_with(u.path, r.unit_path) AND r.unit_id <> u.id
		WHERE u.id IN ? AND NOT u.archived AND r.nomination_deadline >= ?
			AND NOT EXISTS (SELECT 1 FROM nominations n WHERE n.round_id = r.id AND n.unit_id = u.id AND n.submitted_at IS NOT NULL)
		ORDER BY r.nomination_deadline, r.id, u.path LIMIT ?)`)
		args = append(args, q.Units, q.Today, q.Limit)
	}
	if q.Mentor != uuid.Nil {
		branches = append(branches, `(SELECT coalesce(n.person_name, n.department_name, su.name, '') AS title, n.id,
			u.id AS unit_id, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name, ?::date AS due_on, ?::text AS period,
			'write_progress_note' AS kind
		FROM nominations n JOIN units u ON u.id = n.unit_id LEFT JOIN units su ON su.id = n.subject_unit_id
		WHERE n.mentor IS NOT NULL AND n.mentor ->> 'user_id' = ? AND n.status IN ? AND n.year IN ?
			AND NOT EXISTS (SELECT 1 FROM nomination_notes x WHERE x.nomination_id = n.id AND x.created_at BETWEEN ? AND ?)
		ORDER BY n.year, n.id LIMIT ?)`)
		args = append(args, q.DueOn, q.Period, q.Mentor.String(), strs(q.Statuses), q.Years, q.From, q.To, q.Limit)
	}
	return s.runDuties(ctx, branches, args)
}
