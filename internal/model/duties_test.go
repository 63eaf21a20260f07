package model

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/org"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// slotsString writes slots as "year/period@due(cadence)" for comparison.
func slotsString(ss []DueSlot) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		c := string(s.Cadence)
		if c == "" {
			c = "all"
		}
		out[i] = fmt.Sprintf("%d/%s@%s(%s)", s.Year, s.Period, s.DueOn.Format("01-02"), c)
	}
	return strings.Join(out, " ")
}

// TestDueEvaluations is the table of what a running model owes on a day: the month (monthly
// models) or quarter (the others) under way and the one just closed, the half-year from April
// until the end of September, the year from October until the end of the next March.
func TestDueEvaluations(t *testing.T) {
	cases := []struct {
		today time.Time
		want  string
	}{
		{day(2026, time.January, 1), "2025/M12@12-31(monthly) 2025/Q4@12-31(quarterly) 2025/year@12-31(all) " +
			"2026/M01@01-31(monthly) 2026/Q1@03-31(quarterly)"},
		{day(2026, time.February, 28), "2025/Q4@12-31(quarterly) 2025/year@12-31(all) 2026/M01@01-31(monthly) " +
			"2026/M02@02-28(monthly) 2026/Q1@03-31(quarterly)"},
		{day(2026, time.March, 31), "2025/Q4@12-31(quarterly) 2025/year@12-31(all) 2026/M02@02-28(monthly) " +
			"2026/M03@03-31(monthly) 2026/Q1@03-31(quarterly)"},
		// A quarter's grace ends with the next quarter: Q4 and the year are no longer asked in April.
		{day(2026, time.April, 1), "2026/M03@03-31(monthly) 2026/Q1@03-31(quarterly) 2026/M04@04-30(monthly) " +
			"2026/Q2@06-30(quarterly) 2026/H1@06-30(all)"},
		{day(2026, time.June, 30), "2026/Q1@03-31(quarterly) 2026/M05@05-31(monthly) 2026/M06@06-30(monthly) " +
			"2026/Q2@06-30(quarterly) 2026/H1@06-30(all)"},
		{day(2026, time.September, 30), "2026/Q2@06-30(quarterly) 2026/H1@06-30(all) 2026/M08@08-31(monthly) " +
			"2026/M09@09-30(monthly) 2026/Q3@09-30(quarterly)"},
		{day(2026, time.October, 1), "2026/M09@09-30(monthly) 2026/Q3@09-30(quarterly) 2026/M10@10-31(monthly) " +
			"2026/Q4@12-31(quarterly) 2026/year@12-31(all)"},
		{day(2026, time.December, 3), "2026/Q3@09-30(quarterly) 2026/M11@11-30(monthly) 2026/M12@12-31(monthly) " +
			"2026/Q4@12-31(quarterly) 2026/year@12-31(all)"},
		// A leap year's February.
		{day(2024, time.March, 15), "2023/Q4@12-31(quarterly) 2023/year@12-31(all) 2024/M02@02-29(monthly) " +
			"2024/M03@03-31(monthly) 2024/Q1@03-31(quarterly)"},
	}
	for _, c := range cases {
		if got := slotsString(DueEvaluations(c.today)); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.today.Format(time.DateOnly), got, c.want)
		}
	}
	// The day is Vietnam's: 17:30 UTC on 31 March is 1 April there.
	if got := slotsString(DueEvaluations(time.Date(2026, time.March, 31, 17, 30, 0, 0, time.UTC))); !strings.Contains(got, "2026/H1") {
		t.Errorf("31 March 17:30 UTC is April in Vietnam: %s", got)
	}
}

// TestPeriodsOrderAndDates checks the order of the periods (months before the quarter they
// close, H1 after Q2, the year last: migration 0019's period_rank), their dates and labels, and
// which strings are periods.
func TestPeriodsOrderAndDates(t *testing.T) {
	want := []Period{"M01", "M02", "M03", Q1, "M04", "M05", "M06", Q2, H1, "M07", "M08", "M09", Q3, "M10", "M11", "M12", Q4, FullYear}
	if got := allPeriods(); !slices.Equal(got, want) {
		t.Fatalf("periods in order %v", got)
	}
	for i, p := range want {
		if p.order() != i+1 {
			t.Errorf("%s ranks %d, want %d (period_rank)", p, p.order(), i+1)
		}
	}
	for _, bad := range []Period{"M00", "M13", "M1", "m01", "Q5", "H2", "", "M0a"} {
		if bad.order() != 0 || bad.Monthly() {
			t.Errorf("%q is taken for a period", bad)
		}
	}
	dates := map[Period][2]time.Time{
		"M02": {day(2026, 2, 1), day(2026, 2, 28)}, "M12": {day(2026, 12, 1), day(2026, 12, 31)}, Q3: {day(2026, 7, 1), day(2026, 9, 30)},
		H1: {day(2026, 1, 1), day(2026, 6, 30)}, FullYear: {day(2026, 1, 1), day(2026, 12, 31)},
	}
	for p, w := range dates {
		if from, to := p.Dates(2026); !from.Equal(w[0]) || !to.Equal(w[1]) {
			t.Errorf("%s: %v–%v", p, from, to)
		}
	}
	labels := map[Period]string{"M03": "tháng 3/2026", Q4: "quý IV/2026", H1: "6 tháng đầu năm 2026", FullYear: "năm 2026"}
	for p, w := range labels {
		if got := p.Label(2026); got != w {
			t.Errorf("%s: %q, want %q", p, got, w)
		}
	}
	if Month(time.May) != "M05" || Quarter(3) != Q3 {
		t.Errorf("Month(5) %q, Quarter(3) %q", Month(time.May), Quarter(3))
	}
}

// TestRegistrationDue: the registration of the year is due on the last day of February, and
// made once a model is registered, approved, running, completed or retired.
func TestRegistrationDue(t *testing.T) {
	for y, w := range map[int]time.Time{2026: day(2026, 2, 28), 2024: day(2024, 2, 29)} {
		if got := RegistrationDue(y); !got.Equal(w) {
			t.Errorf("%d: %v", y, got)
		}
	}
	if got := registeredStates(); !slices.Equal(got, []Status{Registered, Approved, InProgress, Completed, Retired}) {
		t.Errorf("registered states %v", got)
	}
	if got := registeringKinds(); slices.Contains(got, org.Bloc) || slices.Contains(got, org.Province) || !slices.Contains(got, org.Cell) ||
		!slices.Contains(got, org.PartialCommittee) || !slices.Contains(got, org.BaseCell) || !slices.Contains(got, org.Committee) {
		t.Errorf("registering kinds %v", got)
	}
}

// TestDutiesAskWhereModelsAreDrafted: the duties are asked for at the units where the caller
// drafts models (its own units), never for an administrator's everywhere, with today's slots.
func TestDutiesAskWhereModelsAreDrafted(t *testing.T) {
	cell, committee := uuid.New(), uuid.New()
	now := func() time.Time { return time.Date(2026, time.May, 10, 3, 0, 0, 0, time.UTC) }
	cases := []struct {
		name  string
		roles []access.Assignment
		want  []uuid.UUID
	}{
		{"cell secretary", []access.Assignment{{Role: access.CellSecretary, UnitID: cell, UnitPath: "b/c/x/"}}, []uuid.UUID{cell}},
		{"committee officer", []access.Assignment{{Role: access.CommitteeOfficer, UnitID: committee, UnitPath: "b/c/"}}, []uuid.UUID{committee}},
		{"admin", []access.Assignment{{Role: access.Admin}}, nil},
		{"member", []access.Assignment{{Role: access.Member, UnitID: cell, UnitPath: "b/c/x/"}}, nil},
		{"inspector", []access.Assignment{{Role: access.Inspector, UnitID: committee, UnitPath: "b/c/"}}, nil},
	}
	for _, c := range cases {
		st := &fakeTaskStore{}
		if _, err := NewTasks(st, now).Pending(context.Background(), &access.Principal{ID: uuid.New(), Roles: c.roles}, 5); err != nil {
			t.Fatal(err)
		}
		if c.want == nil {
			if len(st.duties) != 0 {
				t.Errorf("%s: asked %+v", c.name, st.duties)
			}
			continue
		}
		if len(st.duties) != 1 {
			t.Fatalf("%s: asked %d times", c.name, len(st.duties))
		}
		q := st.duties[0]
		if !slices.Equal(q.Units, c.want) || q.Year != 2026 || !q.DueOn.Equal(day(2026, 2, 28)) || q.Limit != 5 ||
			slotsString(q.Slots) != slotsString(DueEvaluations(now())) || len(q.Kinds) == 0 || len(q.Registered) == 0 {
			t.Errorf("%s: asked %+v", c.name, q)
		}
	}
}
