package store

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
	"lamtheobac/internal/report"
	"lamtheobac/internal/task"
)

// The queries behind /me/tasks. Which states wait on whom, and at which units, is the domains'
// decision (model.Tasks, nomination.Tasks, report.Tasks): it comes here as parameters.

// taskRow is a task as the queries select it.
type taskRow struct {
	Title    string
	ID       uuid.UUID
	UnitID   uuid.UUID
	UnitKind string
	UnitCode string
	UnitName string
	DueOn    *time.Time
}

// pendingTasks runs a task query whose conditions are where, joined with AND.
func (s *Store) pendingTasks(ctx context.Context, selectFrom string, where []string, order string, args ...any) ([]task.Task, error) {
	var rows []taskRow
	q := selectFrom + " WHERE " + strings.Join(where, " AND ") + " ORDER BY " + order + " LIMIT ?"
	if err := s.db(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]task.Task, len(rows))
	for i, r := range rows {
		out[i] = task.Task{Title: r.Title, ResourceID: r.ID, DueOn: utcDate(r.DueOn),
			Unit: org.Ref{ID: r.UnitID, Kind: org.Kind(r.UnitKind), Code: r.UnitCode, Name: r.UnitName}}
	}
	return out, nil
}

// taskFilter collects a task query's conditions and their arguments.
type taskFilter struct {
	where []string
	args  []any
}

func (f *taskFilter) add(cond string, args ...any) {
	f.where = append(f.where, cond)
	f.args = append(f.args, args...)
}

// units restricts col to u's units (nothing when u is everywhere).
func (f *taskFilter) units(col string, u task.Units) {
	if !u.Everywhere {
		f.add(col+" IN ?", u.IDs)
	}
}

// notBy leaves out rows whose col is id (no condition for uuid.Nil).
func (f *taskFilter) notBy(col string, id uuid.UUID) {
	if id != uuid.Nil {
		f.add(col+" IS DISTINCT FROM ?", id)
	}
}

// strs turns a domain's states into the strings the columns hold.
func strs[S ~string](ss []S) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// PendingReports finds the reports in q.Statuses of q.Of's units and of the units below
// q.Below's, soonest due first.
func (s *Store) PendingReports(ctx context.Context, q report.PendingQuery) ([]task.Task, error) {
	if len(q.Of) == 0 && q.Below.None() {
		return nil, nil
	}
	var f taskFilter
	f.add("x.status IN ?", strs(q.Statuses))
	if len(q.Of) > 0 {
		f.add("x.unit_id IN ?", q.Of)
	}
	if !q.Below.None() {
		f.units("x.parent_id", q.Below)
	}
	if q.OpenRoundsOnly {
		f.add("rr.closed_at IS NULL")
	}
	f.notBy("x.submitted_by", q.NotSubmittedBy)
	return s.pendingTasks(ctx, `SELECT rr.title, x.id, u.id AS unit_id, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name, rr.due_on
		FROM reports x JOIN reporting_rounds rr ON rr.id = x.round_id JOIN units u ON u.id = x.unit_id`, f.where, "rr.due_on",
		append(f.args, q.Limit)...)
}

// PendingModels finds the models in q.Statuses of the units below q.Below's, oldest registration
// first.
func (s *Store) PendingModels(ctx context.Context, q model.PendingQuery) ([]task.Task, error) {
	if q.Below.None() {
		return nil, nil
	}
	var f taskFilter
	f.add("m.status IN ?", strs(q.Statuses))
	f.units("u.parent_id", q.Below)
	f.notBy("m.registered_by", q.NotRegisteredBy)
	return s.pendingTasks(ctx, `SELECT m.name AS title, m.id, u.id AS unit_id, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name,
			NULL::date AS due_on FROM models m JOIN units u ON u.id = m.unit_id`, f.where, "m.registered_at", append(f.args, q.Limit)...)
}

// PendingNominations finds the nominations in q.Statuses held at q.Holders' units, oldest
// submission first.
func (s *Store) PendingNominations(ctx context.Context, q nomination.PendingQuery) ([]task.Task, error) {
	if q.Holders.None() {
		return nil, nil
	}
	var f taskFilter
	f.add("n.status IN ?", strs(q.Statuses))
	f.units("n.holder_unit_id", q.Holders)
	f.notBy("n.submitted_by", q.NotSubmittedBy)
	return s.pendingTasks(ctx, `SELECT coalesce(n.person_name, n.department_name, su.name, '') AS title, n.id,
			u.id AS unit_id, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name, NULL::date AS due_on
		FROM nominations n JOIN units u ON u.id = n.unit_id LEFT JOIN units su ON su.id = n.subject_unit_id`, f.where, "n.submitted_at",
		append(f.args, q.Limit)...)
}

// OpenConsultations returns the standards of units in consultation, not closed before today,
// soonest closing first (those without a closing date last).
func (s *Store) OpenConsultations(ctx context.Context, units []uuid.UUID, today time.Time, limit int) ([]task.Task, error) {
	var f taskFilter
	f.add("s.status = 'consultation'")
	f.add("s.unit_id IN ?", units)
	f.add("(s.consultation_closes_on IS NULL OR s.consultation_closes_on >= ?)", today)
	return s.pendingTasks(ctx, `SELECT s.title, s.id, u.id AS unit_id, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name,
			s.consultation_closes_on AS due_on
		FROM standards s JOIN units u ON u.id = s.unit_id`, f.where, "s.consultation_closes_on NULLS LAST, s.id", append(f.args, limit)...)
}
