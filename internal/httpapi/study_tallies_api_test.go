package httpapi_test

import (
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"lamtheobac/internal/app"
	"lamtheobac/internal/importer"
)

// TestStudyTalliesKeepUpWithEverySession drives study sessions through every write that moves
// the counts kept per unit and quarter (migrations/0028_study_tallies.sql): scheduled (once on
// the night that is already the next quarter in Hà Nội), rescheduled to another quarter, held
// on a day of yet another quarter, held again on a corrected day, attendance recorded and
// replaced, reflections written and rewritten, cancelled, deleted planned and deleted cancelled,
// a committee's own session, two cells' sessions held at once; and cells created, deleted,
// archived, restored, renamed and imported (the summaries' units). After each phase every kept
// count equals a recount of the base tables, and the summaries of the bloc, a committee and a
// cell, by quarter and for the year, answer byte for byte what they answer once every tally is
// recomputed from scratch.
func TestStudyTalliesKeepUpWithEverySession(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, app.Options{Imports: importer.Options{Poll: 20 * time.Millisecond}})
	// Last year's quarters, all in the past whatever today is.
	py := e.app.Now().Year() - 1
	ict := time.FixedZone("ICT", 7*3600)
	on := func(m time.Month, d int) time.Time { return time.Date(py, m, d, 9, 0, 0, 0, ict) }
	day := func(m time.Month, d int) string { return on(m, d).Format(time.DateOnly) }
	sct, vp, ktat := e.stUnit("DU-SCT"), e.stUnit("CB-VP"), e.stUnit("CB-KTAT")
	topic := call[stTopic](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + sct + "/study-topics", User: "committee.officer",
		Body: map[string]any{"title": "Chuyên đề hai năm", "year_from": py, "year_to": py + 1, "summary": "Tóm tắt"}}).ID

	var reads []string
	for _, u := range []string{e.stUnit("KHOI-CQDN"), sct, vp} {
		for _, p := range []string{"year", "H1", "Q1", "Q2", "Q3", "Q4"} {
			reads = append(reads, "/api/v1/units/"+u+"/study-summary?year="+strconv.Itoa(py)+"&period="+p)
		}
	}
	phase := func(when string) {
		t.Helper()
		e.checkTallies(when)
		e.sameAfterRecount(when, reads)
	}
	schedule := func(unit, user string, at time.Time) stSession {
		return call[stSession](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + unit + "/study-sessions", User: user,
			Body: stSessionBody(topic, at)})
	}
	act := func(x stSession, action string, body map[string]any) stSession {
		return call[stSession](e, http.StatusOK, req{Method: "POST", Path: "/api/v1/study-sessions/" + x.ID + "/" + action, User: "admin",
			Header: ifMatch(x.Version), Body: body})
	}
	record := func(x stSession, heldOn string) stSession {
		return act(x, "record", map[string]any{"key_points": "Liên hệ bản thân.", "held_on": heldOn})
	}

	// Scheduled at 01:00 on 1 April in Hà Nội (still 31 March in UTC): Q2.
	a := schedule(vp, "cell.secretary", time.Date(py, 3, 31, 18, 0, 0, 0, time.UTC))
	b := schedule(ktat, "admin", on(time.November, 5))
	c := schedule(ktat, "admin", on(time.December, 1))
	phase("scheduled")
	a = call[stSession](e, http.StatusOK, req{Method: "PUT", Path: "/api/v1/study-sessions/" + a.ID, User: "cell.secretary",
		Header: ifMatch(a.Version), Body: stSessionBody(topic, on(time.August, 15))})
	phase("rescheduled to Q3")
	a = record(a, day(time.June, 30)) // scheduled in Q3, held in Q2
	phase("held in another quarter")

	vpMembers := e.stMembers("CB-VP")
	var ids []string
	for _, id := range vpMembers {
		ids = append(ids, id)
	}
	if len(ids) < 2 {
		t.Fatalf("CB-VP has %d members", len(ids))
	}
	attendance := func(x stSession, statuses ...string) {
		items := []any{}
		for i, s := range statuses {
			items = append(items, map[string]any{"member_id": ids[i], "status": s})
		}
		e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/study-sessions/" + x.ID + "/attendance", User: "cell.secretary",
			Body: map[string]any{"items": items}})
	}
	reflect := func(x stSession, member, body string) {
		e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/study-sessions/" + x.ID + "/reflections/" + member, User: "cell.secretary",
			Body: map[string]any{"body": body}})
	}
	attendance(a, "present", "absent")
	phase("attendance")
	attendance(a, "excused", "present")
	reflect(a, ids[0], "Bài thu hoạch")
	reflect(a, ids[1], "Bài thu hoạch")
	reflect(a, ids[0], "Bài thu hoạch, sửa lại")
	phase("attendance replaced, reflections")
	a = call[stSession](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/study-sessions/" + a.ID, User: "admin"})
	a = record(a, day(time.October, 2)) // the date held corrected: Q2 → Q4, with its attendance and reflections
	phase("held again on a corrected day")

	b = act(b, "cancel", map[string]any{"reason": "Trùng lịch họp"})
	phase("cancelled")
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/study-sessions/" + b.ID, User: "admin", Header: ifMatch(b.Version)})
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/study-sessions/" + c.ID, User: "admin", Header: ifMatch(c.Version)})
	phase("deleted")

	own := schedule(sct, "committee.officer", on(time.February, 3))
	record(own, day(time.February, 3))
	phase("the committee's own session")

	// Two cells' sessions held at once in the same quarter: neither count is lost, no deadlock.
	x, y := schedule(vp, "cell.secretary", on(time.October, 20)), schedule(ktat, "admin", on(time.October, 21))
	var wg sync.WaitGroup
	for _, s := range []stSession{x, y} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := e.do(req{Method: "POST", Path: "/api/v1/study-sessions/" + s.ID + "/record", User: "admin", Header: ifMatch(s.Version),
				Body: map[string]any{"key_points": "Liên hệ bản thân.", "held_on": s.StartsAt.In(ict).Format(time.DateOnly)}})
			if r.Status != http.StatusOK {
				t.Errorf("held at once: %d %s", r.Status, r.Body)
			}
		}()
	}
	wg.Wait()
	phase("two held at once")

	// Cells created (one by mistake, deleted), archived and restored: the summaries' units.
	for _, code := range []string{"CB-MOI", "CB-NHAM"} {
		if r := e.createKind("committee.officer", "DU-SCT", "cell", code); r.Status != http.StatusCreated {
			t.Fatalf("create %s: %d %s", code, r.Status, r.Body)
		}
	}
	phase("cells created")
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/units/" + e.stUnit("CB-NHAM"), User: "committee.officer"})
	archive := func(code string, archived bool) {
		e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/units/" + e.stUnit(code), User: "committee.officer",
			Body: map[string]any{"archived": archived}})
	}
	archive("CB-KTAT", true)
	archive("CB-MOI", true)
	phase("a cell deleted, cells archived")
	archive("CB-MOI", false)
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/units/" + e.stUnit("CB-MOI"), User: "committee.officer",
		Body: map[string]any{"name": "Chi bộ Mới"}})
	phase("a cell restored, renamed")
	startImports(t, e)
	if j := e.run(upload{user: "bloc.officer", unit: "KHOI-CQDN", kind: "units", name: "don-vi.csv", data: csvOf(",",
		[]string{"Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Cấp"},
		[]string{"DU-NHAP", "Đảng ủy nhập", "KHOI-CQDN", "committee"}, []string{"CB-NHAP1", "Chi bộ nhập 1", "DU-NHAP", "cell"},
		[]string{"CB-NHAP2", "Chi bộ nhập 2", "DU-NHAP", "cell"}, []string{"CB-NHAP3", "Chi bộ nhập 3", "KHOI-CQDN", "base_cell"},
	)}); j.State != "succeeded" || j.CreatedCount != 4 {
		t.Fatalf("import: %+v", j)
	}
	phase("cells imported")

	// The figures themselves, for the record: CB-VP held two sessions in Q4 (one unit-quarter).
	var q4 struct {
		Total struct {
			SessionsHeld int `json:"sessions_held"`
			QuartersMet  int `json:"quarters_met"`
			Reflections  int `json:"reflections"`
			Present      int `json:"present"`
		} `json:"total"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + vp + "/study-summary?year=" + strconv.Itoa(py) + "&period=Q4",
		User: "admin"}).Decode(t, &q4)
	if q4.Total.SessionsHeld != 2 || q4.Total.QuartersMet != 1 || q4.Total.Reflections != 2 || q4.Total.Present != 1 {
		t.Errorf("CB-VP's Q4 of %d: %+v", py, q4.Total)
	}
}
