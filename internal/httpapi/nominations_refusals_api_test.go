package httpapi_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
)

// TestNominationRefusals checks every refusal of the workflow.
func TestNominationRefusals(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	today := nomToday(year)
	before := e.count("nominations", "")

	t.Run("subject outside the subtree", func(t *testing.T) {
		e := e.forT(t)
		cases := []struct {
			user, unit string
			subject    map[string]any
		}{
			{"cell.secretary", "CB-VP", map[string]any{"kind": "collective", "unit_id": e.units["CB-QLTM"]}},
			{"cell.secretary", "CB-VP", map[string]any{"kind": "collective", "unit_id": e.units["DU-SCT"]}},
			{"cell.secretary", "CB-VP", nomPerson("Người Ngoài", "Chuyên viên", e.units["CB-BTTP"], false)},
			{"committee.officer", "DU-SCT", map[string]any{"kind": "collective", "unit_id": e.units["DU-STP"]}},
			{"committee.officer", "DU-SCT", nomPerson("Người Ngoài", "Chuyên viên", e.units["CB-HCTP"], false)},
		}
		for _, c := range cases {
			p := problem(t, e.do(req{Method: "POST", Path: e.nomUnitPath(c.unit, "nominations"), User: c.user,
				Body: nomBody(year, c.subject, "Ngoài phạm vi")}), http.StatusUnprocessableEntity, "subject_outside_subtree")
			nomWantFields(t, p, "/subject/unit_id")
		}
		// The committee nominates a cell of its own subtree; the cell, one of its people.
		e.nomCreate("committee.officer", "DU-SCT", nomBody(year, map[string]any{"kind": "collective", "unit_id": e.units["CB-KTAT"]}, "Chi bộ tiêu biểu"))
		d := e.nomCreate("cell.secretary", "CB-VP", nomBody(year, nomPerson("Người Trong", "Chuyên viên", e.units["CB-VP"], false), "Trong phạm vi"))
		// Moving the subject out by an edit is refused as well.
		p := problem(t, e.do(req{Method: "PATCH", Path: nomPath(d.ID), User: "cell.secretary", Header: ifMatch(d.Version), Body: map[string]any{
			"subject": nomPerson("Người Trong", "Chuyên viên", e.units["CB-QLTM"], false)}}), http.StatusUnprocessableEntity, "subject_outside_subtree")
		nomWantFields(t, p, "/subject/unit_id")
		e.nomUnchanged(d.ID, "draft", 1)
		if got := e.count("nominations", ""); got != before+2 {
			t.Fatalf("%d nominations, want %d: a refused nomination was written", got, before+2)
		}
	})

	t.Run("criteria that do not apply", func(t *testing.T) {
		e := e.forT(t)
		person := nomPerson("Lê Văn Tiêu", "Chuyên viên", e.units["CB-VP"], false)
		leader := nomPerson("Lê Văn Tiêu", "Trưởng phòng", e.units["CB-VP"], true)
		ans := func(codes ...string) []map[string]any {
			out := []map[string]any{}
			for _, c := range codes {
				out = append(out, map[string]any{"code": c, "met": true, "evidence": "Minh chứng " + c})
			}
			return out
		}
		n0 := e.count("nominations", "")
		cases := []struct {
			subject map[string]any
			codes   []string
			field   string
		}{
			{person, []string{"G1", "L1"}, "/criteria/1/code"},                       // a leader criterion for a non-leader
			{person, []string{"C1"}, "/criteria/0/code"},                             // a collective criterion for an individual
			{nomDepartment("Tổ Tổng hợp"), []string{"G1", "I1"}, "/criteria/1/code"}, // an individual criterion for a collective
			{nomDepartment("Tổ Tổng hợp"), []string{"L1"}, "/criteria/0/code"},
			{person, []string{"I1", "I1"}, "/criteria/1/code"}, // answered twice
			{person, []string{"X9"}, "/criteria/0/code"},       // unknown
		}
		for _, c := range cases {
			b := nomBody(year, c.subject, "Tiêu chí")
			b["criteria"] = ans(c.codes...)
			p := problem(t, e.do(req{Method: "POST", Path: e.nomUnitPath("CB-VP", "nominations"), User: "cell.secretary", Body: b}),
				http.StatusUnprocessableEntity, "validation")
			nomWantFields(t, p, c.field)
		}
		if got := e.count("nominations", ""); got != n0 {
			t.Fatalf("refused nominations were written")
		}
		// The same codes where they apply.
		b := nomBody(year, leader, "Tiêu chí lãnh đạo")
		b["criteria"] = ans("G1", "I1", "I2", "I3", "L1")
		d := e.nomCreate("cell.secretary", "CB-VP", b)
		// A leader who stops being one cannot keep the leader criterion.
		p := problem(t, e.do(req{Method: "PATCH", Path: nomPath(d.ID), User: "cell.secretary", Header: ifMatch(d.Version), Body: map[string]any{"subject": person}}),
			http.StatusUnprocessableEntity, "validation")
		nomWantFields(t, p, "/criteria/4/code")
		b = nomBody(year, nomDepartment("Tổ Tổng hợp"), "Tiêu chí tập thể")
		b["criteria"] = ans("G1", "C1", "C2", "C3", "C4", "C5")
		e.nomCreate("cell.secretary", "CB-VP", b)
	})

	t.Run("wrong-state transitions", func(t *testing.T) {
		e := e.forT(t)
		mk := func(target string) nomNomination {
			d := e.nomCreate("cell.secretary", "CB-VP", nomBody(year, nomPerson("Trạng Thái "+target, "Chuyên viên", e.units["CB-VP"], false), "Bảng trạng thái"))
			return e.nomDrive("cell.secretary", "committee.officer", d, target, today)
		}
		const cs, co = "cell.secretary", "committee.officer"
		type call struct {
			user, method, action string
			body                 any
		}
		endorse := call{co, "POST", "endorse", nil}
		ret := call{co, "POST", "return", nomReason}
		reject := call{co, "POST", "reject", nomReason}
		commend := call{co, "POST", "commend", nomDecision("9-QĐ", today)}
		honor := call{co, "POST", "honor", nil}
		submit := call{cs, "POST", "submit", nil}
		update := call{cs, "PATCH", "", map[string]any{"public_summary": "Sửa"}}
		del := call{cs, "DELETE", "", nil}
		publish := call{co, "PUT", "publication", map[string]any{"published": true}}
		table := map[string][]call{
			"draft":     {endorse, ret, reject, commend, honor, publish},
			"submitted": {submit, update, del, honor, publish},
			"returned":  {endorse, ret, reject, commend, honor, del, publish},
			"rejected":  {submit, update, del, endorse, ret, reject, commend, honor, publish},
			"commended": {submit, update, del, endorse, ret, reject, commend, publish},
			"honored":   {submit, update, del, endorse, ret, reject, commend, honor},
		}
		for _, state := range []string{"draft", "submitted", "returned", "rejected", "commended", "honored"} {
			n := mk(state)
			for _, c := range table[state] {
				if c.user == co && (state == "draft" || state == "returned") {
					// Held at the nominating cell, not at DU-SCT: the committee officer is no
					// decider there (403); only an administrator reaches the state check.
					problem(t, e.do(req{Method: c.method, Path: nomPath(n.ID, c.action), User: co, Body: c.body}), http.StatusForbidden, "forbidden")
					e.nomUnchanged(n.ID, state, n.Version)
					c.user = "admin"
				}
				got := e.do(req{Method: c.method, Path: nomPath(n.ID, c.action), User: c.user, Body: c.body})
				if got.Status != http.StatusConflict {
					t.Fatalf("%s: %s %s as %s: status %d, want 409\n%s", state, c.method, c.action, c.user, got.Status, got.Body)
				}
				problem(t, got, http.StatusConflict, "invalid_transition")
				e.nomUnchanged(n.ID, state, n.Version)
			}
		}
	})

	t.Run("nobody reviews their own submission", func(t *testing.T) {
		e := e.forT(t)
		// A secretary of CB-VP who is also an officer of DU-SCT, the level that decides.
		e.nomUser("hai.vai", "Đinh Thị Hai Vai", "CB-VP", [2]string{"cell_secretary", "CB-VP"}, [2]string{"committee_officer", "DU-SCT"})
		n := e.nomCreate("hai.vai", "CB-VP", nomBody(year, nomPerson("Tự Đề Cử", "Chuyên viên", e.units["CB-VP"], false), "Tự xét"))
		n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "submit"), User: "hai.vai", Header: ifMatch(n.Version)})
		if n.Holder.Code != "DU-SCT" {
			t.Fatalf("holder %s", n.Holder.Code)
		}
		for _, a := range []string{"endorse", "return", "reject", "commend"} {
			if slices.Contains(n.AllowedActions, a) {
				t.Fatalf("the submitter is offered %s: %q", a, n.AllowedActions)
			}
			var body any
			switch a {
			case "return", "reject":
				body = nomReason
			case "commend":
				body = nomDecision("5-QĐ", today)
			}
			problem(t, e.do(req{Method: "POST", Path: nomPath(n.ID, a), User: "hai.vai", Header: ifMatch(n.Version), Body: body}), http.StatusForbidden, "own_submission")
			e.nomUnchanged(n.ID, "submitted", n.Version)
		}
		// Another officer of the same level decides.
		n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "endorse"), User: "committee.officer", Header: ifMatch(n.Version)})
		if n.Holder.Code != "KHOI-CQDN" {
			t.Fatalf("holder %s", n.Holder.Code)
		}

		// At the top of the tree the bloc holds its own nomination: its officer cannot decide it.
		b := e.nomCreate("bloc.officer", "KHOI-CQDN", nomBody(year, map[string]any{"kind": "collective", "unit_id": e.units["DU-STP"]}, "Đảng ủy tiêu biểu"))
		b = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(b.ID, "submit"), User: "bloc.officer", Header: ifMatch(b.Version)})
		if b.Holder.Code != "KHOI-CQDN" {
			t.Fatalf("a bloc's nomination is held at %s", b.Holder.Code)
		}
		problem(t, e.do(req{Method: "POST", Path: nomPath(b.ID, "endorse"), User: "bloc.officer", Header: ifMatch(b.Version)}), http.StatusForbidden, "own_submission")
		problem(t, e.do(req{Method: "POST", Path: nomPath(b.ID, "commend"), User: "bloc.officer", Header: ifMatch(b.Version), Body: nomDecision("6-QĐ", today)}), http.StatusForbidden, "own_submission")
		e.nomUnchanged(b.ID, "submitted", b.Version)

		// A committee officer who submits DU-SCT's nomination sends it where they have no say.
		c := e.nomCreate("committee.officer", "DU-SCT", nomBody(year, nomPerson("Cán Bộ Đảng Ủy", "Phó Bí thư", e.units["DU-SCT"], true), "Đảng ủy"))
		c = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(c.ID, "submit"), User: "committee.officer", Header: ifMatch(c.Version)})
		problem(t, e.do(req{Method: "POST", Path: nomPath(c.ID, "endorse"), User: "committee.officer", Header: ifMatch(c.Version)}), http.StatusForbidden, "forbidden")
		// A member and a drafter of the nominating cell never decide.
		s := e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
			nomBody(year, nomDepartment("Tổ Quyết định"), "Quyền")), "submitted", today)
		problem(t, e.do(req{Method: "POST", Path: nomPath(s.ID, "endorse"), User: "member", Header: ifMatch(s.Version)}), http.StatusForbidden, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: nomPath(s.ID, "endorse"), User: "cell.secretary", Header: ifMatch(s.Version)}), http.StatusForbidden, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: nomPath(s.ID, "endorse"), User: "cell.secretary2", Header: ifMatch(s.Version)}), http.StatusNotFound, "not_found")
		e.nomUnchanged(s.ID, "submitted", s.Version)
	})

	t.Run("reasons and decisions", func(t *testing.T) {
		e := e.forT(t)
		n := e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
			nomBody(year, nomPerson("Lý Do", "Chuyên viên", e.units["CB-VP"], false), "Lý do")), "submitted", today)
		for _, a := range []string{"return", "reject"} {
			// The schema requires a non-empty reason (400); blanks pass it and the service refuses them (422).
			got := e.do(req{Method: "POST", Path: nomPath(n.ID, a), User: "committee.officer", Header: ifMatch(n.Version), Body: map[string]any{"reason": ""}})
			if got.Status != http.StatusBadRequest {
				t.Fatalf("%s with an empty reason: %d\n%s", a, got.Status, got.Body)
			}
			if got := e.do(req{Method: "POST", Path: nomPath(n.ID, a), User: "committee.officer", Header: ifMatch(n.Version), Body: map[string]any{}}); got.Status != http.StatusBadRequest {
				t.Fatalf("%s without a reason: %d\n%s", a, got.Status, got.Body)
			}
			p := problem(t, e.do(req{Method: "POST", Path: nomPath(n.ID, a), User: "committee.officer", Header: ifMatch(n.Version), Body: map[string]any{"reason": "  \t "}}),
				http.StatusUnprocessableEntity, "validation")
			nomWantFields(t, p, "/reason")
			e.nomUnchanged(n.ID, "submitted", n.Version)
		}
		tomorrow := fmt.Sprintf("%d-06-16", year)
		p := problem(t, e.do(req{Method: "POST", Path: nomPath(n.ID, "commend"), User: "committee.officer", Header: ifMatch(n.Version), Body: nomDecision("7-QĐ", tomorrow)}),
			http.StatusUnprocessableEntity, "validation")
		nomWantFields(t, p, "/decision_date")
		noNumber := nomDecision("", today)
		delete(noNumber, "decision_number")
		p = problem(t, e.do(req{Method: "POST", Path: nomPath(n.ID, "commend"), User: "committee.officer", Header: ifMatch(n.Version), Body: noNumber}), http.StatusUnprocessableEntity, "validation")
		nomWantFields(t, p, "/decision_number")
		p = problem(t, e.do(req{Method: "POST", Path: nomPath(n.ID, "commend"), User: "committee.officer", Header: ifMatch(n.Version), Body: map[string]any{}}), http.StatusUnprocessableEntity, "validation")
		nomWantFields(t, p, "/decision_number", "/decision_date", "/authority", "/form")
		e.nomUnchanged(n.ID, "submitted", n.Version)
		if got := e.count("nomination_events", "nomination_id = $1", n.ID); got != 1 {
			t.Fatalf("%d events, want only the submission", got)
		}

		// A return keeps its reason in the nomination and the history; the drafter edits and resubmits.
		n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "return"), User: "committee.officer", Header: ifMatch(n.Version), Body: map[string]any{"reason": "Thiếu minh chứng tiêu chí I3."}})
		if n.Status != "returned" || n.Holder.Code != "CB-VP" || n.StatusReason == nil || *n.StatusReason != "Thiếu minh chứng tiêu chí I3." {
			t.Fatalf("returned: %+v", n)
		}
		n = call[nomNomination](e, http.StatusOK, req{Method: "PATCH", Path: nomPath(n.ID), User: "cell.secretary", Header: ifMatch(n.Version), Body: map[string]any{"achievements": "Đã bổ sung minh chứng."}})
		n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "submit"), User: "cell.secretary", Header: ifMatch(n.Version)})
		if n.Status != "submitted" || n.StatusReason != nil || n.Holder.Code != "DU-SCT" {
			t.Fatalf("resubmitted: %+v", n)
		}
		n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "reject"), User: "committee.officer", Header: ifMatch(n.Version), Body: map[string]any{"reason": "Chưa tiêu biểu."}})
		var h struct {
			Items []nomEvent `json:"items"`
		}
		e.must(http.StatusOK, req{Method: "GET", Path: nomPath(n.ID, "history"), User: "cell.secretary"}).Decode(t, &h)
		var got []string
		for _, ev := range h.Items {
			r := ""
			if ev.Reason != nil {
				r = *ev.Reason
			}
			got = append(got, ev.Action+":"+ev.ToStatus+":"+ev.Holder.Code+":"+r)
		}
		want := []string{"submit:submitted:DU-SCT:", "return:returned:CB-VP:Thiếu minh chứng tiêu chí I3.", "submit:submitted:DU-SCT:",
			"reject:rejected:DU-SCT:Chưa tiêu biểu."}
		if !slices.Equal(got, want) {
			t.Fatalf("history %q, want %q", got, want)
		}
	})

	t.Run("stale If-Match", func(t *testing.T) {
		e := e.forT(t)
		n := e.nomCreate("cell.secretary", "CB-VP", nomBody(year, nomPerson("Phiên Bản", "Chuyên viên", e.units["CB-VP"], false), "Phiên bản"))
		n = call[nomNomination](e, http.StatusOK, req{Method: "PATCH", Path: nomPath(n.ID), User: "cell.secretary", Header: ifMatch(n.Version), Body: map[string]any{"public_summary": "Bản 2"}})
		problem(t, e.do(req{Method: "PATCH", Path: nomPath(n.ID), User: "cell.secretary", Header: ifMatch(1), Body: map[string]any{"public_summary": "Bản cũ"}}), http.StatusPreconditionFailed, "stale_version")
		problem(t, e.do(req{Method: "POST", Path: nomPath(n.ID, "submit"), User: "cell.secretary", Header: ifMatch(1)}), http.StatusPreconditionFailed, "stale_version")
		problem(t, e.do(req{Method: "DELETE", Path: nomPath(n.ID), User: "cell.secretary", Header: ifMatch(1)}), http.StatusPreconditionFailed, "stale_version")
		e.nomUnchanged(n.ID, "draft", 2)
		// A GET's ETag (version and body hash) is a valid If-Match.
		tag := e.must(http.StatusOK, req{Method: "GET", Path: nomPath(n.ID), User: "cell.secretary"}).Header.Get("ETag")
		e.must(http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "submit"), User: "cell.secretary", Header: map[string]string{"If-Match": tag}})
		problem(t, e.do(req{Method: "POST", Path: nomPath(n.ID, "endorse"), User: "committee.officer", Header: ifMatch(2)}), http.StatusPreconditionFailed, "stale_version")
		problem(t, e.do(req{Method: "POST", Path: nomPath(n.ID, "return"), User: "committee.officer", Header: ifMatch(2), Body: nomReason}), http.StatusPreconditionFailed, "stale_version")
		e.nomUnchanged(n.ID, "submitted", 3)
	})

	t.Run("consent", func(t *testing.T) {
		e := e.forT(t)
		const name = "Không Đồng Ý"
		n := e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
			nomBody(year, nomPerson(name, "Chuyên viên", e.units["CB-VP"], false), "Đồng ý hay không")), "honored", today)
		publish := func(v bool) resp {
			return e.do(req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "committee.officer", Body: map[string]any{"published": v}})
		}
		problem(t, publish(true), http.StatusConflict, "consent_missing")
		n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "consent"), User: "cell.secretary", Header: ifMatch(n.Version), Body: map[string]any{"given": false, "note": "Chưa đồng ý."}})
		problem(t, publish(true), http.StatusConflict, "consent_missing")
		e.nomUnchanged(n.ID, "honored", n.Version)
		if slices.Contains(e.nomPublicNames("/public/exemplars"), name) {
			t.Fatalf("published without consent")
		}
		n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "consent"), User: "committee.officer", Header: ifMatch(n.Version), Body: map[string]any{"given": true}})
		if got := publish(true); got.Status != http.StatusOK {
			t.Fatalf("publish with consent: %d\n%s", got.Status, got.Body)
		}
		if !slices.Contains(e.nomPublicNames("/public/exemplars"), name) {
			t.Fatalf("not on the public list after publication")
		}
		if f, _ := e.nomFeed(""); !nomFeedHas(f, name) {
			t.Fatalf("not in the feed after publication")
		}
		// Withdrawing consent takes the person off the portal at once.
		n = e.nomGet("cell.secretary", n.ID)
		n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "consent"), User: "cell.secretary", Header: ifMatch(n.Version), Body: map[string]any{"given": false, "note": "Rút lại."}})
		if n.Published || n.PublishedAt != nil || n.Consent == nil || n.Consent.Given {
			t.Fatalf("after withdrawal: published %v, consent %+v", n.Published, n.Consent)
		}
		if slices.Contains(e.nomPublicNames("/public/exemplars"), name) {
			t.Fatalf("still on the public list after consent was withdrawn")
		}
		if f, _ := e.nomFeed(""); nomFeedHas(f, name) {
			t.Fatalf("still in the feed after consent was withdrawn")
		}
		problem(t, publish(true), http.StatusConflict, "consent_missing")
		// The portal reads consent itself: a published individual whose stored consent is not
		// given (written behind the service's back) is not shown.
		n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "consent"), User: "cell.secretary", Header: ifMatch(n.Version), Body: map[string]any{"given": true}})
		e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "committee.officer", Body: map[string]any{"published": true}})
		if !slices.Contains(e.nomPublicNames("/public/exemplars"), name) {
			t.Fatalf("not on the public list after consent and publication")
		}
		db, err := e.store.SQL()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`UPDATE nominations SET consent = jsonb_set(consent, '{given}', 'false') WHERE id = $1`, n.ID); err != nil {
			t.Fatal(err)
		}
		if slices.Contains(e.nomPublicNames("/public/exemplars"), name) {
			t.Fatalf("a published individual without stored consent is shown")
		}
		if f, _ := e.nomFeed(""); nomFeedHas(f, name) {
			t.Fatalf("a published individual without stored consent is in the feed")
		}
		// Consent is for individuals.
		c := e.nomCreate("cell.secretary", "CB-VP", nomBody(year, nomDepartment("Tổ Đồng thuận"), "Tập thể"))
		if slices.Contains(c.AllowedActions, "consent") {
			t.Fatalf("consent is offered for a collective: %q", c.AllowedActions)
		}
		got := e.do(req{Method: "POST", Path: nomPath(c.ID, "consent"), User: "cell.secretary", Header: ifMatch(c.Version), Body: map[string]any{"given": true}})
		if code := got.JSON(t)["code"]; got.Status != http.StatusConflict || (code != "invalid_transition" && code != "consent_for_individuals") {
			t.Fatalf("consent for a collective: %d\n%s", got.Status, got.Body)
		}
		if c := e.nomGet("cell.secretary", c.ID); c.Consent != nil || c.Version != 1 {
			t.Fatalf("consent recorded for a collective: %+v", c.Consent)
		}
	})

	t.Run("delete", func(t *testing.T) {
		e := e.forT(t)
		d := e.nomCreate("cell.secretary", "CB-VP", nomBody(year, nomPerson("Xóa Nháp", "Chuyên viên", e.units["CB-VP"], false), "Nháp"))
		problem(t, e.do(req{Method: "DELETE", Path: nomPath(d.ID), User: "member"}), http.StatusForbidden, "forbidden")
		problem(t, e.do(req{Method: "DELETE", Path: nomPath(d.ID), User: "committee.officer"}), http.StatusForbidden, "forbidden")
		if got := e.do(req{Method: "DELETE", Path: nomPath(d.ID), User: "cell.secretary", Header: ifMatch(d.Version)}); got.Status != http.StatusNoContent || len(got.Body) != 0 {
			t.Fatalf("delete draft: %d\n%s", got.Status, got.Body)
		}
		problem(t, e.do(req{Method: "GET", Path: nomPath(d.ID), User: "cell.secretary"}), http.StatusNotFound, "not_found")
		if e.count("nominations", "id = $1", d.ID) != 0 {
			t.Fatalf("the draft is still stored")
		}
		s := e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
			nomBody(year, nomPerson("Đã Nộp", "Chuyên viên", e.units["CB-VP"], false), "Đã nộp")), "submitted", today)
		problem(t, e.do(req{Method: "DELETE", Path: nomPath(s.ID), User: "cell.secretary"}), http.StatusConflict, "invalid_transition")
		r := call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(s.ID, "return"), User: "committee.officer", Header: ifMatch(s.Version), Body: nomReason})
		// Returned is editable again, but what was once submitted stays on record.
		problem(t, e.do(req{Method: "DELETE", Path: nomPath(r.ID), User: "cell.secretary"}), http.StatusConflict, "invalid_transition")
		e.nomUnchanged(r.ID, "returned", r.Version)
	})

	t.Run("portal clients and strangers", func(t *testing.T) {
		e := e.forT(t)
		cl := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/clients", User: "admin",
			Body: map[string]any{"name": "Cổng thông tin tỉnh", "unit_id": e.units["KHOI-CQDN"], "role": "portal"}}).JSON(t)
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {cl["client_id"].(string)}, "client_secret": {cl["client_secret"].(string)}}
		tok := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/token", Body: form.Encode(), Content: "application/x-www-form-urlencoded"}).JSON(t)
		e.tokens["nom.portal"] = tok["access_token"].(string)
		thu := e.nomFind("CB-VP", "Nguyễn Thị Thu") // honored and published
		problem(t, e.do(req{Method: "GET", Path: nomPath(thu.ID), User: "nom.portal"}), http.StatusNotFound, "not_found")
		problem(t, e.do(req{Method: "GET", Path: nomPath(thu.ID, "history"), User: "nom.portal"}), http.StatusNotFound, "not_found")
		var l struct {
			Items []nomNomination `json:"items"`
		}
		e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath("CB-VP", "nominations"), User: "nom.portal"}).Decode(t, &l)
		if len(l.Items) != 0 {
			t.Fatalf("a portal client lists %d nominations", len(l.Items))
		}
		problem(t, e.do(req{Method: "GET", Path: nomPath(thu.ID)}), http.StatusUnauthorized, "unauthenticated")
		problem(t, e.do(req{Method: "GET", Path: nomPath(thu.ID), User: "cell.secretary2"}), http.StatusNotFound, "not_found")
		e.nomGet("member", thu.ID)
	})
}
