package httpapi_test

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/api"
	"lamtheobac/internal/app"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/vntime"
)

// The depth matrix (issue #15): every unit route of every domain, and the decisions one level
// up, over a tree of the new kinds, for callers at each of its levels. TestAccessMatrix keeps
// its columns at the demo's bloc → committee → cell; this one has its own tree, so that every
// caller has targets of each relation to it: its own unit, a child, a grandchild, an ancestor,
// and units of a sibling bloc and of another province (foreign).
//
//	DX-TU    province                 dx.prov  bloc_officer
//	└ DX-KHOI  bloc                   dx.bloc  bloc_officer
//	  ├ DX-DU    committee            dx.comm  committee_officer
//	  │ └ DX-BP    partial committee  dx.pc    committee_officer
//	  │   └ DX-CB    cell             dx.pcs   cell_secretary   (the committee's grandchild)
//	  └ DX-CS    base cell            dx.bcs   cell_secretary
//	└ DX-KHOI2 bloc                   dx.sib   bloc_officer     (a sibling bloc: foreign below the province)
//	DX-TU2   province                 dx.fgn   bloc_officer     (another province: foreign everywhere)
//
// Rows come from one table: each route names its expected statuses once per target, and the
// rows are generated for every target (dxTargets) of that route.
var dxCallers = [...]string{"", "admin", "dx.prov", "dx.bloc", "dx.comm", "dx.pc", "dx.pcs", "dx.bcs", "dx.sib", "dx.fgn"}

// dxCodes are the expected statuses, one per column of dxCallers.
type dxCodes [len(dxCallers)]int

// dxTargets are the units every route is called at, top-down.
var dxTargets = []string{"DX-TU", "DX-KHOI", "DX-DU", "DX-BP", "DX-CB", "DX-CS"}

// dxTree is the tree above: each unit's kind and parent.
var dxTree = []struct{ code, kind, parent string }{
	{"DX-TU", "province", ""},
	{"DX-KHOI", "bloc", "DX-TU"},
	{"DX-DU", "committee", "DX-KHOI"},
	{"DX-BP", "partial_committee", "DX-DU"},
	{"DX-CB", "cell", "DX-BP"},
	{"DX-CS", "base_cell", "DX-KHOI"},
	{"DX-KHOI2", "bloc", "DX-TU"},
	{"DX-TU2", "province", ""},
	{"DX-KHOI3", "bloc", "DX-TU2"},
}

// dxPeople are the callers' units and roles, and a registrar (a drafter of no column) at each
// unit where fresh work is submitted, so that no caller decides what it submitted itself.
var dxPeople = []struct{ name, code, role string }{
	{"dx.prov", "DX-TU", "bloc_officer"},
	{"dx.bloc", "DX-KHOI", "bloc_officer"},
	{"dx.comm", "DX-DU", "committee_officer"},
	{"dx.pc", "DX-BP", "committee_officer"},
	{"dx.pcs", "DX-CB", "cell_secretary"},
	{"dx.bcs", "DX-CS", "cell_secretary"},
	{"dx.sib", "DX-KHOI2", "bloc_officer"},
	{"dx.fgn", "DX-TU2", "bloc_officer"},
	{"dx.reg.DX-TU", "DX-TU", "bloc_officer"},
	{"dx.reg.DX-KHOI", "DX-KHOI", "bloc_officer"},
	{"dx.reg.DX-DU", "DX-DU", "committee_officer"},
	{"dx.reg.DX-BP", "DX-BP", "committee_officer"},
	{"dx.reg.DX-CB", "DX-CB", "cell_secretary"},
	{"dx.reg.DX-CS", "DX-CS", "cell_secretary"},
}

// dxRoute is one route called at every target (or at targets, when set): build makes the
// request at the unit code, want holds the statuses per target, check (when set) runs on the
// 2xx answers.
type dxRoute struct {
	op      string
	label   string
	targets []string
	build   func(e *env, code string) req
	want    map[string]dxCodes
	check   func(t *testing.T, target string, got resp)
	// problem, when set, is the problem code of every 422 answer.
	problem string
}

// newDxWorld builds the tree and its people over the demo, as administrator, and the
// standards: the bloc and the committee issue one each, the partial committee adopts the
// committee's, the base cell has none of its own. It returns the two standards' ids.
func newDxWorld(t *testing.T) (e *env, fx *mxFixtures, stdKhoi, stdDU uuid.UUID) {
	t.Helper()
	e = newEnvWith(t, app.Options{Auth: auth.Options{MaxPerAddress: 100000}})
	fx = &mxFixtures{}
	for _, u := range dxTree {
		path := "/api/v1/units"
		if u.parent != "" {
			path += "/" + e.units[u.parent].String() + "/children"
		}
		got := e.must(http.StatusCreated, req{Method: "POST", Path: path, User: "admin",
			Body: map[string]any{"kind": u.kind, "code": u.code, "name": "Đơn vị " + u.code}}).JSON(t)
		e.units[u.code] = uuid.MustParse(got["id"].(string))
	}
	for _, p := range dxPeople {
		id := fx.user(e, e.units[p.code])
		unit := e.units[p.code]
		fx.grant(e, id, p.role, &unit)
		e.users[p.name] = id
	}
	stdKhoi = fx.standard(e, e.units["DX-KHOI"], "issued")
	stdDU = fx.standard(e, e.units["DX-DU"], "issued")
	fx.adopt(e, e.units["DX-BP"], stdDU)
	return e, fx, stdKhoi, stdDU
}

// dxRoutes is the table: the unit routes of every domain, and the decisions on work submitted
// at each target.
func dxRoutes(e *env, fx *mxFixtures, stdKhoi, stdDU uuid.UUID) []dxRoute {
	year := vntime.Date(e.app.Now()).Year()
	today := vntime.Date(e.app.Now())
	at := func(code string) string { return "/api/v1/units/" + e.units[code].String() }
	get := func(suffix string) func(*env, string) req {
		return func(_ *env, code string) req { return req{Method: "GET", Path: at(code) + suffix} }
	}
	post := func(suffix string, body func(code string) any) func(*env, string) req {
		return func(_ *env, code string) req { return req{Method: "POST", Path: at(code) + suffix, Body: body(code)} }
	}
	y := fmt.Sprint(year)
	childKind := map[string]string{"DX-TU": "bloc", "DX-KHOI": "committee", "DX-DU": "partial_committee", "DX-BP": "cell", "DX-CB": "cell", "DX-CS": "cell"}
	// The standard in force at each target: where it comes from, which, and from which unit.
	effective := map[string][3]string{
		"DX-TU": {"none", "", ""}, "DX-KHOI": {"own", stdKhoi.String(), ""}, "DX-DU": {"own", stdDU.String(), ""},
		"DX-BP": {"adopted", stdDU.String(), ""}, "DX-CB": {"inherited", stdDU.String(), "DX-DU"}, "DX-CS": {"inherited", stdKhoi.String(), "DX-KHOI"},
	}
	checkEffective := func(t *testing.T, target string, got resp) {
		t.Helper()
		var eff struct {
			Source   string `json:"source"`
			Standard *struct {
				ID string `json:"id"`
			} `json:"standard"`
			FromUnit *struct {
				Code string `json:"code"`
			} `json:"from_unit"`
		}
		got.Decode(t, &eff)
		id, from := "", ""
		if eff.Standard != nil {
			id = eff.Standard.ID
		}
		if eff.FromUnit != nil {
			from = eff.FromUnit.Code
		}
		if w := effective[target]; eff.Source != w[0] || id != w[1] || (w[2] != "" && from != w[2]) {
			t.Errorf("effective standard at %s: %s %q from %q, want %s %q from %q", target, eff.Source, id, from, w[0], w[1], w[2])
		}
	}
	// Only the partial committee has adopted a standard: elsewhere there is none to read (404).
	none := dxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404, 404}
	adopted := map[string]dxCodes{"DX-TU": none, "DX-KHOI": none, "DX-DU": none, "DX-BP": dxRead["DX-BP"], "DX-CB": none, "DX-CS": none}
	// Introductions (Biểu mẫu 3) are confirmed by no unit here: 404 to whoever may read them
	// (the officers at or above), 403 below, and at a cell nobody reads them.
	introductions := dxWith(dxOfficers, map[string]map[int]int{
		"DX-TU": {1: 404, 2: 404}, "DX-KHOI": {1: 404, 2: 404, 3: 404}, "DX-DU": {1: 404, 2: 404, 3: 404, 4: 404},
		"DX-BP": {1: 404, 2: 404, 3: 404, 4: 404, 5: 404}, "DX-CB": {1: 404, 2: 404, 3: 404, 4: 404, 5: 404, 6: 404},
		"DX-CS": {1: 404, 2: 404, 3: 404, 7: 404}})
	// A cell (not a base cell) issues no study topics.
	topics := dxWith(dxOwn, map[string]map[int]int{"DX-CB": {1: 409, 6: 409}})
	// Members belong to cells and base cells: elsewhere 422 for those who may write there.
	members := dxWith(dxStatus(dxOfficers, 422), map[string]map[int]int{
		"DX-CB": {1: 201, 2: 201, 3: 201, 4: 201, 5: 201, 6: 201}, "DX-CS": {1: 201, 2: 201, 3: 201, 7: 201}})
	reporters := []string{"DX-KHOI", "DX-DU", "DX-BP", "DX-CB", "DX-CS"}
	// provinceTopic is a study topic of the province, issued by administrator on first use.
	var topic string
	provinceTopic := func(e *env) string {
		if topic == "" {
			topic = e.must(http.StatusCreated, req{Method: "POST", Path: at("DX-TU") + "/study-topics", User: "admin",
				Body: map[string]any{"title": "Chuyên đề của tỉnh", "year_from": year - 1, "year_to": year + 1}}).JSON(e.t)["id"].(string)
		}
		return topic
	}
	// inspect plans an inspection at code of the unit below it (of itself at a leaf), its
	// registrar the team.
	inspect := func(e *env, code string) req {
		subject := map[string]string{"DX-TU": "DX-KHOI", "DX-KHOI": "DX-DU", "DX-DU": "DX-BP", "DX-BP": "DX-CB", "DX-CB": "DX-CB", "DX-CS": "DX-CS"}[code]
		return req{Method: "POST", Path: at(code) + "/inspection-plans", Body: inspPlanBody(e, []string{subject}, "dx.reg."+code)}
	}
	return []dxRoute{
		{op: "getUnit", build: get(""), want: dxRead},
		{op: "listUnitChildren", build: get("/children"), want: dxRead},
		{op: "listUnitAncestors", build: get("/ancestors"), want: dxRead},
		{op: "listAuditEvents", build: get("/audit-events"), want: dxOfficers},
		{op: "listMembers", build: get("/members"), want: dxOfficersAndSecretary},
		{op: "listUnitCommitments", build: get("/commitments"), want: dxOfficersAndSecretary},
		{op: "getCommitmentDeadline", build: get("/commitment-deadlines/" + y), want: dxRead},
		{op: "getMemberClassCounts", build: get("/member-classes?year=" + y), want: dxOfficersAndSecretary},
		{op: "getMemberCoverage", build: get("/member-coverage?year=" + y), want: dxOfficersAndSecretary},
		{op: "getMemberCoverageFile", build: get("/member-coverage.xlsx?year=" + y), want: dxOfficersAndSecretary},
		{op: "listStandards", build: get("/standards"), want: dxRead},
		{op: "getAdoptedStandard", build: get("/adopted-standard"), want: adopted},
		{op: "getEffectiveStandard", build: get("/effective-standard"), want: dxRead, check: checkEffective},
		{op: "getStandardCoverage", build: get("/standard-coverage"), want: dxOfficers},
		{op: "listModels", build: get("/models"), want: dxRead},
		{op: "getModelCoverage", build: get("/model-coverage?year=" + y), want: dxOfficers},
		{op: "getModelForm", build: get("/forms/2.xlsx"), want: dxOfficersAndSecretary},
		{op: "listNominations", build: get("/nominations"), want: dxRead},
		{op: "getHonorRoll", build: get("/honor-roll"), want: dxRead},
		{op: "getExemplarCoverage", build: get("/exemplar-coverage?year=" + y), want: dxOfficers},
		{op: "getIntroduction", build: get(fmt.Sprintf("/introductions?from_year=%d&to_year=%d", year-1, year)), want: introductions},
		{op: "getHonorBook", build: get("/honor-book.pdf"), want: dxRead},
		{op: "listHonoringRounds", build: get("/honoring-rounds"), want: dxRead},
		{op: "listInspectionPlans", build: get("/inspection-plans"), want: dxRead},
		{op: "listUnitInspectionRecommendations", build: get("/inspection-recommendations"), want: dxRead},
		{op: "getInspectionSummary", build: get(fmt.Sprintf("/inspection-summary?from=%d-01-01&to=%d-12-31", year, year)), want: dxOfficers},
		{op: "listReportingRounds", build: get("/reporting-rounds"), want: dxRead},
		{op: "listReports", build: get("/reports"), want: dxRead},
		{op: "listStudyTopics", build: get("/study-topics"), want: dxRead},
		{op: "listStudySessions", build: get("/study-sessions"), want: dxRead},
		{op: "getStudySummary", build: get("/study-summary?year=" + y), want: dxOfficersAndSecretary},
		{op: "listStudyEvents", build: get("/events"), want: dxRead},

		// Decisions on work each target submits (before the rows below add units to the tree).
		{op: "approveModel", label: "fresh registered", build: func(e *env, code string) req {
			return req{Method: "POST", Path: "/api/v1/models/" + fx.model(e, e.units[code], year, "registered", "dx.reg."+code).String() + "/approve"}
		}, want: dxParentDecides},
		{op: "endorseNomination", label: "fresh submitted", targets: reporters, build: func(e *env, code string) req {
			return req{Method: "POST", Path: "/api/v1/nominations/" + fx.nomination(e, e.units[code], mxPerson(e.units[code]), "submitted", "dx.reg."+code).String() + "/endorse"}
		}, want: dxParentDecides},
		{op: "acceptReport", label: "fresh submitted", targets: reporters, build: func(e *env, code string) req {
			return req{Method: "POST", Path: "/api/v1/reports/" + dxSubmittedReport(e, code, year, today) + "/accept"}
		}, want: dxParentDecides},

		{op: "returnModel", label: "fresh registered", build: func(e *env, code string) req {
			return req{Method: "POST", Path: "/api/v1/models/" + fx.model(e, e.units[code], year, "registered", "dx.reg."+code).String() + "/return",
				Body: map[string]any{"reason": "Chưa phù hợp."}}
		}, want: dxParentDecides},
		{op: "returnReport", label: "fresh submitted", targets: reporters, build: func(e *env, code string) req {
			return req{Method: "POST", Path: "/api/v1/reports/" + dxSubmittedReport(e, code, year, today) + "/return", Body: map[string]any{"reason": "Bổ sung số liệu."}}
		}, want: dxParentDecides},
		// Submitting: the unit's own drafters, once everything below it is decided.
		{op: "registerModel", label: "fresh draft", build: func(e *env, code string) req {
			return req{Method: "POST", Path: "/api/v1/models/" + fx.model(e, e.units[code], year, "draft", "").String() + "/register"}
		}, want: dxOwnSubmits},
		{op: "submitNomination", label: "fresh draft", targets: reporters, build: func(e *env, code string) req {
			return req{Method: "POST", Path: "/api/v1/nominations/" + fx.nomination(e, e.units[code], mxPerson(e.units[code]), "draft", "").String() + "/submit"}
		}, want: dxOwnSubmits},
		{op: "submitReport", label: "children decided", targets: reporters, build: func(e *env, code string) req {
			return req{Method: "POST", Path: "/api/v1/reports/" + dxReport(e, code, year, today, true, false) + "/submit"}
		}, want: dxOwnSubmits},
		{op: "submitReport", label: "children pending", targets: reporters[:3], build: func(e *env, code string) req {
			return req{Method: "POST", Path: "/api/v1/reports/" + dxReport(e, code, year, today, false, false) + "/submit"}
		}, want: dxStatus(dxOwnSubmits, 422), problem: "children_not_accepted"},
		{op: "getModel", label: "approved", build: func(e *env, code string) req {
			return req{Method: "GET", Path: "/api/v1/models/" + fx.model(e, e.units[code], year, "approved", "dx.reg."+code).String()}
		}, want: dxRead},
		{op: "getNomination", label: "submitted", targets: reporters, build: func(e *env, code string) req {
			return req{Method: "GET", Path: "/api/v1/nominations/" + fx.nomination(e, e.units[code], mxPerson(e.units[code]), "submitted", "dx.reg."+code).String()}
		}, want: dxUpward},
		{op: "getReport", label: "submitted", targets: reporters, build: func(e *env, code string) req {
			return req{Method: "GET", Path: "/api/v1/reports/" + dxSubmittedReport(e, code, year, today)}
		}, want: dxUpward},

		// Standards: each unit's own officers prepare and issue its standard (after the reads
		// above: issuing supersedes the world's); whoever reads the unit reads an issued one.
		{op: "openStandardConsultation", label: "fresh draft", build: func(e *env, code string) req {
			return req{Method: "POST", Path: "/api/v1/standards/" + fx.standard(e, e.units[code], "draft").String() + "/open-consultation", Body: mxOpenBody()}
		}, want: dxOwnSubmits},
		{op: "issueStandard", label: "fresh consultation", build: func(e *env, code string) req {
			return req{Method: "POST", Path: "/api/v1/standards/" + fx.standard(e, e.units[code], "consultation").String() + "/issue", Body: mxIssueBody()}
		}, want: dxStatus(dxOwn, 200)},
		{op: "getStandard", label: "issued", build: func(e *env, code string) req {
			return req{Method: "GET", Path: "/api/v1/standards/" + fx.standard(e, e.units[code], "issued").String()}
		}, want: dxRead},

		// Inspection plans: the officers of the unit plan them over units below it; a cell has no
		// inspection role, and a base cell (whatever its officers) has no unit below it to inspect.
		{op: "createInspectionPlan", targets: dxTargets[:5], build: inspect,
			want: dxWith(dxOwn, map[string]map[int]int{"DX-CB": {1: 422, 6: 403}}), problem: "no_inspection_role"},
		{op: "createInspectionPlan", label: "itself", targets: []string{"DX-CS"}, build: inspect,
			want: dxWith(dxOwn, map[string]map[int]int{"DX-CS": {1: 422, 7: 403}}), problem: "validation"},

		// Study sessions, on a topic of the province (in force everywhere below it): held by each
		// unit's own drafters.
		{op: "createStudySession", build: func(e *env, code string) req {
			return req{Method: "POST", Path: at(code) + "/study-sessions", Body: map[string]any{"topic_id": provinceTopic(e),
				"starts_at": e.app.Now().Add(-time.Hour).UTC().Format(time.RFC3339), "place": "Phòng họp"}}
		}, want: dxOwn},

		{op: "updateUnit", label: "rename", build: func(_ *env, code string) req {
			return req{Method: "PATCH", Path: at(code), Body: map[string]any{"name": fx.next("Tên mới")}}
		}, want: dxOfficers},
		{op: "createStandard", build: post("/standards", func(string) any {
			return map[string]any{"title": fx.next("Chuẩn mực"), "items": []map[string]any{{"text": "Tuyệt đối trung thành với Đảng.", "relation": "fatherland_party"}}}
		}), want: dxOwn},
		{op: "createModel", build: post("/models", func(string) any { return mxModelBody(fx.next("Mô hình"), year) }), want: dxOwn},
		{op: "createNomination", build: post("/nominations", func(code string) any { return mxNominationBody(year, mxPerson(e.units[code])) }), want: dxOwn},
		{op: "createStudyTopic", build: post("/study-topics", func(string) any {
			return map[string]any{"title": fx.next("Chuyên đề"), "year_from": year - 1, "year_to": year + 1}
		}), want: topics},
		{op: "createStudyEvent", build: post("/events", func(string) any {
			return map[string]any{"kind": "exchange", "title": "Giao lưu", "held_on": today.Format(time.DateOnly), "public_summary": "Tóm tắt công khai"}
		}), want: dxOwn},
		{op: "createMember", build: post("/members", func(string) any { return map[string]any{"full_name": fx.next("Đảng viên")} }), want: members},
		{op: "createHonoringRound", build: post("/honoring-rounds", func(string) any {
			return map[string]any{"title": fx.next("Biểu dương"), "year": year, "nomination_deadline": today.AddDate(0, 0, 30).Format(time.DateOnly)}
		}), want: dxOfficersCreate},
		{op: "createReportingRound", build: post("/reporting-rounds", func(string) any {
			return map[string]any{"title": fx.next("Báo cáo"), "year": year, "period": "H1", "due_on": today.AddDate(0, 0, 7).Format(time.DateOnly), "levels": []string{"cell"}}
		}), want: dxOfficersCreate},
		{op: "createUnitChild", build: post("/children", func(code string) any {
			return map[string]any{"kind": childKind[code], "code": fx.next("DX-N"), "name": "Đơn vị mới"}
		}), want: dxOfficersCreate},
	}
}

// dxNotInTable are the unit routes the depth matrix leaves to TestAccessMatrix and the
// domain tests, with why: each needs a body or a credential of its own that says nothing more
// about depth than the rows above.
var dxNotInTable = map[string]string{
	"deleteUnit":            "deletes the target: TestAccessMatrix and matrix_depth_test.go on fresh units",
	"createImport":          "a multipart upload: depth_imports_api_test.go",
	"getUnitCalendar":       "a calendar token instead of a bearer token: matrix_study_test.go",
	"adoptStandard":         "only a cell or a partial committee adopts: its world's fixtures adopt at DX-BP",
	"unadoptStandard":       "as adoptStandard",
	"confirmIntroduction":   "needs carried-out models and nominations of a period: matrix_corrections_test.go",
	"setCommitmentDeadline": "by year, at committees: matrix_members_test.go",
	"createInspectionPlan":  "needs subjects and an inspection role: matrix_inspection_test.go",
}

func TestAccessMatrixDepth(t *testing.T) {
	t.Parallel()
	e, fx, stdKhoi, stdDU := newDxWorld(t)
	routes := dxRoutes(e, fx, stdKhoi, stdDU)

	// Every operation on a unit of the spec is in the table or named in dxNotInTable.
	inTable := map[string]bool{}
	for _, r := range routes {
		inTable[r.op] = true
	}
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	for path, item := range spec.Paths.Map() {
		if !strings.HasPrefix(path, "/api/v1/units/{unitId}") {
			continue
		}
		for _, op := range item.Operations() {
			id := strings.ToLower(op.OperationID[:1]) + op.OperationID[1:]
			if !inTable[id] && dxNotInTable[id] == "" {
				t.Errorf("unit operation %s has no row in the depth matrix", id)
			}
		}
	}

	probe := os.Getenv("DX_PROBE") != ""
	var out strings.Builder
	cases := 0
	for _, r := range routes {
		targets := r.targets
		if targets == nil {
			targets = dxTargets
		}
		for _, target := range targets {
			want, ok := r.want[target]
			if !ok && !probe {
				t.Errorf("%s has no expected statuses at %s", r.op, target)
				continue
			}
			var got dxCodes
			for i, caller := range dxCallers {
				cases++
				name := r.op + "/" + r.label + "/" + target + "/" + mxCallerName(caller)
				t.Run(name, func(t *testing.T) {
					se := *e // same service and maps; failures belong to this subtest
					se.t = t
					rq := r.build(&se, target)
					rq.User = caller
					res := se.do(rq)
					got[i] = res.Status
					if probe {
						return
					}
					if res.Status != want[i] {
						t.Errorf("%s %s as %s: status %d, want %d\n%s", rq.Method, rq.Path, mxCallerName(caller), res.Status, want[i], res.Body)
						return
					}
					if res.Status >= 400 && res.Status < 500 {
						p := res.JSON(t)
						if p["status"] != float64(res.Status) || p["code"] == "" || p["code"] == nil {
							t.Errorf("incomplete problem: %s", res.Body)
						}
						if res.Status == 422 && r.problem != "" && p["code"] != r.problem {
							t.Errorf("problem code %v, want %q: %s", p["code"], r.problem, res.Body)
						}
					}
					if res.Status < 300 && r.check != nil {
						r.check(t, target, res)
					}
				})
			}
			if probe {
				fmt.Fprintf(&out, "%s\t%s\t%v\n", r.op, target, got)
			}
		}
	}
	if probe {
		t.Log("\n" + out.String())
	}
	t.Logf("depth matrix: %d routes, %d cases", len(routes), cases)
}
