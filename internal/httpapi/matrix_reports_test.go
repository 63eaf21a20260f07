package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// mxReportRows is the rows of reporting rounds, reports and consolidations.
func mxReportRows(w *mxWorld) []mxRow {
	e, unit, get, registrar, rptOpen, rptOf, rptNarrative, rptReason, onReport, freshReport, onRound, freshRound, createReportRoundAt, reportsAt, rptDemo, rptSCTRound, rptVPDraft, rptMXRound, rptMXCB, rptEdit, rptDemoRound := w.e, w.unit, w.get, w.registrar, w.rptOpen, w.rptOf, w.rptNarrative, w.rptReason, w.onReport, w.freshReport, w.onRound, w.freshRound, w.createReportRoundAt, w.reportsAt, w.rptDemo, w.rptSCTRound, w.rptVPDraft, w.rptMXRound, w.rptMXCB, w.rptEdit, w.rptDemoRound
	rptActions := func(id string, want map[string][]string) func(*testing.T, string, resp) {
		return mxAll(mxField("id", id), mxActions(want))
	}
	// rptRoundsInclude checks that a list of rounds holds round, opened at one of the units named
	// (portal clients see none: reporting is internal work).
	rptRoundsInclude := func(round string, at ...string) func(*testing.T, string, resp) {
		return func(t *testing.T, caller string, got resp) {
			t.Helper()
			if caller == "portal" {
				if items := got.JSON(t)["items"].([]any); len(items) != 0 {
					t.Errorf("a portal client sees %d reporting rounds", len(items))
				}
				return
			}
			found := false
			for _, it := range got.JSON(t)["items"].([]any) {
				rd := it.(map[string]any)
				found = found || rd["id"] == round
				if code := rd["unit"].(map[string]any)["code"]; !slices.Contains(at, code.(string)) {
					t.Errorf("round %v of %v listed, want only rounds of %v", rd["id"], code, at)
				}
			}
			if !found {
				t.Errorf("round %s not listed: %s", round, got.Body)
			}
		}
	}
	// rptReportsOf checks, for the callers named in want, which units' reports a list holds.
	rptReportsOf := func(want map[string][]string) func(*testing.T, string, resp) {
		return func(t *testing.T, caller string, got resp) {
			t.Helper()
			exp, ok := want[caller]
			if !ok {
				return
			}
			codes := []string{}
			for _, it := range got.JSON(t)["items"].([]any) {
				codes = append(codes, it.(map[string]any)["unit"].(map[string]any)["code"].(string))
			}
			sort.Strings(codes)
			if !slices.Equal(codes, mxSorted(exp)) {
				t.Errorf("reports of %v listed, want %v", codes, mxSorted(exp))
			}
		}
	}
	// rptDemoStatus checks the demo round's status: every state, and the rates.
	rptDemoStatus := func(t *testing.T, _ string, got resp) {
		t.Helper()
		st := got.JSON(t)
		counts, _ := st["counts"].(map[string]any)
		// With the deeper shapes: CB-KD1 accepted, DUBP-SCT-KD on time, CB-CS-BAO late.
		want := map[string]any{"accepted": 2.0, "on_time": 2.0, "late": 2.0, "returned": 1.0, "draft": 1.0, "missing": 2.0}
		if fmt.Sprint(counts) != fmt.Sprint(want) || st["expected"] != 10.0 {
			t.Errorf("counts %v of %v expected, want %v of 10", counts, st["expected"], want)
		}
		if items, _ := st["items"].([]any); len(items) != 10 {
			t.Errorf("%d rows, want 10", len(items))
		}
		if st["rate_on_time"] != 4.0/10 || st["rate_submitted"] != 7.0/10 {
			t.Errorf("rates %v on time, %v submitted; want 4/10 and 7/10", st["rate_on_time"], st["rate_submitted"])
		}
	}
	// rptTasks checks, for the callers named in want, that their tasks include "kind id" of each,
	// and lack "kind id" of each entry written "-kind id".
	rptTasks := func(want map[string][]string) func(*testing.T, string, resp) {
		return func(t *testing.T, caller string, got resp) {
			t.Helper()
			has := map[string]bool{}
			for _, it := range got.JSON(t)["items"].([]any) {
				task := it.(map[string]any)
				has[fmt.Sprint(task["kind"], " ", task["resource_id"])] = true
			}
			for _, w := range want[caller] {
				if absent, ok := strings.CutPrefix(w, "-"); ok {
					if has[absent] {
						t.Errorf("task %s offered, want none: %s", absent, got.Body)
					}
				} else if !has[w] {
					t.Errorf("no task %s: %s", w, got.Body)
				}
			}
		}
	}
	rptConsolidated := func(children, included int) func(*testing.T, string, resp) {
		return func(t *testing.T, _ string, got resp) {
			t.Helper()
			cs, _ := got.JSON(t)["children"].([]any)
			n := 0
			for _, c := range cs {
				if c.(map[string]any)["included"] == true {
					n++
				}
			}
			if len(cs) != children || n != included {
				t.Errorf("%d children, %d included; want %d, %d: %s", len(cs), n, children, included, got.Body)
			}
		}
	}
	rptThawed := func(t *testing.T, _ string, got resp) {
		t.Helper()
		if f := got.JSON(t)["frozen"]; f != false {
			t.Errorf("frozen = %v after return, want false", f)
		}
	}
	const rptXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	return []mxRow{
		// Reports: rounds are opened and closed by the officers over the unit (never at a cell),
		// read by every reader of its unit; status for officers and inspectors over it. Reports are
		// read in the unit's read scope, never by portal clients; written and submitted by the
		// unit's own drafters, decided by the officers over its parent.
		{op: "listReportingRounds", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/reporting-rounds"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200}, check: rptRoundsInclude(rptDemoRound, "KHOI-CQDN")},
		{op: "listReportingRounds", target: "CB-VP (its rounds and above)", build: get("/api/v1/units/" + unit("CB-VP") + "/reporting-rounds"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: rptRoundsInclude(rptSCTRound, "KHOI-CQDN", "DU-SCT", "CB-VP")},
		{op: "listReportingRounds", target: "foreign cell", build: get("/api/v1/units/" + unit("MX-CB") + "/reporting-rounds"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: rptRoundsInclude(rptMXRound, "MX-BLOC", "MX-DU", "MX-CB")},
		{op: "listReportingRounds", target: "unknown unit", build: get("/api/v1/units/" + uuid.NewString() + "/reporting-rounds"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRound", target: "demo round at KHOI-CQDN", build: onRound(rptDemoRound, "GET", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404}, check: mxField("id", rptDemoRound)},
		{op: "getReportingRound", target: "round at DU-SCT", build: onRound(rptSCTRound, "GET", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxField("id", rptSCTRound)},
		{op: "getReportingRound", target: "foreign round", build: onRound(rptMXRound, "GET", ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRound", target: "unknown id", build: onRound(uuid.NewString(), "GET", ""),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRoundStatus", target: "demo round at KHOI-CQDN", build: onRound(rptDemoRound, "GET", "/status"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 404}, check: rptDemoStatus},
		{op: "getReportingRoundStatus", target: "demo round, late only", build: onRound(rptDemoRound, "GET", "/status?state=late"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 404}, check: mxCount(mxForAll(2))},
		{op: "getReportingRoundStatus", target: "round at DU-SCT", build: onRound(rptSCTRound, "GET", "/status"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 404}},
		{op: "getReportingRoundStatus", target: "foreign round", build: onRound(rptMXRound, "GET", "/status"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRoundStatus", target: "unknown id", build: onRound(uuid.NewString(), "GET", "/status"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRoundStatusXLSX", target: "demo round at KHOI-CQDN", build: onRound(rptDemoRound, "GET", "/status.xlsx"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 404}, check: mxFormFile("tinh-hinh-bao-cao-"+rptDemoRound[:8]+".xlsx", rptXLSX)},
		{op: "getReportingRoundStatusXLSX", target: "round at DU-SCT", build: onRound(rptSCTRound, "GET", "/status.xlsx"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 404}},
		{op: "getReportingRoundStatusXLSX", target: "foreign round", build: onRound(rptMXRound, "GET", "/status.xlsx"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRoundStatusXLSX", target: "unknown id", build: onRound(uuid.NewString(), "GET", "/status.xlsx"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "listReports", target: "KHOI-CQDN subtree, demo round", build: reportsAt("KHOI-CQDN", "?scope=subtree&round_id="+rptDemoRound),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: rptReportsOf(map[string][]string{"admin": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DU-STP", "CB-BTTP", "CB-HCTP", "DUBP-SCT-KD", "CB-KD1", "CB-CS-BAO"},
				"bloc.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DU-STP", "CB-BTTP", "CB-HCTP", "DUBP-SCT-KD", "CB-KD1", "CB-CS-BAO"},
				"inspector":    {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DU-STP", "CB-BTTP", "CB-HCTP", "DUBP-SCT-KD", "CB-KD1", "CB-CS-BAO"},
				// Readers of the bloc from below see its own reports only (it has none); portal clients none.
				"committee.officer": {}, "cell.secretary": {}, "member": {}, "cell.secretary2": {}, "portal": {}})},
		{op: "listReports", target: "DU-SCT subtree, demo round", build: reportsAt("DU-SCT", "?scope=subtree&round_id="+rptDemoRound),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: rptReportsOf(map[string][]string{"admin": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DUBP-SCT-KD", "CB-KD1"}, "inspector": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DUBP-SCT-KD", "CB-KD1"},
				"committee.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DUBP-SCT-KD", "CB-KD1"}, "cell.secretary": {}, "member": {}, "portal": {}})},
		{op: "listReports", target: "CB-VP, demo round", build: reportsAt("CB-VP", "?round_id="+rptDemoRound),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: rptReportsOf(map[string][]string{"admin": {"CB-VP"}, "committee.officer": {"CB-VP"}, "cell.secretary": {"CB-VP"}, "member": {"CB-VP"}, "portal": {}})},
		{op: "listReports", target: "CB-BTTP, demo round", build: reportsAt("CB-BTTP", "?round_id="+rptDemoRound),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: rptReportsOf(map[string][]string{"bloc.officer": {"CB-BTTP"}, "cell.secretary2": {"CB-BTTP"}, "portal": {}})},
		{op: "listReports", target: "foreign cell", build: reportsAt("MX-CB", "?round_id="+rptMXRound),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxAll(mxCount(map[string]int{"admin": 1}), mxRefsAt(e, "unit", map[string][]string{"admin": {"MX-CB"}}))},
		{op: "listReports", target: "unknown unit", build: reportsAt("", ""),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReport", target: "demo CB-VP accepted", build: onReport(rptDemo["CB-VP"], "GET", "", nil),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: rptActions(rptDemo["CB-VP"], map[string][]string{"admin": mxNone, "committee.officer": mxNone, "cell.secretary": mxNone})},
		{op: "getReport", target: "demo CB-QLTM submitted", build: onReport(rptDemo["CB-QLTM"], "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: rptActions(rptDemo["CB-QLTM"], map[string][]string{"admin": {"accept", "return"}, "bloc.officer": mxNone,
				"inspector": mxNone, "committee.officer": {"accept", "return"}})},
		{op: "getReport", target: "demo CB-BTTP returned", build: onReport(rptDemo["CB-BTTP"], "GET", "", nil),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404},
			check: rptActions(rptDemo["CB-BTTP"], map[string][]string{"admin": {"update", "submit"}, "bloc.officer": mxNone, "cell.secretary2": {"update", "submit"}})},
		{op: "getReport", target: "demo CB-HCTP draft", build: onReport(rptDemo["CB-HCTP"], "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404}, check: mxField("state", "draft")},
		{op: "getReport", target: "demo DU-SCT missing", build: onReport(rptDemo["DU-SCT"], "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: mxAll(mxField("state", "missing"), rptActions(rptDemo["DU-SCT"], map[string][]string{"admin": {"update", "submit"},
				"bloc.officer": mxNone, "committee.officer": {"update", "submit"}}))},
		{op: "getReport", target: "CB-VP draft", build: onReport(rptVPDraft, "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: rptActions(rptVPDraft, map[string][]string{"admin": {"update", "submit"}, "bloc.officer": mxNone, "inspector": mxNone,
				"committee.officer": mxNone, "cell.secretary": {"update", "submit"}, "member": mxNone})},
		{op: "getReport", target: "foreign cell", build: onReport(rptMXCB, "GET", "", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReport", target: "unknown id", build: onReport(uuid.NewString(), "GET", "", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Consolidations are for the officers and inspectors over the unit: readers from below
		// (a cell reading its committee's report) may not see their sibling cells' narratives.
		{op: "getConsolidatedReport", target: "demo DU-SCT", build: onReport(rptDemo["DU-SCT"], "GET", "/consolidated", nil),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}, check: rptConsolidated(4, 4)}, // its cells and its partial committee
		{op: "getConsolidatedReport", target: "demo DU-STP", build: onReport(rptDemo["DU-STP"], "GET", "/consolidated", nil),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404}, check: rptConsolidated(2, 0)},
		{op: "getConsolidatedReport", target: "demo CB-VP (no children)", build: onReport(rptDemo["CB-VP"], "GET", "/consolidated", nil),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: rptConsolidated(0, 0)},
		{op: "getConsolidatedReport", target: "foreign cell", build: onReport(rptMXCB, "GET", "/consolidated", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getConsolidatedReport", target: "unknown id", build: onReport(uuid.NewString(), "GET", "/consolidated", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportFile", target: "demo CB-VP, PDF", build: onReport(rptDemo["CB-VP"], "GET", "/files/report.pdf", nil),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxFormFile("bao-cao-CB-VP-H1.pdf", "application/pdf")},
		{op: "getReportFile", target: "demo CB-BTTP, XLSX", build: onReport(rptDemo["CB-BTTP"], "GET", "/files/report.xlsx", nil),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}, check: mxFormFile("bao-cao-CB-BTTP-H1.xlsx", rptXLSX)},
		{op: "getReportFile", target: "foreign cell, XLSX", build: onReport(rptMXCB, "GET", "/files/report.xlsx", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportFile", target: "unknown id", build: onReport(uuid.NewString(), "GET", "/files/report.pdf", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getMyTasks", target: "own tasks", build: get("/api/v1/me/tasks"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			// Inspectors and members have only their own work: comments on consultations of their
			// units and above (issue #17 item 6), their commitment, reflections, recommendations
			// (the demo's), the progress notes of the exemplars they mentor; never someone else's
			// review, nor their unit's models, registration or nominations. Portal clients do nothing.
			check: mxAll(mxCount(map[string]int{"portal": 0}), mxOnlyTaskKinds([]string{"comment_standard", "write_commitment", "self_assess",
				"write_reflection", "answer_recommendation", "follow_up_recommendation", "write_progress_note"}, "inspector", "member"), rptTasks(map[string][]string{
				"admin": {"review_report " + rptDemo["CB-QLTM"], "review_report " + rptDemo["CB-KTAT"]},
				// The cells' reports are the committee's to review, not the bloc's (no level skipped).
				"bloc.officer":      {"-review_report " + rptDemo["CB-QLTM"], "-review_report " + rptDemo["CB-KTAT"]},
				"committee.officer": {"review_report " + rptDemo["CB-QLTM"], "review_report " + rptDemo["CB-KTAT"], "write_report " + rptDemo["DU-SCT"]},
				"cell.secretary":    {"write_report " + rptVPDraft},
				"cell.secretary2":   {"write_report " + rptDemo["CB-BTTP"]}}))},
		{op: "createReportingRound", target: "KHOI-CQDN, committees", build: createReportRoundAt("KHOI-CQDN", "committee"),
			want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403}},
		{op: "createReportingRound", target: "DU-SCT, cells", build: createReportRoundAt("DU-SCT", "cell"),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "createReportingRound", target: "DU-STP, cells", build: createReportRoundAt("DU-STP", "cell"),
			want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403}},
		{op: "createReportingRound", target: "CB-VP (a cell)", build: createReportRoundAt("CB-VP", "cell"),
			want:     mxCodes{401, 422, 422, 403, 422, 403, 403, 404, 403},
			problems: map[string]string{"admin": "round_unit_kind", "bloc.officer": "round_unit_kind", "committee.officer": "round_unit_kind"}},
		{op: "createReportingRound", target: "foreign bloc", build: createReportRoundAt("MX-BLOC", "cell", "committee"),
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},
		{op: "createReportingRound", target: "unknown unit", build: createReportRoundAt("", "cell"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "closeReportingRound", target: "fresh at KHOI-CQDN", build: freshRound("KHOI-CQDN", false, "POST", "/close"),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 404}, check: func(t *testing.T, _ string, got resp) {
				if got.JSON(t)["open"] != false {
					t.Errorf("round still open: %s", got.Body)
				}
			}},
		{op: "closeReportingRound", target: "fresh at DU-SCT", build: freshRound("DU-SCT", false, "POST", "/close"),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}},
		{op: "closeReportingRound", target: "fresh at DU-SCT, closed already", build: freshRound("DU-SCT", true, "POST", "/close"),
			want:     mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404},
			problems: map[string]string{"admin": "round_closed", "bloc.officer": "forbidden", "committee.officer": "round_closed"}},
		{op: "closeReportingRound", target: "fresh foreign", build: freshRound("MX-BLOC", false, "POST", "/close"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "closeReportingRound", target: "unknown id", build: onRound(uuid.NewString(), "POST", "/close"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateReport", target: "fresh CB-VP draft", build: freshReport("CB-VP", "draft", "", "PATCH", "", rptEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxField("state", "draft")},
		{op: "updateReport", target: "fresh CB-VP returned", build: freshReport("CB-VP", "returned", registrar["CB-VP"], "PATCH", "", rptEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxField("status", "returned")},
		{op: "updateReport", target: "fresh CB-VP submitted", build: freshReport("CB-VP", "submitted", registrar["CB-VP"], "PATCH", "", rptEdit),
			want:     mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404},
			problems: map[string]string{"admin": "invalid_transition", "cell.secretary": "invalid_transition"}},
		{op: "updateReport", target: "demo CB-VP accepted", build: onReport(rptDemo["CB-VP"], "PATCH", "", rptEdit),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "updateReport", target: "fresh CB-VP written, round closed", build: freshReport("CB-VP", "closed", "", "PATCH", "", rptEdit),
			want:     mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404},
			problems: map[string]string{"admin": "round_closed", "cell.secretary": "round_closed"}},
		{op: "updateReport", target: "fresh DU-SCT draft", build: freshReport("DU-SCT", "draft", "", "PATCH", "", rptEdit),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "updateReport", target: "fresh CB-BTTP draft", build: freshReport("CB-BTTP", "draft", "", "PATCH", "", rptEdit),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "updateReport", target: "fresh foreign cell draft", build: freshReport("MX-CB", "draft", "", "PATCH", "", rptEdit),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateReport", target: "unknown id", build: onReport(uuid.NewString(), "PATCH", "", rptEdit),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "submitReport", target: "fresh CB-VP written", build: freshReport("CB-VP", "written", "", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxAll(mxField("status", "submitted"), mxField("state", "on_time"))},
		{op: "submitReport", target: "fresh CB-VP returned", build: freshReport("CB-VP", "returned", registrar["CB-VP"], "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxField("status", "submitted")},
		{op: "submitReport", target: "fresh CB-VP submitted", build: freshReport("CB-VP", "submitted", registrar["CB-VP"], "POST", "/submit", nil),
			want:     mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404},
			problems: map[string]string{"admin": "invalid_transition", "cell.secretary": "invalid_transition"}},
		{op: "submitReport", target: "fresh CB-VP written, round closed", build: freshReport("CB-VP", "closed", "", "POST", "/submit", nil),
			want:     mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404},
			problems: map[string]string{"admin": "round_closed", "cell.secretary": "round_closed"}},
		{op: "submitReport", target: "fresh DU-SCT with cells not accepted", want: mxCodes{401, 422, 403, 403, 422, 404, 404, 404, 404},
			build: func(e *env, _ string) req {
				id := rptOf(e, rptOpen(e, "KHOI-CQDN", "cell", "committee"), "DU-SCT")
				e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/reports/" + id, User: "admin", Body: rptNarrative})
				return req{Method: "POST", Path: "/api/v1/reports/" + id + "/submit"}
			},
			problems: map[string]string{"admin": "children_not_accepted", "committee.officer": "children_not_accepted"}},
		{op: "submitReport", target: "fresh DU-SCT with cells not accepted, missing_note", want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404},
			build: func(e *env, _ string) req {
				id := rptOf(e, rptOpen(e, "KHOI-CQDN", "cell", "committee"), "DU-SCT")
				e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/reports/" + id, User: "admin",
					Body: map[string]any{"missing_note": "Các chi bộ CB-VP, CB-QLTM, CB-KTAT chưa được chấp nhận."}})
				return req{Method: "POST", Path: "/api/v1/reports/" + id + "/submit"}
			},
			check: mxField("status", "submitted")},
		{op: "submitReport", target: "fresh CB-BTTP written", build: freshReport("CB-BTTP", "written", "", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "submitReport", target: "fresh foreign cell written", build: freshReport("MX-CB", "written", "", "POST", "/submit", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "submitReport", target: "unknown id", build: onReport(uuid.NewString(), "POST", "/submit", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "acceptReport", target: "fresh CB-VP submitted", build: freshReport("CB-VP", "submitted", registrar["CB-VP"], "POST", "/accept", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxAll(mxField("status", "accepted"), mxField("state", "accepted"))},
		{op: "acceptReport", target: "fresh DU-SCT submitted", build: freshReport("DU-SCT", "submitted", registrar["DU-SCT"], "POST", "/accept", nil),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "acceptReport", target: "fresh CB-VP submitted by admin", build: freshReport("CB-VP", "submitted", "admin", "POST", "/accept", nil),
			want: mxCodes{401, 403, 403, 403, 200, 403, 403, 404, 404}, problems: map[string]string{"admin": "own_submission"}},
		{op: "acceptReport", target: "fresh CB-VP submitted, round closed", build: freshReport("CB-VP", "submitted+closed", registrar["CB-VP"], "POST", "/accept", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxField("status", "accepted")},
		{op: "acceptReport", target: "fresh CB-VP draft", build: freshReport("CB-VP", "written", "", "POST", "/accept", nil),
			want:     mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404},
			problems: map[string]string{"admin": "invalid_transition", "committee.officer": "invalid_transition"}},
		{op: "acceptReport", target: "demo CB-BTTP returned", build: onReport(rptDemo["CB-BTTP"], "POST", "/accept", nil),
			want: mxCodes{401, 409, 403, 403, 404, 404, 404, 403, 404}},
		{op: "acceptReport", target: "fresh foreign cell submitted", build: freshReport("MX-CB", "submitted", registrar["MX-CB"], "POST", "/accept", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "acceptReport", target: "unknown id", build: onReport(uuid.NewString(), "POST", "/accept", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "returnReport", target: "fresh CB-VP submitted", build: freshReport("CB-VP", "submitted", registrar["CB-VP"], "POST", "/return", rptReason),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxAll(mxField("status", "returned"), rptThawed)},
		{op: "returnReport", target: "fresh DU-SCT submitted", build: freshReport("DU-SCT", "submitted", registrar["DU-SCT"], "POST", "/return", rptReason),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "returnReport", target: "fresh CB-VP submitted by admin", build: freshReport("CB-VP", "submitted", "admin", "POST", "/return", rptReason),
			want: mxCodes{401, 403, 403, 403, 200, 403, 403, 404, 404}, problems: map[string]string{"admin": "own_submission"}},
		{op: "returnReport", target: "fresh CB-VP submitted, round closed", build: freshReport("CB-VP", "submitted+closed", registrar["CB-VP"], "POST", "/return", rptReason),
			want:     mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404},
			problems: map[string]string{"admin": "round_closed", "committee.officer": "round_closed"}},
		{op: "returnReport", target: "fresh CB-VP submitted, no reason", build: freshReport("CB-VP", "submitted", registrar["CB-VP"], "POST", "/return", map[string]any{}),
			want: mxCodes{401, 422, 422, 422, 422, 422, 422, 422, 422}},
		{op: "returnReport", target: "demo CB-VP accepted", build: onReport(rptDemo["CB-VP"], "POST", "/return", rptReason),
			want:     mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404},
			problems: map[string]string{"admin": "invalid_transition", "committee.officer": "invalid_transition"}},
		{op: "returnReport", target: "fresh foreign cell submitted", build: freshReport("MX-CB", "submitted", registrar["MX-CB"], "POST", "/return", rptReason),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "returnReport", target: "unknown id", build: onReport(uuid.NewString(), "POST", "/return", rptReason),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
	}
}
