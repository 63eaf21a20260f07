package httpapi_test

import (
	"net/http"
	"testing"
)

func TestStandardPostings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	demo := e.stdDemo()
	postings := stdPath(demo.ID, "postings")
	co := "committee.officer"

	var made []stdPosting
	for _, c := range []struct {
		frame string
		w, h  *float64
		wantW float64
		wantH float64
	}{
		{"40x60", nil, nil, 40, 60},
		{"50x75", nil, nil, 50, 75},
		{"60x90", nil, nil, 60, 90},
		{"custom", stdPtr(45.0), stdPtr(65.0), 45, 65},
		{"custom", stdPtr(42.5), stdPtr(59.4), 42.5, 59.4},
	} {
		body := map[string]any{"location": "Hội trường tầng 2 — khung " + c.frame, "frame": c.frame, "posted_on": stdDay(-3)}
		if c.w != nil {
			body["width_cm"], body["height_cm"] = *c.w, *c.h
		}
		var got stdPosting
		e.must(http.StatusCreated, req{Method: "POST", Path: postings, User: co, Body: body}).Decode(t, &got)
		if got.Frame != c.frame || got.WidthCM != c.wantW || got.HeightCM != c.wantH || got.PostedOn != stdDay(-3) ||
			got.StandardID != demo.ID || got.Unit.Code != "DU-SCT" || got.Location != body["location"] {
			t.Fatalf("posting %s: %+v", c.frame, got)
		}
		made = append(made, got)
	}

	audits, rows := e.count("audit_events", ""), e.count("standard_postings", "")
	p := problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "Sảnh", "frame": "custom", "posted_on": stdDay(0)}}), 422, "validation")
	stdWantFields(t, p, true, "/width_cm")
	p = problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "Sảnh", "frame": "custom", "width_cm": 45, "posted_on": stdDay(0)}}), 422, "validation")
	stdWantFields(t, p, true, "/width_cm")
	p = problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "Sảnh", "frame": "40x60", "posted_on": stdDay(2)}}), 422, "validation")
	stdWantFields(t, p, true, "/posted_on")
	p = problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "  ", "frame": "40x60", "posted_on": stdDay(0)}}), 422, "validation")
	stdWantFields(t, p, true, "/location")
	problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "Sảnh", "frame": "30x40", "posted_on": stdDay(0)}}), 400, "validation")
	problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"location": "Sảnh", "frame": "custom", "width_cm": 5, "height_cm": 65, "posted_on": stdDay(0)}}), 400, "validation")
	problem(t, e.do(req{Method: "POST", Path: postings, User: co, Body: map[string]any{"frame": "40x60", "posted_on": stdDay(0)}}), 400, "validation")
	// A draft is not posted.
	draft := e.stdCreate(co, "DU-SCT", map[string]any{"title": "Dự thảo", "items": stdItems("Một dòng.")})
	audits++
	problem(t, e.do(req{Method: "POST", Path: stdPath(draft.ID, "postings"), User: co, Body: map[string]any{"location": "Sảnh", "frame": "40x60", "posted_on": stdDay(0)}}), 409, "invalid_transition")

	// Where the standard is in force: CB-VP adopted it and posts it in its own room.
	var vp stdPosting
	e.must(http.StatusCreated, req{Method: "POST", Path: postings, User: "cell.secretary", Body: map[string]any{
		"unit_id": e.units["CB-VP"], "location": "Phòng làm việc Chi bộ Văn phòng", "frame": "50x75", "posted_on": stdDay(0)}}).Decode(t, &vp)
	if vp.Unit.Code != "CB-VP" || vp.StandardID != demo.ID || vp.WidthCM != 50 || vp.HeightCM != 75 {
		t.Fatalf("CB-VP's posting: %+v", vp)
	}
	audits, rows = audits+1, rows+1
	// The cell secretary may not post it in the committee's name (the default unit).
	problem(t, e.do(req{Method: "POST", Path: postings, User: "cell.secretary", Body: map[string]any{"location": "Sảnh", "frame": "40x60", "posted_on": stdDay(0)}}), 403, "forbidden")
	// CB-BTTP (under DU-STP) cannot even see DU-SCT's standard: 404.
	problem(t, e.do(req{Method: "POST", Path: postings, User: "cell.secretary2", Body: map[string]any{
		"unit_id": e.units["CB-BTTP"], "location": "Sảnh", "frame": "40x60", "posted_on": stdDay(0)}}), 404, "not_found")
	// The bloc has no standard in force: 422 not_in_force naming unit_id.
	p = problem(t, e.do(req{Method: "POST", Path: postings, User: "bloc.officer", Body: map[string]any{
		"unit_id": e.units["KHOI-CQDN"], "location": "Sảnh", "frame": "40x60", "posted_on": stdDay(0)}}), 422, "not_in_force")
	stdWantFields(t, p, true, "/unit_id")
	// A unit the standard is inherited by may post it too (by its owners; here the admin).
	var qltm stdPosting
	e.must(http.StatusCreated, req{Method: "POST", Path: postings, User: "admin", Body: map[string]any{
		"unit_id": e.units["CB-QLTM"], "location": "Phòng Quản lý thương mại", "frame": "40x60", "posted_on": stdDay(0)}}).Decode(t, &qltm)
	if qltm.Unit.Code != "CB-QLTM" {
		t.Fatalf("CB-QLTM's posting: %+v", qltm)
	}
	audits, rows = audits+1, rows+1
	if n, m := e.count("audit_events", ""), e.count("standard_postings", ""); n != audits || m != rows {
		t.Fatalf("audit events %d (want %d), postings %d (want %d): refused postings were written", n, audits, m, rows)
	}

	// Several postings per standard, listed oldest first, sizes as stored.
	var l struct {
		Items []stdPosting `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: postings, User: "member"}).Decode(t, &l)
	made = append(made, vp, qltm)
	if len(l.Items) != len(made) {
		t.Fatalf("%d postings listed, want %d", len(l.Items), len(made))
	}
	for i, want := range made {
		got := l.Items[i]
		if got.ID != want.ID || got.Frame != want.Frame || got.WidthCM != want.WidthCM || got.HeightCM != want.HeightCM ||
			got.PostedOn != want.PostedOn || got.Unit != want.Unit || got.Location != want.Location {
			t.Fatalf("listed posting %d: %+v, want %+v", i, got, want)
		}
	}
	problem(t, e.do(req{Method: "GET", Path: postings, User: "cell.secretary2"}), 404, "not_found")

	// Postings are audited at the unit where they hang.
	vpTrail := e.auditEvents("committee.officer", "CB-VP", "?action=standard.post")
	if len(vpTrail.Items) != 1 || vpTrail.Items[0].After["posting_id"] != vp.ID || vpTrail.Items[0].After["frame"] != "50x75" ||
		vpTrail.Items[0].ResourceID == nil || *vpTrail.Items[0].ResourceID != demo.ID {
		t.Fatalf("CB-VP's posting events: %+v", vpTrail.Items)
	}
	if l := e.auditEvents("committee.officer", "DU-SCT", "?action=standard.post&resource_id="+demo.ID); len(l.Items) != len(made) {
		t.Fatalf("%d posting events under DU-SCT, want %d", len(l.Items), len(made))
	}
}

func stdPtr[T any](v T) *T { return &v }

func TestStandardAdoptionAndEffective(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	demo := e.stdDemo()
	sec, co := "cell.secretary", "committee.officer"
	adopted := e.stdUnitPath("CB-VP", "adopted-standard")

	// The demo state.
	e.stdWantEffective("member", "CB-VP", "adopted", demo.ID, "DU-SCT")
	e.stdWantEffective(co, "CB-QLTM", "inherited", demo.ID, "DU-SCT")
	e.stdWantEffective(co, "CB-KTAT", "inherited", demo.ID, "DU-SCT")
	e.stdWantEffective(co, "DU-SCT", "own", demo.ID, "DU-SCT")
	e.stdWantEffective("bloc.officer", "KHOI-CQDN", "none", "", "")
	e.stdWantEffective("cell.secretary2", "CB-BTTP", "none", "", "")
	e.stdWantEffective("cell.secretary2", "DU-STP", "none", "", "")
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("CB-BTTP", "effective-standard"), User: sec}), 404, "not_found")
	var a struct {
		UnitID   string      `json:"unit_id"`
		Standard apiStandard `json:"standard"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: adopted, User: "member"}).Decode(t, &a)
	if a.UnitID != e.units["CB-VP"].String() || a.Standard.ID != demo.ID || a.Standard.Decision.Number != "14-QĐ/ĐU" {
		t.Fatalf("CB-VP's adoption: %+v", a)
	}
	problem(t, e.do(req{Method: "GET", Path: e.stdUnitPath("CB-QLTM", "adopted-standard"), User: co}), 404, "not_found")

	// DU-STP issues one: its cells inherit it.
	stp := e.stdIssued("admin", "DU-STP", "Chuẩn mực đạo đức Sở Tư pháp")
	e.stdWantEffective("cell.secretary2", "DU-STP", "own", stp.ID, "DU-STP")
	e.stdWantEffective("cell.secretary2", "CB-BTTP", "inherited", stp.ID, "DU-STP")
	e.stdWantEffective("bloc.officer", "CB-HCTP", "inherited", stp.ID, "DU-STP")

	// What cannot be adopted: 422 not_adoptable naming standard_id, and nothing written.
	audits := e.count("audit_events", "")
	duDraft := e.stdCreate(co, "DU-SCT", map[string]any{"title": "Dự thảo Đảng ủy", "items": stdItems("Một dòng.")})
	duCons := e.stdConsulting(co, "DU-SCT", "Góp ý Đảng ủy")
	vpOwnDraft := e.stdCreate(sec, "CB-VP", map[string]any{"title": "Dự thảo chi bộ", "items": stdItems("Một dòng.")})
	audits += 4 // create, create, open_consultation, create
	for _, c := range []struct{ name, id string }{
		{"a draft of the committee", duDraft.ID},
		{"a standard in consultation", duCons.ID},
		{"another committee's standard", stp.ID},
		{"the cell's own standard", vpOwnDraft.ID},
		{"a standard that does not exist", "0190a1b2-0000-7000-8000-000000000000"},
	} {
		p := problem(t, e.do(req{Method: "PUT", Path: adopted, User: sec, Body: map[string]any{"standard_id": c.id}}), 422, "not_adoptable")
		stdWantFields(t, p, true, "/standard_id")
	}
	problem(t, e.do(req{Method: "PUT", Path: adopted, User: "member", Body: map[string]any{"standard_id": demo.ID}}), 403, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: adopted, User: "cell.secretary2", Body: map[string]any{"standard_id": demo.ID}}), 404, "not_found")
	problem(t, e.do(req{Method: "DELETE", Path: adopted, User: "member"}), 403, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: adopted, User: sec, Body: map[string]any{}}), 400, "validation")
	if n := e.count("audit_events", ""); n != audits {
		t.Fatalf("refused adoptions wrote %d audit events", n-audits)
	}
	e.stdWantEffective("member", "CB-VP", "adopted", demo.ID, "DU-SCT")

	// CB-BTTP adopts its own committee's.
	e.must(http.StatusOK, req{Method: "PUT", Path: e.stdUnitPath("CB-BTTP", "adopted-standard"), User: "cell.secretary2", Body: map[string]any{"standard_id": stp.ID}})
	e.stdWantEffective("cell.secretary2", "CB-BTTP", "adopted", stp.ID, "DU-STP")

	// Unadopt: CB-VP then inherits the same standard from DU-SCT.
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: adopted, User: sec})
	e.stdWantEffective("member", "CB-VP", "inherited", demo.ID, "DU-SCT")
	problem(t, e.do(req{Method: "GET", Path: adopted, User: sec}), 404, "not_found")
	problem(t, e.do(req{Method: "DELETE", Path: adopted, User: sec}), 404, "not_found")
	e.must(http.StatusOK, req{Method: "PUT", Path: adopted, User: sec, Body: map[string]any{"standard_id": demo.ID}}).Decode(t, &a)
	if a.Standard.ID != demo.ID || a.UnitID != e.units["CB-VP"].String() {
		t.Fatalf("re-adopted: %+v", a)
	}
	e.stdWantEffective("member", "CB-VP", "adopted", demo.ID, "DU-SCT")
	actions, events := e.stdActions("CB-VP", e.units["CB-VP"].String())
	if len(actions) < 2 || actions[0] != "standard.adopt" || actions[1] != "standard.unadopt" ||
		events[0].After["standard_id"] != demo.ID || events[1].Before["standard_id"] != demo.ID {
		t.Fatalf("adoption trail of CB-VP: %q", actions)
	}

	// CB-VP issues its own: own wins over the adoption.
	vpOwn := e.stdIssued(sec, "CB-VP", "Chuẩn mực riêng của Chi bộ Văn phòng")
	e.stdWantEffective("member", "CB-VP", "own", vpOwn.ID, "CB-VP")
	vpOwn = call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(vpOwn.ID, "withdraw"), User: sec, Header: ifMatch(vpOwn.Version), Body: map[string]any{"reason": "Dùng lại chuẩn mực của Đảng ủy."}})
	e.stdWantEffective("member", "CB-VP", "adopted", demo.ID, "DU-SCT")

	// DU-SCT issues a new standard superseding the adopted one: the adoption follows it.
	call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(duCons.ID, "issue"), User: co, Header: ifMatch(duCons.Version), Body: stdDecisionBody("30-QĐ/ĐU")})
	if got := e.stdGet(co, demo.ID); got.Status != "superseded" || got.SupersededBy == nil || *got.SupersededBy != duCons.ID {
		t.Fatalf("the demo standard after DU-SCT issued a new one: %+v", got)
	}
	e.stdWantEffective("member", "CB-VP", "adopted", duCons.ID, "DU-SCT")
	e.stdWantEffective(co, "CB-QLTM", "inherited", duCons.ID, "DU-SCT")
	// A superseded standard can no longer be adopted.
	problem(t, e.do(req{Method: "PUT", Path: adopted, User: sec, Body: map[string]any{"standard_id": demo.ID}}), 422, "not_adoptable")

	// DU-SCT withdraws it with no successor: nothing above is in force, so none.
	cur := e.stdGet(co, duCons.ID)
	call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(duCons.ID, "withdraw"), User: co, Header: ifMatch(cur.Version), Body: map[string]any{"reason": "Rà soát lại."}})
	e.stdWantEffective("member", "CB-VP", "none", "", "")
	e.stdWantEffective(co, "CB-QLTM", "none", "", "")
	e.stdWantEffective(co, "DU-SCT", "none", "", "")
}
