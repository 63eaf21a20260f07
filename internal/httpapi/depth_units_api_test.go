package httpapi_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/uuid"
)

// Full-stack tests of the tree at any depth (issue #15): the routes for any kind, the parent
// table, the ancestors, and the roles held at the new kinds.

// unitsCodes lists the codes of a page of units.
func unitsCodes(l apiUnitList) []string {
	out := []string{}
	for _, u := range l.Items {
		out = append(out, u.Code+":"+u.Kind)
	}
	slices.Sort(out)
	return out
}

// createKind creates a unit of kind under parent code (a root when parent is "") as user,
// registers it in e.units, and returns the answer.
func (e *env) createKind(user, parent, kind, code string) resp {
	e.t.Helper()
	path := "/api/v1/units"
	if parent != "" {
		path = "/api/v1/units/" + e.units[parent].String() + "/children"
	}
	got := e.do(req{Method: "POST", Path: path, User: user, Body: map[string]string{"kind": kind, "code": code, "name": "Đơn vị " + code}})
	if got.Status == http.StatusCreated {
		var u apiUnit
		got.Decode(e.t, &u)
		e.units[code] = uuid.MustParse(u.ID)
		if u.Kind != kind || u.Code != code || got.Header.Get("Location") != "/api/v1/units/"+u.ID {
			e.t.Fatalf("created %+v at %s", u, got.Header.Get("Location"))
		}
	}
	return got
}

// TestUnitKindsAnyDepth creates every kind where the table allows it, is refused elsewhere,
// and walks the tree down (children) and up (ancestors) over the demo's deeper shapes.
func TestUnitKindsAnyDepth(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	created := func(got resp) {
		t.Helper()
		if got.Status != http.StatusCreated {
			t.Fatalf("status %d, want 201\n%s", got.Status, got.Body)
		}
	}
	before := e.count("units", "")

	// Roots: a province by an administrator; a committee cannot be one; nobody else creates roots.
	created(e.createKind("admin", "", "province", "TU-TEST"))
	problem(t, e.createKind("admin", "", "committee", "DU-ROOT"), 422, "wrong_parent_kind")
	problem(t, e.createKind("bloc.officer", "", "province", "TU-NOPE"), 403, "forbidden")
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/units", Body: map[string]string{"kind": "province", "code": "X", "name": "x"}}), 401, "unauthenticated")
	problem(t, e.createKind("admin", "", "district", "H-1"), 400, "validation")

	// Under the province: a bloc, a committee, a base cell; never a cell or a partial committee.
	created(e.createKind("admin", "TU-TEST", "bloc", "KHOI-T"))
	created(e.createKind("admin", "TU-TEST", "base_cell", "CBCS-T"))
	created(e.createKind("admin", "TU-TEST", "committee", "DU-T"))
	problem(t, e.createKind("admin", "TU-TEST", "cell", "CB-T"), 422, "wrong_parent_kind")
	problem(t, e.createKind("admin", "TU-TEST", "partial_committee", "DUBP-T"), 422, "wrong_parent_kind")
	problem(t, e.createKind("admin", "KHOI-T", "province", "TU-IN"), 422, "wrong_parent_kind")

	// In the demo bloc: its officer adds a base cell; a committee officer adds a partial
	// committee and a cell under it; nothing goes under a cell or a base cell.
	created(e.createKind("bloc.officer", "KHOI-CQDN", "base_cell", "CBCS-2"))
	created(e.createKind("committee.officer", "DU-SCT", "partial_committee", "DUBP-2"))
	created(e.createKind("partial.officer", "DUBP-SCT-KD", "cell", "CB-KD2"))
	problem(t, e.createKind("committee.officer", "DUBP-2", "partial_committee", "DUBP-3"), 422, "wrong_parent_kind")
	problem(t, e.createKind("admin", "CB-CS-BAO", "cell", "CB-X"), 422, "wrong_parent_kind")
	problem(t, e.createKind("admin", "CB-VP", "cell", "CB-Y"), 422, "wrong_parent_kind")
	problem(t, e.createKind("cell.secretary3", "DUBP-SCT-KD", "cell", "CB-Z"), 403, "forbidden")
	problem(t, e.createKind("partial.officer", "DU-SCT", "partial_committee", "DUBP-4"), 403, "forbidden")
	problem(t, e.createKind("cell.secretary2", "DU-SCT", "partial_committee", "DUBP-5"), 404, "not_found")
	problem(t, e.createKind("committee.officer", "DU-SCT", "partial_committee", "dubp-2"), 409, "duplicate")
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/units/" + e.units["DUBP-2"].String(), User: "committee.officer",
		Body: map[string]any{"archived": true}, Header: map[string]string{"If-Match": `"1"`}})
	problem(t, e.createKind("committee.officer", "DUBP-2", "cell", "CB-W"), 409, "parent_archived")
	if n := e.count("units", ""); n != before+7 {
		t.Fatalf("%d units created, want 7 (refusals write nothing)", n-before)
	}

	// Children of any kind, on the generic and the per-level routes.
	kids := func(user, path string) []string { return unitsCodes(e.listUnits(user, path)) }
	if got, want := kids("committee.officer", "/api/v1/committees/"+e.units["DU-SCT"].String()+"/cells"),
		[]string{"CB-KTAT:cell", "CB-QLTM:cell", "CB-VP:cell", "DUBP-SCT-KD:partial_committee"}; !slices.Equal(got, want) {
		t.Errorf("DU-SCT's children %v, want %v", got, want)
	}
	if got, want := kids("partial.officer", "/api/v1/units/"+e.units["DUBP-SCT-KD"].String()+"/children"),
		[]string{"CB-KD1:cell", "CB-KD2:cell"}; !slices.Equal(got, want) {
		t.Errorf("the partial committee's children %v, want %v", got, want)
	}
	if got := kids("bloc.officer", "/api/v1/blocs/"+e.units["KHOI-CQDN"].String()+"/committees"); !slices.Contains(got, "CB-CS-BAO:base_cell") || !slices.Contains(got, "DU-SCT:committee") {
		t.Errorf("the bloc's children %v lack its base cell or committee", got)
	}
	// Read only as an ancestor, a unit shows only the way down to the caller.
	if got, want := kids("cell.secretary3", "/api/v1/units/"+e.units["DU-SCT"].String()+"/children"), []string{"DUBP-SCT-KD:partial_committee"}; !slices.Equal(got, want) {
		t.Errorf("DU-SCT's children for its partial committee's cell %v, want %v", got, want)
	}
	if got, want := kids("admin", "/api/v1/units/"+e.units["TU-TEST"].String()+"/children"),
		[]string{"CBCS-T:base_cell", "DU-T:committee", "KHOI-T:bloc"}; !slices.Equal(got, want) {
		t.Errorf("the province's children %v, want %v", got, want)
	}
	if got := kids("admin", "/api/v1/blocs"); !slices.Contains(got, "TU-TEST:province") || slices.Contains(got, "KHOI-T:bloc") {
		t.Errorf("/blocs lists the roots: %v", got)
	}

	// Ancestors, root first, whatever the depth; a root has none; the same read rules as the unit.
	ancestors := func(user, code string) []string {
		var l struct{ Items []apiUnit }
		e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units[code].String() + "/ancestors", User: user}).Decode(t, &l)
		out := []string{}
		for _, a := range l.Items {
			out = append(out, a.Code+":"+a.Kind)
		}
		return out
	}
	if got, want := ancestors("cell.secretary3", "CB-KD1"), []string{"KHOI-CQDN:bloc", "DU-SCT:committee", "DUBP-SCT-KD:partial_committee"}; !slices.Equal(got, want) {
		t.Errorf("CB-KD1's ancestors %v, want %v", got, want)
	}
	if got, want := ancestors("basecell.secretary", "CB-CS-BAO"), []string{"KHOI-CQDN:bloc"}; !slices.Equal(got, want) {
		t.Errorf("CB-CS-BAO's ancestors %v, want %v", got, want)
	}
	if got, want := ancestors("admin", "KHOI-T"), []string{"TU-TEST:province"}; !slices.Equal(got, want) {
		t.Errorf("KHOI-T's ancestors %v, want %v", got, want)
	}
	if got := ancestors("admin", "TU-TEST"); len(got) != 0 {
		t.Errorf("a root's ancestors %v", got)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-KD1"].String() + "/ancestors", User: "basecell.secretary"}), 404, "not_found")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + uuid.NewString() + "/ancestors", User: "admin"}), 404, "not_found")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-KD1"].String() + "/ancestors"}), 401, "unauthenticated")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/not-a-uuid/ancestors", User: "admin"}), 400, "validation")
	var d apiUnit
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-KD1"].String(), User: "cell.secretary3"}).Decode(t, &d)
	if len(d.Ancestors) != 3 || d.Ancestors[2].Code != "DUBP-SCT-KD" {
		t.Errorf("GET /units/{id} ancestors %+v", d.Ancestors)
	}
}

// TestRolesAtNewKinds grants the officer roles at the kinds of their level, and refuses them
// elsewhere.
func TestRolesAtNewKinds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if e.createKind("admin", "", "province", "TU-R").Status != http.StatusCreated {
		t.Fatal("province not created")
	}
	id := e.nomUser("roles.user", "Người dùng thử", "CB-KD1")
	grant := func(role, unit string) resp {
		return e.do(req{Method: "POST", Path: "/api/v1/users/" + id.String() + "/roles", User: "admin", Body: map[string]any{"role": role, "unit_id": e.units[unit]}})
	}
	for _, ok := range [][2]string{{"bloc_officer", "TU-R"}, {"committee_officer", "DUBP-SCT-KD"}, {"committee_officer", "CB-CS-BAO"},
		{"cell_secretary", "CB-CS-BAO"}, {"cell_secretary", "CB-KD1"}, {"inspector", "DUBP-SCT-KD"}} {
		if got := grant(ok[0], ok[1]); got.Status != http.StatusCreated {
			t.Errorf("%s at %s: %d\n%s", ok[0], ok[1], got.Status, got.Body)
		}
	}
	for _, bad := range [][2]string{{"cell_secretary", "DUBP-SCT-KD"}, {"bloc_officer", "DUBP-SCT-KD"}, {"committee_officer", "TU-R"}, {"bloc_officer", "CB-CS-BAO"}} {
		problem(t, grant(bad[0], bad[1]), 422, "role_unit_kind")
	}
	// The partial committee's officer grants inside its subtree, not above it.
	target := e.nomUser("roles.user2", "Người dùng thử 2", "CB-KD1")
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users/" + target.String() + "/roles", User: "partial.officer",
		Body: map[string]any{"role": "cell_secretary", "unit_id": e.units["CB-KD1"]}})
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/users/" + target.String() + "/roles", User: "partial.officer",
		Body: map[string]any{"role": "cell_secretary", "unit_id": e.units["CB-VP"]}}), 404, "not_found")
}

// flatTree takes the demo's deeper shapes (seed/depth.go: DUBP-SCT-KD, CB-KD1, CB-CS-BAO) out
// of the way of the tests written for the bloc → committee → cell tree, whose every count they
// spell out: their models, nominations and standards are deleted and the units archived (an
// archived unit opens no report in a new round and counts in no coverage). The deeper shapes
// have tests of their own (depth_*_api_test.go, matrix_depth_test.go).
func (e *env) flatTree() {
	e.t.Helper()
	db, err := e.store.SQL()
	if err != nil {
		e.t.Fatal(err)
	}
	deep := "(SELECT id FROM units WHERE code IN ('DUBP-SCT-KD', 'CB-KD1', 'CB-CS-BAO'))"
	for _, q := range []string{
		"DELETE FROM standard_adoptions WHERE unit_id IN " + deep,
		"DELETE FROM standards WHERE unit_id IN " + deep,
		"DELETE FROM nominations WHERE unit_id IN " + deep, // their events go with them
		"DELETE FROM models WHERE unit_id IN " + deep,      // and their evaluations
		"UPDATE units SET archived = true WHERE id IN " + deep,
	} {
		if _, err := db.Exec(q); err != nil {
			e.t.Fatalf("%s: %v", q, err)
		}
	}
}
