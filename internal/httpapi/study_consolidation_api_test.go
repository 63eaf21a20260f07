package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"
)

// TestStudySummaryConsolidatesUpTheTree (#20): sessions held, planned and cancelled, with
// attendance and reflections, in cells at every depth of the demo tree (a cell of a committee,
// a cell under a partial committee, a cell of another committee, a base cell under the bloc);
// then, from the bloc down to every cell, each unit's row of a child equals the child's own
// total, each total is the sum of its rows, and the bloc's total counts every session once.
func TestStudySummaryConsolidatesUpTheTree(t *testing.T) {
	t.Parallel()
	e, year := stEnv(t)
	now, _ := stClock()
	topic := ""
	for _, tp := range call[stList[stTopic]](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit("CB-VP") + "/study-topics?year=" + fmt.Sprint(year), User: "admin"}).Items {
		if tp.Unit.Code == "KHOI-CQDN" {
			topic = tp.ID
		}
	}
	if topic == "" {
		t.Fatal("no topic of the bloc")
	}
	// session schedules one at code daysAgo days before the clock and moves it to status, with
	// attendance (member name → status) and reflections by the members named.
	session := func(code string, daysAgo int, status string, attendance map[string]string, reflections ...string) {
		t.Helper()
		x := call[stSession](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.stUnit(code) + "/study-sessions", User: "admin",
			Body: stSessionBody(topic, now.AddDate(0, 0, -daysAgo))})
		path := "/api/v1/study-sessions/" + x.ID
		switch status {
		case "cancelled":
			e.must(http.StatusOK, req{Method: "POST", Path: path + "/cancel", User: "admin", Body: map[string]any{"reason": "Trùng lịch."}})
			return
		case "planned":
			return
		}
		e.must(http.StatusOK, req{Method: "POST", Path: path + "/record", User: "admin", Body: map[string]any{"key_points": "Liên hệ bản thân."}})
		members := e.stMembers(code)
		items := []any{}
		for name, st := range attendance {
			items = append(items, map[string]any{"member_id": members[name], "status": st})
		}
		e.must(http.StatusOK, req{Method: "PUT", Path: path + "/attendance", User: "admin", Body: map[string]any{"items": items}})
		for _, name := range reflections {
			e.must(http.StatusOK, req{Method: "PUT", Path: path + "/reflections/" + members[name], User: "admin", Body: map[string]any{"body": "Bài thu hoạch."}})
		}
	}
	before := e.stSummary("admin", "KHOI-CQDN", fmt.Sprintf("?year=%d", year)).Total
	session("CB-QLTM", 3, "held", map[string]string{"Ngô Thanh Sơn": "present", "Lý Thị Thu": "excused"}, "Ngô Thanh Sơn")
	session("CB-QLTM", 40, "held", map[string]string{"Ngô Thanh Sơn": "present", "Lý Thị Thu": "absent"})
	session("CB-KD1", 10, "held", nil)
	session("CB-KD1", 12, "cancelled", nil)
	session("CB-BTTP", 20, "held", map[string]string{"Vũ Thị Mai": "present", "Đặng Minh Khoa": "present"}, "Vũ Thị Mai", "Đặng Minh Khoa")
	session("CB-HCTP", -10, "planned", nil)
	session("CB-CS-BAO", 60, "held", nil)

	for _, period := range []string{"Q1", "Q2", "H1", "year"} {
		query := fmt.Sprintf("?year=%d&period=%s", year, period)
		var walk func(code string) stFigures
		walk = func(code string) stFigures {
			s := e.stSummary("admin", code, query)
			var sum stFigures
			for _, r := range s.Rows {
				if r.Unit.Code != code {
					if child := walk(r.Unit.Code); !sameFigures(child, r) {
						t.Errorf("%s at %s: the row of %s %+v, its own total %+v", period, code, r.Unit.Code, r, child)
					}
				}
				add(&sum, r)
			}
			if !sameFigures(sum, s.Total) {
				t.Errorf("%s at %s: total %+v, its rows sum to %+v", period, code, s.Total, sum)
			}
			return s.Total
		}
		bloc := walk("KHOI-CQDN")
		if period != "year" {
			continue
		}
		// Every session of the year once: the demo's, and ours (five held, one planned, one
		// cancelled; 4 present, 1 excused, 1 absent; 3 reflections).
		want := before
		want.SessionsHeld, want.SessionsPlanned, want.SessionsCancelled = before.SessionsHeld+5, before.SessionsPlanned+1, before.SessionsCancelled+1
		want.Present, want.Excused, want.Absent, want.Reflections = before.Present+4, before.Excused+1, before.Absent+1, before.Reflections+3
		want.QuartersMet = bloc.QuartersMet
		if !sameFigures(bloc, want) || bloc.QuartersMet <= before.QuartersMet {
			t.Errorf("the year at the bloc %+v, before our sessions %+v", bloc, before)
		}
	}
}

// sameFigures compares the counts of two rows (not their units).
func sameFigures(a, b stFigures) bool {
	a.Unit, b.Unit, a.AttendanceRate, b.AttendanceRate = nomUnitRef{}, nomUnitRef{}, 0, 0
	return a == b
}

// add sums the counts of r into f.
func add(f *stFigures, r stFigures) {
	f.Units += r.Units
	f.QuartersDue += r.QuartersDue
	f.QuartersMet += r.QuartersMet
	f.SessionsHeld += r.SessionsHeld
	f.SessionsPlanned += r.SessionsPlanned
	f.SessionsCancelled += r.SessionsCancelled
	f.Present += r.Present
	f.Excused += r.Excused
	f.Absent += r.Absent
	f.Reflections += r.Reflections
}
