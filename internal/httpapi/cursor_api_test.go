package httpapi_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"lamtheobac/api"
	"lamtheobac/internal/importer"
	"lamtheobac/internal/vntime"
)

// cursorRoute is one paged list: where its first page is read (with room for a second page
// at limit=1), and the same route under other parameters or filters ("" when it has none).
type cursorRoute struct {
	op, path, other string
}

// withQuery appends kv to path, whatever query it already has.
func withQuery(path string, kv ...string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	for i := 0; i+1 < len(kv); i += 2 {
		path += sep + kv[i] + "=" + url.QueryEscape(kv[i+1])
		sep = "&"
	}
	return path
}

// TestCursorsAreSealedToTheirList: on every paged route, a cursor that is garbage, altered (its
// position or its seal), from another list, or from the same list under other parameters or
// filters is a 400 invalid_cursor naming /cursor; the cursor the route gave out reads the next
// page.
func TestCursorsAreSealedToTheirList(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	year := vntime.Date(time.Now()).Year()
	today := vntime.Date(time.Now()).Format(time.DateOnly)
	u := func(code string) string { return e.units[code].String() }

	// Enough of every list for two pages: a second bloc, two clients, two import jobs (one with
	// problems), a standard in consultation with comments, a second honor at DU-SCT.
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/blocs", User: "admin", Body: map[string]any{"code": "CUR-BLOC", "name": "Khối thử con trỏ"}})
	for _, name := range []string{"Cổng một", "Cổng hai"} {
		e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/clients", User: "admin", Body: map[string]any{"name": name, "unit_id": u("KHOI-CQDN"), "role": "portal"}})
	}
	bad := csvOf(",", []string{"unit_code", "year", "name", "implementer", "category"},
		[]string{"DU-SCT", "hai nghìn", "Con trỏ một", "Tập thể", "other"}, []string{"DU-XYZ", "2025", "Con trỏ hai", "Ai đó", "nhóm lạ"})
	withProblems := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "x.csv", data: bad})
	clean := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "y.csv", data: modelRows("DU-SCT", "Con trỏ", 1), dryRun: true})
	if withProblems.ProblemCount < 2 || clean.State != "succeeded" {
		t.Fatalf("jobs: %+v %+v", withProblems, clean)
	}
	consulting := e.stdConsulting("cell.secretary", "CB-VP", "Chuẩn mực con trỏ")
	for _, text := range []string{"Góp ý một.", "Góp ý hai."} {
		e.must(http.StatusCreated, req{Method: "POST", Path: stdPath(consulting.ID, "comments"), User: "member", Body: map[string]any{"text": text}})
	}
	var issued struct {
		Items []struct{ ID string } `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.stdUnitPath("DU-SCT", "standards") + "?status=issued", User: "admin"}).Decode(t, &issued)
	n := e.nomCreate("cell.secretary", "CB-VP", nomBody(year, nomDepartment("Tổ con trỏ"), "Tóm tắt"))
	e.nomDrive("cell.secretary", "committee.officer", n, "honored", today)
	var rounds struct {
		Items []struct{ ID string } `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.stdUnitPath("KHOI-CQDN", "reporting-rounds"), User: "admin"}).Decode(t, &rounds)
	if len(issued.Items) == 0 || len(rounds.Items) == 0 {
		t.Fatalf("demo lacks an issued standard (%d) or a reporting round (%d)", len(issued.Items), len(rounds.Items))
	}
	y := strconv.Itoa(year)
	// A second event at CB-VP (the demo has one, at DU-SCT), and a member with commitments of two years.
	e.must(http.StatusCreated, req{Method: "POST", Path: e.stdUnitPath("CB-VP", "events"), User: "cell.secretary",
		Body: map[string]any{"kind": "exchange", "title": "Tọa đàm con trỏ", "held_on": today}})
	db, err := e.store.SQL()
	if err != nil {
		t.Fatal(err)
	}
	var twoYears string
	if err := db.QueryRow("SELECT member_id::text FROM commitments GROUP BY member_id HAVING count(*) > 1 ORDER BY 1 LIMIT 1").Scan(&twoYears); err != nil {
		t.Fatalf("demo: a member with two commitments: %v", err)
	}

	routes := []cursorRoute{
		{"listBlocs", "/api/v1/blocs", "/api/v1/blocs?include_archived=true"},
		{"listCommittees", "/api/v1/blocs/" + u("KHOI-CQDN") + "/committees", "/api/v1/blocs/" + u("KHOI-CQDN") + "/committees?q=S"},
		{"listCells", "/api/v1/committees/" + u("DU-SCT") + "/cells", "/api/v1/committees/" + u("DU-STP") + "/cells"},
		{"listUnitChildren", "/api/v1/units/" + u("KHOI-CQDN") + "/children", "/api/v1/units/" + u("DU-SCT") + "/children"},
		{"listAuditEvents", "/api/v1/units/" + u("KHOI-CQDN") + "/audit-events", "/api/v1/units/" + u("DU-SCT") + "/audit-events"},
		{"listAllAuditEvents", "/api/v1/audit-events", "/api/v1/audit-events?resource_id=" + u("KHOI-CQDN")},
		{"listImports", "/api/v1/imports", "/api/v1/imports?state=succeeded"},
		{"listImportProblems", "/api/v1/imports/" + withProblems.ID + "/problems", "/api/v1/imports/" + clean.ID + "/problems"},
		{"listUsers", "/api/v1/users", "/api/v1/users?q=a"},
		{"listClients", "/api/v1/clients", ""},
		{"listStandards", e.stdUnitPath("KHOI-CQDN", "standards") + "?scope=subtree", e.stdUnitPath("KHOI-CQDN", "standards") + "?scope=own"},
		{"listStandardComments", stdPath(consulting.ID, "comments"), stdPath(issued.Items[0].ID, "comments")},
		{"getStandardCoverage", e.stdUnitPath("KHOI-CQDN", "standard-coverage"), e.stdUnitPath("KHOI-CQDN", "standard-coverage") + "?pending=true"},
		{"listModels", e.stdUnitPath("KHOI-CQDN", "models") + "?scope=subtree", e.stdUnitPath("KHOI-CQDN", "models") + "?scope=subtree&q=a"},
		{"getModelCoverage", e.stdUnitPath("KHOI-CQDN", "model-coverage") + "?year=" + y, e.stdUnitPath("KHOI-CQDN", "model-coverage") + "?year=2016"},
		{"listNominations", e.stdUnitPath("KHOI-CQDN", "nominations") + "?scope=subtree", e.stdUnitPath("KHOI-CQDN", "nominations") + "?scope=subtree&year=2016"},
		{"getHonorRoll", e.stdUnitPath("DU-SCT", "honor-roll"), e.stdUnitPath("KHOI-CQDN", "honor-roll")},
		{"getExemplarCoverage", e.stdUnitPath("KHOI-CQDN", "exemplar-coverage") + "?year=" + y, e.stdUnitPath("KHOI-CQDN", "exemplar-coverage") + "?year=2016"},
		{"getReportingRoundStatus", "/api/v1/reporting-rounds/" + rounds.Items[0].ID + "/status", "/api/v1/reporting-rounds/" + rounds.Items[0].ID + "/status?state=missing"},
		{"listReports", e.stdUnitPath("KHOI-CQDN", "reports") + "?scope=subtree", e.stdUnitPath("KHOI-CQDN", "reports") + "?scope=subtree&status=draft"},
		{"listMembers", e.stdUnitPath("KHOI-CQDN", "members") + "?scope=subtree", e.stdUnitPath("DU-SCT", "members") + "?scope=subtree"},
		{"getMemberCoverage", e.stdUnitPath("DU-SCT", "member-coverage") + "?year=" + y, e.stdUnitPath("DU-SCT", "member-coverage") + "?year=2016"},
		{"listMemberCommitments", "/api/v1/members/" + twoYears + "/commitments", ""},
		{"listUnitCommitments", e.stdUnitPath("KHOI-CQDN", "commitments") + "?scope=subtree", e.stdUnitPath("KHOI-CQDN", "commitments") + "?scope=subtree&year=2016"},
		{"listStudyTopics", e.stdUnitPath("CB-VP", "study-topics"), e.stdUnitPath("CB-VP", "study-topics") + "?year=2016"},
		{"listStudySessions", e.stdUnitPath("CB-VP", "study-sessions"), e.stdUnitPath("CB-VP", "study-sessions") + "?status=held"},
		{"listStudyEvents", e.stdUnitPath("KHOI-CQDN", "events") + "?scope=subtree", e.stdUnitPath("KHOI-CQDN", "events") + "?scope=subtree&kind=honoring"},
	}

	// Every operation of the contract that takes a cursor has a row.
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	for path, item := range spec.Paths.Map() {
		for _, op := range item.Operations() {
			for _, p := range append(slices.Clone(item.Parameters), op.Parameters...) {
				if p.Value != nil && p.Value.Name == "cursor" && !slices.ContainsFunc(routes, func(r cursorRoute) bool { return strings.EqualFold(r.op, op.OperationID) }) {
					t.Errorf("%s (%s) takes a cursor and has no row here", op.OperationID, path)
				}
			}
		}
	}

	type page struct {
		Items      []any   `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	read := func(t *testing.T, path string) page {
		t.Helper()
		var p page
		e.forT(t).must(http.StatusOK, req{Method: "GET", Path: path, User: "admin"}).Decode(t, &p)
		return p
	}
	// The genuine cursor of each route's first page (limit=1).
	cursors := make([]string, len(routes))
	for i, r := range routes {
		p := read(t, withQuery(r.path, "limit", "1"))
		if p.NextCursor == nil || len(p.Items) != 1 {
			t.Fatalf("%s: %d items, next %v: the fixture has no second page", r.op, len(p.Items), p.NextCursor)
		}
		cursors[i] = *p.NextCursor
	}
	for i, r := range routes {
		t.Run(r.op, func(t *testing.T) {
			genuine := cursors[i]
			dot := strings.LastIndexByte(genuine, '.')
			if dot <= 0 {
				t.Fatalf("cursor %q has no seal", genuine)
			}
			flip := func(s string, at int) string {
				b := []byte(s)
				if b[at] == 'A' {
					b[at] = 'B'
				} else {
					b[at] = 'A'
				}
				return string(b)
			}
			refused := map[string]string{
				"garbage":                    "garbage!",
				"base64 JSON without a seal": "eyJpZCI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMCJ9",
				"altered position":           flip(genuine, 0),
				"altered seal":               flip(genuine, len(genuine)-2),
				"seal alone":                 genuine[dot:],
				"position alone":             genuine[:dot],
				"seal spelled otherwise":     genuine + "A",
				"from another list":          cursors[(i+1)%len(routes)],
			}
			if r.other != "" {
				// The same route's cursor, carried to other parameters or filters.
				refused["carried to other parameters"] = "other"
			}
			for name, c := range refused {
				t.Run(name, func(t *testing.T) {
					path := withQuery(r.path, "limit", "1", "cursor", c)
					if c == "other" {
						path = withQuery(r.other, "limit", "1", "cursor", genuine)
					}
					p := problem(t, e.forT(t).do(req{Method: "GET", Path: path, User: "admin"}), http.StatusBadRequest, "invalid_cursor")
					if fields := nomFields(p); !slices.Equal(fields, []string{"/cursor"}) {
						t.Fatalf("fields %q, want /cursor", fields)
					}
				})
			}
			// The cursor given out reads the next page, with a limit of its own.
			first := read(t, withQuery(r.path, "limit", "1"))
			second := read(t, withQuery(r.path, "limit", "2", "cursor", genuine))
			if len(second.Items) == 0 || slices.ContainsFunc(second.Items, func(it any) bool { return jsonString(it) == jsonString(first.Items[0]) }) {
				t.Fatalf("second page %v repeats or lacks after the first %v", second.Items, first.Items)
			}
		})
	}
}
