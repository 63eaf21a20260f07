package httpapi_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"lamtheobac/internal/app"
	"lamtheobac/internal/importer"
)

// The tallies (migrations/0023_tallies.sql, internal/store/tallies.go) are counts the store
// keeps as it writes members, commitments, attendance and reflections. These tests run a
// year's worth of changes through the router and the import path, then recount every tally
// from the base tables: any write that forgot to move a count, or moved it wrong, shows here.

// tallyDrift lists the cells, cell-years and sessions whose kept counts differ from a recount
// of the base tables, cell by cell and, for the rollups, unit by unit over each subtree (a kept
// row of zeros with nothing to count is no drift).
const tallyDrift = `
SELECT 'members ' || coalesce(k.unit_id, r.unit_id)::text || ': kept ' || coalesce(k.members, 0) || ', counted ' || coalesce(r.n, 0)
FROM member_tallies k
FULL JOIN (SELECT unit_id, count(*) AS n FROM members GROUP BY unit_id) r ON r.unit_id = k.unit_id
WHERE coalesce(k.members, 0) <> coalesce(r.n, 0)
UNION ALL
SELECT 'commitments ' || coalesce(k.unit_id, r.unit_id)::text || '/' || coalesce(k.year, r.year) || ': kept ' ||
	row(k.draft, k.submitted, k.returned, k.accepted, k.self_assessed, k.reviewed, k.classified,
		k.class_excellent, k.class_good, k.class_completed, k.class_not_completed)::text || ', counted ' || row(r.*)::text
FROM commitment_tallies k
FULL JOIN (SELECT unit_id, year,
		count(*) FILTER (WHERE status = 'draft') AS draft, count(*) FILTER (WHERE status = 'submitted') AS submitted,
		count(*) FILTER (WHERE status = 'returned') AS returned, count(*) FILTER (WHERE status = 'accepted') AS accepted,
		count(*) FILTER (WHERE status = 'self_assessed') AS self_assessed, count(*) FILTER (WHERE status = 'reviewed') AS reviewed,
		count(*) FILTER (WHERE status = 'classified') AS classified,
		count(*) FILTER (WHERE status = 'classified' AND class = 'excellent') AS excellent,
		count(*) FILTER (WHERE status = 'classified' AND class = 'good') AS good,
		count(*) FILTER (WHERE status = 'classified' AND class = 'completed') AS completed,
		count(*) FILTER (WHERE status = 'classified' AND class = 'not_completed') AS not_completed
	FROM commitments GROUP BY unit_id, year) r ON r.unit_id = k.unit_id AND r.year = k.year
WHERE (coalesce(k.draft, 0), coalesce(k.submitted, 0), coalesce(k.returned, 0), coalesce(k.accepted, 0),
		coalesce(k.self_assessed, 0), coalesce(k.reviewed, 0), coalesce(k.classified, 0), coalesce(k.class_excellent, 0),
		coalesce(k.class_good, 0), coalesce(k.class_completed, 0), coalesce(k.class_not_completed, 0))
	<> (coalesce(r.draft, 0), coalesce(r.submitted, 0), coalesce(r.returned, 0), coalesce(r.accepted, 0),
		coalesce(r.self_assessed, 0), coalesce(r.reviewed, 0), coalesce(r.classified, 0), coalesce(r.excellent, 0),
		coalesce(r.good, 0), coalesce(r.completed, 0), coalesce(r.not_completed, 0))
UNION ALL
SELECT 'member rollup ' || coalesce(k.unit_id, r.unit_id)::text || ': kept ' || coalesce(k.members, 0) || ', counted ' || coalesce(r.n, 0)
FROM member_rollups k
FULL JOIN (SELECT a.id::uuid AS unit_id, count(*) AS n FROM members m, unnest(string_to_array(rtrim(m.unit_path, '/'), '/')) a (id)
	GROUP BY 1) r ON r.unit_id = k.unit_id
WHERE coalesce(k.members, 0) <> coalesce(r.n, 0)
UNION ALL
SELECT 'commitment rollup ' || coalesce(k.unit_id, r.unit_id)::text || '/' || coalesce(k.year, r.year) || ': kept ' ||
	row(k.draft, k.submitted, k.returned, k.accepted, k.self_assessed, k.reviewed, k.classified,
		k.class_excellent, k.class_good, k.class_completed, k.class_not_completed)::text || ', counted ' || row(r.*)::text
FROM commitment_rollups k
FULL JOIN (SELECT a.id::uuid AS unit_id, year,
		count(*) FILTER (WHERE status = 'draft') AS draft, count(*) FILTER (WHERE status = 'submitted') AS submitted,
		count(*) FILTER (WHERE status = 'returned') AS returned, count(*) FILTER (WHERE status = 'accepted') AS accepted,
		count(*) FILTER (WHERE status = 'self_assessed') AS self_assessed, count(*) FILTER (WHERE status = 'reviewed') AS reviewed,
		count(*) FILTER (WHERE status = 'classified') AS classified,
		count(*) FILTER (WHERE status = 'classified' AND class = 'excellent') AS excellent,
		count(*) FILTER (WHERE status = 'classified' AND class = 'good') AS good,
		count(*) FILTER (WHERE status = 'classified' AND class = 'completed') AS completed,
		count(*) FILTER (WHERE status = 'classified' AND class = 'not_completed') AS not_completed
	FROM commitments c, unnest(string_to_array(rtrim(c.unit_path, '/'), '/')) a (id) GROUP BY 1, 2) r
	ON r.unit_id = k.unit_id AND r.year = k.year
WHERE (coalesce(k.draft, 0), coalesce(k.submitted, 0), coalesce(k.returned, 0), coalesce(k.accepted, 0),
		coalesce(k.self_assessed, 0), coalesce(k.reviewed, 0), coalesce(k.classified, 0), coalesce(k.class_excellent, 0),
		coalesce(k.class_good, 0), coalesce(k.class_completed, 0), coalesce(k.class_not_completed, 0))
	<> (coalesce(r.draft, 0), coalesce(r.submitted, 0), coalesce(r.returned, 0), coalesce(r.accepted, 0),
		coalesce(r.self_assessed, 0), coalesce(r.reviewed, 0), coalesce(r.classified, 0), coalesce(r.excellent, 0),
		coalesce(r.good, 0), coalesce(r.completed, 0), coalesce(r.not_completed, 0))
UNION ALL
SELECT 'session ' || s.id::text || ': kept ' || row(s.present, s.excused, s.absent, s.reflections)::text || ', counted ' ||
	row(a.present, a.excused, a.absent, r.n)::text
FROM study_sessions s,
	LATERAL (SELECT count(*) FILTER (WHERE status = 'present') AS present, count(*) FILTER (WHERE status = 'excused') AS excused,
		count(*) FILTER (WHERE status = 'absent') AS absent FROM study_attendance WHERE session_id = s.id) a,
	LATERAL (SELECT count(*) AS n FROM study_reflections WHERE session_id = s.id) r
WHERE (s.present, s.excused, s.absent, s.reflections) <> (a.present, a.excused, a.absent, r.n)`

// studyTallyDrift lists the units and quarters whose kept study counts (migrations/0028) differ
// from a recount of the sessions, their attendance rows and their reflections, counted here on
// their own: a session counts in the quarter of the day it was held or, not held, of the day
// it is scheduled for in Hà Nội (the time zone's rules, not the store's fixed offset); a
// rollup sums its subtree's, units_held being its units with a session held in the quarter;
// and the units whose kept cells differ from the cells not archived in their subtree.
var studyTallyDrift = `
WITH counted AS (
	SELECT s.unit_id, s.unit_path, extract(year FROM d.day)::int AS year, extract(quarter FROM d.day)::int AS quarter,
		count(*) FILTER (WHERE s.status = 'held') AS held, count(*) FILTER (WHERE s.status = 'planned') AS planned,
		count(*) FILTER (WHERE s.status = 'cancelled') AS cancelled,
		sum(a.present) FILTER (WHERE s.status = 'held') AS present, sum(a.excused) FILTER (WHERE s.status = 'held') AS excused,
		sum(a.absent) FILTER (WHERE s.status = 'held') AS absent, sum(r.n) FILTER (WHERE s.status = 'held') AS reflections
	FROM study_sessions s,
		LATERAL (SELECT CASE WHEN s.status = 'held' THEN s.held_on ELSE (s.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END AS day) d,
		LATERAL (SELECT count(*) FILTER (WHERE status = 'present') AS present, count(*) FILTER (WHERE status = 'excused') AS excused,
			count(*) FILTER (WHERE status = 'absent') AS absent FROM study_attendance WHERE session_id = s.id) a,
		LATERAL (SELECT count(*) AS n FROM study_reflections WHERE session_id = s.id) r
	GROUP BY 1, 2, 3, 4),
rolled AS (
	SELECT p.id::uuid AS unit_id, c.year, c.quarter, sum(held) AS held, sum(planned) AS planned, sum(cancelled) AS cancelled,
		count(*) FILTER (WHERE c.held > 0) AS units_held, sum(present) AS present, sum(excused) AS excused, sum(absent) AS absent,
		sum(reflections) AS reflections
	FROM counted c, unnest(string_to_array(rtrim(c.unit_path, '/'), '/')) p (id) GROUP BY 1, 2, 3)
SELECT 'study ' || coalesce(k.unit_id, r.unit_id)::text || ' ' || coalesce(k.year, r.year) || 'Q' || coalesce(k.quarter, r.quarter) ||
	': kept ' || ` + studyCounts("k", false) + `::text || ', counted ' || ` + studyCounts("r", false) + `::text
FROM study_tallies k FULL JOIN counted r ON (r.unit_id, r.year, r.quarter) = (k.unit_id, k.year, k.quarter)
WHERE ` + studyCounts("k", false) + ` <> ` + studyCounts("r", false) + `
UNION ALL
SELECT 'study rollup ' || coalesce(k.unit_id, r.unit_id)::text || ' ' || coalesce(k.year, r.year) || 'Q' || coalesce(k.quarter, r.quarter) ||
	': kept ' || ` + studyCounts("k", true) + `::text || ', counted ' || ` + studyCounts("r", true) + `::text
FROM study_rollups k FULL JOIN rolled r ON (r.unit_id, r.year, r.quarter) = (k.unit_id, k.year, k.quarter)
WHERE ` + studyCounts("k", true) + ` <> ` + studyCounts("r", true) + `
UNION ALL
SELECT 'cells ' || coalesce(k.unit_id, r.unit_id)::text || ': kept ' || coalesce(k.cells, 0) || ', counted ' || coalesce(r.n, 0)
FROM cell_rollups k
FULL JOIN (SELECT p.id::uuid AS unit_id, count(*) AS n FROM units u, unnest(string_to_array(rtrim(u.path, '/'), '/')) p (id)
	WHERE u.kind IN ('cell', 'base_cell') AND NOT u.archived GROUP BY 1) r ON r.unit_id = k.unit_id
WHERE coalesce(k.cells, 0) <> coalesce(r.n, 0)`

// studyCounts is the SQL of the row of study counts of alias (none: zeros), with units_held for
// a rollup.
func studyCounts(alias string, rollup bool) string {
	cols := []string{"held", "planned", "cancelled", "present", "excused", "absent", "reflections"}
	if rollup {
		cols = append(cols, "units_held")
	}
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = "coalesce(" + alias + "." + c + ", 0)"
	}
	return "row(" + strings.Join(out, ", ") + ")"
}

// checkTallies fails the test with every tally that drifted from the base tables.
func (e *env) checkTallies(when string) {
	e.t.Helper()
	db, err := e.store.SQL()
	if err != nil {
		e.t.Fatal(err)
	}
	for _, q := range []string{tallyDrift, studyTallyDrift} {
		rows, err := db.Query(q)
		if err != nil {
			e.t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				e.t.Fatal(err)
			}
			e.t.Errorf("%s: tally drifted: %s", when, s)
		}
		if err := rows.Err(); err != nil {
			e.t.Fatal(err)
		}
		rows.Close()
	}
}

// sameAfterRecount fails the test with every read whose answer from the kept tallies differs
// from its answer once recount_tallies() has recomputed them all from the base tables.
func (e *env) sameAfterRecount(when string, reads []string) {
	e.t.Helper()
	kept := map[string]string{}
	for _, p := range reads {
		kept[p] = string(e.must(http.StatusOK, req{Method: "GET", Path: p, User: "admin"}).Body)
	}
	db, err := e.store.SQL()
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := db.Exec("SELECT recount_tallies()"); err != nil {
		e.t.Fatal(err)
	}
	for _, p := range reads {
		if got := string(e.must(http.StatusOK, req{Method: "GET", Path: p, User: "admin"}).Body); got != kept[p] {
			e.t.Errorf("%s: GET %s from the kept tallies:\n%s\nrecounted:\n%s", when, p, kept[p], got)
		}
	}
}

// TestTalliesKeepUpWithEveryChange drives members (added, imported, a failed import, deleted),
// commitments through every state (returned, resubmitted, deleted, classified, two accepted at
// once in one cell) and a held session's attendance (recorded, then replaced) and reflections
// (written, rewritten) through the router and the import path; then every kept count equals a
// recount of the base tables, and the coverage, the counts and the study summary answer exactly
// what they answer once every tally is recomputed from scratch.
func TestTalliesKeepUpWithEveryChange(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, app.Options{Imports: importer.Options{Poll: 20 * time.Millisecond}})
	startImports(t, e)
	e.checkTallies("the demo")
	year := e.app.Now().Year()
	vp, ktat := e.units["CB-VP"].String(), e.units["CB-KTAT"].String()

	// Members: imported (one file applied, one refused whole), added, one added by mistake and deleted.
	header := []string{"Mã chi bộ", "Họ và tên", "Ngày sinh", "Chức vụ", "Nơi công tác", "Ngày vào Đảng", "Số thẻ đảng viên"}
	if j := e.run(upload{user: "admin", unit: "DU-SCT", kind: "members", name: "dv.csv", data: csvOf(",", header,
		[]string{"CB-VP", "Trần Văn Một", "", "", "", "", ""}, []string{"CB-VP", "Trần Văn Hai", "", "", "", "", ""},
		[]string{"CB-KTAT", "Trần Văn Ba", "", "", "", "", ""},
	)}); j.State != "succeeded" || j.CreatedCount != 3 {
		t.Fatalf("import: %+v", j)
	}
	if j := e.run(upload{user: "admin", unit: "DU-SCT", kind: "members", name: "x.csv", data: csvOf(",", header,
		[]string{"CB-VP", "Trần Văn Bốn", "", "", "", "", ""}, []string{"CB-VP", "Ngày sai", "31/02/1990", "", "", "", ""},
	)}); j.State != "failed" {
		t.Fatalf("a bad file: %+v", j)
	}
	e.checkTallies("the imports")
	add := func(unit, name string) string {
		return call[mbrMember](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + unit + "/members", User: "admin",
			Body: map[string]any{"full_name": name}}).ID
	}
	five := add(vp, "Trần Văn Năm")
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/members/" + add(ktat, "Nhập nhầm"), User: "admin"})
	e.checkTallies("the members")

	// Commitments, written by the secretary for members without accounts.
	vpMembers := e.stMembers("CB-VP")
	items := []map[string]any{{"kind": "task", "text": "Hoàn thành báo cáo đúng hạn."}}
	draft := func(member string) cmtCommitment {
		return call[cmtCommitment](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/members/" + member + "/commitments", User: "cell.secretary",
			Body: map[string]any{"year": year, "items": items}})
	}
	step := func(c cmtCommitment, action, user string, body any) cmtCommitment {
		return call[cmtCommitment](e, http.StatusOK, req{Method: "POST", Path: "/api/v1/commitments/" + c.ID + "/" + action, User: user,
			Header: ifMatch(c.Version), Body: body})
	}
	one, two := draft(vpMembers["Trần Văn Một"]), draft(vpMembers["Trần Văn Hai"])
	one = step(one, "submit", "cell.secretary", nil)
	one = step(one, "return", "cell.secretary", map[string]any{"reason": "Bổ sung việc làm cụ thể."})
	one = call[cmtCommitment](e, http.StatusOK, req{Method: "PATCH", Path: "/api/v1/commitments/" + one.ID, User: "cell.secretary",
		Header: ifMatch(one.Version), Body: map[string]any{"items": append(items, map[string]any{"kind": "study", "text": "Học chuyên đề."})}})
	one, two = step(one, "submit", "cell.secretary", nil), step(two, "submit", "cell.secretary", nil)
	e.checkTallies("the submissions")
	// Two accepted at once in one cell: neither count is lost.
	var wg sync.WaitGroup
	for _, c := range []*cmtCommitment{&one, &two} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := e.do(req{Method: "POST", Path: "/api/v1/commitments/" + c.ID + "/accept", User: "cell.secretary", Header: ifMatch(c.Version)})
			if r.Status != http.StatusOK {
				t.Errorf("accept at once: %d %s", r.Status, r.Body)
				return
			}
			c.Version++
			c.Status = "accepted"
		}()
	}
	wg.Wait()
	e.checkTallies("two accepted at once")
	one = call[cmtCommitment](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/commitments/" + one.ID, User: "cell.secretary"})
	assess := []map[string]any{}
	for _, it := range one.Items {
		assess = append(assess, map[string]any{"item_id": it.ID, "result": "done"})
	}
	one = step(one, "self-assessment", "cell.secretary", map[string]any{"period": "year_end", "items": assess})
	one = step(one, "self-assessment", "cell.secretary", map[string]any{"period": "year_end", "items": assess}) // corrected: same state
	one = step(one, "review", "cell.secretary", map[string]any{"assessment": "Hoàn thành tốt.", "proposed_class": "good"})
	step(one, "classify", "committee.officer", map[string]any{"class": "good"})
	gone := draft(vpMembers["Trần Văn Năm"])
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/commitments/" + gone.ID, User: "cell.secretary", Header: ifMatch(gone.Version)})
	draft(five)
	e.checkTallies("the commitments")

	// A held session: its attendance recorded, then replaced; reflections written, one rewritten.
	topics := call[stList[stTopic]](e, http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + vp + "/study-topics?year=" + strconv.Itoa(year), User: "cell.secretary"}).Items
	if len(topics) == 0 {
		t.Fatal("no study topic in force at CB-VP")
	}
	x := call[stSession](e, http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + vp + "/study-sessions", User: "cell.secretary",
		Body: stSessionBody(topics[0].ID, e.app.Now().Add(-2*time.Hour))})
	path := "/api/v1/study-sessions/" + x.ID
	x = call[stSession](e, http.StatusOK, req{Method: "POST", Path: path + "/record", User: "cell.secretary", Body: map[string]any{"key_points": "Liên hệ bản thân."}})
	item := func(id, status string) map[string]any { return map[string]any{"member_id": id, "status": status} }
	e.must(http.StatusOK, req{Method: "PUT", Path: path + "/attendance", User: "cell.secretary", Body: map[string]any{"items": []any{
		item(vpMembers["Trần Văn Một"], "present"), item(vpMembers["Trần Văn Hai"], "present"), item(five, "absent")}}})
	e.checkTallies("the attendance")
	e.must(http.StatusOK, req{Method: "PUT", Path: path + "/attendance", User: "cell.secretary", Body: map[string]any{"items": []any{
		item(vpMembers["Trần Văn Một"], "present"), item(vpMembers["Trần Văn Hai"], "excused")}}})
	for i, m := range []string{vpMembers["Trần Văn Một"], vpMembers["Trần Văn Hai"], vpMembers["Trần Văn Một"]} {
		e.must(http.StatusOK, req{Method: "PUT", Path: path + "/reflections/" + m, User: "cell.secretary",
			Body: map[string]any{"body": fmt.Sprintf("Bài thu hoạch %d", i)}})
	}
	e.checkTallies("the study")

	// The answers read from the tallies are those of the tallies recomputed from scratch.
	reads := []string{
		"/api/v1/units/" + e.units["KHOI-CQDN"].String() + "/member-coverage?limit=50&year=" + strconv.Itoa(year),
		"/api/v1/units/" + e.units["DU-SCT"].String() + "/member-coverage?limit=2&year=" + strconv.Itoa(year),
		"/api/v1/units/" + e.units["KHOI-CQDN"].String() + "/member-classes?year=" + strconv.Itoa(year),
		"/api/v1/units/" + vp + "/member-classes?year=" + strconv.Itoa(year),
		"/api/v1/units/" + e.units["KHOI-CQDN"].String() + "/study-summary?year=" + strconv.Itoa(year),
		"/api/v1/units/" + vp + "/study-summary?year=" + strconv.Itoa(year),
	}
	e.sameAfterRecount("every change", reads)
}
