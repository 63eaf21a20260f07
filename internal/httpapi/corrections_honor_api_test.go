package httpapi_test

import (
	"net/http"
	"slices"
	"testing"
)

type corrHonorEntry struct {
	Number      int         `json:"number"`
	Year        int         `json:"year"`
	Unit        rptUnitRef  `json:"unit"`
	SubjectName string      `json:"subject_name"`
	SubjectUnit *rptUnitRef `json:"subject_unit"`
	Decision    *struct {
		Number string `json:"number"`
	} `json:"decision"`
}

// TestHonorRollOfEveryUnit reproduces issue #17 item 5: an honor decided by the bloc for CB-QLTM
// showed nowhere at CB-QLTM. A unit's roll (scope=subtree) now holds everything honored in it or
// below, saying by whom and by which decision; scope=own stays the register of what it decided.
func TestHonorRollOfEveryUnit(t *testing.T) {
	t.Parallel()
	e, _, _ := rptEnv(t)
	roll := func(user, unit, query string) []corrHonorEntry {
		t.Helper()
		var page struct {
			Items      []corrHonorEntry `json:"items"`
			NextCursor *string          `json:"next_cursor"`
		}
		var all []corrHonorEntry
		path := "/api/v1/units/" + e.units[unit].String() + "/honor-roll?limit=1&" + query
		for p := path; ; {
			e.must(http.StatusOK, req{Method: "GET", Path: p, User: user}).Decode(t, &page)
			all = append(all, page.Items...)
			if page.NextCursor == nil {
				return all
			}
			p = path + "&cursor=" + *page.NextCursor
		}
	}
	names := func(es []corrHonorEntry) []string {
		out := []string{}
		for _, x := range es {
			out = append(out, x.SubjectName)
		}
		slices.Sort(out)
		return out
	}

	// The demo: the bloc honored CB-QLTM (nominated by DU-SCT), DU-SCT honored Nguyễn Thị Thu of CB-VP.
	if got := roll("committee.officer", "CB-QLTM", "scope=own"); len(got) != 0 {
		t.Fatalf("CB-QLTM decided %+v", got)
	}
	qltm := roll("committee.officer", "CB-QLTM", "scope=subtree")
	if len(qltm) != 1 || qltm[0].SubjectName != "Chi bộ Quản lý thương mại" || qltm[0].Unit.Code != "KHOI-CQDN" ||
		qltm[0].SubjectUnit == nil || qltm[0].SubjectUnit.Code != "CB-QLTM" || qltm[0].Decision == nil || qltm[0].Decision.Number != "125-QĐ/ĐUK" {
		t.Fatalf("CB-QLTM's roll %+v", qltm)
	}
	vp := roll("cell.secretary", "CB-VP", "scope=subtree")
	if !slices.Equal(names(vp), []string{"Nguyễn Thị Thu"}) || vp[0].Unit.Code != "DU-SCT" || vp[0].SubjectUnit.Code != "CB-VP" {
		t.Fatalf("CB-VP's roll %+v", vp)
	}
	if got := names(roll("committee.officer", "DU-SCT", "scope=subtree")); !slices.Equal(got, []string{"Chi bộ Quản lý thương mại", "Nguyễn Thị Thu"}) {
		t.Fatalf("DU-SCT's roll %q", got)
	}
	if got := names(roll("committee.officer", "DU-SCT", "")); !slices.Equal(got, []string{"Nguyễn Thị Thu"}) {
		t.Fatalf("DU-SCT's register of its own decisions %q", got)
	}
	if got := roll("cell.secretary2", "CB-BTTP", "scope=subtree"); len(got) != 0 {
		t.Fatalf("CB-BTTP's roll holds others' honors: %+v", got)
	}
	if got := names(roll("bloc.officer", "KHOI-CQDN", "scope=subtree")); !slices.Equal(got, []string{"Chi bộ Quản lý thương mại", "Nguyễn Thị Thu"}) {
		t.Fatalf("the bloc's roll %q", got)
	}

	// Refusals: outside the read scope, a bad scope (portal clients: the access matrix).
	path := "/api/v1/units/" + e.units["CB-QLTM"].String() + "/honor-roll?scope=subtree"
	problem(t, e.do(req{Method: "GET", Path: path, User: "cell.secretary2"}), http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "GET", Path: path + "x", User: "committee.officer"}), http.StatusBadRequest, "validation")
}
