package httpapi_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"lamtheobac/internal/seed"
	"lamtheobac/internal/vntime"
)

// TestDemoProvince: the demo as `make run` loads it has its bloc under the province
// TU-TRAVINH, whose officer reads the whole tree, receives the bloc's nominations and reviews
// its report in a round of the province; the bloc's officer reads the province as an
// ancestor and decides nothing there.
func TestDemoProvince(t *testing.T) {
	t.Parallel()
	e := newProvinceEnv(t)
	tu, khoi := e.units[seed.DemoProvince], e.units["KHOI-CQDN"]
	codes := func(user, path string) []string {
		var l apiUnitList
		e.must(http.StatusOK, req{Method: "GET", Path: path, User: user}).Decode(t, &l)
		out := []string{}
		for _, u := range l.Items {
			out = append(out, u.Code+":"+u.Kind)
		}
		return out
	}

	// The tree: the province is the root every demo caller's tree starts from.
	if got := codes("bloc.officer", "/api/v1/units/"+khoi.String()+"/ancestors"); !slices.Equal(got, []string{seed.DemoProvince + ":province"}) {
		t.Errorf("KHOI-CQDN's ancestors %v", got)
	}
	if got := codes("cell.secretary3", "/api/v1/units/"+e.units["CB-KD1"].String()+"/ancestors"); !slices.Equal(got,
		[]string{seed.DemoProvince + ":province", "KHOI-CQDN:bloc", "DU-SCT:committee", "DUBP-SCT-KD:partial_committee"}) {
		t.Errorf("CB-KD1's ancestors %v", got)
	}
	if got := codes("committee.officer", "/api/v1/blocs"); !slices.Equal(got, []string{seed.DemoProvince + ":province"}) {
		t.Errorf("the roots a committee officer reads: %v", got)
	}
	if got := codes("province.officer", "/api/v1/units/"+tu.String()+"/children"); !slices.Equal(got, []string{"KHOI-CQDN:bloc"}) {
		t.Errorf("the province's children %v", got)
	}
	for _, code := range []string{"CB-KD1", "CB-CS-BAO", "CB-BTTP"} {
		e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units[code].String(), User: "province.officer"})
	}
	// Coverage over the province counts the units that carry the work out: every unit of the
	// demo but the province and the bloc, which direct it.
	year := vntime.Date(e.app.Now()).Year()
	var cov struct {
		Totals struct {
			Units int `json:"units"`
		} `json:"totals"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + tu.String() + "/model-coverage?year=" + itoa(year), User: "province.officer"}).Decode(t, &cov)
	if want := e.count("units", "kind NOT IN ('province', 'bloc')"); cov.Totals.Units != want || want != 10 {
		t.Errorf("the province's coverage counts %d units, want %d (10)", cov.Totals.Units, want)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/units/" + tu.String() + "/model-coverage?year=" + itoa(year), User: "bloc.officer"}), 403, "forbidden")

	// Nominations climb to the province: the bloc's own goes there, and so does one the bloc
	// endorses; the province's officer decides them, the bloc's does not.
	nom := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + khoi.String() + "/nominations", User: "bloc.officer",
		Body: mxNominationBody(year, mxCollective(e.units["DU-STP"]))}).JSON(t)["id"].(string)
	sent := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/nominations/" + nom + "/submit", User: "bloc.officer"}).JSON(t)
	if h := sent["holder"].(map[string]any)["code"]; h != seed.DemoProvince {
		t.Fatalf("the bloc's nomination is held at %v, want the province", h)
	}
	if !slices.Contains(e.taskIDs("province.officer", "review_nomination"), nom) {
		t.Errorf("the province's officer has no task for the bloc's nomination: %v", e.rptTasks("province.officer"))
	}
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/nominations/" + nom + "/return", User: "bloc.officer", Body: map[string]any{"reason": "Xem lại."}}), 403, "forbidden")
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/nominations/" + nom + "/commend", User: "province.officer", Body: mxCommendBody(vntime.Date(e.app.Now()))})

	// A round of the province for its blocs: the bloc reports to the province.
	var round rptRound
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + tu.String() + "/reporting-rounds", User: "province.officer",
		Body: map[string]any{"title": "Báo cáo của các đảng bộ khối", "year": year, "period": "H1",
			"due_on": vntime.Date(e.app.Now()).AddDate(0, 0, 7).Format(time.DateOnly), "levels": []string{"bloc"}}}).Decode(t, &round)
	if round.Reports != 1 {
		t.Fatalf("the province's round opened %d reports, want the bloc's", round.Reports)
	}
	var l struct{ Items []rptReport }
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + khoi.String() + "/reports?round_id=" + round.ID, User: "bloc.officer"}).Decode(t, &l)
	if len(l.Items) != 1 {
		t.Fatalf("%d reports of the bloc", len(l.Items))
	}
	rep := e.rptStep("bloc.officer", e.rptWrite("bloc.officer", l.Items[0]), "submit", "submitted", nil)
	if !slices.Contains(e.taskIDs("province.officer", "review_report"), rep.ID) || slices.Contains(e.taskIDs("bloc.officer", "review_report"), rep.ID) {
		t.Error("the bloc's report waits on the province's officer only")
	}
	problem(t, e.do(req{Method: "POST", Path: rptPath(rep.ID, "accept"), User: "bloc.officer", Header: ifMatch(rep.Version)}), 403, "forbidden")
	e.rptStep("province.officer", rep, "accept", "accepted", nil)
}
