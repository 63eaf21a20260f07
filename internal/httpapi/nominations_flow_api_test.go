package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// TestNominationWholePath follows an individual of CB-VP from the cell through the committee and
// the bloc to the honor roll and the public feed.
func TestNominationWholePath(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)

	// The criteria that apply to an individual holding a leading post: general, individual, leader.
	var cat struct {
		Items []struct{ Code, Group string } `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/criteria", User: "cell.secretary"}).Decode(t, &cat)
	var answers []map[string]any
	for _, c := range cat.Items {
		if c.Group == "general" || c.Group == "individual" || c.Group == "leader" {
			answers = append(answers, map[string]any{"code": c.Code, "met": c.Code != "I3", "evidence": "MINH-CHUNG-" + c.Code})
		}
	}
	if len(answers) != 5 {
		t.Fatalf("%d criteria apply to a leader, want 5 (G1, I1-I3, L1)", len(answers))
	}
	modelID, _ := e.nomModel("CB-VP", "Tiết kiệm làm theo lời Bác")

	// The KHOI-CQDN roll of the year already holds the demo collective of DU-SCT as number 1.
	var roll nomHonorRoll
	rollPath := e.nomUnitPath("KHOI-CQDN", "honor-roll") + "?year=" + strconv.Itoa(year)
	e.must(http.StatusOK, req{Method: "GET", Path: rollPath, User: "bloc.officer"}).Decode(t, &roll)
	if len(roll.Items) != 1 || roll.Items[0].Number != 1 || roll.Items[0].SubjectName != "Chi bộ Quản lý thương mại" {
		t.Fatalf("KHOI-CQDN roll before: %+v", roll.Items)
	}

	const name, summary = "Trịnh Văn Quang", "Chánh Văn phòng tận tụy, gần dân, trọng dân."
	const internal = "THANH-TICH-NOI-BO-khong-cong-bo"
	body := map[string]any{"year": year, "subject": nomPerson(name, "Chánh Văn phòng", e.units["CB-VP"], true),
		"achievements": internal, "public_summary": summary, "model_ids": []string{modelID}, "criteria": answers}
	n := e.nomCreate("cell.secretary", "CB-VP", body)
	if n.Subject.Kind != "individual" || n.Subject.Name != name || n.Subject.Unit == nil || n.Subject.Unit.Code != "CB-VP" ||
		n.Subject.Leader == nil || !*n.Subject.Leader || n.Subject.PartyMember == nil || !*n.Subject.PartyMember ||
		n.Subject.Position == nil || *n.Subject.Position != "Chánh Văn phòng" || n.Achievements != internal || n.PublicSummary != summary ||
		!slices.Equal(n.ModelIDs, []string{modelID}) || len(n.Criteria) != 5 || n.Year != year || n.Published {
		t.Fatalf("created: %+v", n)
	}
	for _, c := range n.Criteria {
		if c.Evidence == nil || *c.Evidence != "MINH-CHUNG-"+c.Code || c.Met != (c.Code != "I3") {
			t.Fatalf("criterion answer %+v", c)
		}
	}
	if want := []string{"update", "delete", "submit", "consent", "set_mentor", "add_note"}; !slices.Equal(n.AllowedActions, want) {
		t.Fatalf("drafter's actions %q, want %q", n.AllowedActions, want)
	}

	// Nurturing while it is decided: the committee assigns a mentor, the cell writes a note.
	const mentorName, noteText = "Đồng chí Cố Vấn Nội Bộ", "GHI-CHU-TIEN-BO-noi-bo"
	n = call[nomNomination](e, http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "mentor"), User: "committee.officer", Body: map[string]any{"name": mentorName}})
	e.must(http.StatusCreated, req{Method: "POST", Path: nomPath(n.ID, "progress-notes"), User: "cell.secretary",
		Body: map[string]any{"period": "monthly", "label": fmt.Sprintf("%d-05", year), "text": noteText}})
	n = e.nomGet("cell.secretary", n.ID)

	// cell → committee. I3 is unmet (issue #17 item 4): reviewers see it, and the nomination goes
	// up past it only with a written reason, which the history keeps.
	if !slices.Equal(n.CriteriaUnmet, []string{"I3"}) {
		t.Fatalf("criteria_unmet %q, want [I3]", n.CriteriaUnmet)
	}
	p := problem(t, e.do(req{Method: "POST", Path: nomPath(n.ID, "submit"), User: "cell.secretary", Header: ifMatch(n.Version)}),
		http.StatusUnprocessableEntity, "criteria_unmet")
	nomWantFields(t, p, "/criteria_reason")
	e.nomUnchanged(n.ID, "draft", n.Version)
	const submitReason, endorseReason = "Chưa được bình xét chiến sỹ thi đua do mới chuyển công tác.", "Đảng ủy xác nhận thành tích đột xuất."
	n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "submit"), User: "cell.secretary", Header: ifMatch(n.Version),
		Body: map[string]any{"criteria_reason": submitReason}})
	if n.Status != "submitted" || n.Holder.Code != "DU-SCT" {
		t.Fatalf("submitted: %s at %s", n.Status, n.Holder.Code)
	}
	if want := []string{"endorse", "return", "reject", "commend", "consent", "set_mentor", "add_note"}; !slices.Equal(e.nomGet("committee.officer", n.ID).AllowedActions, want) {
		t.Fatalf("committee officer's actions %q, want %q", e.nomGet("committee.officer", n.ID).AllowedActions, want)
	}
	if got := e.nomGet("member", n.ID).AllowedActions; len(got) != 0 {
		t.Fatalf("member's actions %q", got)
	}
	// committee → bloc.
	problem(t, e.do(req{Method: "POST", Path: nomPath(n.ID, "endorse"), User: "committee.officer", Header: ifMatch(n.Version),
		Body: map[string]any{"criteria_reason": "   "}}), http.StatusUnprocessableEntity, "criteria_unmet")
	if got := e.nomGet("committee.officer", n.ID); !slices.Equal(got.CriteriaUnmet, []string{"I3"}) {
		t.Fatalf("the reviewer sees criteria_unmet %q", got.CriteriaUnmet)
	}
	n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "endorse"), User: "committee.officer", Header: ifMatch(n.Version),
		Body: map[string]any{"criteria_reason": endorseReason}})
	if n.Status != "endorsed" || n.Holder.Code != "KHOI-CQDN" || slices.Contains(n.AllowedActions, "endorse") {
		t.Fatalf("endorsed: %s at %s, committee officer may %q", n.Status, n.Holder.Code, n.AllowedActions)
	}
	// The committee decided its level: what waits at the bloc is the bloc's.
	problem(t, e.do(req{Method: "POST", Path: nomPath(n.ID, "commend"), User: "committee.officer", Header: ifMatch(n.Version), Body: nomDecision("1-QĐ", nomToday(year))}), http.StatusForbidden, "forbidden")
	var held struct {
		Items []nomNomination `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath("KHOI-CQDN", "nominations") + "?scope=held", User: "bloc.officer"}).Decode(t, &held)
	if !slices.ContainsFunc(held.Items, func(x nomNomination) bool { return x.ID == n.ID }) {
		t.Fatalf("the endorsed nomination does not wait at KHOI-CQDN")
	}
	// The bloc commends…
	decision := map[string]any{"decision_number": "88-QĐ/ĐUK", "decision_date": nomToday(year), "authority": "Ban Thường vụ Đảng ủy Khối", "form": "Bằng khen"}
	n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "commend"), User: "bloc.officer", Header: ifMatch(n.Version), Body: decision})
	if n.Status != "commended" || n.Decision == nil || n.Decision.Number != "88-QĐ/ĐUK" || n.Decision.Date != nomToday(year) ||
		n.Decision.Authority != "Ban Thường vụ Đảng ủy Khối" || n.Decision.Form != "Bằng khen" || n.Holder.Code != "KHOI-CQDN" {
		t.Fatalf("commended: %+v", n)
	}
	// …and honors: the next number of its own roll for the decision's year.
	n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "honor"), User: "bloc.officer", Header: ifMatch(n.Version)})
	if n.Status != "honored" || n.HonorEntry == nil || n.HonorEntry.Unit.Code != "KHOI-CQDN" || n.HonorEntry.Year != year || n.HonorEntry.Number != 2 {
		t.Fatalf("honored: %s, entry %+v", n.Status, n.HonorEntry)
	}
	if !slices.Contains(n.AllowedActions, "publish") {
		t.Fatalf("bloc officer may %q on the honored nomination, want publish", n.AllowedActions)
	}
	e.must(http.StatusOK, req{Method: "GET", Path: rollPath, User: "cell.secretary"}).Decode(t, &roll)
	if len(roll.Items) != 2 || roll.Items[1].Number != 2 || roll.Items[1].NominationID != n.ID || roll.Items[1].SubjectName != name ||
		roll.Items[1].SubjectKind != "individual" || roll.Items[1].Decision == nil || roll.Items[1].Decision.Number != "88-QĐ/ĐUK" {
		t.Fatalf("KHOI-CQDN roll after: %+v", roll.Items)
	}

	// Consent, then publication by the bloc officer (the approver).
	n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "consent"), User: "cell.secretary", Header: ifMatch(n.Version), Body: map[string]any{"given": true, "note": "Đồng ý công bố."}})
	if n.Consent == nil || !n.Consent.Given || n.Consent.RecordedAt == "" {
		t.Fatalf("consent: %+v", n.Consent)
	}
	pub := e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "bloc.officer", Body: map[string]any{"published": true}}).JSON(t)
	if pub["published"] != true || pub["approved_by"] != "Nguyễn Thị Hồng" || pub["published_at"] == nil {
		t.Fatalf("publication: %v", pub)
	}
	if got := e.nomGet("cell.secretary", n.ID); !got.Published || got.PublishedAt == nil {
		t.Fatalf("not published: %+v", got)
	}

	// The public list, without a token: public fields only.
	got := e.nomPublic("/public/exemplars", nil)
	if cc := got.Header.Get("Cache-Control"); cc != "public, max-age=300" {
		t.Fatalf("Cache-Control %q", cc)
	}
	var list struct {
		Items []map[string]any `json:"items"`
	}
	got.Decode(t, &list)
	allowed := []string{"id", "kind", "name", "position", "unit", "year", "summary", "commendation", "honor_number", "published_at"}
	var mine map[string]any
	ids := map[string]bool{}
	for _, it := range list.Items {
		for k := range it {
			if !slices.Contains(allowed, k) {
				t.Fatalf("public exemplar has field %q: %v", k, it)
			}
		}
		u, _ := it["unit"].(map[string]any)
		for k := range u {
			if k != "code" && k != "name" {
				t.Fatalf("public unit has field %q: %v", k, u)
			}
		}
		ids[it["id"].(string)] = true
		if it["name"] == name {
			mine = it
		}
	}
	if mine == nil {
		t.Fatalf("%s is not on the public list: %s", name, got.Body)
	}
	if mine["id"] != n.ID || mine["kind"] != "individual" || mine["position"] != "Chánh Văn phòng" || mine["summary"] != summary ||
		mine["year"] != float64(year) || mine["commendation"] != "Bằng khen của Ban Thường vụ Đảng ủy Khối" || mine["honor_number"] != float64(2) ||
		mine["unit"].(map[string]any)["code"] != "CB-VP" {
		t.Fatalf("public exemplar: %v", mine)
	}
	raw := string(got.Body)
	for _, secret := range []string{internal, "MINH-CHUNG", noteText, mentorName, "achievements", "criteria", "evidence", "status_reason",
		"mentor", "consent", "Đồng ý công bố", "allowed_actions", "version", "holder", modelID, e.users["cell.secretary"].String(), e.units["CB-VP"].String()} {
		if strings.Contains(raw, secret) {
			t.Fatalf("the public list shows %q:\n%s", secret, raw)
		}
	}
	for _, id := range nomUUID.FindAllString(raw, -1) {
		if !ids[id] {
			t.Fatalf("the public list shows the internal id %s:\n%s", id, raw)
		}
	}

	// The Atom feed has an entry titled with the name, carrying the public summary only.
	feed, fr := e.nomFeed("")
	found := false
	for _, en := range feed.Entries {
		if strings.Contains(en.Title, name) {
			found = true
			if !strings.Contains(en.ID, n.ID) || !strings.Contains(en.Summary+en.Content, "tận tụy, gần dân") {
				t.Fatalf("feed entry: %+v", en)
			}
		}
	}
	if !found {
		t.Fatalf("no feed entry for %s:\n%s", name, fr.Body)
	}
	for _, secret := range []string{internal, "MINH-CHUNG", noteText, mentorName} {
		if strings.Contains(string(fr.Body), secret) {
			t.Fatalf("the feed shows %q", secret)
		}
	}

	// The history: each decision in order, with who and where.
	var h struct {
		Items []nomEvent `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: nomPath(n.ID, "history"), User: "member"}).Decode(t, &h)
	want := []struct{ action, from, to, holder, actor, reason string }{
		{"submit", "draft", "submitted", "DU-SCT", "cell.secretary", submitReason},
		{"endorse", "submitted", "endorsed", "KHOI-CQDN", "committee.officer", endorseReason},
		{"commend", "endorsed", "commended", "KHOI-CQDN", "bloc.officer", ""},
		{"honor", "commended", "honored", "KHOI-CQDN", "bloc.officer", ""},
	}
	names := map[string]string{"cell.secretary": "Phạm Thị Lan", "committee.officer": "Lê Minh Tuấn", "bloc.officer": "Nguyễn Thị Hồng"}
	if len(h.Items) != len(want) {
		t.Fatalf("history has %d events, want %d: %+v", len(h.Items), len(want), h.Items)
	}
	for i, w := range want {
		ev := h.Items[i]
		if ev.Action != w.action || ev.FromStatus == nil || *ev.FromStatus != w.from || ev.ToStatus != w.to || ev.Holder == nil ||
			ev.Holder.Code != w.holder || ev.ActorID == nil || *ev.ActorID != e.users[w.actor].String() || ev.ActorName != names[w.actor] ||
			ev.At.IsZero() || (w.reason == "") != (ev.Reason == nil) || (ev.Reason != nil && *ev.Reason != w.reason) {
			t.Fatalf("history[%d] = %+v, want %+v", i, ev, w)
		}
		if i > 0 && ev.At.Before(h.Items[i-1].At) {
			t.Fatalf("history out of order at %d", i)
		}
	}

	// The audit trail: every change, in order.
	l := e.auditEvents("bloc.officer", "CB-VP", "?limit=200&resource_id="+n.ID)
	var actions []string
	for i := len(l.Items) - 1; i >= 0; i-- {
		ev := l.Items[i]
		actions = append(actions, ev.Action)
		if ev.ResourceType != "nomination" || ev.ResourceID == nil || *ev.ResourceID != n.ID {
			t.Fatalf("audit event %+v", ev)
		}
	}
	wantActions := []string{"nomination.create", "nomination.set_mentor", "nomination.add_note", "nomination.submit", "nomination.endorse",
		"nomination.commend", "nomination.honor", "nomination.consent", "nomination.publish"}
	if !slices.Equal(actions, wantActions) {
		t.Fatalf("audit actions %q, want %q", actions, wantActions)
	}
	if last := l.Items[0]; last.ActorName != "Nguyễn Thị Hồng" || last.After["published_at"] == nil {
		t.Fatalf("publish audit: %+v", last)
	}
}

// TestNominationRoundDeadline checks honoring rounds: the deadline holds until the end of its day
// in Hà Nội, and a round must be called at or above the nominating unit.
func TestNominationRoundDeadline(t *testing.T) {
	t.Parallel()
	e, clock, year := nomEnv(t)
	today := nomToday(year)
	rounds := e.nomUnitPath("DU-SCT", "honoring-rounds")

	// Who may open a round, and when for.
	problem(t, e.do(req{Method: "POST", Path: rounds, User: "cell.secretary",
		Body: map[string]any{"title": "Đợt 19/5", "year": year, "nomination_deadline": today}}), http.StatusForbidden, "forbidden")
	p := problem(t, e.do(req{Method: "POST", Path: rounds, User: "committee.officer",
		Body: map[string]any{"title": "Đợt cũ", "year": year, "nomination_deadline": fmt.Sprintf("%d-06-14", year)}}), http.StatusUnprocessableEntity, "validation")
	nomWantFields(t, p, "/nomination_deadline")

	var round struct {
		ID       string     `json:"id"`
		Unit     nomUnitRef `json:"unit"`
		Deadline string     `json:"nomination_deadline"`
		Open     bool       `json:"open"`
		Year     int        `json:"year"`
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: rounds, User: "committee.officer",
		Body: map[string]any{"title": "Biểu dương điển hình dịp 19/5", "year": year, "nomination_deadline": today}}).Decode(t, &round)
	if round.Unit.Code != "DU-SCT" || round.Deadline != today || !round.Open || round.Year != year {
		t.Fatalf("round: %+v", round)
	}
	inRound := func(name string) map[string]any {
		b := nomBody(year, nomPerson(name, "Chuyên viên", e.units["CB-VP"], false), "Đợt biểu dương")
		b["round_id"] = round.ID
		return b
	}
	a := e.nomCreate("cell.secretary", "CB-VP", inRound("Kịp Hạn"))
	b := e.nomCreate("cell.secretary", "CB-VP", inRound("Trễ Hạn"))
	free := e.nomCreate("cell.secretary", "CB-VP", nomBody(year, nomPerson("Ngoài Đợt", "Chuyên viên", e.units["CB-VP"], false), "Không theo đợt"))
	if a.RoundID == nil || *a.RoundID != round.ID {
		t.Fatalf("round_id %v", a.RoundID)
	}

	// 23:00 in Hà Nội on the deadline (16:00 UTC): still on time.
	clock.set(nomHanoi(year, time.June, 15, 23, 0))
	a = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(a.ID, "submit"), User: "cell.secretary", Header: ifMatch(a.Version)})
	if a.Status != "submitted" || a.Holder.Code != "DU-SCT" {
		t.Fatalf("submitted on time: %s at %s", a.Status, a.Holder.Code)
	}
	// 00:30 the next day in Hà Nội (still the 15th in UTC): closed.
	clock.set(nomHanoi(year, time.June, 16, 0, 30))
	p = problem(t, e.do(req{Method: "POST", Path: nomPath(b.ID, "submit"), User: "cell.secretary", Header: ifMatch(b.Version)}), http.StatusConflict, "round_closed")
	if detail, _ := p["detail"].(string); !strings.Contains(detail, fmt.Sprintf("15/06/%d", year)) {
		t.Fatalf("round_closed does not name the deadline: %v", p)
	}
	e.nomUnchanged(b.ID, "draft", b.Version)
	if got := e.count("nomination_events", "nomination_id = $1", b.ID); got != 0 {
		t.Fatalf("a refused submission wrote %d events", got)
	}
	// Outside any round nothing closes.
	call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(free.ID, "submit"), User: "cell.secretary", Header: ifMatch(free.Version)})
	// The list says the round is over.
	var l struct {
		Items []struct {
			ID   string `json:"id"`
			Open bool   `json:"open"`
		} `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath("CB-VP", "honoring-rounds"), User: "member"}).Decode(t, &l)
	if len(l.Items) != 1 || l.Items[0].ID != round.ID || l.Items[0].Open {
		t.Fatalf("rounds seen from CB-VP: %+v", l.Items)
	}

	// A round of another committee is not one CB-VP can answer; one of the bloc above is.
	var other, bloc struct {
		ID string `json:"id"`
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: e.nomUnitPath("DU-STP", "honoring-rounds"), User: "bloc.officer",
		Body: map[string]any{"title": "Đợt Sở Tư pháp", "year": year, "nomination_deadline": fmt.Sprintf("%d-07-01", year)}}).Decode(t, &other)
	e.must(http.StatusCreated, req{Method: "POST", Path: e.nomUnitPath("KHOI-CQDN", "honoring-rounds"), User: "bloc.officer",
		Body: map[string]any{"title": "Đợt toàn Khối", "year": year, "nomination_deadline": fmt.Sprintf("%d-06-16", year)}}).Decode(t, &bloc)
	n0 := e.count("nominations", "")
	body := nomBody(year, nomPerson("Sai Đợt", "Chuyên viên", e.units["CB-VP"], false), "Sai đợt")
	body["round_id"] = other.ID
	p = problem(t, e.do(req{Method: "POST", Path: e.nomUnitPath("CB-VP", "nominations"), User: "cell.secretary", Body: body}),
		http.StatusUnprocessableEntity, "validation")
	nomWantFields(t, p, "/round_id")
	if e.count("nominations", "") != n0 {
		t.Fatalf("a nomination with a foreign round was written")
	}
	p = problem(t, e.do(req{Method: "PATCH", Path: nomPath(b.ID), User: "cell.secretary", Header: ifMatch(b.Version), Body: map[string]any{"round_id": other.ID}}), http.StatusUnprocessableEntity, "validation")
	nomWantFields(t, p, "/round_id")
	p = problem(t, e.do(req{Method: "PATCH", Path: nomPath(b.ID), User: "cell.secretary", Header: ifMatch(b.Version), Body: map[string]any{"round_id": uuid.NewString()}}), http.StatusUnprocessableEntity, "validation")
	nomWantFields(t, p, "/round_id")
	// Moved into the bloc's round (open until the end of the 16th), it goes through.
	b = call[nomNomination](e, http.StatusOK, req{Method: "PATCH", Path: nomPath(b.ID), User: "cell.secretary", Header: ifMatch(b.Version), Body: map[string]any{"round_id": bloc.ID}})
	b = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(b.ID, "submit"), User: "cell.secretary", Header: ifMatch(b.Version)})
	if b.RoundID == nil || *b.RoundID != bloc.ID || b.Status != "submitted" {
		t.Fatalf("in the bloc's round: %+v", b)
	}
}

// TestNominationMentorNotes checks nurturing: the committee assigns a mentor, who writes progress
// notes; notes stay internal.
func TestNominationMentorNotes(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	mentor := e.nomUser("co.van", "Bùi Văn Cố Vấn", "DU-SCT", [2]string{"member", "DU-SCT"})
	thu := e.nomFind("CB-VP", "Nguyễn Thị Thu") // honored and published by the demo
	notes := nomPath(thu.ID, "progress-notes")
	note := func(user, period, label, text string) resp {
		return e.do(req{Method: "POST", Path: notes, User: user, Body: map[string]any{"period": period, "label": label, "text": text}})
	}

	// Not yet the mentor: no notes.
	problem(t, note("co.van", "monthly", fmt.Sprintf("%d-05", year), "Chưa được phân công"), http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: nomPath(thu.ID, "mentor"), User: "member", Body: map[string]any{"name": "Tự nhận"}}), http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: nomPath(thu.ID, "mentor"), User: "cell.secretary2", Body: map[string]any{"name": "Người ngoài"}}), http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "PUT", Path: nomPath(thu.ID, "mentor"), User: "committee.officer", Body: map[string]any{"name": "   "}}),
		http.StatusUnprocessableEntity, "validation")

	n := call[nomNomination](e, http.StatusOK, req{Method: "PUT", Path: nomPath(thu.ID, "mentor"), User: "committee.officer", Body: map[string]any{"name": "Đồng chí Bùi Văn Cố Vấn", "user_id": mentor}})
	if n.Mentor == nil || n.Mentor.Name != "Đồng chí Bùi Văn Cố Vấn" || n.Mentor.UserID == nil || *n.Mentor.UserID != mentor.String() {
		t.Fatalf("mentor %+v", n.Mentor)
	}
	if got := e.nomGet("co.van", thu.ID).AllowedActions; !slices.Equal(got, []string{"add_note"}) {
		t.Fatalf("the mentor's actions %q", got)
	}
	const secret1, secret2, secret3 = "TIEN-BO-THANG-noi-bo", "TIEN-BO-QUY-noi-bo", "TIEN-BO-NAM-noi-bo"
	var created nomNote
	got := note("co.van", "monthly", fmt.Sprintf("%d-05", year), secret1)
	if got.Status != http.StatusCreated {
		t.Fatalf("mentor's note: %d\n%s", got.Status, got.Body)
	}
	got.Decode(t, &created)
	if created.ID == "" || created.Period != "monthly" || created.AuthorName != "Bùi Văn Cố Vấn" || created.Text != secret1 {
		t.Fatalf("note %+v", created)
	}
	if got := note("cell.secretary", "quarterly", fmt.Sprintf("%d-Q2", year), secret2); got.Status != http.StatusCreated {
		t.Fatalf("drafter's note: %d", got.Status)
	}
	if got := note("committee.officer", "yearly", strconv.Itoa(year), secret3); got.Status != http.StatusCreated {
		t.Fatalf("officer's note: %d", got.Status)
	}
	problem(t, note("member", "monthly", fmt.Sprintf("%d-06", year), "Thành viên ghi"), http.StatusForbidden, "forbidden")
	problem(t, note("cell.secretary2", "monthly", fmt.Sprintf("%d-06", year), "Người ngoài ghi"), http.StatusNotFound, "not_found")
	if got := note("co.van", "weekly", "W23", "Tuần"); got.Status != http.StatusBadRequest {
		t.Fatalf("weekly note: %d", got.Status)
	}
	nomWantFields(t, problem(t, note("co.van", "monthly", "  ", "Nhãn trống"), http.StatusUnprocessableEntity, "validation"), "/label")
	if got := e.count("nomination_notes", "nomination_id = $1", thu.ID); got != 3 {
		t.Fatalf("%d notes stored, want 3", got)
	}

	// Oldest first, readable in the nominating unit's scope.
	var l struct {
		Items []nomNote `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: notes, User: "member"}).Decode(t, &l)
	var seq []string
	for _, it := range l.Items {
		seq = append(seq, it.Period+":"+it.Text+":"+it.AuthorName)
	}
	want := []string{"monthly:" + secret1 + ":Bùi Văn Cố Vấn", "quarterly:" + secret2 + ":Phạm Thị Lan", "yearly:" + secret3 + ":Lê Minh Tuấn"}
	if !slices.Equal(seq, want) {
		t.Fatalf("notes %q, want %q", seq, want)
	}
	problem(t, e.do(req{Method: "GET", Path: notes, User: "cell.secretary2"}), http.StatusNotFound, "not_found")
	problem(t, e.do(req{Method: "GET", Path: notes}), http.StatusUnauthorized, "unauthenticated")

	// The published exemplar shows none of it.
	for _, path := range []string{"/public/exemplars", "/public/feed.atom", "/public/models", "/public/standards"} {
		body := string(e.nomPublic(path, nil).Body)
		for _, s := range []string{secret1, secret2, secret3, "Cố Vấn", "progress", `"note"`, `"notes"`, `"mentor"`} {
			if strings.Contains(body, s) {
				t.Fatalf("%s shows %q", path, s)
			}
		}
	}
	if !slices.Contains(e.nomPublicNames("/public/exemplars"), "Nguyễn Thị Thu") {
		t.Fatalf("the demo exemplar is not public")
	}

	// Another mentor takes over: the former one writes no more.
	call[nomNomination](e, http.StatusOK, req{Method: "PUT", Path: nomPath(thu.ID, "mentor"), User: "cell.secretary", Body: map[string]any{"name": "Đồng chí Bí thư chi bộ"}})
	problem(t, note("co.van", "monthly", fmt.Sprintf("%d-06", year), "Sau khi thôi"), http.StatusForbidden, "forbidden")
}
