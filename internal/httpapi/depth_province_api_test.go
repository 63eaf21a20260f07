package httpapi_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// TestProvinceRoundConsolidates opens a round at a province over two blocs of different shapes
// and checks every report's frozen figures and every consolidation against sums the test
// computes itself from the models it created and the tree it built.
func TestProvinceRoundConsolidates(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	// The tree, child → parent, parents first; and the models each unit drafts this year.
	type node struct{ code, kind, parent, owner, role string }
	tree := []node{
		{"P1", "province", "", "p.off", "bloc_officer"},
		{"B1", "bloc", "P1", "b1.off", "bloc_officer"},
		{"C1", "committee", "B1", "c1.off", "committee_officer"},
		{"X1", "cell", "C1", "x1.sec", "cell_secretary"},
		{"X2", "cell", "C1", "x2.sec", "cell_secretary"},
		{"B2", "bloc", "P1", "b2.off", "bloc_officer"},
		{"C2", "committee", "B2", "c2.off", "committee_officer"},
		{"D2", "partial_committee", "C2", "d2.off", "committee_officer"},
		{"X3", "cell", "D2", "x3.sec", "cell_secretary"},
		{"S2", "base_cell", "B2", "s2.sec", "cell_secretary"},
	}
	models := map[string]int{"X1": 1, "X2": 2, "C1": 1, "X3": 3, "D2": 2, "S2": 1}
	children := map[string][]string{}
	owner := map[string]string{}
	for _, n := range tree {
		if got := e.createKind("admin", n.parent, n.kind, n.code); got.Status != http.StatusCreated {
			t.Fatalf("create %s: %d %s", n.code, got.Status, got.Body)
		}
		e.rptUser(n.owner, n.code, map[string]string{n.role: n.code})
		children[n.parent] = append(children[n.parent], n.code)
		owner[n.code] = n.owner
	}
	for code, k := range models {
		for i := range k {
			e.mdlCreate(owner[code], code, mdlBody("Mô hình "+code+" số "+strconv.Itoa(i+1), year))
		}
	}
	var subtotal func(code string) int
	subtotal = func(code string) int {
		n := models[code]
		for _, c := range children[code] {
			n += subtotal(c)
		}
		return n
	}
	parent := map[string]string{}
	for _, n := range tree {
		parent[n.code] = n.parent
	}

	round := e.rptOpen("p.off", "P1", rptH1(year, "bloc", "committee", "cell"))
	if round.Reports != len(tree)-1 {
		t.Fatalf("%d reports, want one per unit under the province (%d)", round.Reports, len(tree)-1)
	}
	var l struct{ Items []rptReport }
	q := url.Values{"scope": {"subtree"}, "round_id": {round.ID}, "limit": {"100"}}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["P1"].String() + "/reports?" + q.Encode(), User: "p.off"}).Decode(t, &l)
	reports := map[string]rptReport{}
	for _, r := range l.Items {
		reports[r.Unit.Code] = r
	}

	// Bottom-up: each unit writes and submits, the officers of the unit above accept.
	for _, code := range []string{"X1", "X2", "C1", "B1", "X3", "D2", "C2", "S2", "B2"} {
		r := e.rptStep(owner[code], e.rptWrite(owner[code], e.rptGet(owner[code], reports[code].ID)), "submit", "submitted", nil)
		if r.Figures.ModelsTotal != subtotal(code) {
			t.Errorf("%s froze %d models, want %d (its subtree's)", code, r.Figures.ModelsTotal, subtotal(code))
		}
		if p := parent[parent[code]]; p != "" {
			problem(t, e.do(req{Method: "POST", Path: rptPath(r.ID, "accept"), User: owner[p], Header: ifMatch(r.Version)}), 403, "forbidden")
		}
		reports[code] = e.rptStep(owner[parent[code]], r, "accept", "accepted", nil)
	}

	// Every unit with children consolidates exactly its direct children's frozen figures.
	for _, code := range []string{"C1", "B1", "D2", "C2", "B2"} {
		var c rptConsolidation
		e.must(http.StatusOK, req{Method: "GET", Path: rptPath(reports[code].ID, "consolidated"), User: owner[code]}).Decode(t, &c)
		want := 0
		for _, ch := range children[code] {
			want += subtotal(ch)
		}
		if c.Totals.ModelsTotal != want || len(c.Children) != len(children[code]) {
			t.Errorf("%s consolidates %d models over %d children, want %d over %v", code, c.Totals.ModelsTotal, len(c.Children), want, children[code])
		}
		for _, ch := range c.Children {
			if !ch.Included || ch.State != "accepted" {
				t.Errorf("%s: child %s %s, included %v", code, ch.Unit.Code, ch.State, ch.Included)
			}
		}
	}
	// The province's view: every report of its round accepted, whatever the depth.
	s := e.rptStatus("p.off", round.ID, "?limit=100")
	if s.Expected != len(tree)-1 || s.Counts["accepted"] != len(tree)-1 || !rptNear(s.RateSubmitted, 1) {
		t.Errorf("province status: expected %d, counts %v, rate %v", s.Expected, s.Counts, s.RateSubmitted)
	}
	if subtotal("B1")+subtotal("B2") != 10 {
		t.Fatalf("the test's own sums: %d", subtotal("B1")+subtotal("B2"))
	}
}
