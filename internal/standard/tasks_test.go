package standard

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/task"
)

type fakeConsultations struct{ units []uuid.UUID }

func (f *fakeConsultations) OpenConsultations(_ context.Context, units []uuid.UUID, _ time.Time, _ int) ([]task.Task, error) {
	f.units = units
	if len(units) == 0 {
		return nil, nil
	}
	return []task.Task{{Title: "x"}}, nil
}

// TestConsultationTaskUnits checks whose consultations a caller is asked to comment on: its own
// units' and those above them, never below, never a portal client's.
func TestConsultationTaskUnits(t *testing.T) {
	bloc, committee, cell, other := uuid.New(), uuid.New(), uuid.New(), uuid.New()
	path := func(ids ...uuid.UUID) string {
		s := ""
		for _, id := range ids {
			s += id.String() + "/"
		}
		return s
	}
	for _, tt := range []struct {
		name  string
		roles []access.Assignment
		want  []uuid.UUID
	}{
		{"member of a cell", []access.Assignment{{Role: access.Member, UnitID: cell, UnitPath: path(bloc, committee, cell)}}, []uuid.UUID{bloc, committee, cell}},
		{"committee officer", []access.Assignment{{Role: access.CommitteeOfficer, UnitID: committee, UnitPath: path(bloc, committee)}}, []uuid.UUID{bloc, committee}},
		{"two roles, no duplicates", []access.Assignment{{Role: access.Member, UnitID: cell, UnitPath: path(bloc, committee, cell)},
			{Role: access.CellSecretary, UnitID: other, UnitPath: path(bloc, committee, other)}}, []uuid.UUID{bloc, committee, cell, other}},
		{"portal client", []access.Assignment{{Role: access.Portal, UnitID: bloc, UnitPath: path(bloc)}}, nil},
		{"administrator", []access.Assignment{{Role: access.Admin}}, nil},
	} {
		f := &fakeConsultations{}
		ts, err := NewTasks(f, time.Now).Pending(context.Background(), &access.Principal{Roles: tt.roles}, 10)
		if err != nil || !slices.Equal(f.units, tt.want) {
			t.Errorf("%s: units %v, want %v (%v)", tt.name, f.units, tt.want, err)
		}
		for _, tk := range ts {
			if tk.Kind != task.CommentStandard {
				t.Errorf("%s: kind %q", tt.name, tk.Kind)
			}
		}
	}
}
