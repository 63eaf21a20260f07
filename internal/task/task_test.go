package task

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// source is a Source answering ts (or err), recording the limit it was given.
type source struct {
	ts    []Task
	err   error
	limit int
}

func (s *source) Pending(_ context.Context, _ *access.Principal, limit int) ([]Task, error) {
	s.limit = limit
	return s.ts, s.err
}

func day(d int) *time.Time {
	t := time.Date(2026, time.June, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// TestMineOrders checks how the sources' answers are gathered: soonest due first, ties and
// undated tasks in the sources' order, undated last, each task once, at most Limit.
func TestMineOrders(t *testing.T) {
	ids := make([]uuid.UUID, 6)
	for i := range ids {
		ids[i] = uuid.New()
	}
	reports := &source{ts: []Task{{Kind: WriteReport, ResourceID: ids[0], DueOn: day(30)}, {Kind: ReviewReport, ResourceID: ids[1], DueOn: day(10)},
		{Kind: ReviewReport, ResourceID: ids[2], DueOn: day(30)}}}
	models := &source{ts: []Task{{Kind: ReviewModel, ResourceID: ids[3]}, {Kind: ReviewModel, ResourceID: ids[4]}}}
	nominations := &source{ts: []Task{{Kind: ReviewNomination, ResourceID: ids[5]}, {Kind: ReviewNomination, ResourceID: ids[5]},
		{Kind: ReviewModel, ResourceID: ids[3]}}}
	ctx := access.WithPrincipal(context.Background(), &access.Principal{ID: uuid.New()})
	got, err := NewService(reports, models, nominations).Mine(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var order []uuid.UUID
	for _, tk := range got {
		order = append(order, tk.ResourceID)
	}
	if want := []uuid.UUID{ids[1], ids[0], ids[2], ids[3], ids[4], ids[5]}; !slices.Equal(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
	if reports.limit != Limit || nominations.limit != Limit {
		t.Errorf("limits %d, %d", reports.limit, nominations.limit)
	}

	many := &source{}
	for range Limit + 5 {
		many.ts = append(many.ts, Task{Kind: ReviewModel, ResourceID: uuid.New()})
	}
	dated := &source{ts: []Task{{Kind: WriteReport, ResourceID: ids[0], DueOn: day(1)}}}
	got, err = NewService(many, dated).Mine(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != Limit || got[0].ResourceID != ids[0] || got[1].ResourceID != many.ts[0].ResourceID {
		t.Errorf("%d tasks, first %v", len(got), got[:2])
	}
}

// TestMineRefuses checks that an anonymous caller is refused before any source is asked, and
// that a source's failure is the answer's.
func TestMineRefuses(t *testing.T) {
	s := &source{}
	if _, err := NewService(s).Mine(context.Background()); !errors.Is(err, apperr.ErrUnauthenticated) || s.limit != 0 {
		t.Errorf("anonymous: %v, source asked with limit %d", err, s.limit)
	}
	boom := errors.New("boom")
	ctx := access.WithPrincipal(context.Background(), &access.Principal{ID: uuid.New()})
	if _, err := NewService(&source{}, &source{err: boom}).Mine(ctx); !errors.Is(err, boom) {
		t.Errorf("failing source: %v", err)
	}
}

// TestOrderKeepsEachPeriodAndUnit: a model owes its quarter's and its half-year's evaluations as
// two tasks (same kind and resource, other periods), a round waits on each of the caller's
// units; only the same kind, resource, period and unit found twice is one task.
func TestOrderKeepsEachPeriodAndUnit(t *testing.T) {
	m, round := uuid.New(), uuid.New()
	cell, committee := uuid.New(), uuid.New()
	ts := []Task{
		{Kind: "evaluate_model", ResourceID: m, Period: "Q2", DueOn: day(30)},
		{Kind: "evaluate_model", ResourceID: m, Period: "H1", DueOn: day(30)},
		{Kind: "evaluate_model", ResourceID: m, Period: "Q2", DueOn: day(30)},
		{Kind: "nominate_for_round", ResourceID: round, DueOn: day(20)},
	}
	ts[3].Unit.ID = cell
	ts = append(ts, ts[3], ts[3])
	ts[5].Unit.ID = committee
	got := order(ts)
	var keys []string
	for _, x := range got {
		keys = append(keys, string(x.Kind)+"/"+x.Period+"/"+x.Unit.ID.String())
	}
	want := []string{"nominate_for_round//" + cell.String(), "nominate_for_round//" + committee.String(),
		"evaluate_model/Q2/" + uuid.Nil.String(), "evaluate_model/H1/" + uuid.Nil.String()}
	if !slices.Equal(keys, want) {
		t.Fatalf("ordered %v, want %v", keys, want)
	}
}
