package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
)

// TestReportDraftFiguresAreNull reproduces #17 item 9: a list of reports showed every draft with
// zero counts and standard_source "none", which a dashboard reads as a unit with nothing to
// report. Figures are null until they exist: in lists until the report is submitted (frozen),
// and in a consolidation until a child is included; a report read by itself is prefilled.
func TestReportDraftFiguresAreNull(t *testing.T) {
	t.Parallel()
	e, _, year := rptEnv(t)
	round := e.rptOpen("bloc.officer", "KHOI-CQDN", rptH1(year, "cell", "committee"))
	type raw struct {
		ID      string          `json:"id"`
		Unit    rptUnitRef      `json:"unit"`
		Status  string          `json:"status"`
		Version int64           `json:"version"`
		Frozen  bool            `json:"frozen"`
		Figures json.RawMessage `json:"figures"`
	}
	list := func() map[string]raw {
		t.Helper()
		var l struct{ Items []raw }
		q := url.Values{"scope": {"subtree"}, "round_id": {round.ID}, "limit": {"100"}}
		e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/reports?" + q.Encode(),
			User: "committee.officer"}).Decode(t, &l)
		out := map[string]raw{}
		for _, r := range l.Items {
			out[r.Unit.Code] = r
		}
		return out
	}
	drafts := list()
	if len(drafts) < 4 {
		t.Fatalf("reports %v", drafts)
	}
	for code, r := range drafts {
		if string(r.Figures) != "null" || r.Frozen {
			t.Errorf("draft of %s listed with figures %s (frozen %v), want null", code, r.Figures, r.Frozen)
		}
	}
	// Read by itself, a draft is prefilled from the system: CB-VP has its demo models and the
	// standard it adopted, not "none".
	vp := e.rptGet("cell.secretary", drafts["CB-VP"].ID)
	if vp.Figures.ModelsTotal == 0 || vp.Figures.StandardSource == "none" || vp.Figures.StandardSource == "" || vp.Frozen {
		t.Errorf("CB-VP's draft read alone: %+v", vp.Figures)
	}
	// The committee's consolidation: nothing sent up yet is no sum at all.
	cons := func() (map[string]json.RawMessage, rptConsolidation) {
		t.Helper()
		got := e.must(http.StatusOK, req{Method: "GET", Path: rptPath(drafts["DU-SCT"].ID, "consolidated"), User: "committee.officer"})
		var m map[string]json.RawMessage
		var c rptConsolidation
		got.Decode(t, &m)
		got.Decode(t, &c)
		return m, c
	}
	if m, c := cons(); string(m["totals"]) != "null" || len(c.Children) < 3 {
		t.Errorf("consolidation before any submission: totals %s, %d children", m["totals"], len(c.Children))
	}

	// Submitted: the list carries the frozen figures, the others stay null; the consolidation sums
	// what was sent.
	vp = e.rptStep("cell.secretary", e.rptWrite("cell.secretary", vp), "submit", "submitted", nil)
	after := list()
	var frozen rptFigures
	if err := json.Unmarshal(after["CB-VP"].Figures, &frozen); err != nil || !after["CB-VP"].Frozen || frozen.ModelsTotal != vp.Figures.ModelsTotal ||
		frozen.StandardSource != vp.Figures.StandardSource {
		t.Errorf("submitted CB-VP listed with %s (frozen %v), want %+v", after["CB-VP"].Figures, after["CB-VP"].Frozen, vp.Figures)
	}
	if string(after["CB-QLTM"].Figures) != "null" {
		t.Errorf("CB-QLTM's draft listed with %s", after["CB-QLTM"].Figures)
	}
	if m, c := cons(); string(m["totals"]) == "null" || c.Totals.counts().ModelsTotal != vp.Figures.ModelsTotal {
		t.Errorf("consolidation after CB-VP's submission: %s, want CB-VP's %+v", m["totals"], vp.Figures)
	}
	// Returned, its figures thaw: null in the list again.
	e.rptStep("committee.officer", vp, "return", "returned", map[string]any{"reason": "Bổ sung số liệu."})
	if r := list()["CB-VP"]; string(r.Figures) != "null" || r.Frozen {
		t.Errorf("returned CB-VP listed with %s (frozen %v)", r.Figures, r.Frozen)
	}
}
