package httpapi_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// Full-stack tests of the unit tree: /blocs, /committees, /cells, /units.

// apiUnit is the JSON form of a unit (and of a unit detail with ancestors).
type apiUnit struct {
	ID             string    `json:"id"`
	Kind           string    `json:"kind"`
	Code           string    `json:"code"`
	Name           string    `json:"name"`
	ParentID       *string   `json:"parent_id"`
	Archived       bool      `json:"archived"`
	Version        int64     `json:"version"`
	AllowedActions []string  `json:"allowed_actions"`
	Ancestors      []apiUnit `json:"ancestors"`
}

// apiUnitList is a page of units.
type apiUnitList struct {
	Items      []apiUnit `json:"items"`
	NextCursor *string   `json:"next_cursor"`
}

// forT returns a copy of e whose failures are reported on t, for use inside subtests
// (e.must fails the test it was built for, which must be the running one).
func (e *env) forT(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

// createCellAPI creates a cell under committee code as user and returns it.
func (e *env) createCellAPI(user, committee, code, name string) apiUnit {
	e.t.Helper()
	var u apiUnit
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/committees/" + e.units[committee].String() + "/cells", User: user,
		Body: map[string]string{"code": code, "name": name}}).Decode(e.t, &u)
	return u
}

// listUnits GETs path and decodes the page.
func (e *env) listUnits(user, path string) apiUnitList {
	e.t.Helper()
	var l apiUnitList
	e.must(http.StatusOK, req{Method: "GET", Path: path, User: user}).Decode(e.t, &l)
	return l
}

func unitCodes(us []apiUnit) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Code
	}
	return out
}

func TestUnitCreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	bloc, sct := e.units["KHOI-CQDN"], e.units["DU-SCT"]

	t.Run("committee", func(t *testing.T) {
		e := e.forT(t)
		got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/blocs/" + bloc.String() + "/committees", User: "bloc.officer",
			Body: map[string]string{"code": "DU-SGD", "name": "Đảng ủy Sở Giáo dục"}})
		var u apiUnit
		got.Decode(t, &u)
		if u.Kind != "committee" || u.Code != "DU-SGD" || u.Name != "Đảng ủy Sở Giáo dục" || u.ParentID == nil || *u.ParentID != bloc.String() ||
			u.Version != 1 || u.Archived {
			t.Fatalf("unexpected committee: %s", got.Body)
		}
		if loc := got.Header.Get("Location"); loc != "/api/v1/units/"+u.ID {
			t.Fatalf("Location %q, want /api/v1/units/%s", loc, u.ID)
		}
		if et := got.Header.Get("ETag"); et != `"1"` {
			t.Fatalf("ETag %q, want \"1\"", et)
		}
		if !slices.Contains(u.AllowedActions, "create_child") || !slices.Contains(u.AllowedActions, "update") {
			t.Fatalf("allowed_actions %v lack create_child/update for the bloc officer", u.AllowedActions)
		}
		// The Location answers.
		var again apiUnit
		e.must(http.StatusOK, req{Method: "GET", Path: got.Header.Get("Location"), User: "bloc.officer"}).Decode(t, &again)
		if again.ID != u.ID || again.Kind != "committee" {
			t.Fatalf("GET Location gave %+v", again)
		}
	})

	t.Run("cell with NFD name is stored NFC and trimmed", func(t *testing.T) {
		e := e.forT(t)
		want := "Chi bộ Kế hoạch"
		nfd := norm.NFD.String(want)
		if nfd == want {
			t.Fatal("test setup: NFD form equals NFC")
		}
		got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/committees/" + sct.String() + "/cells", User: "committee.officer",
			Body: map[string]string{"code": "CB-KH", "name": "  " + nfd + "\t "}})
		var u apiUnit
		got.Decode(t, &u)
		if u.Name != want || u.Kind != "cell" || u.ParentID == nil || *u.ParentID != sct.String() {
			t.Fatalf("name %q (% x), want NFC %q; body %s", u.Name, u.Name, want, got.Body)
		}
		if slices.Contains(u.AllowedActions, "create_child") {
			t.Fatalf("a cell offers create_child: %v", u.AllowedActions)
		}
		if n := e.count("units", "id = $1 AND name = $2", u.ID, want); n != 1 {
			t.Fatalf("stored name is not the NFC, trimmed form (%d rows match)", n)
		}
	})

	t.Run("duplicate code, case-insensitive", func(t *testing.T) {
		e := e.forT(t)
		before := e.count("units", "")
		got := e.do(req{Method: "POST", Path: "/api/v1/committees/" + sct.String() + "/cells", User: "committee.officer",
			Body: map[string]string{"code": "cb-vp", "name": "Chi bộ Văn phòng 2"}})
		problem(t, got, http.StatusConflict, "duplicate")
		if n := e.count("units", ""); n != before {
			t.Fatalf("units: %d rows, want %d", n, before)
		}
		if n := e.count("units", "name = $1", "Chi bộ Văn phòng 2"); n != 0 {
			t.Fatal("the duplicate was written")
		}
	})

	t.Run("cell under a bloc", func(t *testing.T) {
		e := e.forT(t)
		got := e.do(req{Method: "POST", Path: "/api/v1/committees/" + bloc.String() + "/cells", User: "bloc.officer",
			Body: map[string]string{"code": "CB-LAC", "name": "Chi bộ lạc chỗ"}})
		problem(t, got, http.StatusUnprocessableEntity, "wrong_parent_kind")
		if n := e.count("units", "code = $1", "CB-LAC"); n != 0 {
			t.Fatal("a cell was written under the bloc")
		}
	})

	t.Run("committee under a committee", func(t *testing.T) {
		e := e.forT(t)
		got := e.do(req{Method: "POST", Path: "/api/v1/blocs/" + sct.String() + "/committees", User: "bloc.officer",
			Body: map[string]string{"code": "DU-LAC", "name": "Đảng ủy lạc chỗ"}})
		problem(t, got, http.StatusUnprocessableEntity, "wrong_parent_kind")
		if n := e.count("units", "code = $1", "DU-LAC"); n != 0 {
			t.Fatal("a committee was written under a committee")
		}
	})

	t.Run("access", func(t *testing.T) {
		e := e.forT(t)
		body := map[string]string{"code": "CB-X", "name": "Chi bộ X"}
		problem(t, e.do(req{Method: "POST", Path: "/api/v1/committees/" + sct.String() + "/cells", User: "cell.secretary", Body: body}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: "/api/v1/committees/" + e.units["DU-STP"].String() + "/cells", User: "committee.officer", Body: body}), 404, "not_found")
		problem(t, e.do(req{Method: "POST", Path: "/api/v1/blocs", User: "bloc.officer", Body: body}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: "/api/v1/committees/" + sct.String() + "/cells", Body: body}), 401, "unauthenticated")
		if n := e.count("units", "code = $1", "CB-X"); n != 0 {
			t.Fatal("a refused create wrote a unit")
		}
	})
}

func TestUnitGetByLevel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cases := []struct {
		path string
		want int
	}{
		{"/api/v1/blocs/" + e.units["KHOI-CQDN"].String(), 200},
		{"/api/v1/blocs/" + e.units["DU-SCT"].String(), 404},
		{"/api/v1/blocs/" + e.units["CB-VP"].String(), 404},
		{"/api/v1/committees/" + e.units["DU-SCT"].String(), 200},
		{"/api/v1/committees/" + e.units["KHOI-CQDN"].String(), 404},
		{"/api/v1/committees/" + e.units["CB-VP"].String(), 404},
		{"/api/v1/cells/" + e.units["CB-VP"].String(), 200},
		{"/api/v1/cells/" + e.units["DU-SCT"].String(), 404},
		{"/api/v1/units/" + e.units["DU-SCT"].String(), 200},
		{"/api/v1/units/0190aaaa-0000-7000-8000-000000000000", 404},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			got := e.forT(t).do(req{Method: "GET", Path: c.path, User: "admin"})
			if c.want == 200 {
				if got.Status != 200 || got.Header.Get("ETag") == "" {
					t.Fatalf("status %d ETag %q\n%s", got.Status, got.Header.Get("ETag"), got.Body)
				}
				return
			}
			problem(t, got, c.want, "not_found")
		})
	}
}

func TestUnitRequestValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cells := "/api/v1/committees/" + e.units["DU-SCT"].String() + "/cells"
	cases := []struct {
		name    string
		body    any
		field   string // a field errors[] must name ("" = any)
		content string
	}{
		{name: "malformed JSON", body: `{"code": "CB-Z", "name": `},
		{name: "unknown field", body: map[string]any{"code": "CB-Z", "name": "Chi bộ Z", "extra": 1}, field: "/extra"},
		{name: "wrong type", body: map[string]any{"code": "CB-Z", "name": 5}, field: "/name"},
		{name: "name too long", body: map[string]any{"code": "CB-Z", "name": strings.Repeat("ệ", 256)}, field: "/name"},
		{name: "empty name", body: map[string]any{"code": "CB-Z", "name": ""}, field: "/name"},
		{name: "code with spaces", body: map[string]any{"code": "CB Z", "name": "Chi bộ Z"}, field: "/code"},
		{name: "code missing", body: map[string]any{"name": "Chi bộ Z"}},
		{name: "not an object", body: `[1,2]`},
		{name: "empty body", body: ``},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := e.forT(t)
			got := e.do(req{Method: "POST", Path: cells, User: "committee.officer", Body: c.body, Content: c.content})
			p := problem(t, got, http.StatusBadRequest, "validation")
			errs, _ := p["errors"].([]any)
			if len(errs) == 0 {
				t.Fatalf("no errors[]: %s", got.Body)
			}
			if c.field != "" {
				found := false
				for _, fe := range errs {
					if m, _ := fe.(map[string]any); m["field"] == c.field {
						found = true
					}
				}
				if !found {
					t.Fatalf("errors[] does not name %s: %s", c.field, got.Body)
				}
			}
		})
	}
	if n := e.count("units", "code = 'CB-Z'"); n != 0 {
		t.Fatal("an invalid request wrote a unit")
	}

	t.Run("wrong content type", func(t *testing.T) {
		got := e.forT(t).do(req{Method: "POST", Path: cells, User: "committee.officer", Body: `code=CB-Z&name=Z`, Content: "application/x-www-form-urlencoded"})
		if got.Status < 400 || got.Status >= 500 || got.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("status %d %q\n%s", got.Status, got.Header.Get("Content-Type"), got.Body)
		}
	})

	t.Run("body over 1 MiB", func(t *testing.T) {
		big := fmt.Sprintf(`{"code":"CB-BIG","name":%q}`, strings.Repeat("a", 1<<20+10))
		got := e.forT(t).do(req{Method: "POST", Path: cells, User: "committee.officer", Body: big})
		p := problem(t, got, http.StatusRequestEntityTooLarge, "body_too_large")
		if p["detail"] == "" {
			t.Fatalf("no detail: %s", got.Body)
		}
	})

	t.Run("body over 1 MiB without Content-Length", func(t *testing.T) {
		e := e.forT(t)
		big := fmt.Sprintf(`{"code":"CB-BIG","name":%q}`, strings.Repeat("a", 1<<20+10))
		hr, _ := http.NewRequest("POST", cells, struct{ *bytes.Reader }{bytes.NewReader([]byte(big))}) // hides the length
		hr.Header.Set("Content-Type", "application/json")
		hr.Header.Set("Authorization", "Bearer "+e.token("committee.officer"))
		if hr.ContentLength != 0 {
			t.Fatalf("test setup: ContentLength %d", hr.ContentLength)
		}
		hr.ContentLength = -1
		problem(t, e.serve(hr), http.StatusRequestEntityTooLarge, "body_too_large")
	})
	if n := e.count("units", "code = 'CB-BIG'"); n != 0 {
		t.Fatal("an oversized request wrote a unit")
	}
}

func TestUnitPatchConditional(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cell := e.createCellAPI("committee.officer", "DU-SCT", "CB-TC", "Chi bộ Tổ chức")
	path := "/api/v1/cells/" + cell.ID

	// A stale If-Match is refused and changes nothing.
	got := e.do(req{Method: "PATCH", Path: path, User: "committee.officer", Header: map[string]string{"If-Match": `"7"`},
		Body: map[string]string{"name": "Chi bộ Đổi tên"}})
	problem(t, got, http.StatusPreconditionFailed, "stale_version")
	if n := e.count("units", "id = $1 AND name = 'Chi bộ Tổ chức' AND version = 1", cell.ID); n != 1 {
		t.Fatal("a stale PATCH changed the unit")
	}
	problem(t, e.do(req{Method: "PATCH", Path: path, User: "committee.officer", Header: map[string]string{"If-Match": `"abc"`},
		Body: map[string]string{"name": "Chi bộ Đổi tên"}}), http.StatusPreconditionFailed, "stale_version")

	// The current ETag works, bumps the version and gives a new ETag.
	cur := e.must(http.StatusOK, req{Method: "GET", Path: path, User: "committee.officer"}).Header.Get("ETag")
	got = e.must(http.StatusOK, req{Method: "PATCH", Path: path, User: "committee.officer", Header: map[string]string{"If-Match": cur},
		Body: map[string]string{"name": "  Chi bộ Đổi tên "}})
	var u apiUnit
	got.Decode(t, &u)
	if u.Version != 2 || u.Name != "Chi bộ Đổi tên" || u.Code != "CB-TC" {
		t.Fatalf("after PATCH: %s", got.Body)
	}
	if et := got.Header.Get("ETag"); et != `"2"` || et == cur {
		t.Fatalf("ETag after PATCH %q (was %q)", et, cur)
	}
	// The old ETag is now stale.
	problem(t, e.do(req{Method: "PATCH", Path: path, User: "committee.officer", Header: map[string]string{"If-Match": cur},
		Body: map[string]string{"code": "CB-TC2"}}), http.StatusPreconditionFailed, "stale_version")
	if n := e.count("units", "id = $1 AND code = 'CB-TC' AND version = 2", cell.ID); n != 1 {
		t.Fatal("the second stale PATCH changed the unit")
	}

	// Empty patch and unknown fields fail the contract.
	problem(t, e.do(req{Method: "PATCH", Path: path, User: "committee.officer", Body: map[string]any{}}), http.StatusBadRequest, "validation")
	problem(t, e.do(req{Method: "PATCH", Path: path, User: "committee.officer", Body: map[string]any{"parent_id": e.units["DU-STP"]}}),
		http.StatusBadRequest, "validation")
	// Recoding to an existing code is a duplicate.
	problem(t, e.do(req{Method: "PATCH", Path: path, User: "committee.officer", Body: map[string]any{"code": "cb-vp"}}), http.StatusConflict, "duplicate")
	// PATCH through the wrong level is 404; a cell secretary may not rename their cell.
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/committees/" + cell.ID, User: "committee.officer", Body: map[string]any{"name": "X"}}),
		http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "PATCH", Path: "/api/v1/cells/" + e.units["CB-VP"].String(), User: "cell.secretary", Body: map[string]any{"name": "X"}}),
		http.StatusForbidden, "forbidden")

	// Conditional GET: a GET's ETag is the version plus a hash of the body; a matching
	// If-None-Match is 304 with no body; a stale one gets the body.
	current := e.must(http.StatusOK, req{Method: "GET", Path: path, User: "committee.officer"}).Header.Get("ETag")
	if !strings.HasPrefix(current, `"2-`) {
		t.Fatalf("GET ETag %q, want the version 2 and a body hash", current)
	}
	got = e.do(req{Method: "GET", Path: path, User: "committee.officer", Header: map[string]string{"If-None-Match": current}})
	if got.Status != http.StatusNotModified || len(got.Body) != 0 {
		t.Fatalf("If-None-Match current: status %d, body %q", got.Status, got.Body)
	}
	if got.Header.Get("ETag") != current {
		t.Fatalf("304 without the ETag: %v", got.Header)
	}
	// The version alone is not enough to revalidate: the body may have changed without it.
	if got := e.do(req{Method: "GET", Path: path, User: "committee.officer", Header: map[string]string{"If-None-Match": `"2"`}}); got.Status != http.StatusOK {
		t.Fatalf("If-None-Match with the bare version: %d", got.Status)
	}
	// And the GET's tag is accepted as If-Match by writes.
	e.must(http.StatusOK, req{Method: "PATCH", Path: path, User: "committee.officer", Header: map[string]string{"If-Match": current},
		Body: map[string]any{"name": "Chi bộ Đổi tên"}})
	got = e.do(req{Method: "GET", Path: path, User: "committee.officer", Header: map[string]string{"If-None-Match": `"1"`}})
	if got.Status != http.StatusOK || got.JSON(t)["id"] != cell.ID {
		t.Fatalf("If-None-Match stale: status %d\n%s", got.Status, got.Body)
	}
	unitTag := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + cell.ID, User: "committee.officer"}).Header.Get("ETag")
	got = e.do(req{Method: "GET", Path: "/api/v1/units/" + cell.ID, User: "committee.officer", Header: map[string]string{"If-None-Match": "W/" + unitTag}})
	if got.Status != http.StatusNotModified || len(got.Body) != 0 {
		t.Fatalf("/units If-None-Match weak: status %d, body %q", got.Status, got.Body)
	}
	// Outside the read scope, If-None-Match does not leak existence.
	problem(t, e.do(req{Method: "GET", Path: path, User: "cell.secretary2", Header: map[string]string{"If-None-Match": `"2"`}}),
		http.StatusNotFound, "not_found")
}

func TestUnitArchiveAndDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cells := "/api/v1/committees/" + e.units["DU-SCT"].String() + "/cells"

	arch := e.createCellAPI("committee.officer", "DU-SCT", "CB-LT", "Chi bộ Lưu trữ")
	got := e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/cells/" + arch.ID, User: "committee.officer", Body: map[string]any{"archived": true}})
	if got.JSON(t)["archived"] != true {
		t.Fatalf("not archived: %s", got.Body)
	}
	if codes := unitCodes(e.listUnits("committee.officer", cells).Items); slices.Contains(codes, "CB-LT") || !slices.Contains(codes, "CB-VP") {
		t.Fatalf("default list %v: want CB-VP without the archived CB-LT", codes)
	}
	if codes := unitCodes(e.listUnits("committee.officer", cells+"?include_archived=true").Items); !slices.Contains(codes, "CB-LT") {
		t.Fatalf("include_archived list %v lacks CB-LT", codes)
	}
	if codes := unitCodes(e.listUnits("committee.officer", "/api/v1/units/"+e.units["DU-SCT"].String()+"/children?include_archived=true").Items); !slices.Contains(codes, "CB-LT") {
		t.Fatalf("children include_archived %v lacks CB-LT", codes)
	}
	// Nothing may be created under an archived unit... (a cell has no children, so archive a committee)
	com := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/blocs/" + e.units["KHOI-CQDN"].String() + "/committees", User: "bloc.officer",
		Body: map[string]string{"code": "DU-CU", "name": "Đảng ủy cũ"}}).JSON(t)
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/committees/" + com["id"].(string), User: "bloc.officer", Body: map[string]any{"archived": true}})
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/committees/" + com["id"].(string) + "/cells", User: "bloc.officer",
		Body: map[string]string{"code": "CB-MOI", "name": "Chi bộ mới"}}), http.StatusConflict, "parent_archived")

	// A fresh, empty unit can be deleted.
	fresh := e.createCellAPI("committee.officer", "DU-SCT", "CB-TAM", "Chi bộ Tạm")
	problem(t, e.do(req{Method: "DELETE", Path: "/api/v1/units/" + fresh.ID, User: "committee.officer", Header: map[string]string{"If-Match": `"5"`}}),
		http.StatusPreconditionFailed, "stale_version")
	problem(t, e.do(req{Method: "DELETE", Path: "/api/v1/units/" + fresh.ID, User: "cell.secretary"}), http.StatusNotFound, "not_found")
	got = e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/units/" + fresh.ID, User: "committee.officer", Header: map[string]string{"If-Match": `"1"`}})
	if len(got.Body) != 0 {
		t.Fatalf("204 with a body: %q", got.Body)
	}
	if n := e.count("units", "id = $1", fresh.ID); n != 0 {
		t.Fatal("the deleted unit is still there")
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + fresh.ID, User: "committee.officer"}), http.StatusNotFound, "not_found")

	// A unit with children (or users) cannot.
	problem(t, e.do(req{Method: "DELETE", Path: "/api/v1/units/" + e.units["DU-SCT"].String(), User: "bloc.officer"}), http.StatusConflict, "unit_has_records")
	problem(t, e.do(req{Method: "DELETE", Path: "/api/v1/units/" + e.units["CB-VP"].String(), User: "committee.officer"}), http.StatusConflict, "unit_has_records")
	if n := e.count("units", "id IN ($1, $2)", e.units["DU-SCT"], e.units["CB-VP"]); n != 2 {
		t.Fatalf("refused deletes removed units: %d left", n)
	}
}

func TestUnitDetailAndChildren(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var d apiUnit
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["CB-VP"].String(), User: "member"}).Decode(t, &d)
	if d.Kind != "cell" || d.Code != "CB-VP" {
		t.Fatalf("got %+v", d)
	}
	if got := unitCodes(d.Ancestors); !slices.Equal(got, []string{"KHOI-CQDN", "DU-SCT"}) {
		t.Fatalf("ancestors %v, want [KHOI-CQDN DU-SCT]", got)
	}
	if d.Ancestors[0].Kind != "bloc" || d.Ancestors[1].Kind != "committee" || d.Ancestors[1].ID != e.units["DU-SCT"].String() ||
		d.Ancestors[1].Name != "Đảng ủy Sở Công Thương" {
		t.Fatalf("ancestors %+v", d.Ancestors)
	}
	if len(d.AllowedActions) != 0 {
		t.Fatalf("a member may do %v on their cell", d.AllowedActions)
	}
	var b apiUnit
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["KHOI-CQDN"].String(), User: "admin"}).Decode(t, &b)
	if b.Ancestors == nil || len(b.Ancestors) != 0 {
		t.Fatalf("a bloc's ancestors must be [], got %v", b.Ancestors)
	}

	cases := []struct {
		user, unit string
		want       []string // codes, in Vietnamese name order
	}{
		{"admin", "KHOI-CQDN", []string{"CB-CS-BAO", "DU-SCT", "DU-STP"}},
		{"committee.officer", "DU-SCT", []string{"CB-KTAT", "CB-QLTM", "CB-VP", "DUBP-SCT-KD"}},
		{"committee.officer", "KHOI-CQDN", []string{"DU-SCT"}}, // the bloc is readable only as an ancestor
		{"cell.secretary", "DU-SCT", []string{"CB-VP"}},
		{"inspector", "DU-STP", []string{"CB-BTTP", "CB-HCTP"}},
		{"admin", "CB-VP", []string{}},
	}
	for _, c := range cases {
		t.Run(c.user+" "+c.unit, func(t *testing.T) {
			l := e.forT(t).listUnits(c.user, "/api/v1/units/"+e.units[c.unit].String()+"/children")
			if got := unitCodes(l.Items); !slices.Equal(got, c.want) {
				t.Fatalf("children %v, want %v", got, c.want)
			}
			if l.NextCursor != nil {
				t.Fatalf("next_cursor %q on a short list", *l.NextCursor)
			}
		})
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + e.units["DU-STP"].String() + "/children", User: "committee.officer"}), 404, "not_found")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/committees/" + e.units["KHOI-CQDN"].String() + "/cells", User: "admin"}), 404, "not_found")
}

func TestUnitListPaginationVietnameseOrder(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var com apiUnit
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/blocs/" + e.units["KHOI-CQDN"].String() + "/committees", User: "bloc.officer",
		Body: map[string]string{"code": "DU-SX", "name": "Đảng ủy Sở Xây dựng"}}).Decode(t, &com)
	// Vietnamese alphabetical order: a < â, d < đ < e, u < ư; tones only break ties.
	want := []string{"Chi bộ An ninh", "Chi bộ Ấn loát", "Chi bộ Bảo vệ", "Chi bộ Dược phẩm", "Chi bộ Đào tạo", "Chi bộ Điện lực",
		"Chi bộ Ea Kar", "Chi bộ Uông Bí", "Chi bộ Ưng Hòa"}
	order := []int{5, 2, 8, 0, 6, 3, 7, 1, 4} // create out of order
	for i, k := range order {
		e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/committees/" + com.ID + "/cells", User: "bloc.officer",
			Body: map[string]string{"code": fmt.Sprintf("CB-SX%d", i), "name": want[k]}})
	}

	for _, base := range []string{"/api/v1/committees/" + com.ID + "/cells", "/api/v1/units/" + com.ID + "/children"} {
		t.Run(base, func(t *testing.T) {
			e := e.forT(t)
			var names []string
			seen := map[string]bool{}
			cursor, pages := "", 0
			for {
				path := base + "?limit=3"
				if cursor != "" {
					path += "&cursor=" + url.QueryEscape(cursor)
				}
				l := e.listUnits("bloc.officer", path)
				pages++
				if len(l.Items) > 3 {
					t.Fatalf("page of %d items with limit=3", len(l.Items))
				}
				for _, u := range l.Items {
					if seen[u.ID] {
						t.Fatalf("%s listed twice", u.Name)
					}
					seen[u.ID] = true
					names = append(names, u.Name)
				}
				if l.NextCursor == nil {
					break
				}
				cursor = *l.NextCursor
				if pages > 10 {
					t.Fatal("pagination does not end")
				}
			}
			if pages != 3 {
				t.Fatalf("%d pages, want 3", pages)
			}
			if !slices.Equal(names, want) {
				t.Fatalf("order\n got %q\nwant %q", names, want)
			}
		})
	}

	for _, bad := range []string{"garbage!", "bm90IGpzb24", "eyJuIjo1fQ"} { // not base64; not JSON; wrong shape
		t.Run("bad cursor "+bad, func(t *testing.T) {
			got := e.forT(t).do(req{Method: "GET", Path: "/api/v1/committees/" + com.ID + "/cells?cursor=" + url.QueryEscape(bad), User: "bloc.officer"})
			if got.Status != http.StatusBadRequest {
				t.Fatalf("status %d\n%s", got.Status, got.Body)
			}
			p := got.JSON(t)
			if p["code"] != "invalid_cursor" && p["code"] != "validation" {
				t.Fatalf("code %v", p["code"])
			}
		})
	}
	for _, bad := range []string{"limit=0", "limit=201", "limit=abc", "include_archived=maybe"} {
		t.Run(bad, func(t *testing.T) {
			problem(t, e.forT(t).do(req{Method: "GET", Path: "/api/v1/committees/" + com.ID + "/cells?" + bad, User: "bloc.officer"}),
				http.StatusBadRequest, "validation")
		})
	}
}

func TestUnitSearchIgnoresDiacritics(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cells := "/api/v1/committees/" + e.units["DU-SCT"].String() + "/cells"
	cases := []struct {
		q    string
		want []string
	}{
		{"van phong", []string{"CB-VP"}},
		{"VĂN", []string{"CB-VP"}},
		{"Văn Phòng", []string{"CB-VP"}},
		{norm.NFD.String("văn phòng"), []string{"CB-VP"}},
		{"chi bo", []string{"CB-KTAT", "CB-QLTM", "CB-VP"}},
		{"ky thuat", []string{"CB-KTAT"}},
		{"cb-qltm", []string{"CB-QLTM"}},
		{"100%", []string{}},
		{"_", []string{}},
		{"tu phap", []string{}}, // DU-STP's cells are not children of DU-SCT
	}
	for _, c := range cases {
		t.Run(c.q, func(t *testing.T) {
			l := e.forT(t).listUnits("committee.officer", cells+"?q="+url.QueryEscape(c.q))
			if got := unitCodes(l.Items); !slices.Equal(got, c.want) {
				t.Fatalf("q=%q: %v, want %v", c.q, got, c.want)
			}
		})
	}
	// Blocs too.
	if got := unitCodes(e.listUnits("inspector", "/api/v1/blocs?q="+url.QueryEscape("dang bo khoi")).Items); !slices.Equal(got, []string{"KHOI-CQDN"}) {
		t.Fatalf("blocs q: %v", got)
	}
}
