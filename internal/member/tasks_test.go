package member

import (
	"testing"
	"time"
)

// The self-assessment a member's accepted commitment waits for, through its year.
func TestSelfAssessmentDue(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	mid := d(2026, time.June, 20)
	for _, tc := range []struct {
		name    string
		status  Status
		midYear *time.Time
		today   time.Time
		want    Period
		due     time.Time
	}{
		{"accepted in spring: nothing due yet", Accepted, nil, d(2026, time.May, 31), "", time.Time{}},
		{"from 1 June: the first half", Accepted, nil, d(2026, time.June, 1), MidYear, d(2026, time.June, 30)},
		{"late in the year, still not recorded", Accepted, nil, d(2026, time.November, 30), MidYear, d(2026, time.June, 30)},
		{"mid-year recorded: nothing until December", Accepted, &mid, d(2026, time.July, 1), "", time.Time{}},
		{"from 1 December: the year", Accepted, &mid, d(2026, time.December, 1), YearEnd, d(2026, time.December, 31)},
		{"the year end overrides a missing mid-year", Accepted, nil, d(2026, time.December, 10), YearEnd, d(2026, time.December, 31)},
		{"after the year, still the year end", Accepted, &mid, d(2027, time.January, 10), YearEnd, d(2026, time.December, 31)},
		{"the next March, still the year end", Accepted, &mid, d(2027, time.March, 31), YearEnd, d(2026, time.December, 31)},
		{"after the next March: left to the cell", Accepted, &mid, d(2027, time.April, 1), "", time.Time{}},
		{"self-assessed: waits on the cell", SelfAssessed, &mid, d(2026, time.December, 10), "", time.Time{}},
		{"submitted: not accepted yet", Submitted, nil, d(2026, time.June, 10), "", time.Time{}},
	} {
		p, due, ok := SelfAssessmentDue(Commitment{Year: 2026, Status: tc.status, MidYearAt: tc.midYear}, tc.today)
		if p != tc.want || ok != (tc.want != "") || !due.Equal(tc.due) {
			t.Errorf("%s: %q due %v (%v), want %q due %v", tc.name, p, due, ok, tc.want, tc.due)
		}
	}
}
