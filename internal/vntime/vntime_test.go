package vntime

import (
	"testing"
	"time"
)

func TestDateAndDeadlines(t *testing.T) {
	t.Parallel()
	// 2026-05-18 17:30 UTC is already 2026-05-19 00:30 in Hà Nội.
	late := time.Date(2026, 5, 18, 17, 30, 0, 0, time.UTC)
	if got := Date(late); got != time.Date(2026, 5, 19, 0, 0, 0, 0, time.UTC) {
		t.Fatalf("Date = %v", got)
	}
	due := time.Date(2026, 5, 18, 0, 0, 0, 0, time.UTC)
	if !Passed(due, late) {
		t.Fatal("a deadline on 18/5 has passed at 00:30 on 19/5 in Vietnam")
	}
	if got := StartOfDay(due); !got.Equal(time.Date(2026, 5, 17, 17, 0, 0, 0, time.UTC)) {
		t.Fatalf("StartOfDay = %v, want 17:00 UTC the day before", got)
	}
	if Passed(due, time.Date(2026, 5, 18, 16, 59, 0, 0, time.UTC)) {
		t.Fatal("a deadline on 18/5 still holds at 23:59 on 18/5 in Vietnam")
	}
}
