package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
)

// mxCorrectionRows are the rows of the routes issue #17 added or widened: the Biểu mẫu 3
// introduction list, and a unit's honor roll of everything honored in it or below.
func mxCorrectionRows(w *mxWorld) []mxRow {
	unit := w.unit
	// An empty list for a period no other row prints, so that confirming it changes nothing else.
	intro := map[string]any{"from_year": 2017, "to_year": 2018, "model_ids": []string{}, "nomination_ids": []string{}}
	confirmAt := func(code string) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: "PUT", Path: "/api/v1/units/" + unit(code) + "/introductions", Body: intro}
		}
	}
	readAt := func(code string) func(*env, string) req {
		return func(e *env, _ string) req {
			e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/units/" + unit(code) + "/introductions", User: "admin", Body: intro})
			return req{Method: "GET", Path: "/api/v1/units/" + unit(code) + "/introductions?from_year=2017&to_year=2018"}
		}
	}
	return []mxRow{
		// A unit's roll of its subtree: the readers of the unit, never portal clients (it names
		// people who may not have agreed to be published).
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getHonorRoll", target: "CB-QLTM subtree", build: w.get("/api/v1/units/" + unit("CB-QLTM") + "/honor-roll?scope=subtree"),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 403}},
		{op: "getHonorRoll", target: "CB-VP subtree", build: w.get("/api/v1/units/" + unit("CB-VP") + "/honor-roll?scope=subtree"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 403}},
		{op: "getHonorBook", target: "CB-QLTM", build: w.get("/api/v1/units/" + unit("CB-QLTM") + "/honor-book.pdf"),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 403}},
		{op: "getHonorBook", target: "CB-VP", build: w.get("/api/v1/units/" + unit("CB-VP") + "/honor-book.pdf"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 403}},
		// Read by the same callers as the forms: the unit's owners, and the officers and inspectors
		// over it; confirmed only by the unit's own officers (owner rights for nominations).
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getIntroduction", target: "DU-SCT", build: readAt("DU-SCT"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}},
		{op: "getIntroduction", target: "CB-VP", build: readAt("CB-VP"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403}},
		{op: "getIntroduction", target: "foreign cell", build: readAt("MX-CB"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "confirmIntroduction", target: "DU-SCT", build: confirmAt("DU-SCT"),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 403}},
		{op: "confirmIntroduction", target: "CB-VP", build: confirmAt("CB-VP"),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 403}},
		{op: "confirmIntroduction", target: "foreign cell", build: confirmAt("MX-CB"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
	}
}

// mxOnlyTaskKinds checks that the named callers' tasks are all of kind (none at all is fine).
func mxOnlyTaskKinds(kinds []string, callers ...string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		if !slices.Contains(callers, caller) {
			return
		}
		items, _ := got.JSON(t)["items"].([]any)
		for _, it := range items {
			if m, _ := it.(map[string]any); !slices.Contains(kinds, fmt.Sprint(m["kind"])) {
				t.Errorf("%s has a task of kind %v, want only %v: %s", caller, m["kind"], kinds, got.Body)
			}
		}
	}
}
