package httpapi_test

import (
	"slices"
	"testing"
)

// mxDepthRows is the rows of the tree at any depth (issue #15) over the demo's deeper shapes:
// the partial committee DUBP-SCT-KD under DU-SCT (comm's child) with its cell CB-KD1 (comm's
// grandchild), the base cell CB-CS-BAO directly under KHOI-CQDN (a sibling of comm's committee),
// and the foreign bloc. The same callers as every row; the new kinds change nothing about who
// reads or decides: own subtree, ancestors for reading, 404 elsewhere.
func mxDepthRows(w *mxWorld) []mxRow {
	fx, unit, get, rename, patchUnit, recode := w.fx, w.unit, w.get, w.rename, w.patchUnit, w.recode
	renameAt := func(code string) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: "PATCH", Path: "/api/v1/units/" + unit(code), Body: rename()}
		}
	}
	kindBody := func(kind, prefix string) func(*env, string) map[string]any {
		return func(*env, string) map[string]any {
			return map[string]any{"kind": kind, "code": fx.next(prefix), "name": "Đơn vị mới"}
		}
	}
	create := func(parent, kind, prefix string) func(*env, string) req {
		body := kindBody(kind, prefix)
		return func(e *env, c string) req {
			path := "/api/v1/units"
			if parent != "" {
				path = "/api/v1/units/" + unit(parent) + "/children"
			}
			return req{Method: "POST", Path: path, Body: body(e, c)}
		}
	}
	kinds := func(want string) func(*testing.T, string, resp) { return mxField("kind", want) }
	// hasBase checks that readers of the whole bloc see its base cell among its children (other
	// rows add committees to the bloc, so the list is not checked whole for them).
	hasBase := func(t *testing.T, caller string, got resp) {
		t.Helper()
		if caller != "admin" && caller != "bloc.officer" && caller != "inspector" && caller != "portal" {
			return
		}
		var l apiUnitList
		got.Decode(t, &l)
		if !slices.ContainsFunc(l.Items, func(u apiUnit) bool { return u.Code == "CB-CS-BAO" && u.Kind == "base_cell" }) {
			t.Errorf("the bloc's base cell is not among its children: %s", got.Body)
		}
	}
	return []mxRow{
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		// Reading at the new kinds (before the rows below add units): the subtree's officers and
		// readers, and the units below (none of the columns sits below them); a sibling's
		// subtree is 404.
		{op: "getUnit", target: "DUBP-SCT-KD (comm's child)", build: get("/api/v1/units/" + unit("DUBP-SCT-KD")),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}, check: kinds("partial_committee")},
		{op: "getUnit", target: "CB-KD1 (comm's grandchild)", build: get("/api/v1/units/" + unit("CB-KD1")),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}},
		{op: "getUnit", target: "CB-CS-BAO (base cell)", build: get("/api/v1/units/" + unit("CB-CS-BAO")),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 200}, check: kinds("base_cell")},
		{op: "listUnitChildren", target: "DUBP-SCT-KD", build: get("/api/v1/units/" + unit("DUBP-SCT-KD") + "/children"),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}, check: mxListed(map[string][]string{"committee.officer": {"CB-KD1"}})},
		{op: "listUnitChildren", target: "KHOI-CQDN (with its base cell)", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/children?limit=100"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxAll(mxListed(map[string][]string{"cell.secretary": {"DU-SCT"}, "committee.officer": {"DU-SCT"}}), hasBase)},
		{op: "listUnitAncestors", target: "CB-KD1 (comm's grandchild)", build: get("/api/v1/units/" + unit("CB-KD1") + "/ancestors"),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}, check: mxListed(map[string][]string{"committee.officer": {"KHOI-CQDN", "DU-SCT", "DUBP-SCT-KD"}})},
		{op: "listUnitAncestors", target: "CB-CS-BAO", build: get("/api/v1/units/" + unit("CB-CS-BAO") + "/ancestors"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 200}, check: mxListed(map[string][]string{"bloc.officer": {"KHOI-CQDN"}})},
		{op: "listUnitAncestors", target: "CB-VP (cs's own)", build: get("/api/v1/units/" + unit("CB-VP") + "/ancestors"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxListed(map[string][]string{"member": {"KHOI-CQDN", "DU-SCT"}})},
		{op: "listUnitAncestors", target: "KHOI-CQDN (a root)", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/ancestors"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxListed(map[string][]string{"admin": {}, "cell.secretary2": {}})},
		{op: "listUnitAncestors", target: "foreign bloc's cell", build: get("/api/v1/units/" + unit("MX-CB") + "/ancestors"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 2})},
		// The models of the new kinds, own and below: the same rules as at a committee and a cell.
		{op: "listModels", target: "CB-KD1 (comm's grandchild)", build: get("/api/v1/units/" + unit("CB-KD1") + "/models"),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}, check: mxCount(map[string]int{"committee.officer": 1, "portal": 1})},
		{op: "listModels", target: "CB-CS-BAO", build: get("/api/v1/units/" + unit("CB-CS-BAO") + "/models"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 200}, check: mxCount(map[string]int{"bloc.officer": 1, "portal": 1})},
		{op: "listModels", target: "DUBP-SCT-KD", build: get("/api/v1/units/" + unit("DUBP-SCT-KD") + "/models"),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}, check: mxCount(map[string]int{"committee.officer": 1, "portal": 0})},
		// Updating any kind: renaming at or above the unit, recoding one level up (a root's by
		// administrators only).
		{op: "updateUnit", target: "DUBP-SCT-KD (comm's child)", build: renameAt("DUBP-SCT-KD"),
			want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 403}, check: kinds("partial_committee")},
		{op: "updateUnit", target: "CB-KD1 (comm's grandchild)", build: renameAt("CB-KD1"),
			want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 403}},
		{op: "updateUnit", target: "CB-CS-BAO", build: renameAt("CB-CS-BAO"),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 403}, check: kinds("base_cell")},
		{op: "updateUnit", target: "DUBP-SCT-KD: code", build: patchUnit("/api/v1/units/", "DUBP-SCT-KD", recode("DUBP-SCT-KD")),
			want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 403}},
		{op: "updateUnit", target: "KHOI-CQDN (a root): code", build: patchUnit("/api/v1/units/", "KHOI-CQDN", recode("KHOI-CQDN")),
			want: mxCodes{401, 200, 403, 403, 403, 403, 403, 403, 403}},
		{op: "updateUnit", target: "foreign bloc's cell", build: renameAt("MX-CB"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		// Roots: administrators only, of a kind that may be one.
		{op: "createRootUnit", target: "province", build: create("", "province", "MX-TU"),
			want: mxCodes{401, 201, 403, 403, 403, 403, 403, 403, 403}, check: kinds("province")},
		{op: "createRootUnit", target: "bloc", build: create("", "bloc", "MX-KH"),
			want: mxCodes{401, 201, 403, 403, 403, 403, 403, 403, 403}, check: kinds("bloc")},
		{op: "createRootUnit", target: "committee (never a root)", build: create("", "committee", "MX-DR"),
			want: mxCodes{401, 422, 403, 403, 403, 403, 403, 403, 403}, problems: map[string]string{"admin": "wrong_parent_kind"}},
		// Children of any kind: the officers at or above the parent (officers create, inspectors,
		// secretaries and portals do not), where the table allows the kind.
		{op: "createUnitChild", target: "partial committee in DU-SCT (comm's own)", build: create("DU-SCT", "partial_committee", "MX-BP"),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}, check: kinds("partial_committee")},
		{op: "createUnitChild", target: "cell in DUBP-SCT-KD (comm's child)", build: create("DUBP-SCT-KD", "cell", "MX-CK"),
			want: mxCodes{401, 201, 201, 403, 201, 404, 404, 404, 403}, check: kinds("cell")},
		{op: "createUnitChild", target: "base cell in KHOI-CQDN", build: create("KHOI-CQDN", "base_cell", "MX-CS"),
			want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403}, check: kinds("base_cell")},
		{op: "createUnitChild", target: "cell in CB-CS-BAO (a leaf)", build: create("CB-CS-BAO", "cell", "MX-CL"),
			want: mxCodes{401, 422, 422, 403, 404, 404, 404, 404, 403}, problems: map[string]string{"admin": "wrong_parent_kind", "bloc.officer": "wrong_parent_kind"}},
		{op: "createUnitChild", target: "cell in CB-KD1 (comm's grandchild, a leaf)", build: create("CB-KD1", "cell", "MX-CG"),
			want: mxCodes{401, 422, 422, 403, 422, 404, 404, 404, 403}},
		{op: "createUnitChild", target: "committee in foreign bloc", build: create("MX-BLOC", "committee", "MX-FD"),
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},
	}
}
