package httpapi_test

import (
	"bytes"
	"net/http"
	"testing"
)

// TestPublicFiltersUnderAProvince: with blocs under a province, the public lists' bloc_id of a
// bloc gives that bloc's published models only, and the province's gives both blocs'.
func TestPublicFiltersUnderAProvince(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, n := range []struct{ parent, kind, code string }{
		{"", "province", "PF-P"}, {"PF-P", "bloc", "PF-B1"}, {"PF-P", "bloc", "PF-B2"},
		{"PF-B1", "committee", "PF-C1"}, {"PF-B2", "committee", "PF-C2"},
	} {
		if got := e.createKind("admin", n.parent, n.kind, n.code); got.Status != http.StatusCreated {
			t.Fatalf("create %s: %d %s", n.code, got.Status, got.Body)
		}
	}
	e.rptUser("pf.c1", "PF-C1", map[string]string{"committee_officer": "PF-C1"})
	e.rptUser("pf.c2", "PF-C2", map[string]string{"committee_officer": "PF-C2"})
	e.rptUser("pf.b1", "PF-B1", map[string]string{"bloc_officer": "PF-B1"})
	e.rptUser("pf.b2", "PF-B2", map[string]string{"bloc_officer": "PF-B2"})
	publish := func(owner, reviewer, unit, name string) string {
		m := e.mdlDriveAs(owner, reviewer, e.mdlCreate(owner, unit, mdlBody(name, 2026)), "approved")
		e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + m.ID + "/publication", User: reviewer, Body: map[string]any{"published": true}})
		return m.ID
	}
	one := publish("pf.c1", "pf.b1", "PF-C1", "Mô hình khối một")
	two := publish("pf.c2", "pf.b2", "PF-C2", "Mô hình khối hai")

	for _, c := range []struct {
		unit       string
		has, lacks []string
	}{
		{"PF-B1", []string{one}, []string{two}},
		{"PF-B2", []string{two}, []string{one}},
		{"PF-P", []string{one, two}, nil},
	} {
		for _, path := range []string{"/public/models", "/public/feed.atom"} {
			got := e.must(http.StatusOK, req{Method: "GET", Path: path + "?bloc_id=" + e.units[c.unit].String()})
			for _, id := range c.has {
				if !bytes.Contains(got.Body, []byte(id)) {
					t.Errorf("%s for %s lacks %s", path, c.unit, id)
				}
			}
			for _, id := range c.lacks {
				if bytes.Contains(got.Body, []byte(id)) {
					t.Errorf("%s for %s lists %s of the other bloc", path, c.unit, id)
				}
			}
		}
	}
}
