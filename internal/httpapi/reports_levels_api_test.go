package httpapi_test

import (
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rptLevelFigures are the figures #17 asks the reports to carry from the members' and the
// study domains.
type rptLevelFigures struct {
	ModelsTotal    int            `json:"models_total"`
	MembersByClass map[string]int `json:"members_by_class"`
	Held           int            `json:"study_sessions_held"`
	Present        int            `json:"study_present"`
	Attendances    int            `json:"study_attendances"`
	Reflections    int            `json:"study_reflections"`
	Cells          int            `json:"study_cells"`
	QuartersDue    int            `json:"study_quarters_due"`
	QuartersMet    int            `json:"study_quarters_met"`
	Rate           *float64       `json:"study_attendance_rate"`
}

func (f *rptLevelFigures) add(o rptLevelFigures) {
	if f.MembersByClass == nil {
		f.MembersByClass = map[string]int{}
	}
	for k, v := range o.MembersByClass {
		f.MembersByClass[k] += v
	}
	f.Held += o.Held
	f.Present += o.Present
	f.Attendances += o.Attendances
	f.Reflections += o.Reflections
	f.Cells += o.Cells
	f.QuartersDue += o.QuartersDue
	f.QuartersMet += o.QuartersMet
}

// same compares the summed fields (not the models, nor the rate derived from them).
func (f rptLevelFigures) same(o rptLevelFigures) bool {
	a, b := rptLevelFigures{}, rptLevelFigures{}
	a.add(f)
	b.add(o)
	maps.DeleteFunc(a.MembersByClass, func(_ string, v int) bool { return v == 0 })
	maps.DeleteFunc(b.MembersByClass, func(_ string, v int) bool { return v == 0 })
	a.ModelsTotal, b.ModelsTotal, a.Rate, b.Rate = 0, 0, nil, nil
	return maps.Equal(a.MembersByClass, b.MembersByClass) && fmt.Sprint(a) == fmt.Sprint(b)
}

// TestReportFiguresOfMembersAndStudyConsolidate: a two-year round at the bloc counts, for every
// unit, the members classified per class (#18) and the study sessions against the plan, their
// attendance and reflections (#20); each report's frozen figures are its subtree's, and each
// level's consolidation sums its children's. The expected numbers are counted here unit by unit
// with SQL probes and summed over the tree by the test, not by the service.
func TestReportFiguresOfMembersAndStudyConsolidate(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	now := rptHanoi(year, time.June, 20, 10, 0, 0)

	// A session at CB-BTTP besides the demo's at CB-VP: one present, one absent, one reflection.
	var topic string
	for _, tp := range call[stList[stTopic]](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.stUnit("CB-BTTP") + "/study-topics?year=" + fmt.Sprint(year), User: "cell.secretary2"}).Items {
		if tp.Unit.Code == "KHOI-CQDN" {
			topic = tp.ID
		}
	}
	x := call[stSession](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.stUnit("CB-BTTP") + "/study-sessions", User: "cell.secretary2",
		Body: stSessionBody(topic, now.AddDate(0, 0, -3))})
	sp := "/api/v1/study-sessions/" + x.ID
	x = call[stSession](e, http.StatusOK, req{Method: "POST", Path: sp + "/record", User: "cell.secretary2", Body: map[string]any{"key_points": "Liên hệ bản thân."}})
	bt := e.stMembers("CB-BTTP")
	e.must(http.StatusOK, req{Method: "PUT", Path: sp + "/attendance", User: "cell.secretary2", Header: ifMatch(x.Version), Body: map[string]any{"items": []any{
		map[string]any{"member_id": bt["Vũ Thị Mai"], "status": "present"}, map[string]any{"member_id": bt["Đặng Minh Khoa"], "status": "absent"}}}})
	e.must(http.StatusOK, req{Method: "PUT", Path: sp + "/reflections/" + bt["Vũ Thị Mai"], User: "cell.secretary2", Body: map[string]any{"body": "Bài thu hoạch"}})

	from, to := fmt.Sprintf("%d-01-01", year-1), fmt.Sprintf("%d-12-31", year)
	round := e.rptOpen("bloc.officer", "KHOI-CQDN", map[string]any{"title": "Tổng kết hai năm", "year": year, "period": "custom",
		"from": from, "to": to, "due_on": to, "levels": []string{"cell", "committee"}})
	reports := e.rptReports(round.ID)

	// Each unit's own counts, probed.
	db, err := e.store.SQL()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT code, path, kind IN ('cell', 'base_cell') FROM units WHERE path LIKE (SELECT path FROM units WHERE code = 'KHOI-CQDN') || '%' AND NOT archived`)
	if err != nil {
		t.Fatal(err)
	}
	paths, own := map[string]string{}, map[string]rptLevelFigures{}
	cells := map[string]bool{}
	for rows.Next() {
		var code, path string
		var cell bool
		if err := rows.Scan(&code, &path, &cell); err != nil {
			t.Fatal(err)
		}
		paths[code], cells[code] = path, cell
	}
	_ = rows.Close()
	const quartersBegun = 6 // by 20 June: the four of last year, two of this one
	held := "s.unit_path = $1 AND s.status = 'held' AND s.held_on BETWEEN $2 AND $3"
	for code, path := range paths {
		f := rptLevelFigures{MembersByClass: map[string]int{}}
		for _, c := range []string{"excellent", "good", "completed", "not_completed"} {
			f.MembersByClass[c] = e.count("commitments", "unit_path = $1 AND status = 'classified' AND class = $2 AND year IN ($3, $4)", path, c, year-1, year)
		}
		f.Held = e.count("study_sessions s", held, path, from, to)
		f.Present = e.count("study_attendance a JOIN study_sessions s ON s.id = a.session_id", held+" AND a.status = 'present'", path, from, to)
		f.Attendances = e.count("study_attendance a JOIN study_sessions s ON s.id = a.session_id", held, path, from, to)
		f.Reflections = e.count("study_reflections r JOIN study_sessions s ON s.id = r.session_id", held, path, from, to)
		if cells[code] {
			f.Cells, f.QuartersDue = 1, quartersBegun
			f.QuartersMet = e.count("(SELECT DISTINCT extract(year FROM s.held_on), extract(quarter FROM s.held_on) FROM study_sessions s WHERE "+held+") q", "", path, from, to)
		}
		own[code] = f
	}
	subtree := func(code string, withOwn bool) rptLevelFigures {
		sum := rptLevelFigures{MembersByClass: map[string]int{}}
		for c, p := range paths {
			if strings.HasPrefix(p, paths[code]) && (withOwn || c != code) {
				sum.add(own[c])
			}
		}
		return sum
	}
	if s := subtree("KHOI-CQDN", true); s.MembersByClass["excellent"] == 0 || s.MembersByClass["good"] == 0 || s.Held < 2 || s.Present == 0 || s.Cells < 7 {
		t.Fatalf("the demo and this test give too little to sum: %+v", s)
	}

	// Every report submitted (a committee names its children not yet accepted); each freezes its
	// subtree's figures.
	order := []string{}
	for code := range reports {
		if cells[code] {
			order = append(order, code)
		}
	}
	order = append(order, "DUBP-SCT-KD", "DU-SCT", "DU-STP")
	frozen := map[string]rptLevelFigures{}
	for _, code := range order {
		r := reports[code]
		if !cells[code] {
			r = call[rptReport](e, http.StatusOK, req{Method: "PATCH", Path: rptPath(r.ID), User: "admin", Header: ifMatch(r.Version),
				Body: map[string]any{"missing_note": "Các chi bộ đã nộp, chưa duyệt."}})
		}
		r = e.rptStep("admin", r, "submit", "submitted", nil)
		var got struct {
			Frozen  bool            `json:"frozen"`
			Figures rptLevelFigures `json:"figures"`
		}
		e.must(http.StatusOK, req{Method: "GET", Path: rptPath(r.ID), User: "admin"}).Decode(t, &got)
		if want := subtree(code, true); !got.Frozen || !got.Figures.same(want) {
			t.Errorf("%s's frozen figures %+v, want its subtree's %+v", code, got.Figures, want)
		}
		frozen[code] = got.Figures
	}

	// Level by level: each consolidation is the sum of its children's, which is the subtree
	// without the unit's own work; the unit's own report is that plus its own.
	for _, code := range []string{"DUBP-SCT-KD", "DU-SCT", "DU-STP"} {
		var c struct {
			Totals   *rptLevelFigures `json:"totals"`
			Children []struct {
				Unit     rptUnitRef `json:"unit"`
				Included bool       `json:"included"`
			} `json:"children"`
		}
		e.must(http.StatusOK, req{Method: "GET", Path: rptPath(reports[code].ID, "consolidated"), User: "bloc.officer"}).Decode(t, &c)
		sum := rptLevelFigures{}
		for _, ch := range c.Children {
			if !ch.Included {
				t.Errorf("%s: child %s not included", code, ch.Unit.Code)
			}
			sum.add(frozen[ch.Unit.Code])
		}
		if c.Totals == nil || !c.Totals.same(subtree(code, false)) || !c.Totals.same(sum) {
			t.Errorf("%s's consolidation %+v, want its children's %+v", code, c.Totals, subtree(code, false))
			continue
		}
		withOwn := *c.Totals
		withOwn.add(own[code])
		if !withOwn.same(frozen[code]) {
			t.Errorf("%s: consolidation plus own %+v, report %+v", code, withOwn, frozen[code])
		}
		// The attendance rate is computed from the sums, null without attendance.
		if c.Totals.Attendances == 0 && c.Totals.Rate != nil || c.Totals.Attendances > 0 &&
			(c.Totals.Rate == nil || !rptNear(*c.Totals.Rate, float64(c.Totals.Present)/float64(c.Totals.Attendances))) {
			t.Errorf("%s's attendance rate %v of %d/%d", code, c.Totals.Rate, c.Totals.Present, c.Totals.Attendances)
		}
	}
	if f := frozen["DU-STP"]; f.Held != own["CB-BTTP"].Held || f.Present != 1 || f.Attendances != 2 || f.Reflections != 1 ||
		f.MembersByClass["good"] != own["CB-BTTP"].MembersByClass["good"] || f.Cells != 2 || f.QuartersDue != 12 || f.QuartersMet != 1 {
		t.Errorf("DU-STP's figures %+v", f)
	}
}
