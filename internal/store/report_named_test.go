package store

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/report"
)

// TestReportNamedListsPageAndLatestRating: the models of the round's years (not drafts) with their
// latest evaluation among the round's periods, the exemplars sent on in its dates with their
// decision, a page of each and how many more there are; frozen lists read back as stored.
func TestReportNamedListsPageAndLatestRating(t *testing.T) {
	t.Parallel()
	st, db := openTest(t)
	bloc, cell := uuid.New(), uuid.New()
	blocPath := bloc.String() + "/"
	cellPath := blocPath + cell.String() + "/"
	if _, err := db.Exec(`INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path) VALUES
			($1, 'bloc', 'NB', 'Khối', NULL, $1, $3), ($2, 'cell', 'NC', 'Chi bộ Một', $1, $1, $4)`, bloc, cell, blocPath, cellPath); err != nil {
		t.Fatal(err)
	}
	model := func(name string, year int, status string) uuid.UUID {
		id := uuid.New()
		if _, err := db.Exec(`INSERT INTO models (id, unit_id, unit_path, bloc_id, name, year, category, implementer_kind, implementer_name, status)
			VALUES ($1, $2, $3, $4, $5, $6, 'other', 'collective', 'Tổ Văn phòng', $7)`, id, cell, cellPath, bloc, name, year, status); err != nil {
			t.Fatal(err)
		}
		return id
	}
	a := model("A mô hình", 2026, "in_progress")
	model("B mô hình", 2026, "completed")
	model("C mô hình", 2026, "approved")
	model("Bản nháp", 2026, "draft")
	model("Năm trước", 2025, "completed")
	for _, ev := range []struct{ period, rating string }{{"Q1", "fair"}, {"H1", "excellent"}, {"year", "poor"}} {
		if _, err := db.Exec(`INSERT INTO model_evaluations (id, model_id, unit_id, bloc_id, year, period, metrics, rating, evaluator_name, created_at)
			VALUES (gen_random_uuid(), $1, $2, $3, 2026, $4, '[]', $5, 'Cán bộ', now())`, a, cell, bloc, ev.period, ev.rating); err != nil {
			t.Fatal(err)
		}
	}
	nom := func(kind, name, status, decision string, at time.Time) {
		col := "person_name"
		if kind == "collective" {
			col = "department_name"
		}
		var dec any
		if decision != "" {
			dec = decision
		}
		if _, err := db.Exec(`INSERT INTO nominations (id, unit_id, unit_path, bloc_id, year, subject_kind, `+col+`, person_position, status,
				holder_unit_id, holder_path, decision, created_at) VALUES (gen_random_uuid(), $1, $2, $3, 2026, $4, $5, 'Chuyên viên', $6, $1, $2, $7, $8)`,
			cell, cellPath, bloc, kind, name, status, dec, at); err != nil {
			t.Fatal(err)
		}
	}
	in, out := time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC), time.Date(2026, 8, 1, 3, 0, 0, 0, time.UTC)
	nom("individual", "Nguyễn Văn B", "honored", `{"number":"12-QĐ/ĐUK","date":"2026-05-19T00:00:00Z","authority":"Ban Thường vụ Đảng ủy Khối","form":"Giấy khen"}`, in)
	nom("collective", "Tổ Một cửa", "submitted", "", in)
	nom("individual", "Bản nháp", "draft", "", in)
	nom("individual", "Ngoài kỳ", "submitted", "", out)

	ctx := context.Background()
	h1 := []report.EvaluationSlot{{Year: 2026, Period: "Q1"}, {Year: 2026, Period: "Q2"}, {Year: 2026, Period: "H1"}}
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC)
	l, err := st.NamedLists(ctx, blocPath, []int{2026}, h1, from, to, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Models) != 2 || l.ModelsMore != 1 || l.Models[0].Name != "A mô hình" || l.Models[0].Rating != "excellent" || l.Models[1].Rating != "" ||
		l.Models[0].UnitName != "Chi bộ Một" || l.Models[0].Implementer != "Tổ Văn phòng" {
		t.Errorf("models %+v, %d more", l.Models, l.ModelsMore)
	}
	if len(l.Exemplars) != 2 || l.ExemplarsMore != 0 || l.Exemplars[0].Kind != "collective" || l.Exemplars[0].Name != "Tổ Một cửa" ||
		l.Exemplars[1].Name != "Nguyễn Văn B" || l.Exemplars[1].Position != "Chuyên viên" ||
		l.Exemplars[1].Decision != "Số 12-QĐ/ĐUK ngày 19/05/2026 của Ban Thường vụ Đảng ủy Khối" {
		t.Errorf("exemplars %+v, %d more", l.Exemplars, l.ExemplarsMore)
	}
	// The year's round sees the year's evaluation as the latest.
	year := append(h1, report.EvaluationSlot{Year: 2026, Period: "year"})
	if l, err := st.NamedLists(ctx, cellPath, []int{2026}, year, from, to, 1); err != nil || l.Models[0].Rating != "poor" || l.ModelsMore != 2 || l.ExemplarsMore != 1 {
		t.Errorf("the year's lists %+v, %v", l, err)
	}

	// Frozen: stored, read back, replaced, dropped.
	rid := uuid.New()
	if _, err := db.Exec(`INSERT INTO reporting_rounds (id, unit_id, unit_path, bloc_id, title, year, period, from_date, to_date, due_on, levels)
		VALUES ($1, $2, $3, $2, 'Đợt', 2026, 'H1', '2026-01-01', '2026-06-30', '2026-07-15', '["cell"]')`, rid, bloc, blocPath); err != nil {
		t.Fatal(err)
	}
	repID := uuid.New()
	if _, err := db.Exec(`INSERT INTO reports (id, round_id, unit_id, unit_path, bloc_id, parent_id, status) VALUES ($1, $2, $3, $4, $5, $5, 'draft')`,
		repID, rid, cell, cellPath, bloc); err != nil {
		t.Fatal(err)
	}
	if got, err := st.FrozenNamedLists(ctx, repID); err != nil || got != nil {
		t.Fatalf("before freezing: %+v, %v", got, err)
	}
	if err := st.FreezeNamedLists(ctx, repID, l); err != nil {
		t.Fatal(err)
	}
	l.ModelsMore = 7
	if err := st.FreezeNamedLists(ctx, repID, l); err != nil {
		t.Fatal(err)
	}
	if got, err := st.FrozenNamedLists(ctx, repID); err != nil || got == nil || got.ModelsMore != 7 || len(got.Models) != 2 || got.Exemplars[1].Decision == "" {
		t.Fatalf("frozen: %+v, %v", got, err)
	}
	if err := st.DropNamedLists(ctx, repID); err != nil {
		t.Fatal(err)
	}
	if got, err := st.FrozenNamedLists(ctx, repID); err != nil || got != nil {
		t.Fatalf("after dropping: %+v, %v", got, err)
	}
}
