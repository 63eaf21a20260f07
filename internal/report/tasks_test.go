package report

import (
	"context"
	"slices"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/task"
)

// TestPendingQueriesAreTheirTurn checks the states and rounds /me/tasks asks for against the
// transition table: a report is to write exactly when its own unit may update or submit it, and
// to review exactly when the unit above may accept or return it, in open and closed rounds.
func TestPendingQueriesAreTheirTurn(t *testing.T) {
	writer := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CellSecretary, UnitID: uuid.New(), UnitPath: "b/c/x/"}}}
	reviewer := &access.Principal{ID: uuid.New(), Roles: []access.Assignment{{Role: access.CommitteeOfficer, UnitID: uuid.New(), UnitPath: "b/c/"}}}
	for _, side := range []struct {
		name    string
		p       *access.Principal
		actions []Action
	}{{"write", writer, writing()}, {"review", reviewer, reviewing()}} {
		q := pendingQuery(side.actions)
		for _, s := range []Status{Draft, Submitted, Accepted, Returned} {
			for _, closed := range []bool{false, true} {
				acts := AllowedActions(side.p, Report{Status: s, UnitPath: "b/c/x/", RoundClosed: closed})
				turn := slices.ContainsFunc(side.actions, func(a Action) bool { return slices.Contains(acts, string(a)) })
				asked := slices.Contains(q.Statuses, s) && !(closed && q.OpenRoundsOnly)
				if asked != turn {
					t.Errorf("%s, %s, round closed %v: asked for by /me/tasks %v, may act %v (%v)", side.name, s, closed, asked, turn, acts)
				}
			}
		}
	}
}

type fakeTaskStore struct {
	asked []PendingQuery
}

func (f *fakeTaskStore) PendingReports(_ context.Context, q PendingQuery) ([]task.Task, error) {
	f.asked = append(f.asked, q)
	return []task.Task{{Title: "r", ResourceID: uuid.New()}}, nil
}

// TestTasksAskWhereReportsWait checks the queries behind each caller's report tasks: reports to
// write at the units of its roles granting ManageReport (administrators write none but at their
// own roles' units), then reports to review below the units granting ReviewReport.
func TestTasksAskWhereReportsWait(t *testing.T) {
	bloc, committee, cell := uuid.New(), uuid.New(), uuid.New()
	type want struct {
		of    []uuid.UUID // nil: no write query
		below *task.Units // nil: no review query
	}
	cases := []struct {
		name  string
		roles []access.Assignment
		want  want
	}{
		{"cell secretary", []access.Assignment{{Role: access.CellSecretary, UnitID: cell, UnitPath: "b/c/x/"}}, want{of: []uuid.UUID{cell}}},
		{"committee officer", []access.Assignment{{Role: access.CommitteeOfficer, UnitID: committee, UnitPath: "b/c/"}},
			want{of: []uuid.UUID{committee}, below: &task.Units{IDs: []uuid.UUID{committee}}}},
		{"admin", []access.Assignment{{Role: access.Admin}}, want{below: &task.Units{Everywhere: true}}},
		{"admin and member", []access.Assignment{{Role: access.Member, UnitID: cell, UnitPath: "b/c/x/"}, {Role: access.Admin}},
			want{of: []uuid.UUID{cell}, below: &task.Units{IDs: []uuid.UUID{cell}, Everywhere: true}}},
		{"inspector", []access.Assignment{{Role: access.Inspector, UnitID: bloc, UnitPath: "b/"}}, want{}},
	}
	for _, c := range cases {
		st := &fakeTaskStore{}
		p := &access.Principal{ID: uuid.New(), Roles: c.roles}
		got, err := NewTasks(st).Pending(context.Background(), p, 5)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []task.Kind
		for _, tk := range got {
			kinds = append(kinds, tk.Kind)
		}
		asked := st.asked
		var wantKinds []task.Kind
		if c.want.of != nil {
			wantKinds = append(wantKinds, task.WriteReport)
			if len(asked) == 0 || !slices.Equal(asked[0].Of, c.want.of) || !asked[0].Below.None() || asked[0].NotSubmittedBy != uuid.Nil ||
				asked[0].Limit != 5 || !slices.Equal(asked[0].Statuses, pendingQuery(writing()).Statuses) || !asked[0].OpenRoundsOnly {
				t.Errorf("%s: write query %+v", c.name, asked)
			} else {
				asked = asked[1:]
			}
		}
		if c.want.below != nil {
			wantKinds = append(wantKinds, task.ReviewReport)
			if len(asked) == 0 || len(asked[0].Of) != 0 || !slices.Equal(asked[0].Below.IDs, c.want.below.IDs) ||
				asked[0].Below.Everywhere != c.want.below.Everywhere || asked[0].NotSubmittedBy != p.ID || asked[0].Limit != 5 ||
				!slices.Equal(asked[0].Statuses, pendingQuery(reviewing()).Statuses) || asked[0].OpenRoundsOnly {
				t.Errorf("%s: review query %+v", c.name, asked)
			} else {
				asked = asked[1:]
			}
		}
		if len(asked) != 0 || !slices.Equal(kinds, wantKinds) {
			t.Errorf("%s: queries left %+v, kinds %v, want %v", c.name, asked, kinds, wantKinds)
		}
	}
}
