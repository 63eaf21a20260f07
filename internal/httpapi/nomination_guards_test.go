package httpapi_test

import (
	"net/http"
	"testing"
)

// TestNominationGuards: a mentor must come from the nominating unit's line (they get to write
// notes), and nothing reaches the portal without its public summary.
func TestNominationGuards(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	// A collective of CB-VP, nominated by DU-SCT, carried to honored without a public summary.
	created := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/nominations",
		User: "committee.officer", Body: nomBody(year, map[string]any{"kind": "collective", "unit_id": e.units["CB-VP"]}, "")}).JSON(t)
	id := created["id"].(string)

	// Mentors: a user of another committee's cell is refused; the cell's own secretary is fine.
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/nominations/" + id + "/mentor", User: "committee.officer",
		Body: map[string]any{"name": "Người ngoài", "user_id": e.users["cell.secretary2"]}}), http.StatusUnprocessableEntity, "validation")
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/nominations/" + id + "/mentor", User: "committee.officer",
		Body: map[string]any{"name": "Phạm Thị Lan", "user_id": e.users["cell.secretary"]}})

	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/nominations/" + id + "/submit", User: "committee.officer"})
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/nominations/" + id + "/commend", User: "bloc.officer",
		Body: nomDecision("12-QĐ/ĐUK", nomToday(year))})
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/nominations/" + id + "/honor", User: "bloc.officer"})
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/nominations/" + id + "/publication", User: "bloc.officer",
		Body: map[string]any{"published": true}}), http.StatusConflict, "summary_missing")
	if n := e.count("nominations", "id = $1 AND published_at IS NOT NULL", id); n != 0 {
		t.Fatal("published without a public summary")
	}
}
