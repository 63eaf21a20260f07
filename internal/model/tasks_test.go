package model

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/task"
)

// TestPendingStatesAreReviewersTurn checks that the states /me/tasks asks for are exactly those
// in which the unit above may approve or return a model (the transition table's answer).
func TestPendingStatesAreReviewersTurn(t *testing.T) {
	reviewer := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CommitteeOfficer, UnitID: uuid.New(), UnitPath: "b/c/"}}}
	for _, s := range allStatuses() {
		acts := AllowedActions(reviewer, Model{Status: s, UnitPath: "b/c/x/"})
		turn := slices.Contains(acts, string(ActApprove)) || slices.Contains(acts, string(ActReturn))
		if pending := slices.Contains(pendingStates(), s); pending != turn {
			t.Errorf("%s: asked for by /me/tasks %v, reviewer may act %v (%v)", s, pending, turn, acts)
		}
	}
}

type fakeTaskStore struct {
	asked  []PendingQuery
	duties []DutyQuery
}

func (f *fakeTaskStore) ModelDuties(_ context.Context, q DutyQuery) ([]task.Task, error) {
	f.duties = append(f.duties, q)
	return nil, nil
}

func (f *fakeTaskStore) PendingModels(_ context.Context, q PendingQuery) ([]task.Task, error) {
	f.asked = append(f.asked, q)
	return []task.Task{{Title: "m", ResourceID: uuid.New()}}, nil
}

// TestTasksAskWhereReviewModelIsHeld checks which units each caller's model reviews are looked
// for below: those of its roles granting ReviewModel, everywhere for administrators, and no query
// at all for callers who review nothing.
func TestTasksAskWhereReviewModelIsHeld(t *testing.T) {
	bloc, committee, cell := uuid.New(), uuid.New(), uuid.New()
	role := func(r access.Role, id uuid.UUID, path string) access.Assignment {
		return access.Assignment{Role: r, UnitID: id, UnitPath: path}
	}
	cases := []struct {
		name  string
		roles []access.Assignment
		want  *task.Units
	}{
		{"committee officer", []access.Assignment{role(access.CommitteeOfficer, committee, "b/c/")}, &task.Units{IDs: []uuid.UUID{committee}}},
		{"officer and secretary", []access.Assignment{role(access.CellSecretary, cell, "b/c/x/"), role(access.BlocOfficer, bloc, "b/")},
			&task.Units{IDs: []uuid.UUID{bloc}}},
		{"admin", []access.Assignment{{Role: access.Admin}}, &task.Units{Everywhere: true}},
		{"cell secretary", []access.Assignment{role(access.CellSecretary, cell, "b/c/x/")}, nil},
		{"inspector", []access.Assignment{role(access.Inspector, bloc, "b/")}, nil},
		{"member", []access.Assignment{role(access.Member, cell, "b/c/x/")}, nil},
	}
	for _, c := range cases {
		st := &fakeTaskStore{}
		p := &access.Principal{ID: uuid.New(), Roles: c.roles}
		got, err := NewTasks(st, time.Now).Pending(context.Background(), p, 7)
		if err != nil {
			t.Fatal(err)
		}
		if c.want == nil {
			if len(st.asked) != 0 || len(got) != 0 {
				t.Errorf("%s: asked %+v, got %+v", c.name, st.asked, got)
			}
			continue
		}
		if len(st.asked) != 1 {
			t.Fatalf("%s: asked %d times", c.name, len(st.asked))
		}
		q := st.asked[0]
		if !slices.Equal(q.Below.IDs, c.want.IDs) || q.Below.Everywhere != c.want.Everywhere || q.NotRegisteredBy != p.ID ||
			q.Limit != 7 || !slices.Equal(q.Statuses, pendingStates()) {
			t.Errorf("%s: asked %+v", c.name, q)
		}
		if len(got) != 1 || got[0].Kind != task.ReviewModel {
			t.Errorf("%s: tasks %+v", c.name, got)
		}
	}
}
