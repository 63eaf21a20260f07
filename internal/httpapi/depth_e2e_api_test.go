package httpapi_test

import (
	"bytes"
	"net/http"
	"slices"
	"testing"
	"time"

	"lamtheobac/internal/vntime"
)

// TestDepthTasksCoverageAndPortal: what the deeper shapes' people see end to end, beyond the
// review flows (depth_flows_api_test.go): their tasks when a round opens and a standard above
// them opens for comment, coverage counted at the partial committee and the base cell, and the
// public lists and feed filtered by a partial committee or a base cell as by a committee.
func TestDepthTasksCoverageAndPortal(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	year := vntime.Date(e.app.Now()).Year()
	today := vntime.Date(e.app.Now())
	// A round of the bloc for cells and committees: every reporting unit's drafters have its
	// report to write, at any depth, and nobody another unit's.
	var round rptRound
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.units["KHOI-CQDN"].String() + "/reporting-rounds", User: "bloc.officer",
		Body: map[string]any{"title": "Sơ kết thử độ sâu", "year": year, "period": "H1", "due_on": today.AddDate(0, 0, 7).Format(time.DateOnly),
			"levels": []string{"cell", "committee"}}}).Decode(t, &round)
	reports := e.rptReports(round.ID)
	for user, want := range map[string]string{
		"basecell.secretary": "CB-CS-BAO",
		"partial.officer":    "DUBP-SCT-KD",
		"cell.secretary3":    "CB-KD1",
		"committee.officer":  "DU-SCT",
	} {
		got := []string{}
		for _, tk := range e.rptTasks(user) {
			for code, r := range reports {
				if tk.Kind == "write_report" && tk.ResourceID == r.ID {
					got = append(got, code)
				}
			}
		}
		if !slices.Equal(got, []string{want}) {
			t.Errorf("%s writes the round's reports of %v, want %s's", user, got, want)
		}
	}

	// DU-SCT's standard opened for comment: the units below it comment, at any depth (the
	// partial committee and its cell); the base cell beside it does not.
	std := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/standards", User: "committee.officer",
		Body: map[string]any{"title": "Chuẩn mực góp ý", "items": []map[string]any{{"text": "Tuyệt đối trung thành với Đảng.", "relation": "fatherland_party"}}}}).JSON(t)["id"].(string)
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/standards/" + std + "/open-consultation", User: "committee.officer", Body: mxOpenBody()})
	for user, want := range map[string]bool{"partial.officer": true, "cell.secretary3": true, "basecell.secretary": false} {
		var has bool
		for _, tk := range e.rptTasks(user) {
			has = has || tk.Kind == "comment_standard" && tk.ResourceID == std
		}
		if has != want {
			t.Errorf("%s has a comment_standard task for DU-SCT's standard: %v, want %v", user, has, want)
		}
	}

	// Coverage at the partial committee counts it and its cell (CB-KD1's model approved, its
	// own registered: both count); at the base cell, itself (its model in progress).
	for code, want := range map[string][2]int{"DUBP-SCT-KD": {2, 2}, "CB-CS-BAO": {1, 1}} {
		var cov mdlCoverage
		e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath(code, "model-coverage") + "?year=" + itoa(year), User: "bloc.officer"}).Decode(t, &cov)
		if cov.Totals.Units != want[0] || cov.Totals.WithModel != want[1] {
			t.Errorf("%s's coverage: %d units, %d with a model; want %v (the demo's models, depth.go)", code, cov.Totals.Units, cov.Totals.WithModel, want)
		}
	}

	// The portal: the demo's models of the cell under the partial committee and of the base
	// cell, published, are listed under their committee filters.
	published := map[string]string{}
	var list struct {
		Items []struct {
			ID   string `json:"id"`
			Unit struct {
				Code string `json:"code"`
			} `json:"unit"`
		} `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["KHOI-CQDN"].String() + "/models?scope=subtree&limit=100", User: "admin"}).Decode(t, &list)
	for _, m := range list.Items {
		if m.Unit.Code == "CB-KD1" || m.Unit.Code == "CB-CS-BAO" {
			e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + m.ID + "/publication", User: "admin", Body: map[string]any{"published": true}})
			published[m.Unit.Code] = m.ID
		}
	}
	if len(published) != 2 {
		t.Fatalf("published %v, want the demo's models of CB-KD1 and CB-CS-BAO", published)
	}
	for _, c := range []struct {
		filter     string
		has, lacks []string
	}{
		{"DUBP-SCT-KD", []string{"CB-KD1"}, []string{"CB-CS-BAO"}},
		{"DU-SCT", []string{"CB-KD1"}, []string{"CB-CS-BAO"}},
		{"CB-CS-BAO", []string{"CB-CS-BAO"}, []string{"CB-KD1"}},
	} {
		for _, path := range []string{"/public/models", "/public/feed.atom"} {
			got := e.must(http.StatusOK, req{Method: "GET", Path: path + "?committee_id=" + e.units[c.filter].String()})
			for _, code := range c.has {
				if !bytes.Contains(got.Body, []byte(published[code])) {
					t.Errorf("%s?committee_id=%s lacks %s's model", path, c.filter, code)
				}
			}
			for _, code := range c.lacks {
				if bytes.Contains(got.Body, []byte(published[code])) {
					t.Errorf("%s?committee_id=%s lists %s's model", path, c.filter, code)
				}
			}
		}
	}
}

// TestHonorRollsAtDepth: a cell's exemplar commended and honored by its partial committee is
// numbered on the partial committee's roll, which the committee above reads and the cell's
// secretary too; the base cell's, honored by the bloc, on the bloc's.
func TestHonorRollsAtDepth(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	step := func(user string, n nomNomination, action string, body any) nomNomination {
		t.Helper()
		return call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, action), User: user, Header: ifMatch(n.Version), Body: body})
	}
	roll := func(user, code string) nomHonorRoll {
		t.Helper()
		var r nomHonorRoll
		e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath(code, "honor-roll") + "?year=" + itoa(year), User: user}).Decode(t, &r)
		return r
	}

	n := e.nomCreate("cell.secretary3", "CB-KD1", nomBody(year, nomPerson("Lâm Thị Hoa", "Chuyên viên", e.units["CB-KD1"], false), "Tận tụy với doanh nghiệp."))
	n = step("cell.secretary3", n, "submit", nil)
	n = step("partial.officer", n, "commend", nomDecision("02-QĐ/ĐUBP", nomToday(year)))
	n = step("partial.officer", n, "honor", nil)
	if n.Status != "honored" || n.Holder.Code != "DUBP-SCT-KD" {
		t.Fatalf("honored by the partial committee: %s held at %s", n.Status, n.Holder.Code)
	}
	for _, user := range []string{"partial.officer", "committee.officer", "cell.secretary3"} {
		if r := roll(user, "DUBP-SCT-KD"); len(r.Items) != 1 || r.Items[0].Number != 1 || r.Items[0].SubjectName != "Lâm Thị Hoa" {
			t.Errorf("the partial committee's roll as %s: %+v", user, r.Items)
		}
	}
	if r := roll("committee.officer", "DU-SCT"); slices.ContainsFunc(r.Items, func(it nomHonorEntry) bool { return it.SubjectName == "Lâm Thị Hoa" }) {
		t.Errorf("DU-SCT's roll lists the partial committee's exemplar: %+v", r.Items)
	}

	b := e.nomCreate("basecell.secretary", "CB-CS-BAO", nomBody(year, map[string]any{"kind": "collective", "unit_id": e.units["CB-CS-BAO"]}, "Chi bộ cơ sở tiêu biểu."))
	b = step("basecell.secretary", b, "submit", nil)
	b = step("bloc.officer", b, "commend", nomDecision("10-QĐ/ĐUK", nomToday(year)))
	b = step("bloc.officer", b, "honor", nil)
	if r := roll("basecell.secretary", "KHOI-CQDN"); !slices.ContainsFunc(r.Items, func(it nomHonorEntry) bool { return it.NominationID == b.ID }) {
		t.Errorf("the bloc's roll lacks the base cell's exemplar: %+v", r.Items)
	}
}
