package store

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"gorm.io/gorm/schema"

	"lamtheobac/internal/model"
)

// TestModelViewMatchesTheTwoReads: the one-statement read of a model and its evaluations' metrics
// gives what GetModel and ListEvaluations give (the evaluations' model, year, period and metrics),
// for a model with every optional field empty and for one with them set, evaluations with and
// without an evaluator, metrics and none.
func TestModelViewMatchesTheTwoReads(t *testing.T) {
	t.Parallel()
	st, db := openTest(t)
	bloc, committee, user := uuid.New(), uuid.New(), uuid.New()
	blocPath := bloc.String() + "/"
	committeePath := blocPath + committee.String() + "/"
	if _, err := db.Exec(`INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path) VALUES
			($1, 'bloc', 'VB', 'Khối', NULL, $1, $3), ($2, 'committee', 'VC', 'Đảng ủy', $1, $1, $4)`,
		bloc, committee, blocPath, committeePath); err != nil {
		t.Fatal(err)
	}
	bare, full := uuid.New(), uuid.New()
	if _, err := db.Exec(`INSERT INTO models (id, unit_id, unit_path, bloc_id, name, year, category, implementer_kind, implementer_name,
			learning_content, status) VALUES ($1, $2, $3, $4, 'Trống', 2025, 'other', 'unit', 'Chi bộ', 'Học', 'draft')`,
		bare, committee, committeePath, bloc); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO models (id, unit_id, unit_path, bloc_id, name, year, category, implementer_kind, implementer_name,
			learning_content, necessity_reasons, measures, status, status_reason, registered_at, registered_by, carried_over_from,
			created_by, published_at, published_by, published_by_name)
		VALUES ($1, $2, $3, $4, 'Đầy đủ', 2025, 'other', 'individual', 'Nguyễn Văn A', 'Học', '[{"code":"r1","text":"Vì"}]',
			'{"milestones":[{"label":"Q1","due":"2025-03-31"}]}', 'in_progress', 'Lý do', now(), $5, $1, $5, now(), $5, 'Cán bộ')`,
		full, committee, committeePath, bloc, user); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO model_evaluations (id, model_id, unit_id, bloc_id, year, period, metrics, rating, evaluator_id, evaluator_name, created_at)
		VALUES (gen_random_uuid(), $1, $2, $3, 2025, 'Q1', '[{"name":"Số người","unit":"người","value":12,"baseline":3}]', 'good', $4, 'Cán bộ', now() - interval '2 days'),
		       (gen_random_uuid(), $1, $2, $3, 2025, 'H1', '[]', 'excellent', NULL, 'Khách', now())`,
		full, committee, bloc, user); err != nil {
		t.Fatal(err)
	}
	// A month's self-evaluation ranks below the quarter it closes, and a reviewer evaluation of
	// the year (issue #17 item 8) is read with its unit but is never the latest rating.
	if _, err := db.Exec(`INSERT INTO model_evaluations (id, model_id, unit_id, bloc_id, year, period, rating, evaluator_name, kind, evaluator_unit_id, created_at)
		VALUES (gen_random_uuid(), $1, $2, $3, 2025, 'M03', 'poor', 'Cán bộ', 'self', NULL, now() + interval '1 day'),
		       (gen_random_uuid(), $1, $2, $3, 2025, 'year', 'fair', 'Ban Tuyên giáo', 'reviewer', $3, now())`,
		full, committee, bloc); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, id := range []uuid.UUID{bare, full} {
		want, err := st.GetModel(ctx, id, false)
		if err != nil {
			t.Fatal(err)
		}
		wantEvals, err := st.ListEvaluations(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		listed, gotEvals, err := st.GetModelWithMetrics(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		// Its reasons and measures come as stored, not decoded; the rest is the model.
		var reasons, measures []byte
		if err := db.QueryRow(`SELECT necessity_reasons, measures FROM models WHERE id = $1`, id).Scan(&reasons, &measures); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(listed.ReasonsJSON, reasons) || !bytes.Equal(listed.MeasuresJSON, measures) {
			t.Fatalf("model %s: reasons %s and measures %s, stored %s and %s", id, listed.ReasonsJSON, listed.MeasuresJSON, reasons, measures)
		}
		got := listed.Model
		want.NecessityReasons, want.Measures = nil, model.Measures{}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("model %s:\n got %+v\nwant %+v", id, got, want)
		}
		if len(gotEvals) != len(wantEvals) {
			t.Fatalf("evaluations: %d, want %d", len(gotEvals), len(wantEvals))
		}
		// The view gives the self-evaluations (their figures' fields only), then the reviewers'
		// whole, each oldest first.
		var selfs, reviews []model.Evaluation
		for _, w := range wantEvals {
			if w.Kind == model.ReviewerEvaluation {
				reviews = append(reviews, w)
			} else {
				selfs = append(selfs, model.Evaluation{ModelID: w.ModelID, Kind: model.SelfEvaluation, Year: w.Year, Period: w.Period, Metrics: w.Metrics})
			}
		}
		wantEvals = append(selfs, reviews...)
		for i := range wantEvals {
			g, w := gotEvals[i], wantEvals[i]
			if !reflect.DeepEqual(g, w) {
				t.Fatalf("evaluation %d:\n got %+v\nwant %+v", i, g, w)
			}
		}
	}
	m, evals, err := st.GetModelWithMetrics(ctx, full)
	if err != nil {
		t.Fatal(err)
	}
	if m.LatestRating == nil || *m.LatestRating != model.Excellent {
		t.Errorf("latest rating %v, want H1's excellent (not the reviewer's year, not March's)", m.LatestRating)
	}
	var reviews int
	for _, e := range evals {
		if e.Kind == model.ReviewerEvaluation {
			reviews++
			if e.EvaluatorUnit == nil || e.EvaluatorUnit.ID != bloc || e.EvaluatorUnit.Code != "VB" || e.EvaluatorUnit.Kind != "bloc" {
				t.Errorf("reviewer evaluation's unit %+v", e.EvaluatorUnit)
			}
		} else if e.Kind != model.SelfEvaluation || e.EvaluatorUnit != nil {
			t.Errorf("self-evaluation %+v", e)
		}
	}
	if len(evals) != 4 || reviews != 1 {
		t.Errorf("%d evaluations, %d by reviewers", len(evals), reviews)
	}
	if _, _, err := st.GetModelWithMetrics(ctx, uuid.New()); err == nil {
		t.Fatal("a missing model was found")
	}
}

// TestModelColumnsCoverTheRow: modelColumns names, in modelFields' order, every column of
// modelRow. A field added to the row but not to the list would be read as empty and then
// written back empty by the next update.
func TestModelColumnsCoverTheRow(t *testing.T) {
	sch, err := schema.Parse(&modelRow{}, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		t.Fatal(err)
	}
	var r modelRow
	fields := modelFields(&r)
	cols := strings.Split(modelColumns[:strings.Index(modelColumns, "(SELECT")], ", ")
	cols = append(cols[:len(cols)-1], "latest_rating")                // the subquery's alias
	if len(sch.Fields)-1 != len(fields) || len(fields) != len(cols) { // Rank is scanned apart
		t.Fatalf("row has %d fields (without rank), modelFields %d, modelColumns %d", len(sch.Fields)-1, len(fields), len(cols))
	}
	for i, f := range sch.Fields {
		if f.DBName == "rank" {
			continue
		}
		col := cols[i]
		if _, alias, ok := strings.Cut(col, " AS "); ok {
			col = alias
		}
		col = strings.TrimPrefix(strings.TrimSpace(col), "models.")
		if col != f.DBName {
			t.Errorf("column %d is %q, the row's field %d is %q", i, col, i, f.DBName)
		}
		if reflect.ValueOf(fields[i]).Elem().Type() != f.FieldType {
			t.Errorf("modelFields[%d] is a %v, the row's %s a %v", i, reflect.ValueOf(fields[i]).Elem().Type(), f.Name, f.FieldType)
		}
	}
}
