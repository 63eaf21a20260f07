package nomination

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/org"
	"lamtheobac/internal/task"
)

// TestPendingStatesAreDecidersTurn checks that the states /me/tasks asks for are exactly those
// in which the unit holding a nomination may decide on it (the transition table's answer), at a
// committee, at a bloc under a province, and at the top of the tree (a root bloc or province).
func TestPendingStatesAreDecidersTurn(t *testing.T) {
	for _, h := range []struct {
		kind org.Kind
		path string
	}{{org.Committee, "p/b/c/"}, {org.PartialCommittee, "b/c/d/"}, {org.Bloc, "p/b/"}, {org.Bloc, "b/"}, {org.Province, "p/"}} {
		holder := h.kind
		decider := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.BlocOfficer, UnitID: uuid.New(), UnitPath: h.path}}}
		for _, s := range []Status{Draft, Submitted, Endorsed, Returned, Rejected, Commended, Honored} {
			acts := AllowedActions(decider, Nomination{Status: s, UnitPath: h.path + "x/", HolderPath: h.path, Holder: org.Ref{Kind: holder}})
			if s == Endorsed && slices.Contains(acts, string(ActEndorse)) != (access.ParentPath(h.path) != "") {
				t.Errorf("endorsed, held at %s %s: endorse offered %v, want it only below the root", holder, h.path, acts)
			}
			turn := slices.ContainsFunc(decisions(), func(a Action) bool { return slices.Contains(acts, string(a)) })
			if pending := slices.Contains(pendingStates(), s); pending != turn {
				t.Errorf("%s held at a %s: asked for by /me/tasks %v, decider may act %v (%v)", s, holder, pending, turn, acts)
			}
		}
	}
}

type fakeTaskStore struct {
	asked  []PendingQuery
	duties []DutyQuery
}

func (f *fakeTaskStore) NominationDuties(_ context.Context, q DutyQuery) ([]task.Task, error) {
	f.duties = append(f.duties, q)
	return nil, nil
}

func (f *fakeTaskStore) PendingNominations(_ context.Context, q PendingQuery) ([]task.Task, error) {
	f.asked = append(f.asked, q)
	return []task.Task{{Title: "n", ResourceID: uuid.New()}}, nil
}

// TestTasksAskWhereReviewNominationIsHeld checks where each caller's decisions are looked for:
// at the units of its roles granting ReviewNomination, everywhere for administrators, nowhere
// (no query) for the others.
func TestTasksAskWhereReviewNominationIsHeld(t *testing.T) {
	bloc, committee, cell := uuid.New(), uuid.New(), uuid.New()
	cases := []struct {
		name  string
		roles []access.Assignment
		want  *task.Units
	}{
		{"two officer roles", []access.Assignment{{Role: access.BlocOfficer, UnitID: bloc, UnitPath: "b/"},
			{Role: access.CommitteeOfficer, UnitID: committee, UnitPath: "b/c/"}}, &task.Units{IDs: []uuid.UUID{bloc, committee}}},
		{"admin", []access.Assignment{{Role: access.Admin}}, &task.Units{Everywhere: true}},
		{"cell secretary", []access.Assignment{{Role: access.CellSecretary, UnitID: cell, UnitPath: "b/c/x/"}}, nil},
		{"portal", []access.Assignment{{Role: access.Portal, UnitID: bloc, UnitPath: "b/"}}, nil},
	}
	for _, c := range cases {
		st := &fakeTaskStore{}
		p := &access.Principal{ID: uuid.New(), Roles: c.roles}
		got, err := NewTasks(st, time.Now).Pending(context.Background(), p, 9)
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
		if !slices.Equal(q.Holders.IDs, c.want.IDs) || q.Holders.Everywhere != c.want.Everywhere || q.NotSubmittedBy != p.ID ||
			q.Limit != 9 || !slices.Equal(q.Statuses, pendingStates()) {
			t.Errorf("%s: asked %+v", c.name, q)
		}
		if len(got) != 1 || got[0].Kind != task.ReviewNomination {
			t.Errorf("%s: tasks %+v", c.name, got)
		}
	}
}
