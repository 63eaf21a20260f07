package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"lamtheobac/internal/app"
	"lamtheobac/internal/vntime"
)

// stdClock is a settable clock for app.Options.Clock.
type stdClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *stdClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stdClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// TestStandardConsultationClosingDate travels in time: the closing date is the last day
// comments are taken, to its end in Hà Nội, and "today" is Hà Nội's date.
func TestStandardConsultationClosingDate(t *testing.T) {
	t.Parallel()
	// The demo seed runs on this clock too, so it starts at the real time.
	clock := &stdClock{now: time.Now().UTC()}
	e := newEnvWith(t, app.Options{Clock: clock.Now})
	sec := "cell.secretary"
	vn := vntime.Zone()
	day := func(d time.Time) string { return d.Format(time.DateOnly) }

	// Set the clock to 00:30 in Hà Nội on day D0: still D0-1 in UTC. Opening with D0-1 is in the
	// past, D0 is today (allowed); a decision dated D0 is not in the future.
	d0 := vntime.Date(clock.Now()).AddDate(0, 0, 2)
	clock.Set(time.Date(d0.Year(), d0.Month(), d0.Day(), 0, 30, 0, 0, vn))
	if clock.Now().UTC().Day() == d0.Day() {
		t.Fatal("the clock should sit on the previous day in UTC")
	}
	today := e.stdCreate(sec, "CB-VP", map[string]any{"title": "Hạn hôm nay", "items": stdItems("Một dòng.")})
	p := problem(t, e.do(req{Method: "POST", Path: stdPath(today.ID, "open-consultation"), User: sec, Header: ifMatch(1), Body: map[string]any{"closes_on": day(d0.AddDate(0, 0, -1))}}), 422, "validation")
	stdWantFields(t, p, true, "/closes_on")
	call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(today.ID, "open-consultation"), User: sec, Header: ifMatch(1), Body: map[string]any{"closes_on": day(d0)}})
	p = problem(t, e.do(req{Method: "POST", Path: stdPath(today.ID, "issue"), User: sec, Header: ifMatch(2), Body: map[string]any{"decision_number": "1-QĐ", "decision_date": day(d0.AddDate(0, 0, 1)), "signer": "Bí thư"}}), 422, "validation")
	stdWantFields(t, p, true, "/decision_date")
	if got := call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(today.ID, "issue"), User: sec, Header: ifMatch(2), Body: map[string]any{"decision_number": "1-QĐ", "decision_date": day(d0), "signer": "Bí thư"}}); got.Decision.Date != day(d0) {
		t.Fatalf("decision date %q, want %q", got.Decision.Date, day(d0))
	}

	// A consultation closing on D1 at DU-SCT (members of its cells comment on it too).
	d1 := d0.AddDate(0, 0, 3)
	st := e.stdCreate("committee.officer", "DU-SCT", map[string]any{"title": "Chuẩn mực 2027", "items": stdItems("Trung thành.", "Tận tụy.")})
	st = call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(st.ID, "open-consultation"), User: "committee.officer", Header: ifMatch(st.Version), Body: map[string]any{"closes_on": day(d1)}})

	comment := func(user, text string) resp {
		return e.do(req{Method: "POST", Path: stdPath(st.ID, "comments"), User: user, Body: map[string]any{"text": text}})
	}
	// 23:00 in Hà Nội on the closing day (16:00 UTC): still open.
	clock.Set(time.Date(d1.Year(), d1.Month(), d1.Day(), 23, 0, 0, 0, vn))
	e.must(http.StatusCreated, req{Method: "POST", Path: stdPath(st.ID, "comments"), User: "member", Body: map[string]any{"text": "Góp ý lúc 23 giờ."}})
	if got := e.stdGet("member", st.ID); !slices.Equal(got.AllowedActions, []string{"comment"}) {
		t.Fatalf("on the closing day a member may %v", got.AllowedActions)
	}
	// 00:30 the next day in Hà Nội (17:30 UTC, still the closing day in UTC): closed.
	clock.Set(time.Date(d1.Year(), d1.Month(), d1.Day()+1, 0, 30, 0, 0, vn))
	if clock.Now().UTC().Day() != d1.Day() {
		t.Fatal("the clock should still sit on the closing day in UTC")
	}
	audits, stored := e.count("audit_events", ""), e.count("standard_comments", "")
	for _, user := range []string{"member", "committee.officer", sec} {
		problem(t, comment(user, "Góp ý muộn."), 409, "consultation_closed")
	}
	if n, c := e.count("audit_events", ""), e.count("standard_comments", ""); n != audits || c != stored {
		t.Fatalf("late comments wrote %d audit events and %d comments", n-audits, c-stored)
	}
	if got := e.stdGet("member", st.ID); len(got.AllowedActions) != 0 || got.Status != "consultation" || got.CommentCount == nil || *got.CommentCount != 1 {
		t.Fatalf("after the closing date a member sees %+v", got)
	}
	if got := e.stdGet("committee.officer", st.ID); !slices.Equal(got.AllowedActions, []string{"return_to_draft", "issue"}) {
		t.Fatalf("after the closing date the drafter may %v", got.AllowedActions)
	}
	// The drafter still decides after the closing date: issue (dated today in Hà Nội).
	issued := call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(st.ID, "issue"), User: "committee.officer", Header: ifMatch(st.Version), Body: map[string]any{"decision_number": "20-QĐ/ĐU", "decision_date": day(d1.AddDate(0, 0, 1)), "signer": "Bí thư Đảng ủy"}})
	if issued.Status != "issued" {
		t.Fatalf("issued: %+v", issued)
	}
	// Issued: comments are closed for good.
	problem(t, comment("member", "Sau khi ban hành."), 409, "consultation_closed")
}

func TestStandardRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sec := "cell.secretary"

	// One standard in every state, at CB-VP.
	superseded := e.stdIssued(sec, "CB-VP", "Bản 2024")
	withdrawn := e.stdIssued(sec, "CB-VP", "Bản 2025")
	withdrawn = call[apiStandard](e, http.StatusOK, req{Method: "POST", Path: stdPath(withdrawn.ID, "withdraw"), User: sec, Header: ifMatch(withdrawn.Version), Body: map[string]any{"reason": "Soạn lại."}})
	issued := e.stdIssued(sec, "CB-VP", "Bản 2026")
	superseded = e.stdGet(sec, superseded.ID)
	consultation := e.stdConsulting(sec, "CB-VP", "Bản góp ý")
	draft := e.stdCreate(sec, "CB-VP", map[string]any{"title": "Bản nháp", "items": stdItems("Một dòng.")})
	for st, want := range map[*apiStandard]string{&superseded: "superseded", &withdrawn: "withdrawn", &issued: "issued", &consultation: "consultation", &draft: "draft"} {
		if st.Status != want {
			t.Fatalf("fixture %s is %s", want, st.Status)
		}
	}
	// CB-BTTP's draft (another committee's cell) and DU-SCT's standard in consultation.
	bttp := e.stdCreate("cell.secretary2", "CB-BTTP", map[string]any{"title": "Chuẩn mực Chi bộ Bổ trợ", "items": stdItems("Một dòng.")})
	duDraft := e.stdCreate("committee.officer", "DU-SCT", map[string]any{"title": "Chuẩn mực Đảng ủy 2026", "items": stdItems("Một dòng.")})
	duCons := e.stdConsulting("committee.officer", "DU-SCT", "Chuẩn mực Đảng ủy 2027")

	audits := e.count("audit_events", "")
	standards := e.count("standards", "")
	comments := e.count("standard_comments", "")
	postings := e.count("standard_postings", "")

	reason := map[string]any{"reason": "Thử."}
	open := map[string]any{"closes_on": stdDay(5)}
	edit := map[string]any{"title": "Sửa"}
	dec := stdDecisionBody("9-QĐ")
	post := map[string]any{"location": "Phòng họp", "frame": "40x60", "posted_on": stdDay(0)}

	t.Run("wrong state", func(t *testing.T) {
		cases := []struct {
			name           string
			st             *apiStandard
			method, action string
			body           any
		}{
			{"issue a draft", &draft, "POST", "issue", dec},
			{"return a draft to draft", &draft, "POST", "return-to-draft", nil},
			{"withdraw a draft", &draft, "POST", "withdraw", reason},
			{"post a draft", &draft, "POST", "postings", post},
			{"update in consultation", &consultation, "PATCH", "", edit},
			{"delete in consultation", &consultation, "DELETE", "", nil},
			{"open consultation twice", &consultation, "POST", "open-consultation", open},
			{"withdraw in consultation", &consultation, "POST", "withdraw", reason},
			{"post in consultation", &consultation, "POST", "postings", post},
			{"update an issued one", &issued, "PATCH", "", edit},
			{"delete an issued one", &issued, "DELETE", "", nil},
			{"open consultation on an issued one", &issued, "POST", "open-consultation", open},
			{"return an issued one to draft", &issued, "POST", "return-to-draft", nil},
			{"issue an issued one", &issued, "POST", "issue", dec},
			{"update a superseded one", &superseded, "PATCH", "", edit},
			{"delete a superseded one", &superseded, "DELETE", "", nil},
			{"open consultation on a superseded one", &superseded, "POST", "open-consultation", open},
			{"issue a superseded one", &superseded, "POST", "issue", dec},
			{"withdraw a superseded one", &superseded, "POST", "withdraw", reason},
			{"post a superseded one", &superseded, "POST", "postings", post},
			{"update a withdrawn one", &withdrawn, "PATCH", "", edit},
			{"delete a withdrawn one", &withdrawn, "DELETE", "", nil},
			{"return a withdrawn one to draft", &withdrawn, "POST", "return-to-draft", nil},
			{"issue a withdrawn one", &withdrawn, "POST", "issue", dec},
			{"withdraw a withdrawn one", &withdrawn, "POST", "withdraw", reason},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				e := e.forT(t)
				before := e.stdGet(sec, c.st.ID)
				// With the current If-Match, so that only the state can be the reason.
				problem(t, e.do(req{Method: c.method, Path: stdPath(c.st.ID, c.action), User: sec, Header: ifMatch(before.Version), Body: c.body}), 409, "invalid_transition")
				after := e.stdGet(sec, c.st.ID)
				if after.Version != before.Version || after.Status != before.Status || after.Title != before.Title {
					t.Fatalf("refused %s changed the standard: %+v → %+v", c.name, before, after)
				}
			})
		}
	})

	// A comment outside an open consultation is consultation_closed (as documented), not
	// invalid_transition.
	t.Run("comment outside consultation", func(t *testing.T) {
		for _, st := range []*apiStandard{&draft, &issued, &superseded, &withdrawn} {
			e := e.forT(t)
			problem(t, e.do(req{Method: "POST", Path: stdPath(st.ID, "comments"), User: "member", Body: map[string]any{"text": "Góp ý."}}),
				409, "consultation_closed")
		}
	})

	t.Run("issue needs a decision", func(t *testing.T) {
		e := e.forT(t)
		cases := []struct {
			name   string
			body   map[string]any
			fields []string
		}{
			{"no number", map[string]any{"decision_date": stdDay(-1), "signer": "Bí thư"}, []string{"/decision_number"}},
			{"blank number", map[string]any{"decision_number": "   ", "decision_date": stdDay(-1), "signer": "Bí thư"}, []string{"/decision_number"}},
			{"future date", map[string]any{"decision_number": "9-QĐ", "decision_date": stdDay(2), "signer": "Bí thư"}, []string{"/decision_date"}},
			{"no signer", map[string]any{"decision_number": "9-QĐ", "decision_date": stdDay(-1)}, []string{"/signer"}},
			{"nothing", map[string]any{}, []string{"/decision_number", "/decision_date", "/signer"}},
		}
		for _, c := range cases {
			p := problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "issue"), User: sec, Header: ifMatch(consultation.Version), Body: c.body}), 422, "validation")
			stdWantFields(t, p, true, c.fields...)
		}
	})

	t.Run("consultation needs a closing date not in the past and lines", func(t *testing.T) {
		e := e.forT(t)
		p := problem(t, e.do(req{Method: "POST", Path: stdPath(draft.ID, "open-consultation"), User: sec, Header: ifMatch(draft.Version), Body: map[string]any{"closes_on": stdDay(-1)}}), 422, "validation")
		stdWantFields(t, p, true, "/closes_on")
		problem(t, e.do(req{Method: "POST", Path: stdPath(draft.ID, "open-consultation"), User: sec, Header: ifMatch(draft.Version), Body: map[string]any{}}), 400, "validation")
		empty := e.stdCreate(sec, "CB-VP", map[string]any{"title": "Chưa có dòng nào"})
		audits++ // that creation is audited
		standards++
		p = problem(t, e.do(req{Method: "POST", Path: stdPath(empty.ID, "open-consultation"), User: sec, Header: ifMatch(empty.Version), Body: open}), 422, "validation")
		stdWantFields(t, p, true, "/items")
	})

	t.Run("stale If-Match", func(t *testing.T) {
		e := e.forT(t)
		for _, c := range []struct {
			method, action string
			st             *apiStandard
			body           any
		}{
			{"PATCH", "", &draft, edit},
			{"DELETE", "", &draft, nil},
			{"POST", "open-consultation", &draft, open},
			{"POST", "issue", &consultation, dec},
			{"POST", "return-to-draft", &consultation, nil},
			{"POST", "withdraw", &issued, reason},
		} {
			problem(t, e.do(req{Method: c.method, Path: stdPath(c.st.ID, c.action), User: sec, Header: ifMatch(c.st.Version + 7), Body: c.body}), 412, "stale_version")
		}
		problem(t, e.do(req{Method: "PATCH", Path: stdPath(draft.ID), User: sec, Header: map[string]string{"If-Match": `"abc"`}, Body: edit}), 412, "stale_version")
	})

	t.Run("another cell's standard is not there", func(t *testing.T) {
		e := e.forT(t)
		for _, c := range []struct{ method, action string }{
			{"GET", ""}, {"PATCH", ""}, {"DELETE", ""}, {"POST", "open-consultation"}, {"GET", "comments"}, {"POST", "comments"},
			{"GET", "postings"}, {"GET", "poster.pdf"},
		} {
			var body any
			switch {
			case c.method == "PATCH":
				body = edit
			case c.method == "POST" && c.action == "comments":
				body = map[string]any{"text": "Xin chào"}
			case c.method == "POST":
				body = open
			}
			problem(t, e.do(req{Method: c.method, Path: stdPath(bttp.ID, c.action), User: sec, Body: body}), 404, "not_found")
		}
		problem(t, e.do(req{Method: "POST", Path: e.stdUnitPath("CB-BTTP", "standards"), User: sec, Body: map[string]any{"title": "X"}}), 404, "not_found")
		problem(t, e.do(req{Method: "GET", Path: stdPath("0190a1b2-0000-7000-8000-000000000000"), User: sec}), 404, "not_found")
	})

	t.Run("only the unit's own officer drafts and issues", func(t *testing.T) {
		e := e.forT(t)
		// The cell secretary reads the committee's standard but may not issue it…
		if got := e.stdGet(sec, duCons.ID); got.Status != "consultation" || !slices.Equal(got.AllowedActions, []string{"comment"}) {
			t.Fatalf("the cell secretary sees DU-SCT's consultation as %+v", got)
		}
		problem(t, e.do(req{Method: "POST", Path: stdPath(duCons.ID, "issue"), User: sec, Header: ifMatch(duCons.Version), Body: dec}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: stdPath(duCons.ID, "return-to-draft"), User: sec, Header: ifMatch(duCons.Version)}), 403, "forbidden")
		// …and does not even see its draft (units below see what is issued or in consultation).
		problem(t, e.do(req{Method: "PATCH", Path: stdPath(duDraft.ID), User: sec, Body: edit}), 404, "not_found")
		problem(t, e.do(req{Method: "GET", Path: stdPath(duDraft.ID), User: sec}), 404, "not_found")
		problem(t, e.do(req{Method: "POST", Path: e.stdUnitPath("DU-SCT", "standards"), User: sec, Body: map[string]any{"title": "X"}}), 403, "forbidden")
		// …nor does the bloc officer above write the committee's draft…
		problem(t, e.do(req{Method: "PATCH", Path: stdPath(duDraft.ID), User: "bloc.officer", Header: ifMatch(duDraft.Version), Body: edit}), 403, "forbidden")
		problem(t, e.do(req{Method: "DELETE", Path: stdPath(duDraft.ID), User: "bloc.officer"}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: stdPath(duCons.ID, "issue"), User: "bloc.officer", Body: dec}), 403, "forbidden")
		// …nor the committee officer the cell's, nor a member, nor the inspector.
		problem(t, e.do(req{Method: "PATCH", Path: stdPath(draft.ID), User: "committee.officer", Body: edit}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "issue"), User: "committee.officer", Body: dec}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "issue"), User: "member", Body: dec}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: stdPath(issued.ID, "withdraw"), User: "inspector", Body: reason}), 403, "forbidden")
		problem(t, e.do(req{Method: "POST", Path: e.stdUnitPath("CB-VP", "standards"), User: "member", Body: map[string]any{"title": "X"}}), 403, "forbidden")
		problem(t, e.do(req{Method: "GET", Path: stdPath(draft.ID), User: ""}), 401, "unauthenticated")
		if got := e.stdGet("bloc.officer", duDraft.ID); len(got.AllowedActions) != 0 {
			t.Fatalf("the bloc officer may %v on DU-SCT's draft", got.AllowedActions)
		}
	})

	t.Run("malformed content", func(t *testing.T) {
		e := e.forT(t)
		create := func(body any) resp {
			return e.do(req{Method: "POST", Path: e.stdUnitPath("CB-VP", "standards"), User: sec, Body: body})
		}
		p := problem(t, create(map[string]any{"title": "X", "items": []map[string]any{{"text": "Một", "relation": "family"}}}), 400, "validation")
		stdWantFields(t, p, false, "/items/0/relation")
		many := make([]string, 31)
		for i := range many {
			many[i] = fmt.Sprintf("Dòng %d.", i+1)
		}
		p = problem(t, create(map[string]any{"title": "X", "items": stdItems(many...)}), 400, "validation")
		stdWantFields(t, p, false, "/items")
		problem(t, e.do(req{Method: "PATCH", Path: stdPath(draft.ID), User: sec, Body: map[string]any{"items": stdItems(many...)}}), 400, "validation")
		problem(t, create(map[string]any{"items": stdItems("Một")}), 400, "validation")
		problem(t, create(map[string]any{"title": "X", "colour": "red"}), 400, "validation")
		p = problem(t, create(map[string]any{"title": "   ", "items": stdItems("   ")}), 422, "validation")
		stdWantFields(t, p, true, "/title", "/items/0/text")
		// Item ids must belong to the standard, once each.
		p = problem(t, e.do(req{Method: "PATCH", Path: stdPath(draft.ID), User: sec, Body: map[string]any{"items": []map[string]any{{"id": issued.Items[0].ID, "text": "X"}}}}), 422, "validation")
		stdWantFields(t, p, true, "/items/0/id")
		p = problem(t, e.do(req{Method: "PATCH", Path: stdPath(draft.ID), User: sec, Body: map[string]any{"items": []map[string]any{
			{"id": draft.Items[0].ID, "text": "X"}, {"id": draft.Items[0].ID, "text": "Y"}}}}), 422, "validation")
		stdWantFields(t, p, true, "/items/1/id")
		problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "withdraw"), User: sec, Body: map[string]any{"reason": ""}}), 400, "validation")
		problem(t, e.do(req{Method: "POST", Path: stdPath(issued.ID, "withdraw"), User: sec, Body: map[string]any{}}), 400, "validation")
		p = problem(t, e.do(req{Method: "POST", Path: stdPath(issued.ID, "withdraw"), User: sec, Body: map[string]any{"reason": "   "}}), 422, "validation")
		stdWantFields(t, p, true, "/reason")
		problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "comments"), User: "member", Body: map[string]any{"text": ""}}), 400, "validation")
		p = problem(t, e.do(req{Method: "POST", Path: stdPath(consultation.ID, "comments"), User: "member", Body: map[string]any{"text": " \t "}}), 422, "validation")
		stdWantFields(t, p, true, "/text")
	})

	// Nothing refused above wrote anything.
	if n := e.count("audit_events", ""); n != audits {
		t.Fatalf("refused requests wrote %d audit events", n-audits)
	}
	if n := e.count("standards", ""); n != standards {
		t.Fatalf("refused requests changed the number of standards by %d", n-standards)
	}
	if n, m := e.count("standard_comments", ""), e.count("standard_postings", ""); n != comments || m != postings {
		t.Fatalf("refused requests wrote %d comments and %d postings", n-comments, m-postings)
	}
	for _, st := range []apiStandard{superseded, withdrawn, issued, consultation, draft} {
		if got := e.stdGet(sec, st.ID); got.Version != st.Version || got.Status != st.Status {
			t.Fatalf("%s standard changed: version %d → %d", st.Status, st.Version, got.Version)
		}
	}

	// Deleting a draft is allowed (204, audited once); it is gone.
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: stdPath(draft.ID), User: sec, Header: map[string]string{"If-Match": `"1"`}})
	problem(t, e.do(req{Method: "GET", Path: stdPath(draft.ID), User: sec}), 404, "not_found")
	problem(t, e.do(req{Method: "DELETE", Path: stdPath(draft.ID), User: sec}), 404, "not_found")
	if n := e.count("audit_events", ""); n != audits+1 {
		t.Fatalf("a deletion wrote %d audit events, want 1", n-audits)
	}
	if actions, _ := e.stdActions("CB-VP", draft.ID); !slices.Equal(actions, []string{"standard.delete", "standard.create"}) {
		t.Fatalf("deleted draft's trail: %q", actions)
	}
}
