package httpapi_test

import (
	"net/http"
	"time"
)

// The expected statuses of the depth matrix (matrix_deep_test.go) and the report fixtures its
// rows share.

// The statuses shared by many routes, per target. Columns: anon admin prov bloc comm pc pcs bcs sib fgn.
var (
	// dxRead: whoever reads the unit (its subtree and the units above it; a sibling's or another
	// province's subtree is 404).
	dxRead = map[string]dxCodes{
		"DX-TU":   {401, 200, 200, 200, 200, 200, 200, 200, 200, 404},
		"DX-KHOI": {401, 200, 200, 200, 200, 200, 200, 200, 404, 404},
		"DX-DU":   {401, 200, 200, 200, 200, 200, 200, 404, 404, 404},
		"DX-BP":   {401, 200, 200, 200, 200, 200, 200, 404, 404, 404},
		"DX-CB":   {401, 200, 200, 200, 200, 200, 200, 404, 404, 404},
		"DX-CS":   {401, 200, 200, 200, 404, 404, 404, 200, 404, 404},
	}
	// dxOfficers: the officers at or above the unit; readers below it (and a cell's own
	// secretary) 403.
	dxOfficers = map[string]dxCodes{
		"DX-TU":   {401, 200, 200, 403, 403, 403, 403, 403, 403, 404},
		"DX-KHOI": {401, 200, 200, 200, 403, 403, 403, 403, 404, 404},
		"DX-DU":   {401, 200, 200, 200, 200, 403, 403, 404, 404, 404},
		"DX-BP":   {401, 200, 200, 200, 200, 200, 403, 404, 404, 404},
		"DX-CB":   {401, 200, 200, 200, 200, 200, 403, 404, 404, 404},
		"DX-CS":   {401, 200, 200, 200, 404, 404, 404, 403, 404, 404},
	}
	// dxOfficersAndSecretary: dxOfficers, and a cell's (or base cell's) own secretary too.
	dxOfficersAndSecretary = dxWith(dxOfficers, map[string]map[int]int{"DX-CB": {6: 200}, "DX-CS": {7: 200}})
	// dxOfficersCreate: the officers at or above the unit create under it; nothing is created
	// under a cell or a base cell (422 for those who could otherwise).
	dxOfficersCreate = dxWith(dxStatus(dxOfficers, 201), map[string]map[int]int{
		"DX-CB": {1: 422, 2: 422, 3: 422, 4: 422, 5: 422}, "DX-CS": {1: 422, 2: 422, 3: 422}})
	// dxOwn: the unit's own drafters only (its officers, a cell's secretary), not those above.
	dxOwn = map[string]dxCodes{
		"DX-TU":   {401, 201, 201, 403, 403, 403, 403, 403, 403, 404},
		"DX-KHOI": {401, 201, 403, 201, 403, 403, 403, 403, 404, 404},
		"DX-DU":   {401, 201, 403, 403, 201, 403, 403, 404, 404, 404},
		"DX-BP":   {401, 201, 403, 403, 403, 201, 403, 404, 404, 404},
		"DX-CB":   {401, 201, 403, 403, 403, 403, 201, 404, 404, 404},
		"DX-CS":   {401, 201, 403, 403, 404, 404, 404, 201, 404, 404},
	}
	// dxOwnSubmits: the unit's own drafters submit its draft; the officers above see it (403),
	// nobody below does (404).
	dxOwnSubmits = map[string]dxCodes{
		"DX-TU":   {401, 200, 200, 404, 404, 404, 404, 404, 404, 404},
		"DX-KHOI": {401, 200, 403, 200, 404, 404, 404, 404, 404, 404},
		"DX-DU":   {401, 200, 403, 403, 200, 404, 404, 404, 404, 404},
		"DX-BP":   {401, 200, 403, 403, 403, 200, 404, 404, 404, 404},
		"DX-CB":   {401, 200, 403, 403, 403, 403, 200, 404, 404, 404},
		"DX-CS":   {401, 200, 403, 403, 404, 404, 404, 200, 404, 404},
	}
	// dxUpward: work on its way up is read at its unit and above, not below.
	dxUpward = map[string]dxCodes{
		"DX-KHOI": {401, 200, 200, 200, 404, 404, 404, 404, 404, 404},
		"DX-DU":   {401, 200, 200, 200, 200, 404, 404, 404, 404, 404},
		"DX-BP":   {401, 200, 200, 200, 200, 200, 404, 404, 404, 404},
		"DX-CB":   {401, 200, 200, 200, 200, 200, 200, 404, 404, 404},
		"DX-CS":   {401, 200, 200, 200, 404, 404, 404, 200, 404, 404},
	}
	// dxParentDecides: work submitted at the unit is decided by the officers of the unit
	// directly above it, and by nobody else: not its own officers, not those two levels up. A
	// province has nobody above it: administrators decide. Submitted work of a unit above is
	// not shown below it (404).
	dxParentDecides = map[string]dxCodes{
		"DX-TU":   {401, 200, 403, 404, 404, 404, 404, 404, 404, 404},
		"DX-KHOI": {401, 200, 200, 403, 404, 404, 404, 404, 404, 404},
		"DX-DU":   {401, 200, 403, 200, 403, 404, 404, 404, 404, 404},
		"DX-BP":   {401, 200, 403, 403, 200, 403, 404, 404, 404, 404},
		"DX-CB":   {401, 200, 403, 403, 403, 200, 403, 404, 404, 404},
		"DX-CS":   {401, 200, 403, 200, 404, 404, 404, 403, 404, 404},
	}
)

// dxStatus is want with every 2xx replaced by status.
func dxStatus(want map[string]dxCodes, status int) map[string]dxCodes {
	out := map[string]dxCodes{}
	for k, codes := range want {
		for i, c := range codes {
			if c >= 200 && c < 300 {
				codes[i] = status
			}
		}
		out[k] = codes
	}
	return out
}

// dxWith is want with some columns of some targets changed.
func dxWith(want map[string]dxCodes, changes map[string]map[int]int) map[string]dxCodes {
	out := map[string]dxCodes{}
	for k, codes := range want {
		for i, c := range changes[k] {
			codes[i] = c
		}
		out[k] = codes
	}
	return out
}

// dxSubmittedReport is dxReport, everything below code accepted and code's report submitted.
func dxSubmittedReport(e *env, code string, year int, today time.Time) string {
	return dxReport(e, code, year, today, true, true)
}

// dxReport opens, as administrator, a round at the province in which every level reports,
// writes code's report and returns its id. With decided, every report below code is accepted
// first (each submitted by its unit's registrar, accepted by administrator, children first);
// with submit, code's registrar then submits code's.
func dxReport(e *env, code string, year int, today time.Time, decided, submit bool) string {
	e.t.Helper()
	round := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.units["DX-TU"].String() + "/reporting-rounds", User: "admin",
		Body: map[string]any{"title": "Báo cáo thử độ sâu", "year": year, "period": "H1", "due_on": today.AddDate(0, 0, 7).Format(time.DateOnly),
			"levels": []string{"bloc", "committee", "cell"}}}).JSON(e.t)["id"].(string)
	below := map[string][]string{"DX-KHOI": {"DX-CB", "DX-BP", "DX-DU", "DX-CS"}, "DX-DU": {"DX-CB", "DX-BP"}, "DX-BP": {"DX-CB"}}
	write := func(unit string) string {
		items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units[unit].String() + "/reports?round_id=" + round, User: "admin"}).JSON(e.t)["items"].([]any)
		if len(items) != 1 {
			e.t.Fatalf("%d reports of %s in the round, want 1", len(items), unit)
		}
		id := items[0].(map[string]any)["id"].(string)
		e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/reports/" + id, User: "admin", Body: map[string]any{"results": "Hoàn thành các chỉ tiêu."}})
		return id
	}
	for _, u := range below[code] {
		if !decided {
			break
		}
		id := write(u)
		e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/reports/" + id + "/submit", User: "dx.reg." + u})
		e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/reports/" + id + "/accept", User: "admin"})
	}
	id := write(code)
	if submit {
		e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/reports/" + id + "/submit", User: "dx.reg." + code})
	}
	return id
}
