package httpapi_test

import (
	"net/http"
	"net/url"
	"testing"
)

// Full-stack tests of the audit trail and of Idempotency-Key on POST.

// apiAuditEvent is the JSON form of an audit event.
type apiAuditEvent struct {
	ID           string         `json:"id"`
	OccurredAt   string         `json:"occurred_at"`
	ActorID      *string        `json:"actor_id"`
	ActorKind    string         `json:"actor_kind"`
	ActorName    string         `json:"actor_name"`
	Action       string         `json:"action"`
	ResourceType string         `json:"resource_type"`
	ResourceID   *string        `json:"resource_id"`
	UnitID       *string        `json:"unit_id"`
	Before       map[string]any `json:"before"`
	After        map[string]any `json:"after"`
	RequestID    string         `json:"request_id"`
	ImportID     *string        `json:"import_id"`
}

// apiAuditList is a page of audit events.
type apiAuditList struct {
	Items      []apiAuditEvent `json:"items"`
	NextCursor *string         `json:"next_cursor"`
}

// auditEvents GETs a unit's audit trail with query (already encoded) as user.
func (e *env) auditEvents(user, unit, query string) apiAuditList {
	e.t.Helper()
	var l apiAuditList
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units[unit].String() + "/audit-events" + query, User: user}).Decode(e.t, &l)
	return l
}

func TestAuditTrail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cells := "/api/v1/committees/" + e.units["DU-SCT"].String() + "/cells"

	created := e.must(http.StatusCreated, req{Method: "POST", Path: cells, User: "committee.officer",
		Body: map[string]string{"code": "CB-AUD", "name": "Chi bộ Kiểm toán"}})
	cell := created.JSON(t)["id"].(string)
	createID := created.Header.Get("X-Request-Id")
	updated := e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/cells/" + cell, User: "committee.officer", Header: map[string]string{"If-Match": `"1"`},
		Body: map[string]string{"name": "Chi bộ Kiểm toán nội bộ"}})
	updateID := updated.Header.Get("X-Request-Id")
	if createID == "" || updateID == "" || createID == updateID {
		t.Fatalf("request ids %q, %q", createID, updateID)
	}

	// Newest first: the update, then the creation, both by the committee officer.
	l := e.auditEvents("committee.officer", "DU-SCT", "")
	if len(l.Items) < 2 {
		t.Fatalf("%d events", len(l.Items))
	}
	up, cr := l.Items[0], l.Items[1]
	if up.Action != "unit.update" || cr.Action != "unit.create" {
		t.Fatalf("first two actions %q, %q; want unit.update, unit.create", up.Action, cr.Action)
	}
	for _, ev := range []apiAuditEvent{up, cr} {
		if ev.ResourceType != "unit" || ev.ResourceID == nil || *ev.ResourceID != cell || ev.ActorID == nil ||
			*ev.ActorID != e.users["committee.officer"].String() || ev.ActorKind != "user" || ev.ActorName != "Lê Minh Tuấn" || ev.OccurredAt == "" {
			t.Fatalf("event %+v", ev)
		}
	}
	if up.RequestID != updateID || cr.RequestID != createID {
		t.Fatalf("request ids: update %q (response %q), create %q (response %q)", up.RequestID, updateID, cr.RequestID, createID)
	}
	if cr.Before != nil || cr.After["name"] != "Chi bộ Kiểm toán" || cr.After["code"] != "CB-AUD" || cr.After["kind"] != "cell" {
		t.Fatalf("create before/after: %v / %v", cr.Before, cr.After)
	}
	if up.Before["name"] != "Chi bộ Kiểm toán" || up.After["name"] != "Chi bộ Kiểm toán nội bộ" ||
		up.Before["version"] != float64(1) || up.After["version"] != float64(2) {
		t.Fatalf("update before/after: %v / %v", up.Before, up.After)
	}
	if up.OccurredAt < cr.OccurredAt {
		t.Fatalf("update %s before create %s", up.OccurredAt, cr.OccurredAt)
	}

	// Filters.
	only := e.auditEvents("committee.officer", "DU-SCT", "?resource_id="+cell)
	if len(only.Items) != 2 || only.Items[0].ID != up.ID || only.Items[1].ID != cr.ID {
		t.Fatalf("resource_id filter: %+v", only.Items)
	}
	creates := e.auditEvents("committee.officer", "DU-SCT", "?action=unit.create")
	found := false
	for _, ev := range creates.Items {
		if ev.Action != "unit.create" {
			t.Fatalf("action filter let %q through", ev.Action)
		}
		found = found || ev.ID == cr.ID
	}
	if !found {
		t.Fatal("action filter lost the cell's creation")
	}
	both := e.auditEvents("committee.officer", "DU-SCT", "?action=unit.update&resource_id="+cell)
	if len(both.Items) != 1 || both.Items[0].ID != up.ID {
		t.Fatalf("action+resource_id: %+v", both.Items)
	}
	if l := e.auditEvents("committee.officer", "DU-SCT", "?action=unit.delete"); len(l.Items) != 0 {
		t.Fatalf("no deletes happened, got %+v", l.Items)
	}
	// The cell's own trail has it; a sibling subtree's trail does not.
	if l := e.auditEvents("committee.officer", "CB-VP", "?resource_id="+cell); len(l.Items) != 0 {
		t.Fatalf("CB-VP's trail shows another cell's events: %+v", l.Items)
	}
	var cellTrail apiAuditList
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + cell + "/audit-events", User: "committee.officer"}).Decode(t, &cellTrail)
	if len(cellTrail.Items) != 2 {
		t.Fatalf("the cell's trail has %d events, want 2", len(cellTrail.Items))
	}
	if l := e.auditEvents("inspector", "KHOI-CQDN", "?resource_id="+cell); len(l.Items) != 2 {
		t.Fatalf("the bloc inspector sees %d events of the cell, want 2", len(l.Items))
	}

	// Paging newest first covers the trail exactly once.
	all := e.auditEvents("admin", "DU-SCT", "?limit=200")
	var paged []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatal("pagination does not end")
		}
		q := "?limit=3"
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		p := e.auditEvents("admin", "DU-SCT", q)
		for _, ev := range p.Items {
			paged = append(paged, ev.ID)
		}
		if p.NextCursor == nil {
			break
		}
		cursor = *p.NextCursor
	}
	if len(paged) != len(all.Items) {
		t.Fatalf("paged %d events, one page has %d", len(paged), len(all.Items))
	}
	for i := range paged {
		if paged[i] != all.Items[i].ID {
			t.Fatalf("page order differs at %d", i)
		}
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/audit-events?cursor=nope", User: "admin"}),
		http.StatusBadRequest, "invalid_cursor")
	// kin-openapi does not check format: uuid, so the generated binder refuses it (code bad_request).
	if got := e.do(req{Method: "GET", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/audit-events?resource_id=42", User: "admin"}); got.Status != 400 ||
		got.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("resource_id=42: %d %s", got.Status, got.Body)
	}

	// Who may read it.
	access := []struct {
		user, unit string
		status     int
		code       string
	}{
		{"member", "DU-SCT", 403, "forbidden"},
		{"member", "CB-VP", 403, "forbidden"},
		{"cell.secretary", "CB-VP", 403, "forbidden"},
		{"cell.secretary2", "DU-SCT", 404, "not_found"},
		{"committee.officer", "DU-STP", 404, "not_found"},
		{"committee.officer", "KHOI-CQDN", 403, "forbidden"},
		{"", "DU-SCT", 401, "unauthenticated"},
	}
	for _, c := range access {
		t.Run(c.user+" on "+c.unit, func(t *testing.T) {
			problem(t, e.forT(t).do(req{Method: "GET", Path: "/api/v1/units/" + e.units[c.unit].String() + "/audit-events", User: c.user}), c.status, c.code)
		})
	}
}

func TestAuditClientRequestID(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/committees/" + e.units["DU-SCT"].String() + "/cells", User: "committee.officer",
		Header: map[string]string{"X-Request-Id": "trace-abc-123"}, Body: map[string]string{"code": "CB-TR", "name": "Chi bộ Truy vết"}})
	if got.Header.Get("X-Request-Id") != "trace-abc-123" {
		t.Fatalf("X-Request-Id %q", got.Header.Get("X-Request-Id"))
	}
	l := e.auditEvents("committee.officer", "DU-SCT", "?resource_id="+got.JSON(t)["id"].(string))
	if len(l.Items) != 1 || l.Items[0].RequestID != "trace-abc-123" {
		t.Fatalf("events %+v", l.Items)
	}
}

func TestAuditRefusedRequestsWriteNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cells := "/api/v1/committees/" + e.units["DU-SCT"].String() + "/cells"
	vp := "/api/v1/cells/" + e.units["CB-VP"].String()
	before := e.count("audit_events", "")
	refused := []struct {
		name   string
		r      req
		status int
	}{
		{"duplicate code", req{Method: "POST", Path: cells, User: "committee.officer", Body: map[string]string{"code": "CB-VP", "name": "Trùng"}}, 409},
		{"stale If-Match", req{Method: "PATCH", Path: vp, User: "committee.officer", Header: map[string]string{"If-Match": `"9"`}, Body: map[string]string{"name": "X"}}, 412},
		{"forbidden", req{Method: "PATCH", Path: vp, User: "member", Body: map[string]string{"name": "X"}}, 403},
		{"outside scope", req{Method: "PATCH", Path: vp, User: "cell.secretary2", Body: map[string]string{"name": "X"}}, 404},
		{"invalid body", req{Method: "POST", Path: cells, User: "committee.officer", Body: map[string]any{"code": "CB-Q", "name": 5}}, 400},
		{"unit with records", req{Method: "DELETE", Path: "/api/v1/units/" + e.units["CB-VP"].String(), User: "committee.officer"}, 409},
		{"duplicate grant", req{Method: "POST", Path: "/api/v1/users/" + e.users["member"].String() + "/roles", User: "committee.officer",
			Body: map[string]any{"role": "member", "unit_id": e.units["CB-VP"]}}, 409},
		{"duplicate user", req{Method: "POST", Path: "/api/v1/users", User: "committee.officer",
			Body: map[string]any{"username": "MEMBER", "full_name": "X", "password": "mat-khau-123", "unit_id": e.units["CB-VP"]}}, 409},
		{"self-disable", req{Method: "PATCH", Path: "/api/v1/users/" + e.users["member"].String(), User: "member", Body: map[string]any{"disabled": true}}, 403},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			e := e.forT(t)
			if got := e.do(c.r); got.Status != c.status {
				t.Fatalf("status %d, want %d\n%s", got.Status, c.status, got.Body)
			}
			if n := e.count("audit_events", ""); n != before {
				t.Fatalf("audit events %d, want %d: a refused request was audited", n, before)
			}
		})
	}
	// An accepted one is audited exactly once.
	e.must(http.StatusOK, req{Method: "PATCH", Path: vp, User: "committee.officer", Body: map[string]string{"name": "Chi bộ Văn phòng Sở"}})
	if n := e.count("audit_events", ""); n != before+1 {
		t.Fatalf("audit events %d, want %d", n, before+1)
	}
}

func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cells := "/api/v1/committees/" + e.units["DU-SCT"].String() + "/cells"
	key := map[string]string{"Idempotency-Key": "tao-chi-bo-1"}
	body := map[string]string{"code": "CB-IDEM", "name": "Chi bộ Một lần"}

	first := e.must(http.StatusCreated, req{Method: "POST", Path: cells, User: "committee.officer", Header: key, Body: body})
	if first.Header.Get("Idempotent-Replayed") != "" {
		t.Fatal("the first answer says it was replayed")
	}
	second := e.must(http.StatusCreated, req{Method: "POST", Path: cells, User: "committee.officer", Header: key, Body: body})
	if second.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("Idempotent-Replayed %q", second.Header.Get("Idempotent-Replayed"))
	}
	if string(second.Body) != string(first.Body) {
		t.Fatalf("replay differs:\n%s\n%s", first.Body, second.Body)
	}
	for _, h := range []string{"Location", "ETag", "Content-Type"} {
		if second.Header.Get(h) != first.Header.Get(h) || first.Header.Get(h) == "" {
			t.Fatalf("%s: first %q, replay %q", h, first.Header.Get(h), second.Header.Get(h))
		}
	}
	if first.JSON(t)["id"] != second.JSON(t)["id"] {
		t.Fatal("replay names another unit")
	}
	if n := e.count("units", "code = 'CB-IDEM'"); n != 1 {
		t.Fatalf("%d units written, want 1", n)
	}
	if n := e.count("audit_events", "action = 'unit.create' AND resource_id = $1", first.JSON(t)["id"]); n != 1 {
		t.Fatalf("%d creation events, want 1", n)
	}

	// The same key with another body is refused and runs nothing.
	problem(t, e.do(req{Method: "POST", Path: cells, User: "committee.officer", Header: key,
		Body: map[string]string{"code": "CB-IDEM2", "name": "Chi bộ Khác"}}), http.StatusUnprocessableEntity, "idempotency_key_reused")
	// ...and so is the same key on another path.
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/blocs/" + e.units["KHOI-CQDN"].String() + "/committees", User: "committee.officer", Header: key,
		Body: body}), http.StatusUnprocessableEntity, "idempotency_key_reused")
	if n := e.count("units", "code = 'CB-IDEM2'"); n != 0 {
		t.Fatal("a reused key ran its request")
	}

	// Keys belong to their principal: another caller's identical key runs its own request.
	problem(t, e.do(req{Method: "POST", Path: cells, User: "bloc.officer", Header: key, Body: body}), http.StatusConflict, "duplicate")

	// A refused first answer is replayed as well.
	dupKey := map[string]string{"Idempotency-Key": "trung-ma"}
	dup := map[string]string{"code": "CB-VP", "name": "Trùng mã"}
	problem(t, e.do(req{Method: "POST", Path: cells, User: "committee.officer", Header: dupKey, Body: dup}), http.StatusConflict, "duplicate")
	again := e.do(req{Method: "POST", Path: cells, User: "committee.officer", Header: dupKey, Body: dup})
	problem(t, again, http.StatusConflict, "duplicate")
	if again.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatal("the refused answer was not replayed")
	}

	// Without a key, a retry is a new request.
	problem(t, e.do(req{Method: "POST", Path: cells, User: "committee.officer", Body: body}), http.StatusConflict, "duplicate")
	// An over-long key fails the contract.
	long := make([]byte, 201)
	for i := range long {
		long[i] = 'k'
	}
	problem(t, e.do(req{Method: "POST", Path: cells, User: "committee.officer", Header: map[string]string{"Idempotency-Key": string(long)},
		Body: map[string]string{"code": "CB-LONG", "name": "Chi bộ Dài"}}), http.StatusBadRequest, "validation")
	if n := e.count("units", "code = 'CB-LONG'"); n != 0 {
		t.Fatal("a request with an invalid key ran")
	}
}
