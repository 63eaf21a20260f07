package httpapi_test

import (
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/google/uuid"
)

func TestModelCarryOver(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	src := e.mdlDemo("CB-VP", mdlSavings)
	if src.Year != year-1 || src.Status != "completed" {
		t.Fatalf("demo savings model: %+v", src)
	}
	carry := func(user, id string, y int) resp {
		return e.do(req{Method: "POST", Path: mdlPath(id, "carry-over"), User: user, Body: map[string]any{"year": y}})
	}

	res := carry(mdlSec, src.ID, year)
	if res.Status != http.StatusCreated {
		t.Fatalf("carry over: %d %s", res.Status, res.Body)
	}
	var c mdlModel
	res.Decode(t, &c)
	if res.Header.Get("Location") != mdlPath(c.ID) || res.Header.Get("ETag") != `"1"` {
		t.Fatalf("carry-over headers: %v", res.Header)
	}
	if c.CarriedOverFrom == nil || *c.CarriedOverFrom != src.ID {
		t.Fatalf("not linked: %+v", c)
	}
	var l mdlList
	e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath("CB-VP", "models") + "?year=" + strconv.Itoa(year), User: mdlSec}).Decode(t, &l)
	if !slices.ContainsFunc(l.Items, func(m mdlModel) bool { return m.ID == c.ID }) {
		t.Fatalf("the carried-over draft is not listed in %d", year)
	}
	if c.Status != "draft" || c.Year != year || c.Version != 1 || c.ReplicatedFrom != nil || c.RegisteredAt != nil ||
		c.Name != src.Name || c.LearningContent != src.LearningContent || c.Category != src.Category ||
		!slices.Equal(c.NecessityReasons, src.NecessityReasons) || !slices.Equal(c.Measures.Milestones, shiftMilestones(src.Measures.Milestones, year-src.Year)) ||
		c.Implementer != src.Implementer || c.Unit != src.Unit || c.LatestRating != nil || c.ID == src.ID {
		t.Fatalf("carried over: %+v\nfrom %+v", c, src)
	}
	if !slices.Equal(c.AllowedActions, []string{"update", "delete", "register"}) {
		t.Fatalf("carried-over draft offers %q", c.AllowedActions)
	}
	if after := e.mdlGet(mdlSec, src.ID); after.Version != src.Version || after.Status != "completed" {
		t.Fatalf("the source changed: %+v", after)
	}

	// Refusals: the same year again, a year not after, out of range, a draft source, others' rights.
	before := e.count("models", "")
	problem(t, carry(mdlSec, src.ID, year), http.StatusConflict, "duplicate")
	for _, y := range []int{year - 1, year - 2} {
		mdlWantFields(t, problem(t, carry(mdlSec, src.ID, y), http.StatusUnprocessableEntity, "validation"), "/year")
	}
	mdlWantFields(t, problem(t, carry(mdlSec, src.ID, year+2), http.StatusUnprocessableEntity, "validation"), "/year")
	problem(t, carry(mdlSec, c.ID, year+1), http.StatusConflict, "invalid_transition")
	problem(t, carry(mdlOfficer, src.ID, year+1), http.StatusForbidden, "forbidden")
	problem(t, carry(mdlMember, src.ID, year+1), http.StatusForbidden, "forbidden")
	problem(t, carry("cell.secretary2", src.ID, year+1), http.StatusNotFound, "not_found")
	if n := e.count("models", ""); n != before {
		t.Fatalf("refused carry-overs created %d models", n-before)
	}
	// Nor can an edit move the carried copy back to (or before) its source's year.
	for _, y := range []int{src.Year, src.Year - 1} {
		mdlWantFields(t, problem(t, e.do(req{Method: "PATCH", Path: mdlPath(c.ID), User: mdlSec, Header: ifMatch(c.Version), Body: map[string]any{"year": y}}), http.StatusUnprocessableEntity, "validation"), "/year")
	}
	if got := e.mdlGet(mdlSec, c.ID); got.Year != year || got.Version != c.Version {
		t.Fatalf("a refused year edit changed the carried copy: %+v", got)
	}

	// The carried copy goes through its year and is carried on into next year: a chain.
	c = e.mdlDriveAs(mdlSec, mdlOfficer, c, "approved")
	res = e.must(http.StatusCreated, req{Method: "POST", Path: mdlPath(c.ID, "carry-over"), User: mdlSec, Body: map[string]any{"year": year + 1}})
	var next mdlModel
	res.Decode(t, &next)
	if res.Header.Get("Location") != mdlPath(next.ID) || res.Header.Get("ETag") != `"1"` {
		t.Fatalf("carry-over headers: %v", res.Header)
	}
	if next.Year != year+1 || next.Status != "draft" || next.CarriedOverFrom == nil || *next.CarriedOverFrom != c.ID {
		t.Fatalf("carried into next year: %+v", next)
	}

	ref := func(m mdlModel, status string) mdlRef {
		return mdlRef{ID: m.ID, Name: m.Name, Year: m.Year, Status: status, Unit: m.Unit}
	}
	lineage := func(user, id string) mdlLineage {
		var l mdlLineage
		e.must(http.StatusOK, req{Method: "GET", Path: mdlPath(id, "lineage"), User: user}).Decode(t, &l)
		return l
	}
	// From the source: carried to this year, then next year (oldest first); the CB-QLTM replica is
	// not readable by the cell secretary.
	l1 := lineage(mdlSec, src.ID)
	if l1.Source != ref(src, "completed") || len(l1.Replicas) != 0 || len(l1.CarriedFrom) != 0 ||
		!slices.Equal(l1.CarriedTo, []mdlRef{ref(c, "approved"), ref(next, "draft")}) {
		t.Fatalf("lineage of the source: %+v", l1)
	}
	// From the newest: carried from this year, then last year (newest first).
	l2 := lineage(mdlOfficer, next.ID)
	if l2.Source != ref(next, "draft") || len(l2.CarriedTo) != 0 ||
		!slices.Equal(l2.CarriedFrom, []mdlRef{ref(c, "approved"), ref(src, "completed")}) {
		t.Fatalf("lineage of next year's copy: %+v", l2)
	}
	l3 := lineage(mdlMember, c.ID)
	if !slices.Equal(l3.CarriedFrom, []mdlRef{ref(src, "completed")}) || !slices.Equal(l3.CarriedTo, []mdlRef{ref(next, "draft")}) {
		t.Fatalf("lineage of this year's copy: %+v", l3)
	}
	if evs := e.mdlAudit("CB-VP", next.ID); len(evs) != 1 || evs[0].Action != "model.carry_over" || evs[0].After["carried_over_from"] != c.ID {
		t.Fatalf("carry-over audit: %+v", evs)
	}
}

func TestModelReplicationLineage(t *testing.T) {
	t.Parallel()
	e, year := newModelEnv(t)
	src := e.mdlDemo("CB-VP", mdlSavings)
	demoReplica := e.mdlDemo("CB-QLTM", mdlSavings)
	if demoReplica.ReplicatedFrom == nil || *demoReplica.ReplicatedFrom != src.ID || demoReplica.Status != "draft" {
		t.Fatalf("demo replica: %+v", demoReplica)
	}
	replicate := func(user, id string, units ...string) resp {
		ids := make([]string, len(units))
		for i, u := range units {
			if id, ok := e.units[u]; ok {
				ids[i] = id.String()
			} else {
				ids[i] = u
			}
		}
		return e.do(req{Method: "POST", Path: mdlPath(id, "replications"), User: user, Body: map[string]any{"unit_ids": ids}})
	}

	var out mdlList
	res := replicate(mdlOfficer, src.ID, "CB-KTAT")
	if res.Status != http.StatusCreated {
		t.Fatalf("replicate: %d %s", res.Status, res.Body)
	}
	res.Decode(t, &out)
	if len(out.Items) != 1 {
		t.Fatalf("replicated: %s", res.Body)
	}
	ktat := out.Items[0]
	if got := e.mdlDemo("CB-KTAT", mdlSavings); got.ID != ktat.ID {
		t.Fatalf("the replica is not listed in CB-KTAT: %+v", got)
	}
	if ktat.ReplicatedFrom == nil || *ktat.ReplicatedFrom != src.ID || ktat.Status != "draft" || ktat.Year != src.Year ||
		ktat.LearningContent != src.LearningContent || ktat.CarriedOverFrom != nil || ktat.Unit.Code != "CB-KTAT" {
		t.Fatalf("replica in CB-KTAT: %+v", ktat)
	}

	// Refusals.
	before := e.count("models", "")
	problem(t, replicate(mdlOfficer, src.ID, "CB-KTAT"), http.StatusConflict, "already_replicated")
	mdlWantFields(t, problem(t, replicate(mdlOfficer, src.ID, "CB-BTTP"), http.StatusNotFound, "unit_not_found"), "/unit_ids/0")
	mdlWantFields(t, problem(t, replicate(mdlOfficer, src.ID, uuid.NewString()), http.StatusNotFound, "unit_not_found"), "/unit_ids/0")
	smile := e.mdlDemo("CB-VP", "Nụ cười công sở")
	// All or nothing: the second unit is outside the subtree, so CB-QLTM gets nothing either.
	mdlWantFields(t, problem(t, replicate(mdlOfficer, smile.ID, "CB-QLTM", "CB-BTTP"), http.StatusNotFound, "unit_not_found"), "/unit_ids/1")
	mdlWantFields(t, problem(t, replicate(mdlOfficer, smile.ID, "CB-VP"), http.StatusUnprocessableEntity, "not_replicable_here"), "/unit_ids/0")
	problem(t, replicate(mdlSec, src.ID, "CB-KTAT"), http.StatusForbidden, "forbidden")
	problem(t, replicate(mdlMember, smile.ID, "CB-QLTM"), http.StatusForbidden, "forbidden")
	problem(t, replicate("cell.secretary2", src.ID, "CB-BTTP"), http.StatusNotFound, "not_found")
	problem(t, replicate(mdlOfficer, e.mdlDemo("CB-KTAT", "Ngày chủ nhật xanh").ID, "CB-VP"), http.StatusConflict, "invalid_transition")
	problem(t, replicate(mdlOfficer, src.ID), http.StatusBadRequest, "validation")
	if n := e.count("models", ""); n != before {
		t.Fatalf("refused replications created %d models", n-before)
	}

	// The CB-KTAT replica is approved, then replicated on by the bloc into the other committee.
	ktat = e.mdlDriveAs("admin", mdlOfficer, ktat, "approved")
	res = replicate("bloc.officer", ktat.ID, "CB-HCTP")
	if res.Status != http.StatusCreated {
		t.Fatalf("replicate the replica: %d %s", res.Status, res.Body)
	}
	res.Decode(t, &out)
	if len(out.Items) != 1 || out.Items[0].Unit.Code != "CB-HCTP" || out.Items[0].ReplicatedFrom == nil ||
		*out.Items[0].ReplicatedFrom != ktat.ID || out.Items[0].Status != "draft" {
		t.Fatalf("replicated into CB-HCTP: %s", res.Body)
	}
	hctp := out.Items[0]
	if evs := e.auditEvents("bloc.officer", "CB-HCTP", "?resource_id="+hctp.ID).Items; len(evs) != 1 || evs[0].Action != "model.replicate" {
		t.Fatalf("replication audit: %+v", evs)
	}

	// The replicated_from filter lists the direct replicas.
	list := func(user, unit, id string) []string {
		var l mdlList
		e.must(http.StatusOK, req{Method: "GET", Path: e.mdlUnitPath(unit, "models") + "?scope=subtree&replicated_from=" + id, User: user}).Decode(t, &l)
		var out []string
		for _, m := range l.Items {
			if m.ReplicatedFrom == nil || *m.ReplicatedFrom != id {
				t.Fatalf("listed %+v, not a replica of %s", m, id)
			}
			out = append(out, m.Unit.Code)
		}
		slices.Sort(out)
		return out
	}
	if got := list("bloc.officer", "KHOI-CQDN", src.ID); !slices.Equal(got, []string{"CB-KTAT", "CB-QLTM"}) {
		t.Fatalf("replicas of the source: %q", got)
	}
	if got := list(mdlOfficer, "DU-SCT", src.ID); !slices.Equal(got, []string{"CB-KTAT", "CB-QLTM"}) {
		t.Fatalf("replicas of the source in DU-SCT: %q", got)
	}
	if got := list("bloc.officer", "KHOI-CQDN", ktat.ID); !slices.Equal(got, []string{"CB-HCTP"}) {
		t.Fatalf("replicas of the replica: %q", got)
	}
	if got := list(mdlOfficer, "DU-SCT", ktat.ID); len(got) != 0 {
		t.Fatalf("the committee officer sees replicas outside its subtree: %q", got)
	}

	// Lineage from any member of the family gives the source and every readable replica with its
	// state, in creation order.
	rep := func(m mdlModel, status, from string) mdlRef {
		return mdlRef{ID: m.ID, Name: m.Name, Year: m.Year, Status: status, Unit: m.Unit, ReplicatedFrom: from}
	}
	wantSource := mdlRef{ID: src.ID, Name: src.Name, Year: src.Year, Status: "completed", Unit: src.Unit}
	all := []mdlRef{rep(demoReplica, "draft", src.ID), rep(ktat, "approved", src.ID), rep(hctp, "draft", ktat.ID)}
	for _, c := range []struct {
		user, from string
		want       []mdlRef
	}{
		{"bloc.officer", hctp.ID, all},
		{"bloc.officer", src.ID, all},
		{"inspector", ktat.ID, all},
		{mdlOfficer, ktat.ID, all[:2]},
		{mdlOfficer, demoReplica.ID, all[:2]},
	} {
		var l mdlLineage
		e.must(http.StatusOK, req{Method: "GET", Path: mdlPath(c.from, "lineage"), User: c.user}).Decode(t, &l)
		if l.Source != wantSource || !slices.Equal(l.Replicas, c.want) {
			t.Fatalf("lineage from %s as %s:\n%+v\nwant source %+v replicas %+v", c.from, c.user, l, wantSource, c.want)
		}
	}
	problem(t, e.do(req{Method: "GET", Path: mdlPath(hctp.ID, "lineage"), User: mdlOfficer}), http.StatusNotFound, "not_found")
	if hctp.Year != year-1 {
		t.Fatalf("a replica keeps its source's year: %d", hctp.Year)
	}
}
