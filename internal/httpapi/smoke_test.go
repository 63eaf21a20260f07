package httpapi_test

import (
	"net/http"
	"testing"
)

func TestSmokeGetCellAsSecretary(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	got := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/cells/" + e.units["CB-VP"].String(), User: "cell.secretary"})
	if got.JSON(t)["code"] != "CB-VP" {
		t.Fatalf("got %s", got.Body)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/cells/" + e.units["CB-BTTP"].String(), User: "cell.secretary"}), 404, "not_found")
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/cells/" + e.units["CB-VP"].String()}), 401, "unauthenticated")
}
