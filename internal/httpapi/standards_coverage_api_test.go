package httpapi_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
)

func TestStandardCoverage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	demo := e.stdDemo()
	cov := func(user, unit, query string) stdCoverage {
		e.t.Helper()
		var c stdCoverage
		e.must(http.StatusOK, req{Method: "GET", Path: e.stdUnitPath(unit, "standard-coverage") + query, User: user}).Decode(t, &c)
		return c
	}
	bySource := func(c stdCoverage) map[string]string {
		out := map[string]string{}
		for _, r := range c.Items {
			out[r.Unit.Code] = r.Source
		}
		return out
	}

	// The demo state: DU-SCT issued 14-QĐ/ĐU, CB-VP adopted it, its sibling cells inherit it,
	// nothing covers the bloc nor DU-STP's subtree. The deeper shapes: the partial committee
	// adopted DU-SCT's (its cell inherits it, two levels down), the base cell issued its own.
	// DU-SCT's revision is open for comment (the demo's consultation, issue #17 item 6).
	c := cov("bloc.officer", "KHOI-CQDN", "")
	if want := (stdCoverageTotals{Units: 11, Own: 2, Adopted: 2, Inherited: 3, None: 4, Pending: 1}); c.Totals != want {
		t.Fatalf("totals %+v, want %+v", c.Totals, want)
	}
	wantSource := map[string]string{"KHOI-CQDN": "none", "DU-SCT": "own", "CB-VP": "adopted", "CB-QLTM": "inherited", "CB-KTAT": "inherited",
		"DU-STP": "none", "CB-BTTP": "none", "CB-HCTP": "none", "DUBP-SCT-KD": "adopted", "CB-KD1": "inherited", "CB-CS-BAO": "own"}
	if got := bySource(c); len(c.Items) != 11 || !stdEqualMaps(got, wantSource) || c.NextCursor != nil {
		t.Fatalf("coverage rows %v, want %v", got, wantSource)
	}
	if c.Items[0].Unit.Code != "KHOI-CQDN" {
		t.Fatalf("tree order starts with %s", c.Items[0].Unit.Code)
	}
	seen := map[string]bool{}
	for _, r := range c.Items {
		if r.Unit.Code == "CB-VP" && (r.StandardID == nil || *r.StandardID != demo.ID || r.FromUnit == nil || r.FromUnit.Code != "DU-SCT") {
			t.Fatalf("CB-VP's row: %+v", r)
		}
		if r.Source == "none" && (r.StandardID != nil || r.FromUnit != nil) {
			t.Fatalf("a unit without a standard has one: %+v", r)
		}
		if (r.PendingStatus != nil) != (r.Unit.Code == "DU-SCT") || r.PendingStatus != nil && *r.PendingStatus != "consultation" {
			t.Fatalf("only DU-SCT's revision is pending yet: %+v", r)
		}
		// A parent comes before its children.
		if r.Unit.Code == "CB-VP" && !seen["DU-SCT"] || r.Unit.Code == "CB-BTTP" && !seen["DU-STP"] {
			t.Fatalf("%s listed before its committee", r.Unit.Code)
		}
		seen[r.Unit.Code] = true
	}

	// Standards being prepared: a draft at DU-STP, a consultation at CB-BTTP.
	e.stdCreate("admin", "DU-STP", map[string]any{"title": "Dự thảo Sở Tư pháp", "items": stdItems("Một dòng.")})
	e.stdConsulting("cell.secretary2", "CB-BTTP", "Chuẩn mực Chi bộ Bổ trợ tư pháp")
	c = cov("bloc.officer", "KHOI-CQDN", "")
	if want := (stdCoverageTotals{Units: 11, Own: 2, Adopted: 2, Inherited: 3, None: 4, Pending: 3}); c.Totals != want {
		t.Fatalf("totals %+v, want %+v", c.Totals, want)
	}
	pending := cov("bloc.officer", "KHOI-CQDN", "?pending=true")
	gotPending := map[string]string{}
	for _, r := range pending.Items {
		if r.PendingStatus == nil {
			t.Fatalf("pending row without a status: %+v", r)
		}
		gotPending[r.Unit.Code] = *r.PendingStatus
	}
	if !stdEqualMaps(gotPending, map[string]string{"DU-SCT": "consultation", "DU-STP": "draft", "CB-BTTP": "consultation"}) || pending.Totals != c.Totals {
		t.Fatalf("pending rows %v, totals %+v", gotPending, pending.Totals)
	}
	if notPending := cov("bloc.officer", "KHOI-CQDN", "?pending=false"); len(notPending.Items) != 8 {
		t.Fatalf("%d rows not pending, want 8", len(notPending.Items))
	}
	none := cov("bloc.officer", "KHOI-CQDN", "?source=none")
	if got := bySource(none); !stdEqualMaps(got, map[string]string{"KHOI-CQDN": "none", "DU-STP": "none", "CB-BTTP": "none", "CB-HCTP": "none"}) || none.Totals != c.Totals {
		t.Fatalf("source=none rows %v, totals %+v", got, none.Totals)
	}
	if got := bySource(cov("inspector", "KHOI-CQDN", "?source=inherited")); !stdEqualMaps(got, map[string]string{"CB-QLTM": "inherited", "CB-KTAT": "inherited", "CB-KD1": "inherited"}) {
		t.Fatalf("source=inherited rows %v", got)
	}
	if got := bySource(cov("bloc.officer", "KHOI-CQDN", "?source=none&pending=true")); !stdEqualMaps(got, map[string]string{"DU-STP": "none", "CB-BTTP": "none"}) {
		t.Fatalf("source=none&pending=true rows %v", got)
	}

	// Paging with limit=2 follows next_cursor to the end without duplicates.
	pageAll := func(query string) []string {
		var codes []string
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatal("paging does not end")
			}
			q := "?limit=2" + query
			if cursor != "" {
				q += "&cursor=" + url.QueryEscape(cursor)
			}
			p := cov("bloc.officer", "KHOI-CQDN", q)
			if len(p.Items) == 0 || len(p.Items) > 2 || p.Totals != c.Totals {
				t.Fatalf("page %d: %+v", pages, p)
			}
			for _, r := range p.Items {
				codes = append(codes, r.Unit.Code)
			}
			if p.NextCursor == nil {
				return codes
			}
			cursor = *p.NextCursor
		}
	}
	paged := pageAll("")
	var whole []string
	for _, r := range c.Items {
		whole = append(whole, r.Unit.Code)
	}
	if !slices.Equal(paged, whole) {
		t.Fatalf("paged %q, whole %q", paged, whole)
	}
	var noneCodes []string
	for _, r := range none.Items {
		noneCodes = append(noneCodes, r.Unit.Code)
	}
	if paged := pageAll("&source=none"); !slices.Equal(paged, noneCodes) {
		t.Fatalf("paged source=none: %q, want %q", paged, noneCodes)
	}
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("KHOI-CQDN", "standard-coverage") + "?cursor=***", User: "bloc.officer"}), 400, "invalid_cursor")

	// A committee officer sees their subtree; ancestors still resolve a cell's standard.
	du := cov("committee.officer", "DU-SCT", "")
	if want := (stdCoverageTotals{Units: 6, Own: 1, Adopted: 2, Inherited: 3, Pending: 1}); du.Totals != want {
		t.Fatalf("DU-SCT totals %+v, want %+v", du.Totals, want)
	}
	vp := cov("committee.officer", "CB-VP", "")
	if len(vp.Items) != 1 || vp.Items[0].Source != "adopted" || vp.Items[0].FromUnit == nil || vp.Items[0].FromUnit.Code != "DU-SCT" ||
		vp.Items[0].StandardID == nil || *vp.Items[0].StandardID != demo.ID {
		t.Fatalf("CB-VP alone: %+v", vp)
	}
	qltm := cov("committee.officer", "CB-QLTM", "")
	if len(qltm.Items) != 1 || qltm.Items[0].Source != "inherited" || qltm.Totals.Inherited != 1 {
		t.Fatalf("CB-QLTM alone: %+v", qltm)
	}

	// Not for members or cell secretaries; not outside one's scope.
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("KHOI-CQDN", "standard-coverage"), User: "member"}), 403, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("CB-VP", "standard-coverage"), User: "member"}), 403, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("CB-VP", "standard-coverage"), User: "cell.secretary"}), 403, "forbidden")
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("DU-SCT", "standard-coverage"), User: "cell.secretary2"}), 404, "not_found")
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("DU-STP", "standard-coverage"), User: "committee.officer"}), 404, "not_found")
}

func stdEqualMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
