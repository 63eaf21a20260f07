package store

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
	"lamtheobac/internal/task"
)

// TestDutiesAreOneBoundedStatement: however many units, models and rounds, each domain's duties
// are one statement whose every kind stops at the limit.
func TestDutiesAreOneBoundedStatement(t *testing.T) {
	t.Parallel()
	st, db := openTest(t)
	ctx := context.Background()
	bloc := uuid.New()
	blocPath := bloc.String() + "/"
	if _, err := db.Exec(`INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path) VALUES ($1, 'bloc', 'DB', 'Khối', NULL, $1, $2)`,
		bloc, blocPath); err != nil {
		t.Fatal(err)
	}
	var cells []uuid.UUID
	for i := range 6 {
		id := uuid.New()
		cells = append(cells, id)
		path := blocPath + id.String() + "/"
		if _, err := db.Exec(`INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path) VALUES ($1, 'base_cell', $2, 'Chi bộ', $3, $3, $4)`,
			id, fmt.Sprintf("DC-%d", i), bloc, path); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO models (id, unit_id, unit_path, bloc_id, name, year, category, implementer_kind, implementer_name,
				learning_content, status, registered_at) VALUES ($1, $2, $3, $4, 'M', 2026, 'other', 'unit', 'Chi bộ', 'Học', 'in_progress', now())`,
			uuid.New(), id, path, bloc); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 4 {
		if _, err := db.Exec(`INSERT INTO honoring_rounds (id, unit_id, unit_path, bloc_id, title, year, nomination_deadline)
			VALUES ($1, $2, $3, $2, $4, 2026, '2026-06-30')`, uuid.New(), bloc, blocPath, fmt.Sprintf("Đợt %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	count := func(kind string, ts []task.Task) int {
		n := 0
		for _, x := range ts {
			if string(x.Kind) == kind {
				n++
			}
		}
		return n
	}
	var statements atomic.Int64
	if err := st.OnStatement(func(string, []any) { statements.Add(1) }); err != nil {
		t.Fatal(err)
	}
	before := statements.Load()
	ts, err := st.ModelDuties(ctx, model.DutyQuery{Units: cells, Slots: model.DueEvaluations(day(time.May, 10)), Year: 2027,
		DueOn: day(time.February, 28), Registered: []model.Status{model.InProgress}, Kinds: []org.Kind{org.BaseCell}, Limit: 4})
	if err != nil {
		t.Fatal(err)
	}
	if n := statements.Load() - before; n != 1 {
		t.Errorf("model duties in %d statements", n)
	}
	// 6 models × Q1, Q2 and H1 due, 6 units with no model of 2027: 4 of each.
	if count("evaluate_model", ts) != 4 || count("register_model", ts) != 4 || len(ts) != 8 {
		t.Errorf("model duties %+v", ts)
	}
	before = statements.Load()
	ts, err = st.NominationDuties(ctx, nomination.DutyQuery{Units: cells, Today: day(time.May, 10), Mentor: uuid.New(),
		Statuses: []nomination.Status{nomination.Submitted}, Years: []int{2026}, From: day(time.May, 1), To: day(time.May, 31),
		DueOn: day(time.May, 31), Period: "M05", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if n := statements.Load() - before; n != 1 {
		t.Errorf("nomination duties in %d statements", n)
	}
	if count("nominate_for_round", ts) != 3 || len(ts) != 3 {
		t.Errorf("nomination duties %+v (4 rounds × 6 cells, limit 3)", ts)
	}
}
