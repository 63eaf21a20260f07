package nomination

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/vntime"
)

// TestNoteWindow: a mentor's note is due each month, on its last day (Vietnam's month).
func TestNoteWindow(t *testing.T) {
	cases := []struct {
		now              time.Time
		from, to, period string
	}{
		{time.Date(2026, 2, 10, 5, 0, 0, 0, time.UTC), "2026-02-01", "2026-02-28", "M02"},
		{time.Date(2024, 2, 29, 5, 0, 0, 0, time.UTC), "2024-02-01", "2024-02-29", "M02"},
		{time.Date(2026, 12, 31, 16, 59, 0, 0, time.UTC), "2026-12-01", "2026-12-31", "M12"},
		{time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC), "2027-01-01", "2027-01-31", "M01"}, // midnight in Hanoi
		{time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), "2026-10-01", "2026-10-31", "M10"},
	}
	for _, c := range cases {
		from, to, period := NoteWindow(c.now)
		if from.Format(time.DateOnly) != c.from || to.Format(time.DateOnly) != c.to || period != c.period {
			t.Errorf("%v: %s–%s %s", c.now, from.Format(time.DateOnly), to.Format(time.DateOnly), period)
		}
	}
}

// TestDutiesAskForRoundsAndNotes: rounds are asked for at the units where the caller nominates,
// notes for the user itself (of this year's and last year's nominations, in the states a mentor
// writes notes), nothing for administrators' units or for service clients' mentoring.
func TestDutiesAskForRoundsAndNotes(t *testing.T) {
	cell := uuid.New()
	now := func() time.Time { return time.Date(2026, time.May, 10, 3, 0, 0, 0, time.UTC) }
	cases := []struct {
		name   string
		p      *access.Principal
		units  []uuid.UUID
		mentor bool
	}{
		{"cell secretary", &access.Principal{ID: uuid.New(), Kind: access.UserPrincipal,
			Roles: []access.Assignment{{Role: access.CellSecretary, UnitID: cell, UnitPath: "b/c/x/"}}}, []uuid.UUID{cell}, true},
		{"member", &access.Principal{ID: uuid.New(), Kind: access.UserPrincipal,
			Roles: []access.Assignment{{Role: access.Member, UnitID: cell, UnitPath: "b/c/x/"}}}, nil, true},
		{"admin", &access.Principal{ID: uuid.New(), Kind: access.UserPrincipal, Roles: []access.Assignment{{Role: access.Admin}}}, nil, true},
		{"client", &access.Principal{ID: uuid.New(), Kind: access.ClientPrincipal,
			Roles: []access.Assignment{{Role: access.CellSecretary, UnitID: cell, UnitPath: "b/c/x/"}}}, []uuid.UUID{cell}, false},
		{"portal client", &access.Principal{ID: uuid.New(), Kind: access.ClientPrincipal,
			Roles: []access.Assignment{{Role: access.Portal, UnitID: cell, UnitPath: "b/"}}}, nil, false},
	}
	for _, c := range cases {
		st := &fakeTaskStore{}
		if _, err := NewTasks(st, now).Pending(context.Background(), c.p, 4); err != nil {
			t.Fatal(err)
		}
		if len(c.units) == 0 && !c.mentor {
			if len(st.duties) != 0 {
				t.Errorf("%s: asked %+v", c.name, st.duties)
			}
			continue
		}
		if len(st.duties) != 1 {
			t.Fatalf("%s: asked %d times", c.name, len(st.duties))
		}
		q := st.duties[0]
		if !slices.Equal(q.Units, c.units) || !q.Today.Equal(time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC)) || q.Limit != 4 {
			t.Errorf("%s: asked %+v", c.name, q)
		}
		if got := q.Mentor == c.p.ID; got != c.mentor {
			t.Errorf("%s: mentor asked %v", c.name, got)
		}
		if c.mentor && (q.Period != "M05" || !q.DueOn.Equal(time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)) ||
			!slices.Equal(q.Years, []int{2025, 2026}) || !slices.Equal(q.Statuses, followed()) ||
			!q.From.Equal(vntime.StartOfDay(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))) ||
			!q.To.Equal(vntime.EndOfDay(time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)))) {
			t.Errorf("%s: mentor query %+v", c.name, q)
		}
	}
}
