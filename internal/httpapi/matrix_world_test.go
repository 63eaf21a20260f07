package httpapi_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/vntime"
)

// newMxWorld makes, before any row runs, what the rows of the access matrix share.
func newMxWorld(t *testing.T) *mxWorld {
	t.Helper()
	// Many logins and client grants come from the one test address: lift the address limit.
	e := newEnvWith(t, app.Options{Auth: auth.Options{MaxPerAddress: 100000}})
	fx := &mxFixtures{}

	// The portal client: registered by admin, authenticated through client_credentials.
	cl := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/clients", User: "admin",
		Body: map[string]any{"name": "Cổng thông tin tỉnh", "unit_id": e.units["KHOI-CQDN"], "role": "portal"}}).JSON(t)
	portalClientID, portalSecret := cl["client_id"].(string), cl["client_secret"].(string)
	clientForm := func(id, secret string) string {
		return url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}.Encode()
	}
	tok := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/token", Body: clientForm(portalClientID, portalSecret),
		Content: "application/x-www-form-urlencoded"}).JSON(t)
	e.tokens["portal"] = tok["access_token"].(string) // e.token serves it for User: "portal"
	e.users["portal"] = uuid.MustParse(cl["id"].(string))

	// A foreign bloc with a committee, a cell and a user; a user at CB-QLTM (a sibling cell of CB-VP).
	xb := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/blocs", User: "admin",
		Body: map[string]any{"code": "MX-BLOC", "name": "Khối thử ma trận"}}).JSON(t)
	e.units["MX-BLOC"] = uuid.MustParse(xb["id"].(string))
	e.units["MX-DU"] = fx.committee(e, e.units["MX-BLOC"])
	e.units["MX-CB"] = fx.cell(e, e.units["MX-DU"])
	e.users["mx.x.user"] = fx.user(e, e.units["MX-CB"])
	e.users["mx.ql.user"] = fx.user(e, e.units["CB-QLTM"])

	unit := func(code string) string { return e.units[code].String() }
	uid := func(code string) *uuid.UUID { id := e.units[code]; return &id }
	self := func(e *env, caller string) string { return e.users[caller].String() }
	newUnit := func(prefix string) map[string]any {
		return map[string]any{"code": fx.next(prefix), "name": "Đơn vị mới"}
	}
	rename := func() map[string]any { return map[string]any{"name": fx.next("Tên mới")} }
	// patchUnit PATCHes a unit of the demo tree by its route; recoding to its own code and
	// un-archiving a live unit change nothing, but need the rights one level up all the same.
	patchUnit := func(route, code string, body map[string]any) func(*env, string) req {
		return func(*env, string) req { return req{Method: "PATCH", Path: route + unit(code), Body: body} }
	}
	recode := func(code string) map[string]any { return map[string]any{"code": code} }
	unarchive := map[string]any{"archived": false}
	// archiveFresh recodes and archives a fresh unit made by mk.
	archiveFresh := func(route string, mk func(e *env) uuid.UUID) func(*env, string) req {
		return func(e *env, _ string) req {
			return req{Method: "PATCH", Path: route + mk(e).String(), Body: map[string]any{"code": fx.next("MX-AR"), "archived": true}}
		}
	}
	archived := func(t *testing.T, _ string, got resp) {
		t.Helper()
		if v := got.JSON(t)["archived"]; v != true {
			t.Errorf("archived = %v, want true", v)
		}
	}
	get := mxGet

	// Standards that rows only read (or are refused on): the demo's issued standard of DU-SCT
	// (adopted by CB-VP), one in consultation at DU-SCT, drafts at KHOI-CQDN, CB-VP and CB-BTTP,
	// an issued one at DU-STP adopted by CB-BTTP, and one at MX-DU adopted by MX-CB.
	demoStd := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + unit("DU-SCT") + "/standards?status=issued", User: "admin"}).JSON(t)
	demoItems, _ := demoStd["items"].([]any)
	if len(demoItems) != 1 {
		t.Fatalf("want the demo's one issued standard at DU-SCT, got %v", demoStd)
	}
	stdSCT := uuid.MustParse(demoItems[0].(map[string]any)["id"].(string))
	stdSCTConsult := fx.standard(e, e.units["DU-SCT"], "consultation")
	stdKhoiDraft := fx.standard(e, e.units["KHOI-CQDN"], "draft")
	stdVPDraft := fx.standard(e, e.units["CB-VP"], "draft")
	stdBTTPDraft := fx.standard(e, e.units["CB-BTTP"], "draft")
	stdSTP := fx.standard(e, e.units["DU-STP"], "issued")
	fx.adopt(e, e.units["CB-BTTP"], stdSTP)
	stdMX := fx.standard(e, e.units["MX-DU"], "issued")
	fx.adopt(e, e.units["MX-CB"], stdMX)

	// onStd calls a standard that exists; fresh calls a new standard of unit code, first brought
	// to status by admin. body nil sends none.
	onStd := func(id uuid.UUID, method, suffix string, body any) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: method, Path: "/api/v1/standards/" + id.String() + suffix, Body: body}
		}
	}
	fresh := func(code, status, method, suffix string, body any) func(*env, string) req {
		return func(e *env, _ string) req {
			return req{Method: method, Path: "/api/v1/standards/" + fx.standard(e, e.units[code], status).String() + suffix, Body: body}
		}
	}
	getStd := func(id uuid.UUID, suffix string) func(*env, string) req { return onStd(id, "GET", suffix, nil) }
	// adoptFresh has cell adopt a newly issued standard of above; unadoptFresh removes an
	// adoption admin just made.
	adoptFresh := func(cell, above string) func(*env, string) req {
		return func(e *env, _ string) req {
			return req{Method: "PUT", Path: "/api/v1/units/" + e.units[cell].String() + "/adopted-standard",
				Body: map[string]any{"standard_id": fx.standard(e, e.units[above], "issued")}}
		}
	}
	unadoptFresh := func(cell, above string) func(*env, string) req {
		return func(e *env, _ string) req {
			fx.adopt(e, e.units[cell], fx.standard(e, e.units[above], "issued"))
			return req{Method: "DELETE", Path: "/api/v1/units/" + e.units[cell].String() + "/adopted-standard"}
		}
	}
	stdEdit := map[string]any{"title": "Chuẩn mực đã sửa"}
	stdWithdraw := map[string]any{"reason": "Thay bằng văn bản mới"}
	stdComment := map[string]any{"text": "Đề nghị bổ sung nội dung về tác phong."}
	stdPosting := func(at string) map[string]any {
		b := map[string]any{"location": "Hội trường tầng 2", "frame": "60x90", "posted_on": "2024-02-01"}
		if at != "" {
			b["unit_id"] = e.units[at]
		}
		return b
	}

	// Models. Each unit where rows draft fresh models has a registrar, a user of no column holding
	// the drafter role there, so that no caller of the matrix is the registrant of what it reviews
	// (but the own_submission rows, registered by admin).
	thisYear := vnYear()
	registrar := map[string]string{}
	for code, role := range map[string]string{"KHOI-CQDN": "bloc_officer", "DU-SCT": "committee_officer", "CB-VP": "cell_secretary",
		"CB-BTTP": "cell_secretary", "MX-CB": "cell_secretary"} {
		name := "mx.registrar." + code
		e.users[name] = fx.user(e, e.units[code])
		fx.grant(e, e.users[name], role, uid(code))
		registrar[code] = name
	}
	// The demo's models (internal/seed/models.go), by unit and name, in the states the seed says.
	demoModels := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + unit("KHOI-CQDN") + "/models?scope=subtree&limit=100", User: "admin"}).JSON(t)
	demoModel := func(code, name, status string, year int) uuid.UUID {
		t.Helper()
		for _, it := range demoModels["items"].([]any) {
			m := it.(map[string]any)
			if m["unit"].(map[string]any)["code"] == code && m["name"] == name {
				if m["status"] != status || m["year"] != float64(year) {
					t.Fatalf("demo model %s/%s is %v of %v, want %s of %d", code, name, m["status"], m["year"], status, year)
				}
				return uuid.MustParse(m["id"].(string))
			}
		}
		t.Fatalf("no demo model %s/%s", code, name)
		return uuid.Nil
	}
	mdlVPSavings := demoModel("CB-VP", "Tiết kiệm làm theo lời Bác", "completed", thisYear-1)
	mdlVPSmile := demoModel("CB-VP", "Nụ cười công sở", "in_progress", thisYear)
	mdlQLRegistered := demoModel("CB-QLTM", "Mỗi tháng một việc tốt", "registered", thisYear)
	mdlQLReplica := demoModel("CB-QLTM", "Tiết kiệm làm theo lời Bác", "draft", thisYear-1)
	mdlKTDraft := demoModel("CB-KTAT", "Ngày chủ nhật xanh", "draft", thisYear)
	mdlBTTPCompleted := demoModel("CB-BTTP", "4 không", "completed", thisYear-1)
	mdlBTTPApproved := demoModel("CB-BTTP", "Ba không", "approved", thisYear)
	// Models rows only read: an approved one of DU-SCT (read by cs and mem as an ancestor's), a
	// bloc's draft, a retired one at CB-VP and an approved one in the foreign bloc.
	mdlSCT := fx.model(e, e.units["DU-SCT"], thisYear, "approved", registrar["DU-SCT"])
	mdlKhoiDraft := fx.model(e, e.units["KHOI-CQDN"], thisYear, "draft", registrar["KHOI-CQDN"])
	mdlVPRetired := fx.model(e, e.units["CB-VP"], thisYear, "retired", registrar["CB-VP"])
	mdlMX := fx.model(e, e.units["MX-CB"], thisYear, "approved", registrar["MX-CB"])

	// onModel calls a model that exists; freshModel a new model of this year at unit code,
	// brought to status as mxFixtures.model does (registered by the unit's registrar, or by
	// admin with freshModelBy).
	onModel := func(id uuid.UUID, method, suffix string, body any) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: method, Path: "/api/v1/models/" + id.String() + suffix, Body: body}
		}
	}
	getMdl := func(id uuid.UUID, suffix string) func(*env, string) req { return onModel(id, "GET", suffix, nil) }
	freshModelBy := func(code, status, by, method, suffix string, body any) func(*env, string) req {
		return func(e *env, _ string) req {
			return req{Method: method, Path: "/api/v1/models/" + fx.model(e, e.units[code], thisYear, status, by).String() + suffix, Body: body}
		}
	}
	freshModel := func(code, status, method, suffix string, body any) func(*env, string) req {
		return freshModelBy(code, status, registrar[code], method, suffix, body)
	}
	// replicateFresh replicates a new approved model of code into the unit into(e) returns.
	replicateFresh := func(code string, into func(e *env) uuid.UUID) func(*env, string) req {
		return func(e *env, _ string) req {
			src := fx.model(e, e.units[code], thisYear, "approved", registrar[code])
			return req{Method: "POST", Path: "/api/v1/models/" + src.String() + "/replications", Body: map[string]any{"unit_ids": []uuid.UUID{into(e)}}}
		}
	}
	replicateInto := func(code string) func(*env) uuid.UUID { return func(e *env) uuid.UUID { return e.units[code] } }
	modelsAt := func(code, query string) func(*env, string) req {
		return get("/api/v1/units/" + unit(code) + "/models" + query)
	}
	createModelAt := func(code string) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: "POST", Path: "/api/v1/units/" + unit(code) + "/models", Body: mxModelBody(fx.next("Mô hình mới"), thisYear)}
		}
	}
	mdlReason := map[string]any{"reason": "Chưa phù hợp với nhiệm vụ chính trị của đơn vị."}
	mdlEdit := map[string]any{"name": "Mô hình đã sửa"}
	// The year's evaluation: a period that has begun whenever the matrix runs (a period not
	// begun yet is 422).
	mdlEval := map[string]any{"period": "year", "rating": "good", "awareness": "Chuyển biến rõ trong nhận thức."}
	nextYear := map[string]any{"year": thisYear + 1}
	mdlPublic := []string{"approved", "in_progress", "completed"}
	coverage := func(code string) func(*env, string) req {
		return get(fmt.Sprintf("/api/v1/units/%s/model-coverage?year=%d", unit(code), thisYear))
	}
	form := func(code, file string) func(*env, string) req {
		return get("/api/v1/units/" + unit(code) + "/forms/" + file)
	}
	formName := func(n int, code string, year int, ext string) string {
		return fmt.Sprintf("bieu-mau-%d-%s-%d.%s", n, code, year, ext)
	}
	const xlsx, csv = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"

	// Nominations. Fresh ones are drafted by admin and submitted by the unit's registrar (a
	// drafter of no column), so that no caller of the matrix decides what it submitted (but the
	// own_submission rows); admin takes every other step. Their year is the services' year.
	nomToday := vntime.Date(e.app.Now())
	nomYear := nomToday.Year()
	// The demo's nominations (internal/seed/nominations.go), by nominating unit and status, held
	// where the seed's workflow left them.
	demoNoms := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + unit("KHOI-CQDN") + "/nominations?scope=subtree&limit=100", User: "admin"}).JSON(t)
	demoNom := func(code, status, holder string) uuid.UUID {
		t.Helper()
		for _, it := range demoNoms["items"].([]any) {
			n := it.(map[string]any)
			if n["unit"].(map[string]any)["code"] == code && n["status"] == status {
				if h := n["holder"].(map[string]any)["code"]; h != holder || n["year"] != float64(nomYear) {
					t.Fatalf("demo nomination %s/%s is held at %v for %v, want %s for %d", code, status, h, n["year"], holder, nomYear)
				}
				return uuid.MustParse(n["id"].(string))
			}
		}
		t.Fatalf("no demo nomination %s/%s", code, status)
		return uuid.Nil
	}
	nomVPHonored := demoNom("CB-VP", "honored", "DU-SCT") // an individual, consenting, published
	nomVPCommended := demoNom("CB-VP", "commended", "DU-SCT")
	nomVPDraft := demoNom("CB-VP", "draft", "CB-VP")
	nomSCTHonored := demoNom("DU-SCT", "honored", "KHOI-CQDN") // the collective CB-QLTM, published
	nomQLEndorsed := demoNom("CB-QLTM", "endorsed", "KHOI-CQDN")
	nomKTSubmitted := demoNom("CB-KTAT", "submitted", "DU-SCT")
	nomBTTPReturned := demoNom("CB-BTTP", "returned", "CB-BTTP")
	nomHCTPRejected := demoNom("CB-HCTP", "rejected", "DU-STP")
	// A draft in the foreign bloc; a progress note on CB-VP's honored exemplar.
	nomMX := fx.nomination(e, e.units["MX-CB"], mxPerson(e.units["MX-CB"]), "draft", "")
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/nominations/" + nomVPHonored.String() + "/progress-notes", User: "admin",
		Body: map[string]any{"period": "yearly", "label": strconv.Itoa(nomYear), "text": "Tiếp tục phát huy vai trò nêu gương."}})
	// Honoring rounds, open for a month: one called by the bloc, one by DU-SCT.
	roundBody := func() map[string]any {
		return map[string]any{"title": fx.next("Biểu dương điển hình tiêu biểu"), "year": nomYear,
			"nomination_deadline": nomToday.AddDate(0, 0, 30).Format(time.DateOnly)}
	}
	for _, code := range []string{"KHOI-CQDN", "DU-SCT"} {
		e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + unit(code) + "/honoring-rounds", User: "admin", Body: roundBody()})
	}
	// The portal shows the demo's two exemplars, DU-SCT's approved model (published here) and an
	// issued standard of CB-HCTP, made and published on first use: once the standards rows, which
	// list which units have standards, are done.
	publish, unpublish := map[string]any{"published": true}, map[string]any{"published": false}
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + mdlSCT.String() + "/publication", User: "admin", Body: publish})
	var stdPublic uuid.UUID
	publicStandard := func(e *env) {
		if stdPublic == uuid.Nil {
			stdPublic = fx.standard(e, e.units["CB-HCTP"], "issued")
			e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/standards/" + stdPublic.String() + "/publication", User: "admin", Body: publish})
		}
	}
	publicGet := func(path string) func(*env, string) req {
		return func(e *env, _ string) req {
			publicStandard(e)
			return req{Method: "GET", Path: path}
		}
	}

	// onNom calls a nomination that exists; freshNom a new nomination at unit code of an
	// individual of code or of code itself as a collective (kind), brought to status as
	// mxFixtures.nomination does (submitted by the unit's registrar, or by another with freshNomBy).
	onNom := func(id uuid.UUID, method, suffix string, body any) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: method, Path: "/api/v1/nominations/" + id.String() + suffix, Body: body}
		}
	}
	getNom := func(id uuid.UUID, suffix string) func(*env, string) req { return onNom(id, "GET", suffix, nil) }
	nomSubject := func(e *env, code, kind string) map[string]any {
		if kind == "collective" {
			return mxCollective(e.units[code])
		}
		return mxPerson(e.units[code])
	}
	// freshNomWith is freshNom with a setup step (as admin) on the new nomination before the call.
	freshNomWith := func(code, kind, status, by string, setup func(e *env, id string), method, suffix string, body any) func(*env, string) req {
		return func(e *env, _ string) req {
			id := fx.nomination(e, e.units[code], nomSubject(e, code, kind), status, by).String()
			if setup != nil {
				setup(e, id)
			}
			return req{Method: method, Path: "/api/v1/nominations/" + id + suffix, Body: body}
		}
	}
	freshNomBy := func(code, kind, status, by, method, suffix string, body any) func(*env, string) req {
		return freshNomWith(code, kind, status, by, nil, method, suffix, body)
	}
	freshNom := func(code, kind, status, method, suffix string, body any) func(*env, string) req {
		return freshNomBy(code, kind, status, registrar[code], method, suffix, body)
	}
	// asAdmin is a setup step: admin calls suffix of the nomination with body.
	asAdmin := func(suffix, method string, body any) func(e *env, id string) {
		return func(e *env, id string) {
			e.must(http.StatusOK, req{Method: method, Path: "/api/v1/nominations/" + id + suffix, User: "admin", Body: body})
		}
	}
	nominationsAt := func(code, query string) func(*env, string) req {
		return get("/api/v1/units/" + unit(code) + "/nominations" + query)
	}
	createNomAt := func(code, subjectUnit string) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: "POST", Path: "/api/v1/units/" + unit(code) + "/nominations", Body: mxNominationBody(nomYear, mxPerson(e.units[subjectUnit]))}
		}
	}
	roundsAt := func(code string) func(*env, string) req {
		return get("/api/v1/units/" + unit(code) + "/honoring-rounds")
	}
	createRoundAt := func(code string) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: "POST", Path: "/api/v1/units/" + unit(code) + "/honoring-rounds", Body: roundBody()}
		}
	}
	honorRoll := func(code, query string) func(*env, string) req {
		return get("/api/v1/units/" + unit(code) + "/honor-roll" + query)
	}
	exemplarCoverage := func(code string) func(*env, string) req {
		return get(fmt.Sprintf("/api/v1/units/%s/exemplar-coverage?year=%d&limit=200", unit(code), nomYear))
	}
	nomReason := map[string]any{"reason": "Chưa đủ minh chứng về kết quả công tác."}
	nomCommend := mxCommendBody(nomToday)
	nomEdit := map[string]any{"public_summary": "Tóm tắt đã sửa."}
	nomConsent := map[string]any{"given": true, "note": "Đồng ý công bố trên cổng thông tin."}
	nomMentor := map[string]any{"name": "Trần Văn Kèm"}
	nomNote := map[string]any{"period": "monthly", "label": fmt.Sprintf("%d-03", nomYear), "text": "Tiến bộ rõ trong tháng."}
	// The actions of a nomination's deciders (officers over its holder) while it is submitted or
	// endorsed, and of its owners (the drafters of its unit) while it is a draft.
	nomDeciding := []string{"endorse", "return", "reject", "commend", "consent", "set_mentor", "add_note"}
	nomDecidingAtTop := []string{"return", "reject", "commend", "consent", "set_mentor", "add_note"}
	nomDrafting := []string{"update", "delete", "submit", "consent", "set_mentor", "add_note"}
	nomNurturing := []string{"consent", "set_mentor", "add_note"}
	// What officers over a nomination that is not held at their own unit keep: the mentoring.
	nomMentoring := []string{"set_mentor", "add_note"}

	// Reports. The demo's H1 round at KHOI-CQDN (internal/seed/reports.go) holds a report in
	// every state, read but never changed here: CB-VP accepted, CB-QLTM submitted on time, CB-KTAT
	// late, CB-BTTP returned, CB-HCTP drafted, DU-SCT and DU-STP missing. Rows that change a report
	// open a fresh round as admin and take its report where they need it, submitted by the unit's
	// registrar (a drafter of no column), so that no caller reviews what it submitted itself.
	rptRoundBody := func(levels ...string) map[string]any {
		return map[string]any{"title": fx.next("Báo cáo thử ma trận"), "year": nomYear, "period": "H1",
			"due_on": nomToday.AddDate(0, 0, 7).Format(time.DateOnly), "levels": levels}
	}
	// rptOpen opens a round at code for levels, as admin.
	rptOpen := func(e *env, code string, levels ...string) string {
		e.t.Helper()
		return e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + unit(code) + "/reporting-rounds", User: "admin",
			Body: rptRoundBody(levels...)}).JSON(e.t)["id"].(string)
	}
	// rptOf is the report of unit code in round.
	rptOf := func(e *env, round, code string) string {
		e.t.Helper()
		items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + unit(code) + "/reports?round_id=" + round, User: "admin"}).JSON(e.t)["items"].([]any)
		if len(items) != 1 {
			e.t.Fatalf("%d reports of %s in round %s, want 1", len(items), code, round)
		}
		return items[0].(map[string]any)["id"].(string)
	}
	rptNarrative := map[string]any{"results": "Hoàn thành các chỉ tiêu đăng ký làm theo Bác.", "limitations": "Còn hình thức.",
		"lessons": "Gắn với nhiệm vụ chuyên môn.", "proposals": "Tập huấn xây dựng mô hình."}
	rptReason := map[string]any{"reason": "Bổ sung số liệu đánh giá mô hình."}
	// rptFresh opens a round at at for levels and brings the report of code to status: "draft"
	// (untouched), "written" (narrative written by admin), "submitted" (written, then submitted by
	// by), "returned" or "accepted" (submitted, then decided by admin), "closed" (written, the
	// round closed by admin), "submitted+closed" (submitted by by, then the round closed).
	rptFresh := func(e *env, at string, levels []string, code, status, by string) string {
		e.t.Helper()
		round := rptOpen(e, at, levels...)
		id := rptOf(e, round, code)
		if status == "draft" {
			return id
		}
		e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/reports/" + id, User: "admin", Body: rptNarrative})
		switch status {
		case "written":
		case "closed":
			e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/reporting-rounds/" + round + "/close", User: "admin"})
		case "submitted", "returned", "accepted", "submitted+closed":
			e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/reports/" + id + "/submit", User: by})
			if status == "submitted+closed" {
				e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/reporting-rounds/" + round + "/close", User: "admin"})
			} else if status == "returned" {
				e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/reports/" + id + "/return", User: "admin", Body: rptReason})
			} else if status == "accepted" {
				e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/reports/" + id + "/accept", User: "admin"})
			}
		default:
			e.t.Fatalf("no way to report status %q", status)
		}
		return id
	}
	onReport := func(id, method, suffix string, body any) func(*env, string) req {
		return func(*env, string) req { return req{Method: method, Path: "/api/v1/reports/" + id + suffix, Body: body} }
	}
	// freshReport calls a report of code made by rptFresh: cells report in a round at their
	// committee, committees in a round at their bloc.
	freshReport := func(code, status, by, method, suffix string, body any) func(*env, string) req {
		return func(e *env, _ string) req {
			at, levels := "DU-SCT", []string{"cell"}
			switch code {
			case "DU-SCT":
				at, levels = "KHOI-CQDN", []string{"committee"}
			case "CB-BTTP":
				at = "DU-STP"
			case "MX-CB":
				at = "MX-DU"
			}
			return req{Method: method, Path: "/api/v1/reports/" + rptFresh(e, at, levels, code, status, by) + suffix, Body: body}
		}
	}
	onRound := func(id, method, suffix string) func(*env, string) req {
		return func(*env, string) req { return req{Method: method, Path: "/api/v1/reporting-rounds/" + id + suffix} }
	}
	// freshRound calls a round opened at code by admin for cells (closed first when closed is set).
	freshRound := func(code string, closed bool, method, suffix string) func(*env, string) req {
		return func(e *env, _ string) req {
			id := rptOpen(e, code, "cell")
			if closed {
				e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/reporting-rounds/" + id + "/close", User: "admin"})
			}
			return req{Method: method, Path: "/api/v1/reporting-rounds/" + id + suffix}
		}
	}
	createReportRoundAt := func(code string, levels ...string) func(*env, string) req {
		return func(*env, string) req {
			return req{Method: "POST", Path: "/api/v1/units/" + unit(code) + "/reporting-rounds", Body: rptRoundBody(levels...)}
		}
	}
	reportsAt := func(code, query string) func(*env, string) req {
		return get("/api/v1/units/" + unit(code) + "/reports" + query)
	}
	var rptDemoRound string
	for _, it := range e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + unit("KHOI-CQDN") + "/reporting-rounds", User: "admin"}).JSON(t)["items"].([]any) {
		if rd := it.(map[string]any); rd["period"] == "H1" && strings.HasPrefix(rd["title"].(string), "Báo cáo 6 tháng đầu năm") {
			rptDemoRound = rd["id"].(string)
		}
	}
	if rptDemoRound == "" {
		t.Fatal("no demo reporting round at KHOI-CQDN")
	}
	rptDemo := map[string]string{}
	for _, code := range []string{"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DU-STP", "CB-BTTP", "CB-HCTP"} {
		rptDemo[code] = rptOf(e, rptDemoRound, code)
	}
	// A round at DU-SCT for cells (CB-VP's report an untouched draft), and one at MX-BLOC.
	rptSCTRound := rptOpen(e, "DU-SCT", "cell")
	rptVPDraft := rptOf(e, rptSCTRound, "CB-VP")
	rptMXRound := rptOpen(e, "MX-BLOC", "cell", "committee")
	rptMXCB := rptOf(e, rptMXRound, "MX-CB")
	rptEdit := map[string]any{"results": "Kết quả đã sửa."}

	return &mxWorld{
		e:                   e,
		fx:                  fx,
		portalClientID:      portalClientID,
		portalSecret:        portalSecret,
		clientForm:          clientForm,
		unit:                unit,
		uid:                 uid,
		self:                self,
		newUnit:             newUnit,
		rename:              rename,
		patchUnit:           patchUnit,
		recode:              recode,
		unarchive:           unarchive,
		archiveFresh:        archiveFresh,
		archived:            archived,
		get:                 get,
		stdSCT:              stdSCT,
		stdSCTConsult:       stdSCTConsult,
		stdKhoiDraft:        stdKhoiDraft,
		stdVPDraft:          stdVPDraft,
		stdBTTPDraft:        stdBTTPDraft,
		stdSTP:              stdSTP,
		stdMX:               stdMX,
		onStd:               onStd,
		fresh:               fresh,
		getStd:              getStd,
		adoptFresh:          adoptFresh,
		unadoptFresh:        unadoptFresh,
		stdEdit:             stdEdit,
		stdWithdraw:         stdWithdraw,
		stdComment:          stdComment,
		stdPosting:          stdPosting,
		thisYear:            thisYear,
		registrar:           registrar,
		mdlVPSavings:        mdlVPSavings,
		mdlVPSmile:          mdlVPSmile,
		mdlQLRegistered:     mdlQLRegistered,
		mdlQLReplica:        mdlQLReplica,
		mdlKTDraft:          mdlKTDraft,
		mdlBTTPCompleted:    mdlBTTPCompleted,
		mdlBTTPApproved:     mdlBTTPApproved,
		mdlSCT:              mdlSCT,
		mdlKhoiDraft:        mdlKhoiDraft,
		mdlVPRetired:        mdlVPRetired,
		mdlMX:               mdlMX,
		onModel:             onModel,
		getMdl:              getMdl,
		freshModelBy:        freshModelBy,
		freshModel:          freshModel,
		replicateFresh:      replicateFresh,
		replicateInto:       replicateInto,
		modelsAt:            modelsAt,
		createModelAt:       createModelAt,
		mdlReason:           mdlReason,
		mdlEdit:             mdlEdit,
		mdlEval:             mdlEval,
		nextYear:            nextYear,
		mdlPublic:           mdlPublic,
		coverage:            coverage,
		form:                form,
		formName:            formName,
		xlsx:                xlsx,
		csv:                 csv,
		nomYear:             nomYear,
		nomVPHonored:        nomVPHonored,
		nomVPCommended:      nomVPCommended,
		nomVPDraft:          nomVPDraft,
		nomSCTHonored:       nomSCTHonored,
		nomQLEndorsed:       nomQLEndorsed,
		nomKTSubmitted:      nomKTSubmitted,
		nomBTTPReturned:     nomBTTPReturned,
		nomHCTPRejected:     nomHCTPRejected,
		nomMX:               nomMX,
		publish:             publish,
		unpublish:           unpublish,
		publicGet:           publicGet,
		onNom:               onNom,
		getNom:              getNom,
		freshNomWith:        freshNomWith,
		freshNomBy:          freshNomBy,
		freshNom:            freshNom,
		asAdmin:             asAdmin,
		nominationsAt:       nominationsAt,
		createNomAt:         createNomAt,
		roundsAt:            roundsAt,
		createRoundAt:       createRoundAt,
		honorRoll:           honorRoll,
		exemplarCoverage:    exemplarCoverage,
		nomReason:           nomReason,
		nomCommend:          nomCommend,
		nomEdit:             nomEdit,
		nomConsent:          nomConsent,
		nomMentor:           nomMentor,
		nomNote:             nomNote,
		nomDeciding:         nomDeciding,
		nomDecidingAtTop:    nomDecidingAtTop,
		nomDrafting:         nomDrafting,
		nomNurturing:        nomNurturing,
		nomMentoring:        nomMentoring,
		rptOpen:             rptOpen,
		rptOf:               rptOf,
		rptNarrative:        rptNarrative,
		rptReason:           rptReason,
		onReport:            onReport,
		freshReport:         freshReport,
		onRound:             onRound,
		freshRound:          freshRound,
		createReportRoundAt: createReportRoundAt,
		reportsAt:           reportsAt,
		rptDemo:             rptDemo,
		rptSCTRound:         rptSCTRound,
		rptVPDraft:          rptVPDraft,
		rptMXRound:          rptMXRound,
		rptMXCB:             rptMXCB,
		rptEdit:             rptEdit,
		rptDemoRound:        rptDemoRound,
	}
}
