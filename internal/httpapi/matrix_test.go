package httpapi_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/api"
	"lamtheobac/internal/app"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/seed"
)

// The access matrix walks every operation of the contract × every kind of caller × targets in
// the caller's own unit, below it and elsewhere, and asserts the status the policy of
// DESIGN.md "Access" implies: 401 without credentials on protected routes, 404 outside the
// caller's read scope, 403 when readable but not permitted, success otherwise.
//
// The columns, in the order of every mxCodes row:
//
//	anon   no token
//	admin  admin, global
//	bloc   bloc.officer at KHOI-CQDN
//	insp   inspector at KHOI-CQDN
//	comm   committee.officer at DU-SCT
//	cs     cell.secretary at CB-VP (DU-SCT)
//	mem    member at CB-VP
//	cs2    cell.secretary2 at CB-BTTP (DU-STP)
//	portal a service client with role portal at KHOI-CQDN
//
// Besides the demo tree the matrix adds MX-BLOC, a second bloc no demo principal belongs to,
// with MX-DU (committee), MX-CB (cell) and a user mx.x.user there, and mx.ql.user at CB-QLTM.
var mxCallers = [...]string{"", "admin", "bloc.officer", "inspector", "committee.officer", "cell.secretary", "member", "cell.secretary2", "portal"}

// mxCodes are the expected statuses, one per column of mxCallers.
type mxCodes [len(mxCallers)]int

// mxRow is one operation on one target, for every caller.
type mxRow struct {
	op     string
	target string
	// build prepares the request for caller (its User is set by the runner), creating fresh
	// fixtures as administrator when the call consumes or mutates something.
	build func(e *env, caller string) req
	want  mxCodes
	// check, when set, runs on the 2xx answers.
	check func(t *testing.T, caller string, got resp)
}

func mxCallerName(caller string) string {
	if caller == "" {
		return "anonymous"
	}
	return caller
}

// mxFixtures creates what rows need fresh: units and users with unique names, made by admin.
type mxFixtures struct{ n int }

func (f *mxFixtures) next(prefix string) string {
	f.n++
	return fmt.Sprintf("%s-%d", prefix, f.n)
}

func (f *mxFixtures) unit(e *env, parentPath string, parent uuid.UUID) uuid.UUID {
	e.t.Helper()
	got := e.must(http.StatusCreated, req{Method: "POST", Path: fmt.Sprintf(parentPath, parent), User: "admin",
		Body: map[string]any{"code": f.next("MX-U"), "name": "Đơn vị thử ma trận"}})
	return uuid.MustParse(got.JSON(e.t)["id"].(string))
}

// cell creates a fresh, empty cell in committee.
func (f *mxFixtures) cell(e *env, committee uuid.UUID) uuid.UUID {
	return f.unit(e, "/api/v1/committees/%s/cells", committee)
}

// committee creates a fresh, empty committee in bloc.
func (f *mxFixtures) committee(e *env, bloc uuid.UUID) uuid.UUID {
	return f.unit(e, "/api/v1/blocs/%s/committees", bloc)
}

// user creates a fresh user without roles whose home unit is unit.
func (f *mxFixtures) user(e *env, unit uuid.UUID) uuid.UUID {
	e.t.Helper()
	id, _ := f.account(e, unit)
	return id
}

// account is user, also returning the username.
func (f *mxFixtures) account(e *env, unit uuid.UUID) (uuid.UUID, string) {
	e.t.Helper()
	name := f.next("mx.user")
	got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", User: "admin",
		Body: map[string]any{"username": name, "full_name": "Người dùng thử", "password": "matrix-pass-1", "unit_id": unit}})
	return uuid.MustParse(got.JSON(e.t)["id"].(string)), name
}

// grant gives user role at unit (nil for admin) as admin.
func (f *mxFixtures) grant(e *env, user uuid.UUID, role string, unit *uuid.UUID) {
	e.t.Helper()
	body := map[string]any{"role": role}
	if unit != nil {
		body["unit_id"] = *unit
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users/" + user.String() + "/roles", User: "admin", Body: body})
}

// mxGet is the build of a GET of a fixed path.
func mxGet(path string) func(*env, string) req {
	return func(*env, string) req { return req{Method: "GET", Path: path} }
}

// mxStrings turns a JSON array of strings into a sorted slice.
func mxStrings(v any) []string {
	out := []string{}
	arr, _ := v.([]any)
	for _, s := range arr {
		str, _ := s.(string)
		out = append(out, str)
	}
	sort.Strings(out)
	return out
}

func mxSorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

// mxActions checks a unit's allowed_actions for the callers named in want.
func mxActions(want map[string][]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		exp, ok := want[caller]
		if !ok {
			return
		}
		if acts := mxStrings(got.JSON(t)["allowed_actions"]); !slices.Equal(acts, mxSorted(exp)) {
			t.Errorf("allowed_actions = %v, want %v", acts, mxSorted(exp))
		}
	}
}

// mxListed checks the codes of a unit list for the callers named in want.
func mxListed(want map[string][]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		exp, ok := want[caller]
		if !ok {
			return
		}
		var list struct {
			Items []struct {
				Code string `json:"code"`
			} `json:"items"`
		}
		got.Decode(t, &list)
		codes := []string{}
		for _, it := range list.Items {
			codes = append(codes, it.Code)
		}
		sort.Strings(codes)
		if !slices.Equal(codes, mxSorted(exp)) {
			t.Errorf("listed %v, want %v", codes, mxSorted(exp))
		}
	}
}

// mxItemsWhere checks, for the callers named in want, that a list is not empty and that
// every item's field (a unit id) is one of the units named.
func mxItemsWhere(e *env, field string, want map[string][]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		codes, ok := want[caller]
		if !ok {
			return
		}
		allowed := map[string]string{}
		for _, c := range codes {
			allowed[e.units[c].String()] = c
		}
		items, _ := got.JSON(t)["items"].([]any)
		if len(items) == 0 {
			t.Errorf("empty list, want items at %v", codes)
		}
		for _, it := range items {
			v, _ := it.(map[string]any)[field].(string)
			if _, ok := allowed[v]; !ok {
				t.Errorf("item with %s %q is outside %v: %v", field, v, codes, it)
			}
		}
	}
}

// mxItemsNotAt checks, for the callers named in want, that a list is not empty and that no
// item's field (a unit id) is one of the units named.
func mxItemsNotAt(e *env, field string, want map[string][]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		codes, ok := want[caller]
		if !ok {
			return
		}
		items, _ := got.JSON(t)["items"].([]any)
		if len(items) == 0 {
			t.Errorf("empty list")
		}
		for _, it := range items {
			v, _ := it.(map[string]any)[field].(string)
			for _, c := range codes {
				if v == e.units[c].String() {
					t.Errorf("item at %s listed: %v", c, it)
				}
			}
		}
	}
}

// mxCount checks the number of items of a list for the callers named in want.
func mxCount(want map[string]int) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		n, ok := want[caller]
		if !ok {
			return
		}
		if items, _ := got.JSON(t)["items"].([]any); len(items) != n {
			t.Errorf("%d items, want %d: %s", len(items), n, got.Body)
		}
	}
}

var (
	mxAllBlocActions = []string{"update", "delete", "read_users", "manage_users", "read_audit", "manage_clients", "create_child"}
	mxAllCellActions = []string{"update", "delete", "read_users", "manage_users", "read_audit", "manage_clients"}
	mxReader         = []string{"read_users", "read_audit"} // inspectors
	mxNone           = []string{}
	mxOutsideSCT     = []string{"KHOI-CQDN", "DU-STP", "CB-BTTP", "CB-HCTP", "MX-BLOC", "MX-DU", "MX-CB"}
	mxOutsideSTP     = []string{"KHOI-CQDN", "DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "MX-BLOC", "MX-DU", "MX-CB"}
)

// mxOperations maps every operation of the spec to its method and path pattern.
type mxOperation struct {
	id, method string
	path       *regexp.Regexp
}

func mxSpecOperations(t *testing.T) []mxOperation {
	t.Helper()
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`\\\{[^}]*\\\}`)
	var ops []mxOperation
	for path, item := range spec.Paths.Map() {
		re := regexp.MustCompile("^" + param.ReplaceAllString(regexp.QuoteMeta(path), `[^/]+`) + "$")
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				t.Errorf("%s %s has no operationId", method, path)
				continue
			}
			// The generator's embedded spec capitalizes operation ids (GetUnit); the table uses
			// them as openapi.yaml spells them (getUnit).
			id := strings.ToLower(op.OperationID[:1]) + op.OperationID[1:]
			ops = append(ops, mxOperation{id: id, method: method, path: re})
		}
	}
	return ops
}

func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	// Many logins and client grants come from the one test address: lift the address limit.
	e := newEnvWith(t, app.Options{Auth: auth.Options{MaxPerAddress: 100000}})
	fx := &mxFixtures{}

	// The portal client: registered by admin, authenticated through client_credentials.
	cl := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/clients", User: "admin",
		Body: map[string]any{"name": "Cổng thông tin tỉnh", "unit_id": e.units["KHOI-CQDN"], "role": "portal"}}).JSON(t)
	portalClientID, portalSecret := cl["client_id"].(string), cl["client_secret"].(string)
	clientForm := func(id, secret string) string {
		return url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}.Encode()
	}
	tok := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/token", Body: clientForm(portalClientID, portalSecret),
		Content: "application/x-www-form-urlencoded"}).JSON(t)
	e.tokens["portal"] = tok["access_token"].(string) // e.token serves it for User: "portal"
	e.users["portal"] = uuid.MustParse(cl["id"].(string))

	// A foreign bloc with a committee, a cell and a user; a user at CB-QLTM (a sibling cell of CB-VP).
	xb := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/blocs", User: "admin",
		Body: map[string]any{"code": "MX-BLOC", "name": "Khối thử ma trận"}}).JSON(t)
	e.units["MX-BLOC"] = uuid.MustParse(xb["id"].(string))
	e.units["MX-DU"] = fx.committee(e, e.units["MX-BLOC"])
	e.units["MX-CB"] = fx.cell(e, e.units["MX-DU"])
	e.users["mx.x.user"] = fx.user(e, e.units["MX-CB"])
	e.users["mx.ql.user"] = fx.user(e, e.units["CB-QLTM"])

	unit := func(code string) string { return e.units[code].String() }
	uid := func(code string) *uuid.UUID { id := e.units[code]; return &id }
	self := func(e *env, caller string) string { return e.users[caller].String() }
	newUnit := func(prefix string) map[string]any {
		return map[string]any{"code": fx.next(prefix), "name": "Đơn vị mới"}
	}
	rename := func() map[string]any { return map[string]any{"name": fx.next("Tên mới")} }
	get := mxGet

	rows := []mxRow{
		// ---- ops: public -------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getHealthz", target: "-", build: get("/healthz"), want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{op: "getReadyz", target: "-", build: get("/readyz"), want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{op: "getJWKS", target: "-", build: get("/.well-known/jwks.json"), want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}},

		// ---- auth: public, answered on the credentials in the body -------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "login", target: "valid demo credentials", want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"username": "member", "password": seed.DemoPassword}}
			}},
		{op: "login", target: "wrong password", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(e *env, _ string) req {
				// A fresh account each time, so the failures never add up to a lockout.
				_, name := fx.account(e, e.units["CB-VP"])
				return req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"username": name, "password": "not-the-password"}}
			}},
		{op: "login", target: "unknown user", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"username": fx.next("nobody"), "password": "whatever1"}}
			}},
		{op: "refreshToken", target: "bogus token", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]any{"refresh_token": "bogus-" + fx.next("r")}}
			}},
		{op: "refreshToken", target: "fresh token of member", want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200},
			build: func(e *env, _ string) req {
				tok := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/login",
					Body: map[string]any{"username": "member", "password": seed.DemoPassword}}).JSON(e.t)
				return req{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]any{"refresh_token": tok["refresh_token"]}}
			}},
		{op: "logout", target: "bogus token", want: mxCodes{204, 204, 204, 204, 204, 204, 204, 204, 204},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/logout", Body: map[string]any{"refresh_token": "bogus-" + fx.next("r")}}
			}},
		{op: "clientToken", target: "portal, right secret", want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/token", Body: clientForm(portalClientID, portalSecret), Content: "application/x-www-form-urlencoded"}
			}},
		{op: "clientToken", target: "portal, wrong secret", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/token", Body: clientForm(portalClientID, "wrong-secret"), Content: "application/x-www-form-urlencoded"}
			}},
		{op: "clientToken", target: "unknown client", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/token", Body: clientForm("cl_unknown", portalSecret), Content: "application/x-www-form-urlencoded"}
			}},
		{op: "getMe", target: "self", build: get("/api/v1/me"), want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: func(t *testing.T, caller string, got resp) {
				if id := got.JSON(t)["id"]; id != e.users[caller].String() {
					t.Errorf("me.id = %v, want %s", id, e.users[caller])
				}
			}},

		// ---- blocs ---------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listBlocs", target: "-", build: get("/api/v1/blocs"), want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxListed(map[string][]string{"bloc.officer": {"KHOI-CQDN"}, "inspector": {"KHOI-CQDN"}, "committee.officer": {"KHOI-CQDN"},
				"cell.secretary": {"KHOI-CQDN"}, "member": {"KHOI-CQDN"}, "cell.secretary2": {"KHOI-CQDN"}, "portal": {"KHOI-CQDN"}})},
		{op: "createBloc", target: "new bloc", want: mxCodes{401, 201, 403, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req { return req{Method: "POST", Path: "/api/v1/blocs", Body: newUnit("MX-NB")} }},
		{op: "getBloc", target: "KHOI-CQDN (own bloc or above)", build: get("/api/v1/blocs/" + unit("KHOI-CQDN")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxActions(map[string][]string{"admin": mxAllBlocActions, "bloc.officer": mxAllBlocActions, "inspector": mxReader,
				"committee.officer": mxNone, "cell.secretary": mxNone, "member": mxNone, "cell.secretary2": mxNone, "portal": mxNone})},
		{op: "getBloc", target: "foreign bloc", build: get("/api/v1/blocs/" + unit("MX-BLOC")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getBloc", target: "a committee id (wrong level)", build: get("/api/v1/blocs/" + unit("DU-SCT")),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateBloc", target: "KHOI-CQDN", want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/blocs/" + unit("KHOI-CQDN"), Body: rename()}
			}},
		{op: "updateBloc", target: "foreign bloc", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/blocs/" + unit("MX-BLOC"), Body: rename()}
			}},
		{op: "listCommittees", target: "KHOI-CQDN", build: get("/api/v1/blocs/" + unit("KHOI-CQDN") + "/committees"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			// Readable only as an ancestor: just the way down to the caller's own units.
			check: mxListed(map[string][]string{"committee.officer": {"DU-SCT"}, "cell.secretary": {"DU-SCT"}, "member": {"DU-SCT"}, "cell.secretary2": {"DU-STP"}})},
		{op: "listCommittees", target: "foreign bloc", build: get("/api/v1/blocs/" + unit("MX-BLOC") + "/committees"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "createCommittee", target: "in KHOI-CQDN", want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/blocs/" + unit("KHOI-CQDN") + "/committees", Body: newUnit("MX-C")}
			}},
		{op: "createCommittee", target: "in foreign bloc", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/blocs/" + unit("MX-BLOC") + "/committees", Body: newUnit("MX-C")}
			}},

		// ---- committees ----------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getCommittee", target: "DU-SCT (comm's own, cs's parent)", build: get("/api/v1/committees/" + unit("DU-SCT")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": mxAllBlocActions, "bloc.officer": mxAllBlocActions, "inspector": mxReader,
				"committee.officer": mxAllBlocActions, "cell.secretary": mxNone, "member": mxNone, "portal": mxNone})},
		{op: "getCommittee", target: "DU-STP (other committee)", build: get("/api/v1/committees/" + unit("DU-STP")),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxActions(map[string][]string{"cell.secretary2": mxNone, "inspector": mxReader})},
		{op: "getCommittee", target: "foreign bloc's committee", build: get("/api/v1/committees/" + unit("MX-DU")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getCommittee", target: "a cell id (wrong level)", build: get("/api/v1/committees/" + unit("CB-VP")),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateCommittee", target: "DU-SCT", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/committees/" + unit("DU-SCT"), Body: rename()}
			}},
		{op: "updateCommittee", target: "DU-STP", want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/committees/" + unit("DU-STP"), Body: rename()}
			}},
		{op: "updateCommittee", target: "foreign bloc's committee", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/committees/" + unit("MX-DU"), Body: rename()}
			}},
		{op: "listCells", target: "DU-SCT", build: get("/api/v1/committees/" + unit("DU-SCT") + "/cells"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxListed(map[string][]string{"cell.secretary": {"CB-VP"}, "member": {"CB-VP"}})},
		{op: "listCells", target: "DU-STP", build: get("/api/v1/committees/" + unit("DU-STP") + "/cells"),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxListed(map[string][]string{"cell.secretary2": {"CB-BTTP"}})},
		{op: "createCell", target: "in DU-SCT", want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/committees/" + unit("DU-SCT") + "/cells", Body: newUnit("MX-CB")}
			}},
		{op: "createCell", target: "in DU-STP", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/committees/" + unit("DU-STP") + "/cells", Body: newUnit("MX-CB")}
			}},
		{op: "createCell", target: "in foreign bloc's committee", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/committees/" + unit("MX-DU") + "/cells", Body: newUnit("MX-CB")}
			}},

		// ---- cells ---------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getCell", target: "CB-VP (cs's and mem's own)", build: get("/api/v1/cells/" + unit("CB-VP")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": mxAllCellActions, "bloc.officer": mxAllCellActions, "inspector": mxReader,
				"committee.officer": mxAllCellActions, "cell.secretary": {"read_users", "manage_users"}, "member": mxNone, "portal": mxNone})},
		{op: "getCell", target: "CB-QLTM (sibling cell)", build: get("/api/v1/cells/" + unit("CB-QLTM")),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}},
		{op: "getCell", target: "CB-BTTP (other committee's cell)", build: get("/api/v1/cells/" + unit("CB-BTTP")),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxActions(map[string][]string{"cell.secretary2": {"read_users", "manage_users"}})},
		{op: "getCell", target: "foreign bloc's cell", build: get("/api/v1/cells/" + unit("MX-CB")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getCell", target: "a committee id (wrong level)", build: get("/api/v1/cells/" + unit("DU-SCT")),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateCell", target: "CB-VP", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("CB-VP"), Body: rename()}
			}},
		{op: "updateCell", target: "CB-QLTM", want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("CB-QLTM"), Body: rename()}
			}},
		{op: "updateCell", target: "CB-BTTP", want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("CB-BTTP"), Body: rename()}
			}},
		{op: "updateCell", target: "foreign bloc's cell", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("MX-CB"), Body: rename()}
			}},

		// ---- units of any level --------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getUnit", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN")),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxActions(map[string][]string{"inspector": mxReader, "committee.officer": mxNone, "portal": mxNone})},
		{op: "getUnit", target: "DU-SCT", build: get("/api/v1/units/" + unit("DU-SCT")),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"committee.officer": mxAllBlocActions, "cell.secretary": mxNone})},
		{op: "getUnit", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP")),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"committee.officer": mxAllCellActions, "cell.secretary": {"read_users", "manage_users"}, "member": mxNone})},
		{op: "getUnit", target: "CB-QLTM", build: get("/api/v1/units/" + unit("CB-QLTM")),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}},
		{op: "getUnit", target: "DU-STP", build: get("/api/v1/units/" + unit("DU-STP")),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "getUnit", target: "CB-BTTP", build: get("/api/v1/units/" + unit("CB-BTTP")),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "getUnit", target: "foreign bloc", build: get("/api/v1/units/" + unit("MX-BLOC")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getUnit", target: "unknown id", build: get("/api/v1/units/" + uuid.NewString()),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "deleteUnit", target: "fresh cell in DU-SCT", want: mxCodes{401, 204, 204, 403, 204, 404, 404, 404, 403},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.cell(e, e.units["DU-SCT"]).String()}
			}},
		{op: "deleteUnit", target: "fresh cell in DU-STP", want: mxCodes{401, 204, 204, 403, 404, 404, 404, 404, 403},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.cell(e, e.units["DU-STP"]).String()}
			}},
		{op: "deleteUnit", target: "fresh committee in KHOI-CQDN", want: mxCodes{401, 204, 204, 403, 404, 404, 404, 404, 403},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.committee(e, e.units["KHOI-CQDN"]).String()}
			}},
		{op: "deleteUnit", target: "fresh cell in foreign bloc", want: mxCodes{401, 204, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.cell(e, e.units["MX-DU"]).String()}
			}},
		// Access is decided before the records: only those who may delete learn it has some.
		{op: "deleteUnit", target: "CB-VP (has users)", want: mxCodes{401, 409, 409, 403, 409, 403, 403, 404, 403},
			build: func(*env, string) req { return req{Method: "DELETE", Path: "/api/v1/units/" + unit("CB-VP")} }},
		{op: "listUnitChildren", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/children"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxListed(map[string][]string{"committee.officer": {"DU-SCT"}, "member": {"DU-SCT"}, "cell.secretary2": {"DU-STP"}})},
		{op: "listUnitChildren", target: "DU-SCT", build: get("/api/v1/units/" + unit("DU-SCT") + "/children"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxListed(map[string][]string{"cell.secretary": {"CB-VP"}, "member": {"CB-VP"}})},
		{op: "listUnitChildren", target: "CB-VP (a leaf)", build: get("/api/v1/units/" + unit("CB-VP") + "/children"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxListed(map[string][]string{"admin": {}, "cell.secretary": {}, "member": {}})},
		{op: "listUnitChildren", target: "DU-STP", build: get("/api/v1/units/" + unit("DU-STP") + "/children"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "listUnitChildren", target: "foreign bloc", build: get("/api/v1/units/" + unit("MX-BLOC") + "/children"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},

		// ---- audit ---------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listAuditEvents", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/audit-events"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403}},
		{op: "listAuditEvents", target: "DU-SCT", build: get("/api/v1/units/" + unit("DU-SCT") + "/audit-events?action=unit.create"),
			want:  mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403},
			check: mxItemsNotAt(e, "unit_id", map[string][]string{"committee.officer": mxOutsideSCT, "inspector": mxOutsideSCT})},
		{op: "listAuditEvents", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP") + "/audit-events"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}},
		{op: "listAuditEvents", target: "DU-STP", build: get("/api/v1/units/" + unit("DU-STP") + "/audit-events?action=unit.create"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403},
			// Other committees' and blocs' events are not part of DU-STP's trail.
			check: mxItemsNotAt(e, "unit_id", map[string][]string{"inspector": mxOutsideSTP, "admin": mxOutsideSTP, "bloc.officer": mxOutsideSTP})},
		{op: "listAuditEvents", target: "foreign bloc", build: get("/api/v1/units/" + unit("MX-BLOC") + "/audit-events"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},

		// ---- users ---------------------------------------------------------------------------------
		// A user outside what the caller may read does not exist for it (404), even when the user's
		// unit is readable; everyone reads themselves.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listUsers", target: "all readable", build: get("/api/v1/users"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 200, 403},
			check: mxItemsWhere(e, "unit_id", map[string][]string{"committee.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT"},
				"cell.secretary": {"CB-VP"}, "cell.secretary2": {"CB-BTTP"}})},
		{op: "listUsers", target: "unit_id=KHOI-CQDN", build: get("/api/v1/users?unit_id=" + unit("KHOI-CQDN")),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403}},
		{op: "listUsers", target: "unit_id=CB-VP", build: get("/api/v1/users?unit_id=" + unit("CB-VP")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403}},
		{op: "listUsers", target: "unit_id=DU-STP", build: get("/api/v1/users?unit_id=" + unit("DU-STP")),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403}},
		{op: "listUsers", target: "unit_id=foreign bloc", build: get("/api/v1/users?unit_id=" + unit("MX-BLOC")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "createUser", target: "at KHOI-CQDN", want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["KHOI-CQDN"]) }},
		{op: "createUser", target: "at DU-SCT", want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["DU-SCT"]) }},
		{op: "createUser", target: "at CB-VP", want: mxCodes{401, 201, 201, 403, 201, 201, 403, 404, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["CB-VP"]) }},
		{op: "createUser", target: "at CB-BTTP", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 201, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["CB-BTTP"]) }},
		{op: "createUser", target: "at foreign cell", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["MX-CB"]) }},
		{op: "getUser", target: "self", want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404},
			build: func(e *env, c string) req { return req{Method: "GET", Path: "/api/v1/users/" + self(e, c)} }},
		{op: "getUser", target: "member (CB-VP)", build: get("/api/v1/users/" + e.users["member"].String()),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}},
		{op: "getUser", target: "user at CB-QLTM", build: get("/api/v1/users/" + e.users["mx.ql.user"].String()),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}},
		{op: "getUser", target: "committee.officer (DU-SCT)", build: get("/api/v1/users/" + e.users["committee.officer"].String()),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}},
		{op: "getUser", target: "bloc.officer (KHOI-CQDN)", build: get("/api/v1/users/" + e.users["bloc.officer"].String()),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404}},
		{op: "getUser", target: "cell.secretary2 (CB-BTTP)", build: get("/api/v1/users/" + e.users["cell.secretary2"].String()),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}},
		{op: "getUser", target: "user of foreign bloc", build: get("/api/v1/users/" + e.users["mx.x.user"].String()),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateUser", target: "self: full_name", want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404},
			build: func(e *env, c string) req {
				return req{Method: "PATCH", Path: "/api/v1/users/" + self(e, c), Body: map[string]any{"full_name": "Tên tự sửa"}}
			}},
		// Users may edit their profile but not (dis)able themselves unless they manage their unit.
		{op: "updateUser", target: "self: disabled=false", want: mxCodes{401, 200, 200, 403, 200, 200, 403, 200, 404},
			build: func(e *env, c string) req {
				return req{Method: "PATCH", Path: "/api/v1/users/" + self(e, c), Body: map[string]any{"disabled": false}}
			}},
		{op: "updateUser", target: "fresh user at DU-SCT", want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["DU-SCT"])) }},
		{op: "updateUser", target: "fresh user at CB-VP", want: mxCodes{401, 200, 200, 403, 200, 200, 404, 404, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["CB-VP"])) }},
		{op: "updateUser", target: "fresh user at CB-BTTP", want: mxCodes{401, 200, 200, 403, 404, 404, 404, 200, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["CB-BTTP"])) }},
		{op: "updateUser", target: "fresh user of foreign bloc", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["MX-CB"])) }},
		{op: "listUserRoles", target: "self", want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404},
			build: func(e *env, c string) req { return req{Method: "GET", Path: "/api/v1/users/" + self(e, c) + "/roles"} }},
		{op: "listUserRoles", target: "member (CB-VP)", build: get("/api/v1/users/" + e.users["member"].String() + "/roles"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}},
		{op: "listUserRoles", target: "cell.secretary2 (CB-BTTP)", build: get("/api/v1/users/" + e.users["cell.secretary2"].String() + "/roles"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}},
		{op: "listUserRoles", target: "user of foreign bloc", build: get("/api/v1/users/" + e.users["mx.x.user"].String() + "/roles"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},

		// ---- roles: only roles at or below yours, inside your subtree --------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "grantUserRole", target: "member@CB-VP to fresh CB-VP user", want: mxCodes{401, 201, 201, 403, 201, 201, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["CB-VP"]), "member", uid("CB-VP")) }},
		{op: "grantUserRole", target: "cell_secretary@CB-VP (same rank as cs)", want: mxCodes{401, 201, 201, 403, 201, 201, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-VP"]), "cell_secretary", uid("CB-VP"))
			}},
		{op: "grantUserRole", target: "committee_officer@DU-SCT (above cs)", want: mxCodes{401, 201, 201, 403, 201, 403, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-VP"]), "committee_officer", uid("DU-SCT"))
			}},
		{op: "grantUserRole", target: "bloc_officer@KHOI-CQDN (above comm)", want: mxCodes{401, 201, 201, 403, 403, 403, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-VP"]), "bloc_officer", uid("KHOI-CQDN"))
			}},
		{op: "grantUserRole", target: "member@CB-BTTP to fresh CB-BTTP user", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 201, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-BTTP"]), "member", uid("CB-BTTP"))
			}},
		// The user is readable to comm and cs, the unit is not: 404.
		{op: "grantUserRole", target: "member@CB-BTTP to fresh CB-VP user", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["CB-VP"]), "member", uid("CB-BTTP")) }},
		{op: "grantUserRole", target: "admin to fresh CB-VP user", want: mxCodes{401, 201, 403, 403, 403, 403, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["CB-VP"]), "admin", nil) }},
		{op: "grantUserRole", target: "member@foreign cell to fresh foreign user", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["MX-CB"]), "member", uid("MX-CB")) }},
		{op: "revokeUserRole", target: "member@CB-VP of fresh CB-VP user", want: mxCodes{401, 204, 204, 403, 204, 204, 404, 404, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["CB-VP"], "member", uid("CB-VP")) }},
		{op: "revokeUserRole", target: "committee_officer@DU-SCT of fresh CB-VP user", want: mxCodes{401, 204, 204, 403, 204, 403, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxRevokeReq(e, fx, e.units["CB-VP"], "committee_officer", uid("DU-SCT"))
			}},
		{op: "revokeUserRole", target: "member@CB-BTTP of fresh CB-BTTP user", want: mxCodes{401, 204, 204, 403, 404, 404, 404, 204, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["CB-BTTP"], "member", uid("CB-BTTP")) }},
		{op: "revokeUserRole", target: "admin of fresh CB-VP user", want: mxCodes{401, 204, 403, 403, 403, 403, 404, 404, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["CB-VP"], "admin", nil) }},
		{op: "revokeUserRole", target: "member@foreign cell of fresh foreign user", want: mxCodes{401, 204, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["MX-CB"], "member", uid("MX-CB")) }},

		// ---- clients -------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		// Only the portal client at KHOI-CQDN exists yet: outside the committee officer's subtree.
		{op: "listClients", target: "-", build: get("/api/v1/clients"),
			want:  mxCodes{401, 200, 200, 403, 200, 403, 403, 403, 403},
			check: mxCount(map[string]int{"admin": 1, "bloc.officer": 1, "committee.officer": 0})},
		{op: "createClient", target: "portal@KHOI-CQDN", want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["KHOI-CQDN"]) }},
		{op: "createClient", target: "portal@DU-SCT", want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["DU-SCT"]) }},
		{op: "createClient", target: "portal@DU-STP", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["DU-STP"]) }},
		{op: "createClient", target: "portal@foreign bloc", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["MX-BLOC"]) }},
	}

	// Every operation of the spec has rows, every row names an operation of the spec, and each
	// row's request really is that operation.
	ops := mxSpecOperations(t)
	inSpec := map[string]bool{}
	for _, op := range ops {
		inSpec[op.id] = true
	}
	inTable := map[string]bool{}
	for _, r := range rows {
		inTable[r.op] = true
		if !inSpec[r.op] {
			t.Errorf("table row %s/%s names an operation that is not in the spec", r.op, r.target)
		}
	}
	for _, op := range ops {
		if !inTable[op.id] {
			t.Errorf("operation %s (%s) has no row in the access matrix", op.id, op.method)
		}
	}
	opOf := func(method, path string) string {
		path, _, _ = strings.Cut(path, "?")
		for _, op := range ops {
			if op.method == method && op.path.MatchString(path) {
				return op.id
			}
		}
		return ""
	}

	cases := 0
	for _, r := range rows {
		for i, caller := range mxCallers {
			want := r.want[i]
			cases++
			t.Run(r.op+"/"+r.target+"/"+mxCallerName(caller), func(t *testing.T) {
				se := *e // same service and maps; failures belong to this subtest
				se.t = t
				rq := r.build(&se, caller)
				rq.User = caller
				if got := opOf(rq.Method, rq.Path); got != r.op {
					t.Fatalf("row %s builds %s %s, which is operation %q", r.op, rq.Method, rq.Path, got)
				}
				got := se.do(rq)
				if got.Status != want {
					t.Errorf("%s %s as %s: status %d, want %d\n%s", rq.Method, rq.Path, mxCallerName(caller), got.Status, want, got.Body)
					return
				}
				if got.Status >= 400 && got.Status < 500 {
					if ct := got.Header.Get("Content-Type"); ct != "application/problem+json" {
						t.Errorf("status %d with content type %q, want application/problem+json", got.Status, ct)
					}
					if p := got.JSON(t); p["status"] != float64(got.Status) || p["code"] == "" || p["code"] == nil {
						t.Errorf("incomplete problem: %s", got.Body)
					}
				}
				if got.Status < 300 && r.check != nil {
					r.check(t, caller, got)
				}
			})
		}
	}
	t.Logf("access matrix: %d operations, %d rows, %d cases", len(ops), len(rows), cases)
}

func mxNewUserReq(fx *mxFixtures, unit uuid.UUID) req {
	return req{Method: "POST", Path: "/api/v1/users",
		Body: map[string]any{"username": fx.next("mx.new"), "full_name": "Người dùng mới", "password": "matrix-pass-1", "unit_id": unit}}
}

func mxPatchUserReq(user uuid.UUID) req {
	return req{Method: "PATCH", Path: "/api/v1/users/" + user.String(), Body: map[string]any{"full_name": "Tên đã sửa"}}
}

func mxGrantReq(user uuid.UUID, role string, unit *uuid.UUID) req {
	body := map[string]any{"role": role}
	if unit != nil {
		body["unit_id"] = *unit
	}
	return req{Method: "POST", Path: "/api/v1/users/" + user.String() + "/roles", Body: body}
}

// mxRevokeReq makes a fresh user at home holding role at unit, and the request revoking it.
func mxRevokeReq(e *env, fx *mxFixtures, home uuid.UUID, role string, unit *uuid.UUID) req {
	e.t.Helper()
	u := fx.user(e, home)
	fx.grant(e, u, role, unit)
	q := url.Values{"role": {role}}
	if unit != nil {
		q.Set("unit_id", unit.String())
	}
	return req{Method: "DELETE", Path: "/api/v1/users/" + u.String() + "/roles?" + q.Encode()}
}

func mxNewClientReq(fx *mxFixtures, unit uuid.UUID) req {
	return req{Method: "POST", Path: "/api/v1/clients", Body: map[string]any{"name": fx.next("Cổng thử"), "unit_id": unit, "role": "portal"}}
}
