package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/api"
	"lamtheobac/internal/model"
	"lamtheobac/internal/org"
)

// TestModelListJSONIsTheGeneratedOne: the hand-written list answer is, byte for byte, what the
// generated ListModels200JSONResponse writes for the same models when their stored JSON is
// what Go writes (the store's writers), and means the same when it is jsonb's text (spaces,
// keys in jsonb's order). Every optional field is written both present and absent, and the
// strings hold what encoding/json escapes.
func TestModelListJSONIsTheGeneratedOne(t *testing.T) {
	models, actions := listFixture()
	next := "cursor<&>"
	for _, cursor := range []*string{nil, &next} {
		want := generatedList(t, models, actions, cursor)
		listed := make([]model.Listed, len(models))
		spaced := make([]model.Listed, len(models))
		for i, m := range models {
			listed[i] = storedAsGo(t, m)
			spaced[i] = model.Listed{Model: listed[i].Model, ReasonsJSON: jsonbText(t, listed[i].ReasonsJSON), MeasuresJSON: jsonbText(t, listed[i].MeasuresJSON)}
		}
		if got := encodeModelList(listed, actions, cursor); !bytes.Equal(got, want) {
			t.Fatalf("the list differs from the generated one:\n got %s\nwant %s", got, want)
		}
		got := encodeModelList(spaced, actions, cursor)
		var a, b any
		if err := json.Unmarshal(got, &a); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, got)
		}
		_ = json.Unmarshal(want, &b)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("the list from jsonb's text means something else:\n got %s\nwant %s", got, want)
		}
	}
}

// listFixture is a model with every optional field present and strings encoding/json escapes,
// and one with none, with allowed actions for each.
func listFixture() ([]model.Model, func(model.Model) []string) {
	id := func(n byte) uuid.UUID {
		return uuid.UUID{0x01, 0x7c, 0xd9, 0x3a, 0x77, 0x60, 0x7f, 0xb2, 0x9e, 0xf3, 0x62, 0xac, 0x49, 0x09, 0x2f, n}
	}
	at := time.Date(2026, 3, 1, 10, 4, 5, 123450000, time.UTC)
	whole := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	why, rated, carried, replicated, user := "Trả lại: thiếu <kế hoạch> & \"mốc\"", model.Rating("good"), id(9), id(10), id(11)
	full := model.Model{ID: id(1), UnitID: id(2), Name: "Tiết kiệm <làm theo> Bác & \"gương\"\n\ttốt\u2028\x01\xff", Year: 2026,
		Category: "economy", Implementer: model.Implementer{Kind: model.Collective, Name: "Tổ Văn thư\\Lưu trữ"},
		LearningContent: "Nội dung học tập Bác — <b>đạo đức</b>\u2029dòng\u2028", NecessityReasons: []model.Reason{model.PoliticalTask, model.CareForPeople},
		NecessityText: "Vì sao", Measures: model.Measures{Plan: "Kế hoạch <1>", Cadence: model.Monthly,
			Milestones: []model.Milestone{{Date: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), Description: "Ban hành"}, {Date: time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC), Description: "Tổng kết"}},
			Monitor:    &model.Monitor{Name: "Mai Tiến Thắng", UserID: &user}},
		ExpectedResults: "Kết quả", Replicability: "Nhân rộng", Status: model.Returned, StatusReason: &why, RegisteredAt: &at,
		CarriedOverFrom: &carried, ReplicatedFrom: &replicated, LatestRating: &rated, Version: 7, CreatedAt: at, UpdatedAt: whole,
		Unit: org.Ref{ID: id(2), Kind: org.Cell, Code: "B01-C001-S01", Name: "Chi bộ Văn phòng"}}
	bare := model.Model{ID: id(3), UnitID: id(4), Name: "Mô hình", Year: 2025, Category: "other",
		Implementer: model.Implementer{Kind: model.Individual, Name: "Nguyễn Văn A"}, Status: model.Draft, Version: 1,
		CreatedAt: whole, UpdatedAt: at, Unit: org.Ref{ID: id(4), Kind: org.Committee, Code: "B01-C001", Name: "Đảng ủy"}}
	actions := func(m model.Model) []string {
		if m.Status == model.Draft {
			return []string{"update", "delete", "register"}
		}
		return []string{}
	}
	return []model.Model{full, bare}, actions
}

// generatedList is the answer the generated 200 response writes for models.
func generatedList(t *testing.T, models []model.Model, actions func(model.Model) []string, next *string) []byte {
	t.Helper()
	items := make([]api.Model, len(models))
	for i, m := range models {
		items[i] = toAPIModel(context.Background(), nil, m, []model.Series{})
		items[i].AllowedActions = actions(m)
	}
	rec := httptest.NewRecorder()
	if err := (api.ListModels200JSONResponse{Items: items, NextCursor: next}).VisitListModelsResponse(rec); err != nil {
		t.Fatal(err)
	}
	return rec.Body.Bytes()
}

// storedAsGo is m as the store lists it, its reasons and measures as Go writes them.
func storedAsGo(t *testing.T, m model.Model) model.Listed {
	t.Helper()
	reasons := m.NecessityReasons
	if reasons == nil {
		reasons = []model.Reason{}
	}
	rs, err := json.Marshal(reasons)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := json.Marshal(m.Measures)
	if err != nil {
		t.Fatal(err)
	}
	l := model.Listed{Model: m, ReasonsJSON: rs, MeasuresJSON: ms}
	l.NecessityReasons, l.Model.Measures = nil, model.Measures{}
	return l
}

// jsonbText is raw as Postgres prints a jsonb value: object keys shortest first (then by
// bytes), a space after each colon and comma, only what JSON must escape escaped.
func jsonbText(t *testing.T, raw []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var write func(v any)
	write = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			slices.SortFunc(keys, func(a, b string) int {
				if len(a) != len(b) {
					return len(a) - len(b)
				}
				return strings.Compare(a, b)
			})
			b.WriteByte('{')
			for i, k := range keys {
				if i > 0 {
					b.WriteString(", ")
				}
				write(k)
				b.WriteString(": ")
				write(x[k])
			}
			b.WriteByte('}')
		case []any:
			b.WriteByte('[')
			for i, e := range x {
				if i > 0 {
					b.WriteString(", ")
				}
				write(e)
			}
			b.WriteByte(']')
		case string:
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(x)
			s := b.String()
			b.Reset()
			b.WriteString(strings.TrimSuffix(s, "\n"))
		default:
			out, _ := json.Marshal(x)
			b.Write(out)
		}
	}
	write(v)
	return []byte(b.String())
}
