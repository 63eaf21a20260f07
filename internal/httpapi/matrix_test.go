package httpapi_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/api"
	"lamtheobac/internal/app"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/seed"
	"lamtheobac/internal/vntime"
)

// The access matrix walks every operation of the contract × every kind of caller × targets in
// the caller's own unit, below it and elsewhere, and asserts the status the policy of
// DESIGN.md "Access" implies: 401 without credentials on protected routes, 404 outside the
// caller's read scope, 403 when readable but not permitted, success otherwise.
//
// The columns, in the order of every mxCodes row:
//
//	anon   no token
//	admin  admin, global
//	bloc   bloc.officer at KHOI-CQDN
//	insp   inspector at KHOI-CQDN
//	comm   committee.officer at DU-SCT
//	cs     cell.secretary at CB-VP (DU-SCT)
//	mem    member at CB-VP
//	cs2    cell.secretary2 at CB-BTTP (DU-STP)
//	portal a service client with role portal at KHOI-CQDN
//
// Besides the demo tree the matrix adds MX-BLOC, a second bloc no demo principal belongs to,
// with MX-DU (committee), MX-CB (cell) and a user mx.x.user there, and mx.ql.user at CB-QLTM.
var mxCallers = [...]string{"", "admin", "bloc.officer", "inspector", "committee.officer", "cell.secretary", "member", "cell.secretary2", "portal"}

// mxCodes are the expected statuses, one per column of mxCallers.
type mxCodes [len(mxCallers)]int

// mxRow is one operation on one target, for every caller.
type mxRow struct {
	op     string
	target string
	// build prepares the request for caller (its User is set by the runner), creating fresh
	// fixtures as administrator when the call consumes or mutates something.
	build func(e *env, caller string) req
	want  mxCodes
	// check, when set, runs on the 2xx answers.
	check func(t *testing.T, caller string, got resp)
	// problems, when set, are the problem codes expected of some callers' 4xx answers.
	problems map[string]string
}

func mxCallerName(caller string) string {
	if caller == "" {
		return "anonymous"
	}
	return caller
}

// mxFixtures creates what rows need fresh: units and users with unique names, made by admin.
type mxFixtures struct{ n int }

func (f *mxFixtures) next(prefix string) string {
	f.n++
	return fmt.Sprintf("%s-%d", prefix, f.n)
}

func (f *mxFixtures) unit(e *env, parentPath string, parent uuid.UUID) uuid.UUID {
	e.t.Helper()
	got := e.must(http.StatusCreated, req{Method: "POST", Path: fmt.Sprintf(parentPath, parent), User: "admin",
		Body: map[string]any{"code": f.next("MX-U"), "name": "Đơn vị thử ma trận"}})
	return uuid.MustParse(got.JSON(e.t)["id"].(string))
}

// cell creates a fresh, empty cell in committee.
func (f *mxFixtures) cell(e *env, committee uuid.UUID) uuid.UUID {
	return f.unit(e, "/api/v1/committees/%s/cells", committee)
}

// committee creates a fresh, empty committee in bloc.
func (f *mxFixtures) committee(e *env, bloc uuid.UUID) uuid.UUID {
	return f.unit(e, "/api/v1/blocs/%s/committees", bloc)
}

// user creates a fresh user without roles whose home unit is unit.
func (f *mxFixtures) user(e *env, unit uuid.UUID) uuid.UUID {
	e.t.Helper()
	id, _ := f.account(e, unit)
	return id
}

// account is user, also returning the username.
func (f *mxFixtures) account(e *env, unit uuid.UUID) (uuid.UUID, string) {
	e.t.Helper()
	name := f.next("mx.user")
	got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", User: "admin",
		Body: map[string]any{"username": name, "full_name": "Người dùng thử", "password": "matrix-pass-1", "unit_id": unit}})
	return uuid.MustParse(got.JSON(e.t)["id"].(string)), name
}

// grant gives user role at unit (nil for admin) as admin.
func (f *mxFixtures) grant(e *env, user uuid.UUID, role string, unit *uuid.UUID) {
	e.t.Helper()
	body := map[string]any{"role": role}
	if unit != nil {
		body["unit_id"] = *unit
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users/" + user.String() + "/roles", User: "admin", Body: body})
}

// standard creates, as admin, a one-line standard at unit and brings it to status: draft,
// consultation or issued (issuing supersedes the unit's issued standard, if any).
func (f *mxFixtures) standard(e *env, unit uuid.UUID, status string) uuid.UUID {
	e.t.Helper()
	got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + unit.String() + "/standards", User: "admin",
		Body: map[string]any{"title": f.next("Chuẩn mực thử"), "items": []map[string]any{{"text": "Tuyệt đối trung thành với Đảng.", "relation": "fatherland_party"}}}})
	id := got.JSON(e.t)["id"].(string)
	if status == "consultation" || status == "issued" {
		e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/standards/" + id + "/open-consultation", User: "admin", Body: mxOpenBody()})
	}
	if status == "issued" {
		e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/standards/" + id + "/issue", User: "admin", Body: mxIssueBody()})
	}
	return uuid.MustParse(id)
}

// adopt has unit adopt the issued standard st, as admin.
func (f *mxFixtures) adopt(e *env, unit, st uuid.UUID) {
	e.t.Helper()
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/units/" + unit.String() + "/adopted-standard", User: "admin",
		Body: map[string]any{"standard_id": st}})
}

func mxOpenBody() map[string]any {
	// A week ahead in UTC is never before today in Vietnam (UTC+7).
	return map[string]any{"closes_on": time.Now().UTC().AddDate(0, 0, 7).Format(time.DateOnly)}
}

func mxIssueBody() map[string]any {
	return map[string]any{"decision_number": "01-QĐ/MX", "decision_date": "2024-01-15", "signer": "T/M Đảng ủy, Bí thư"}
}

// mxGet is the build of a GET of a fixed path.
func mxGet(path string) func(*env, string) req {
	return func(*env, string) req { return req{Method: "GET", Path: path} }
}

// mxStrings turns a JSON array of strings into a sorted slice.
func mxStrings(v any) []string {
	out := []string{}
	arr, _ := v.([]any)
	for _, s := range arr {
		str, _ := s.(string)
		out = append(out, str)
	}
	sort.Strings(out)
	return out
}

func mxSorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

// mxActions checks a unit's allowed_actions for the callers named in want.
func mxActions(want map[string][]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		exp, ok := want[caller]
		if !ok {
			return
		}
		if acts := mxStrings(got.JSON(t)["allowed_actions"]); !slices.Equal(acts, mxSorted(exp)) {
			t.Errorf("allowed_actions = %v, want %v", acts, mxSorted(exp))
		}
	}
}

// mxListed checks the codes of a unit list for the callers named in want.
func mxListed(want map[string][]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		exp, ok := want[caller]
		if !ok {
			return
		}
		var list struct {
			Items []struct {
				Code string `json:"code"`
			} `json:"items"`
		}
		got.Decode(t, &list)
		codes := []string{}
		for _, it := range list.Items {
			codes = append(codes, it.Code)
		}
		sort.Strings(codes)
		if !slices.Equal(codes, mxSorted(exp)) {
			t.Errorf("listed %v, want %v", codes, mxSorted(exp))
		}
	}
}

// mxItemsWhere checks, for the callers named in want, that a list is not empty and that
// every item's field (a unit id) is one of the units named.
func mxItemsWhere(e *env, field string, want map[string][]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		codes, ok := want[caller]
		if !ok {
			return
		}
		allowed := map[string]string{}
		for _, c := range codes {
			allowed[e.units[c].String()] = c
		}
		items, _ := got.JSON(t)["items"].([]any)
		if len(items) == 0 {
			t.Errorf("empty list, want items at %v", codes)
		}
		for _, it := range items {
			v, _ := it.(map[string]any)[field].(string)
			if _, ok := allowed[v]; !ok {
				t.Errorf("item with %s %q is outside %v: %v", field, v, codes, it)
			}
		}
	}
}

// mxItemsNotAt checks, for the callers named in want, that a list is not empty and that no
// item's field (a unit id) is one of the units named.
func mxItemsNotAt(e *env, field string, want map[string][]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		codes, ok := want[caller]
		if !ok {
			return
		}
		items, _ := got.JSON(t)["items"].([]any)
		if len(items) == 0 {
			t.Errorf("empty list")
		}
		for _, it := range items {
			v, _ := it.(map[string]any)[field].(string)
			for _, c := range codes {
				if v == e.units[c].String() {
					t.Errorf("item at %s listed: %v", c, it)
				}
			}
		}
	}
}

// mxCount checks the number of items of a list for the callers named in want.
func mxCount(want map[string]int) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		n, ok := want[caller]
		if !ok {
			return
		}
		if items, _ := got.JSON(t)["items"].([]any); len(items) != n {
			t.Errorf("%d items, want %d: %s", len(items), n, got.Body)
		}
	}
}

// mxStandardsAt checks, for the callers named in want, that a list of standards is not empty
// and that every standard belongs to one of the units named.
func mxStandardsAt(e *env, want map[string][]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		codes, ok := want[caller]
		if !ok {
			return
		}
		allowed := map[string]bool{}
		for _, c := range codes {
			allowed[e.units[c].String()] = true
		}
		items, _ := got.JSON(t)["items"].([]any)
		if len(items) == 0 {
			t.Errorf("empty list, want standards of %v", codes)
		}
		for _, it := range items {
			unit, _ := it.(map[string]any)["unit"].(map[string]any)
			if id, _ := unit["id"].(string); !allowed[id] {
				t.Errorf("standard of %v listed, want only %v", unit["code"], codes)
			}
		}
	}
}

// mxStatusesOnly checks, for the callers named in want, that every standard of a list has one
// of the statuses named, and that the list holds want[caller] items at least.
func mxStatusesOnly(want map[string]int, statuses ...string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		least, ok := want[caller]
		if !ok {
			return
		}
		items, _ := got.JSON(t)["items"].([]any)
		if len(items) < least {
			t.Errorf("%d standards listed, want at least %d: %s", len(items), least, got.Body)
		}
		for _, it := range items {
			if st, _ := it.(map[string]any)["status"].(string); !slices.Contains(statuses, st) {
				t.Errorf("standard %v with status %q listed, want only %v", it.(map[string]any)["id"], st, statuses)
			}
		}
	}
}

// mxAll runs every check.
func mxAll(checks ...func(*testing.T, string, resp)) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		for _, c := range checks {
			c(t, caller, got)
		}
	}
}

// mxField checks a top-level string field of every 2xx answer.
func mxField(key, want string) func(*testing.T, string, resp) {
	return func(t *testing.T, _ string, got resp) {
		t.Helper()
		if v := got.JSON(t)[key]; v != want {
			t.Errorf("%s = %v, want %q", key, v, want)
		}
	}
}

// mxCoverageOf checks that a coverage report starts at its own unit (tree order, root first).
func mxCoverageOf(unit uuid.UUID) func(*testing.T, string, resp) {
	return func(t *testing.T, _ string, got resp) {
		t.Helper()
		items, _ := got.JSON(t)["items"].([]any)
		if len(items) == 0 {
			t.Fatalf("empty coverage: %s", got.Body)
		}
		if id := items[0].(map[string]any)["unit"].(map[string]any)["id"]; id != unit.String() {
			t.Errorf("first coverage row is unit %v, want %s", id, unit)
		}
	}
}

// mxModelFlows are the steps that take a fresh draft to each state: who takes them is decided
// by mxFixtures.model.
var mxModelFlows = map[string][]string{
	"draft":       {},
	"registered":  {"register"},
	"returned":    {"register", "return"},
	"approved":    {"register", "approve"},
	"in_progress": {"register", "approve", "start"},
	"completed":   {"register", "approve", "start", "complete"},
	"retired":     {"register", "approve", "retire"},
}

// model drafts, as admin, a model of year at unit and brings it to status (a key of
// mxModelFlows): registrar registers it, admin takes every other step. Admin reviews anything,
// but never what it registered itself: registrar is admin only for a model left registered.
func (f *mxFixtures) model(e *env, unit uuid.UUID, year int, status, registrar string) uuid.UUID {
	e.t.Helper()
	flow, ok := mxModelFlows[status]
	if !ok {
		e.t.Fatalf("no flow to model status %q", status)
	}
	got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + unit.String() + "/models", User: "admin",
		Body: mxModelBody(f.next("Mô hình thử ma trận"), year)})
	id := got.JSON(e.t)["id"].(string)
	for _, step := range flow {
		by, body := "admin", any(nil)
		switch step {
		case "register":
			by = registrar
		case "return", "retire":
			body = map[string]any{"reason": "Chưa phù hợp với nhiệm vụ chính trị của đơn vị."}
		}
		e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/models/" + id + "/" + step, User: by, Body: body})
	}
	return uuid.MustParse(id)
}

// mxModelBody is a new model with only what is required.
func mxModelBody(name string, year int) map[string]any {
	return map[string]any{"name": name, "year": year, "category": "savings_support",
		"implementer": map[string]any{"kind": "unit", "name": "Toàn chi bộ"}}
}

// mxFormFile checks a filled form: its file name, its content type and that it is not empty.
func mxFormFile(name, contentType string) func(*testing.T, string, resp) {
	return func(t *testing.T, _ string, got resp) {
		t.Helper()
		if cd := got.Header.Get("Content-Disposition"); cd != `attachment; filename="`+name+`"` {
			t.Errorf("Content-Disposition = %q, want file %s", cd, name)
		}
		if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, contentType) {
			t.Errorf("Content-Type = %q, want %s", ct, contentType)
		}
		if len(got.Body) == 0 {
			t.Error("empty form")
		}
	}
}

// mxLineage checks a model's lineage: its source, and for the callers named in replicas, how
// many replicas it lists.
func mxLineage(source uuid.UUID, replicas map[string]int) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		l := got.JSON(t)
		if id := l["source"].(map[string]any)["id"]; id != source.String() {
			t.Errorf("source %v, want %s", id, source)
		}
		if n, ok := replicas[caller]; ok {
			if rs, _ := l["replicas"].([]any); len(rs) != n {
				t.Errorf("%d replicas, want %d: %s", len(rs), n, got.Body)
			}
		}
	}
}

// mxModelCoverage checks a model coverage report's year and, when totals is set, its totals
// (units, with a model, without one).
func mxModelCoverage(year int, totals *[3]int) func(*testing.T, string, resp) {
	return func(t *testing.T, _ string, got resp) {
		t.Helper()
		c := got.JSON(t)
		if c["year"] != float64(year) {
			t.Errorf("year = %v, want %d", c["year"], year)
		}
		if totals != nil {
			tt, _ := c["totals"].(map[string]any)
			if gotTotals := [3]any{tt["units"], tt["with_model"], tt["without_model"]}; gotTotals != [3]any{float64(totals[0]), float64(totals[1]), float64(totals[2])} {
				t.Errorf("totals = %v, want %v", tt, *totals)
			}
		}
	}
}

// mxNominationFlows are the steps that take a fresh draft nomination to each state: who takes
// them is decided by mxFixtures.nomination.
var mxNominationFlows = map[string][]string{
	"draft":     {},
	"submitted": {"submit"},
	"returned":  {"submit", "return"},
	"rejected":  {"submit", "reject"},
	"endorsed":  {"submit", "endorse"},
	"commended": {"submit", "commend"},
	"honored":   {"submit", "commend", "honor"},
}

// nomination drafts, as admin, a nomination of this year (by the services' clock) at unit for
// subject and brings it to status (a key of mxNominationFlows): submitter submits it, admin takes
// every other step. Admin decides anything, but never what it submitted itself: submitter is
// admin only for a nomination left submitted.
func (f *mxFixtures) nomination(e *env, unit uuid.UUID, subject map[string]any, status, submitter string) uuid.UUID {
	e.t.Helper()
	flow, ok := mxNominationFlows[status]
	if !ok {
		e.t.Fatalf("no flow to nomination status %q", status)
	}
	today := vntime.Date(e.app.Now())
	got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/units/" + unit.String() + "/nominations", User: "admin",
		Body: mxNominationBody(today.Year(), subject)})
	id := got.JSON(e.t)["id"].(string)
	for _, step := range flow {
		by, body := "admin", any(nil)
		switch step {
		case "submit":
			by = submitter
		case "return", "reject":
			body = map[string]any{"reason": "Chưa đủ minh chứng về kết quả công tác."}
		case "commend":
			body = mxCommendBody(today)
		}
		e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/nominations/" + id + "/" + step, User: by, Body: body})
	}
	return uuid.MustParse(id)
}

// mxNominationBody is a new nomination with the required fields and the two texts.
func mxNominationBody(year int, subject map[string]any) map[string]any {
	return map[string]any{"year": year, "subject": subject, "public_summary": "Gương mẫu, tận tụy với công việc.",
		"achievements": "Hoàn thành xuất sắc nhiệm vụ được giao."}
}

// mxCommendBody is a commendation decision of date (today at the latest: never in the future).
func mxCommendBody(date time.Time) map[string]any {
	return map[string]any{"decision_number": "07-QĐ/MX", "decision_date": date.Format(time.DateOnly),
		"authority": "Ban Thường vụ Đảng ủy", "form": "Giấy khen"}
}

// mxPerson is an individual whose unit is unit; mxCollective is the unit itself as a collective.
func mxPerson(unit uuid.UUID) map[string]any {
	return map[string]any{"kind": "individual", "full_name": "Nguyễn Văn Thử", "position": "Chuyên viên", "unit_id": unit, "party_member": true}
}

func mxCollective(unit uuid.UUID) map[string]any {
	return map[string]any{"kind": "collective", "unit_id": unit}
}

// mxForAll expects n of every caller (for mxCount).
func mxForAll(n int) map[string]int {
	out := map[string]int{}
	for _, c := range mxCallers {
		out[c] = n
	}
	return out
}

// mxNominationAt checks a nomination's status and the unit holding it.
func mxNominationAt(e *env, status, holder string) func(*testing.T, string, resp) {
	return func(t *testing.T, _ string, got resp) {
		t.Helper()
		n := got.JSON(t)
		h, _ := n["holder"].(map[string]any)
		if n["status"] != status || h["id"] != e.units[holder].String() {
			t.Errorf("%v held at %v, want %s held at %s", n["status"], h["code"], status, holder)
		}
	}
}

// mxRefsAt checks, for the callers named in want, that every item's reference key (a UnitRef:
// "unit", "holder") is one of the units named.
func mxRefsAt(e *env, key string, want map[string][]string) func(*testing.T, string, resp) {
	return func(t *testing.T, caller string, got resp) {
		t.Helper()
		codes, ok := want[caller]
		if !ok {
			return
		}
		allowed := map[string]bool{}
		for _, c := range codes {
			allowed[e.units[c].String()] = true
		}
		items, _ := got.JSON(t)["items"].([]any)
		for _, it := range items {
			ref, _ := it.(map[string]any)[key].(map[string]any)
			if id, _ := ref["id"].(string); !allowed[id] {
				t.Errorf("item with %s %v listed, want only %v", key, ref["code"], codes)
			}
		}
	}
}

// mxPublished checks the publication state answered.
func mxPublished(want bool) func(*testing.T, string, resp) {
	return func(t *testing.T, _ string, got resp) {
		t.Helper()
		p := got.JSON(t)
		if p["published"] != want || (want && p["approved_by"] == nil) {
			t.Errorf("publication %v, want published=%v with an approver when published", p, want)
		}
	}
}

// mxHonorRoll checks that a roll holds n entries, the first of them numbered 1 for nomination.
func mxHonorRoll(nomination uuid.UUID, n int) func(*testing.T, string, resp) {
	return func(t *testing.T, _ string, got resp) {
		t.Helper()
		items, _ := got.JSON(t)["items"].([]any)
		if len(items) != n {
			t.Fatalf("%d entries, want %d: %s", len(items), n, got.Body)
		}
		if n == 0 {
			return
		}
		first := items[0].(map[string]any)
		if first["nomination_id"] != nomination.String() || first["number"] != float64(1) {
			t.Errorf("first entry %v, want number 1 for nomination %s", first, nomination)
		}
	}
}

// mxExemplarCoverage checks an exemplar coverage report's year, its totals when set (units,
// meeting the target, short of it), and which units are listed (short) or not.
func mxExemplarCoverage(e *env, year int, totals *[3]int, listed, unlisted []string) func(*testing.T, string, resp) {
	return func(t *testing.T, _ string, got resp) {
		t.Helper()
		c := got.JSON(t)
		if c["year"] != float64(year) {
			t.Errorf("year = %v, want %d", c["year"], year)
		}
		if totals != nil {
			tt, _ := c["totals"].(map[string]any)
			if gotTotals := [3]any{tt["units"], tt["meeting_target"], tt["short_of_target"]}; gotTotals != [3]any{float64(totals[0]), float64(totals[1]), float64(totals[2])} {
				t.Errorf("totals = %v, want %v", tt, *totals)
			}
		}
		short := map[string]bool{}
		items, _ := c["items"].([]any)
		for _, it := range items {
			ref, _ := it.(map[string]any)["unit"].(map[string]any)
			id, _ := ref["id"].(string)
			short[id] = true
		}
		for _, code := range listed {
			if !short[e.units[code].String()] {
				t.Errorf("%s not listed short of the target: %s", code, got.Body)
			}
		}
		for _, code := range unlisted {
			if short[e.units[code].String()] {
				t.Errorf("%s listed short of the target: %s", code, got.Body)
			}
		}
	}
}

// mxAtomFeed checks an Atom feed.
func mxAtomFeed(t *testing.T, _ string, got resp) {
	t.Helper()
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
		t.Errorf("Content-Type = %q, want application/atom+xml", ct)
	}
	if !strings.Contains(string(got.Body), "<feed") {
		t.Errorf("not an Atom feed: %s", got.Body)
	}
}

// Unit actions: "update" is renaming, held by the unit's own officers; "manage" (recode,
// archive) and "delete" are decided one level up (administrators only for a bloc).
var (
	mxAllBlocActions = []string{"update", "manage", "delete", "read_users", "manage_users", "read_audit", "manage_clients", "create_child"}
	mxAllCellActions = []string{"update", "manage", "delete", "read_users", "manage_users", "read_audit", "manage_clients"}
	// mxOwnBlocActions are those of a bloc's or committee's own officers: no "manage", no "delete".
	mxOwnBlocActions = []string{"update", "read_users", "manage_users", "read_audit", "manage_clients", "create_child"}
	mxReader         = []string{"read_users", "read_audit"} // inspectors
	mxNone           = []string{}
	mxOutsideSCT     = []string{"KHOI-CQDN", "DU-STP", "CB-BTTP", "CB-HCTP", "MX-BLOC", "MX-DU", "MX-CB"}
	mxOutsideSTP     = []string{"KHOI-CQDN", "DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "MX-BLOC", "MX-DU", "MX-CB"}
)

// mxOperations maps every operation of the spec to its method and path pattern.
type mxOperation struct {
	id, method string
	path       *regexp.Regexp
}

func mxSpecOperations(t *testing.T) []mxOperation {
	t.Helper()
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`\\\{[^}]*\\\}`)
	var ops []mxOperation
	for path, item := range spec.Paths.Map() {
		re := regexp.MustCompile("^" + param.ReplaceAllString(regexp.QuoteMeta(path), `[^/]+`) + "$")
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				t.Errorf("%s %s has no operationId", method, path)
				continue
			}
			// The generator's embedded spec capitalizes operation ids (GetUnit); the table uses
			// them as openapi.yaml spells them (getUnit).
			id := strings.ToLower(op.OperationID[:1]) + op.OperationID[1:]
			ops = append(ops, mxOperation{id: id, method: method, path: re})
		}
	}
	return ops
}

func TestAccessMatrix(t *testing.T) {
	t.Parallel()
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
	thisYear := time.Now().UTC().Year()
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
	mdlEval := map[string]any{"period": "Q2", "rating": "good", "awareness": "Chuyển biến rõ trong nhận thức."}
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
	rptActions := func(id string, want map[string][]string) func(*testing.T, string, resp) {
		return mxAll(mxField("id", id), mxActions(want))
	}
	// rptRoundsInclude checks that a list of rounds holds round, opened at one of the units named
	// (portal clients see none: reporting is internal work).
	rptRoundsInclude := func(round string, at ...string) func(*testing.T, string, resp) {
		return func(t *testing.T, caller string, got resp) {
			t.Helper()
			if caller == "portal" {
				if items := got.JSON(t)["items"].([]any); len(items) != 0 {
					t.Errorf("a portal client sees %d reporting rounds", len(items))
				}
				return
			}
			found := false
			for _, it := range got.JSON(t)["items"].([]any) {
				rd := it.(map[string]any)
				found = found || rd["id"] == round
				if code := rd["unit"].(map[string]any)["code"]; !slices.Contains(at, code.(string)) {
					t.Errorf("round %v of %v listed, want only rounds of %v", rd["id"], code, at)
				}
			}
			if !found {
				t.Errorf("round %s not listed: %s", round, got.Body)
			}
		}
	}
	// rptReportsOf checks, for the callers named in want, which units' reports a list holds.
	rptReportsOf := func(want map[string][]string) func(*testing.T, string, resp) {
		return func(t *testing.T, caller string, got resp) {
			t.Helper()
			exp, ok := want[caller]
			if !ok {
				return
			}
			codes := []string{}
			for _, it := range got.JSON(t)["items"].([]any) {
				codes = append(codes, it.(map[string]any)["unit"].(map[string]any)["code"].(string))
			}
			sort.Strings(codes)
			if !slices.Equal(codes, mxSorted(exp)) {
				t.Errorf("reports of %v listed, want %v", codes, mxSorted(exp))
			}
		}
	}
	// rptDemoStatus checks the demo round's status: every state, and the rates.
	rptDemoStatus := func(t *testing.T, _ string, got resp) {
		t.Helper()
		st := got.JSON(t)
		counts, _ := st["counts"].(map[string]any)
		want := map[string]any{"accepted": 1.0, "on_time": 1.0, "late": 1.0, "returned": 1.0, "draft": 1.0, "missing": 2.0}
		if fmt.Sprint(counts) != fmt.Sprint(want) || st["expected"] != 7.0 {
			t.Errorf("counts %v of %v expected, want %v of 7", counts, st["expected"], want)
		}
		if items, _ := st["items"].([]any); len(items) != 7 {
			t.Errorf("%d rows, want 7", len(items))
		}
		if st["rate_on_time"] != 2.0/7 || st["rate_submitted"] != 4.0/7 {
			t.Errorf("rates %v on time, %v submitted; want 2/7 and 4/7", st["rate_on_time"], st["rate_submitted"])
		}
	}
	// rptTasks checks, for the callers named in want, that their tasks include "kind id" of each,
	// and lack "kind id" of each entry written "-kind id".
	rptTasks := func(want map[string][]string) func(*testing.T, string, resp) {
		return func(t *testing.T, caller string, got resp) {
			t.Helper()
			has := map[string]bool{}
			for _, it := range got.JSON(t)["items"].([]any) {
				task := it.(map[string]any)
				has[fmt.Sprint(task["kind"], " ", task["resource_id"])] = true
			}
			for _, w := range want[caller] {
				if absent, ok := strings.CutPrefix(w, "-"); ok {
					if has[absent] {
						t.Errorf("task %s offered, want none: %s", absent, got.Body)
					}
				} else if !has[w] {
					t.Errorf("no task %s: %s", w, got.Body)
				}
			}
		}
	}
	rptConsolidated := func(children, included int) func(*testing.T, string, resp) {
		return func(t *testing.T, _ string, got resp) {
			t.Helper()
			cs, _ := got.JSON(t)["children"].([]any)
			n := 0
			for _, c := range cs {
				if c.(map[string]any)["included"] == true {
					n++
				}
			}
			if len(cs) != children || n != included {
				t.Errorf("%d children, %d included; want %d, %d: %s", len(cs), n, children, included, got.Body)
			}
		}
	}
	rptThawed := func(t *testing.T, _ string, got resp) {
		t.Helper()
		if f := got.JSON(t)["frozen"]; f != false {
			t.Errorf("frozen = %v after return, want false", f)
		}
	}
	const rptXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

	rows := []mxRow{
		// ---- ops: public -------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getHealthz", target: "-", build: get("/healthz"), want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{op: "getReadyz", target: "-", build: get("/readyz"), want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{op: "getJWKS", target: "-", build: get("/.well-known/jwks.json"), want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}},

		// ---- auth: public, answered on the credentials in the body -------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "login", target: "valid demo credentials", want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"username": "member", "password": seed.DemoPassword}}
			}},
		{op: "login", target: "wrong password", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(e *env, _ string) req {
				// A fresh account each time, so the failures never add up to a lockout.
				_, name := fx.account(e, e.units["CB-VP"])
				return req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"username": name, "password": "not-the-password"}}
			}},
		{op: "login", target: "unknown user", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"username": fx.next("nobody"), "password": "whatever1"}}
			}},
		{op: "refreshToken", target: "bogus token", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]any{"refresh_token": "bogus-" + fx.next("r")}}
			}},
		{op: "refreshToken", target: "fresh token of member", want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200},
			build: func(e *env, _ string) req {
				tok := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/login",
					Body: map[string]any{"username": "member", "password": seed.DemoPassword}}).JSON(e.t)
				return req{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]any{"refresh_token": tok["refresh_token"]}}
			}},
		{op: "logout", target: "bogus token", want: mxCodes{204, 204, 204, 204, 204, 204, 204, 204, 204},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/logout", Body: map[string]any{"refresh_token": "bogus-" + fx.next("r")}}
			}},
		{op: "clientToken", target: "portal, right secret", want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/token", Body: clientForm(portalClientID, portalSecret), Content: "application/x-www-form-urlencoded"}
			}},
		{op: "clientToken", target: "portal, wrong secret", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/token", Body: clientForm(portalClientID, "wrong-secret"), Content: "application/x-www-form-urlencoded"}
			}},
		{op: "clientToken", target: "unknown client", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/auth/token", Body: clientForm("cl_unknown", portalSecret), Content: "application/x-www-form-urlencoded"}
			}},
		{op: "getMe", target: "self", build: get("/api/v1/me"), want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: func(t *testing.T, caller string, got resp) {
				if id := got.JSON(t)["id"]; id != e.users[caller].String() {
					t.Errorf("me.id = %v, want %s", id, e.users[caller])
				}
			}},

		// ---- blocs ---------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listBlocs", target: "-", build: get("/api/v1/blocs"), want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxListed(map[string][]string{"bloc.officer": {"KHOI-CQDN"}, "inspector": {"KHOI-CQDN"}, "committee.officer": {"KHOI-CQDN"},
				"cell.secretary": {"KHOI-CQDN"}, "member": {"KHOI-CQDN"}, "cell.secretary2": {"KHOI-CQDN"}, "portal": {"KHOI-CQDN"}})},
		{op: "createBloc", target: "new bloc", want: mxCodes{401, 201, 403, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req { return req{Method: "POST", Path: "/api/v1/blocs", Body: newUnit("MX-NB")} }},
		{op: "getBloc", target: "KHOI-CQDN (own bloc or above)", build: get("/api/v1/blocs/" + unit("KHOI-CQDN")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxActions(map[string][]string{"admin": mxAllBlocActions, "bloc.officer": mxOwnBlocActions, "inspector": mxReader,
				"committee.officer": mxNone, "cell.secretary": mxNone, "member": mxNone, "cell.secretary2": mxNone, "portal": mxNone})},
		{op: "getBloc", target: "foreign bloc", build: get("/api/v1/blocs/" + unit("MX-BLOC")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getBloc", target: "a committee id (wrong level)", build: get("/api/v1/blocs/" + unit("DU-SCT")),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateBloc", target: "KHOI-CQDN", want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/blocs/" + unit("KHOI-CQDN"), Body: rename()}
			}},
		{op: "updateBloc", target: "foreign bloc", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/blocs/" + unit("MX-BLOC"), Body: rename()}
			}},
		// Recoding or archiving a bloc is for administrators only, not its own officers.
		{op: "updateBloc", target: "KHOI-CQDN: code", build: patchUnit("/api/v1/blocs/", "KHOI-CQDN", recode("KHOI-CQDN")),
			want: mxCodes{401, 200, 403, 403, 403, 403, 403, 403, 403}},
		{op: "updateBloc", target: "KHOI-CQDN: archived=false", build: patchUnit("/api/v1/blocs/", "KHOI-CQDN", unarchive),
			want: mxCodes{401, 200, 403, 403, 403, 403, 403, 403, 403}},
		{op: "listCommittees", target: "KHOI-CQDN", build: get("/api/v1/blocs/" + unit("KHOI-CQDN") + "/committees"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			// Readable only as an ancestor: just the way down to the caller's own units.
			check: mxListed(map[string][]string{"committee.officer": {"DU-SCT"}, "cell.secretary": {"DU-SCT"}, "member": {"DU-SCT"}, "cell.secretary2": {"DU-STP"}})},
		{op: "listCommittees", target: "foreign bloc", build: get("/api/v1/blocs/" + unit("MX-BLOC") + "/committees"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "createCommittee", target: "in KHOI-CQDN", want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/blocs/" + unit("KHOI-CQDN") + "/committees", Body: newUnit("MX-C")}
			}},
		{op: "createCommittee", target: "in foreign bloc", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/blocs/" + unit("MX-BLOC") + "/committees", Body: newUnit("MX-C")}
			}},

		// ---- committees ----------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getCommittee", target: "DU-SCT (comm's own, cs's parent)", build: get("/api/v1/committees/" + unit("DU-SCT")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": mxAllBlocActions, "bloc.officer": mxAllBlocActions, "inspector": mxReader,
				"committee.officer": mxOwnBlocActions, "cell.secretary": mxNone, "member": mxNone, "portal": mxNone})},
		{op: "getCommittee", target: "DU-STP (other committee)", build: get("/api/v1/committees/" + unit("DU-STP")),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxActions(map[string][]string{"cell.secretary2": mxNone, "inspector": mxReader})},
		{op: "getCommittee", target: "foreign bloc's committee", build: get("/api/v1/committees/" + unit("MX-DU")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getCommittee", target: "a cell id (wrong level)", build: get("/api/v1/committees/" + unit("CB-VP")),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateCommittee", target: "DU-SCT", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/committees/" + unit("DU-SCT"), Body: rename()}
			}},
		{op: "updateCommittee", target: "DU-STP", want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/committees/" + unit("DU-STP"), Body: rename()}
			}},
		{op: "updateCommittee", target: "foreign bloc's committee", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/committees/" + unit("MX-DU"), Body: rename()}
			}},
		// Recoding and archiving a committee need the right at its bloc: not its own officers.
		{op: "updateCommittee", target: "DU-SCT: code", build: patchUnit("/api/v1/committees/", "DU-SCT", recode("DU-SCT")),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 403}},
		{op: "updateCommittee", target: "DU-SCT: archived=false", build: patchUnit("/api/v1/committees/", "DU-SCT", unarchive),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 403}},
		{op: "updateCommittee", target: "DU-SCT: name and code", want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/committees/" + unit("DU-SCT"), Body: map[string]any{"name": fx.next("Tên mới"), "code": "DU-SCT"}}
			}},
		{op: "updateCommittee", target: "DU-STP: code", build: patchUnit("/api/v1/committees/", "DU-STP", recode("DU-STP")),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403}},
		{op: "updateCommittee", target: "fresh committee in KHOI-CQDN: code, archived=true", check: archived,
			build: archiveFresh("/api/v1/committees/", func(e *env) uuid.UUID { return fx.committee(e, e.units["KHOI-CQDN"]) }),
			want:  mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 403}},
		{op: "listCells", target: "DU-SCT", build: get("/api/v1/committees/" + unit("DU-SCT") + "/cells"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxListed(map[string][]string{"cell.secretary": {"CB-VP"}, "member": {"CB-VP"}})},
		{op: "listCells", target: "DU-STP", build: get("/api/v1/committees/" + unit("DU-STP") + "/cells"),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxListed(map[string][]string{"cell.secretary2": {"CB-BTTP"}})},
		{op: "createCell", target: "in DU-SCT", want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/committees/" + unit("DU-SCT") + "/cells", Body: newUnit("MX-CB")}
			}},
		{op: "createCell", target: "in DU-STP", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/committees/" + unit("DU-STP") + "/cells", Body: newUnit("MX-CB")}
			}},
		{op: "createCell", target: "in foreign bloc's committee", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/committees/" + unit("MX-DU") + "/cells", Body: newUnit("MX-CB")}
			}},

		// ---- cells ---------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getCell", target: "CB-VP (cs's and mem's own)", build: get("/api/v1/cells/" + unit("CB-VP")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": mxAllCellActions, "bloc.officer": mxAllCellActions, "inspector": mxReader,
				"committee.officer": mxAllCellActions, "cell.secretary": {"read_users", "manage_users"}, "member": mxNone, "portal": mxNone})},
		{op: "getCell", target: "CB-QLTM (sibling cell)", build: get("/api/v1/cells/" + unit("CB-QLTM")),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}},
		{op: "getCell", target: "CB-BTTP (other committee's cell)", build: get("/api/v1/cells/" + unit("CB-BTTP")),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxActions(map[string][]string{"cell.secretary2": {"read_users", "manage_users"}})},
		{op: "getCell", target: "foreign bloc's cell", build: get("/api/v1/cells/" + unit("MX-CB")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getCell", target: "a committee id (wrong level)", build: get("/api/v1/cells/" + unit("DU-SCT")),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateCell", target: "CB-VP", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("CB-VP"), Body: rename()}
			}},
		{op: "updateCell", target: "CB-QLTM", want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("CB-QLTM"), Body: rename()}
			}},
		{op: "updateCell", target: "CB-BTTP", want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("CB-BTTP"), Body: rename()}
			}},
		{op: "updateCell", target: "foreign bloc's cell", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/cells/" + unit("MX-CB"), Body: rename()}
			}},
		// Recoding and archiving a cell need the right at its committee.
		{op: "updateCell", target: "CB-VP: code", build: patchUnit("/api/v1/cells/", "CB-VP", recode("CB-VP")),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}},
		{op: "updateCell", target: "CB-VP: archived=false", build: patchUnit("/api/v1/cells/", "CB-VP", unarchive),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}},
		{op: "updateCell", target: "CB-BTTP: archived=false", build: patchUnit("/api/v1/cells/", "CB-BTTP", unarchive),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403}},
		{op: "updateCell", target: "fresh cell in DU-SCT: code, archived=true", check: archived,
			build: archiveFresh("/api/v1/cells/", func(e *env) uuid.UUID { return fx.cell(e, e.units["DU-SCT"]) }),
			want:  mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 403}},

		// ---- units of any level --------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getUnit", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN")),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxActions(map[string][]string{"admin": mxAllBlocActions, "bloc.officer": mxOwnBlocActions, "inspector": mxReader, "committee.officer": mxNone, "portal": mxNone})},
		{op: "getUnit", target: "DU-SCT", build: get("/api/v1/units/" + unit("DU-SCT")),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": mxAllBlocActions, "bloc.officer": mxAllBlocActions, "committee.officer": mxOwnBlocActions, "cell.secretary": mxNone})},
		{op: "getUnit", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP")),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"committee.officer": mxAllCellActions, "cell.secretary": {"read_users", "manage_users"}, "member": mxNone})},
		{op: "getUnit", target: "CB-QLTM", build: get("/api/v1/units/" + unit("CB-QLTM")),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}},
		{op: "getUnit", target: "DU-STP", build: get("/api/v1/units/" + unit("DU-STP")),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "getUnit", target: "CB-BTTP", build: get("/api/v1/units/" + unit("CB-BTTP")),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "getUnit", target: "foreign bloc", build: get("/api/v1/units/" + unit("MX-BLOC")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getUnit", target: "unknown id", build: get("/api/v1/units/" + uuid.NewString()),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// By code: the same read rules as by id.
		{op: "getUnitByCode", target: "CB-VP", build: get("/api/v1/unit-by-code/CB-VP"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxField("code", "CB-VP")},
		{op: "getUnitByCode", target: "CB-QLTM", build: get("/api/v1/unit-by-code/CB-QLTM"),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 200}},
		{op: "getUnitByCode", target: "foreign bloc", build: get("/api/v1/unit-by-code/MX-BLOC"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getUnitByCode", target: "unknown code", build: get("/api/v1/unit-by-code/KHONG-CO"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "deleteUnit", target: "fresh cell in DU-SCT", want: mxCodes{401, 204, 204, 403, 204, 404, 404, 404, 403},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.cell(e, e.units["DU-SCT"]).String()}
			}},
		{op: "deleteUnit", target: "fresh cell in DU-STP", want: mxCodes{401, 204, 204, 403, 404, 404, 404, 404, 403},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.cell(e, e.units["DU-STP"]).String()}
			}},
		{op: "deleteUnit", target: "fresh committee in KHOI-CQDN", want: mxCodes{401, 204, 204, 403, 404, 404, 404, 404, 403},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.committee(e, e.units["KHOI-CQDN"]).String()}
			}},
		{op: "deleteUnit", target: "fresh cell in foreign bloc", want: mxCodes{401, 204, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req {
				return req{Method: "DELETE", Path: "/api/v1/units/" + fx.cell(e, e.units["MX-DU"]).String()}
			}},
		// Access is decided before the records: only those who may delete learn it has some.
		// Deleting needs the right one level up: not the unit's own officers.
		{op: "deleteUnit", target: "CB-VP (has users)", want: mxCodes{401, 409, 409, 403, 409, 403, 403, 404, 403},
			build: func(*env, string) req { return req{Method: "DELETE", Path: "/api/v1/units/" + unit("CB-VP")} }},
		{op: "deleteUnit", target: "DU-SCT (comm's own; has cells)", want: mxCodes{401, 409, 409, 403, 403, 403, 403, 404, 403},
			build: func(*env, string) req { return req{Method: "DELETE", Path: "/api/v1/units/" + unit("DU-SCT")} }},
		{op: "deleteUnit", target: "KHOI-CQDN (bloc's own; has committees)", want: mxCodes{401, 409, 403, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req { return req{Method: "DELETE", Path: "/api/v1/units/" + unit("KHOI-CQDN")} }},
		{op: "listUnitChildren", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/children"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxListed(map[string][]string{"committee.officer": {"DU-SCT"}, "member": {"DU-SCT"}, "cell.secretary2": {"DU-STP"}})},
		{op: "listUnitChildren", target: "DU-SCT", build: get("/api/v1/units/" + unit("DU-SCT") + "/children"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxListed(map[string][]string{"cell.secretary": {"CB-VP"}, "member": {"CB-VP"}})},
		{op: "listUnitChildren", target: "CB-VP (a leaf)", build: get("/api/v1/units/" + unit("CB-VP") + "/children"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxListed(map[string][]string{"admin": {}, "cell.secretary": {}, "member": {}})},
		{op: "listUnitChildren", target: "DU-STP", build: get("/api/v1/units/" + unit("DU-STP") + "/children"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "listUnitChildren", target: "foreign bloc", build: get("/api/v1/units/" + unit("MX-BLOC") + "/children"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},

		// ---- audit ---------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listAuditEvents", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/audit-events"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403}},
		{op: "listAuditEvents", target: "DU-SCT", build: get("/api/v1/units/" + unit("DU-SCT") + "/audit-events?action=unit.create"),
			want:  mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403},
			check: mxItemsNotAt(e, "unit_id", map[string][]string{"committee.officer": mxOutsideSCT, "inspector": mxOutsideSCT})},
		{op: "listAuditEvents", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP") + "/audit-events"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}},
		{op: "listAuditEvents", target: "DU-STP", build: get("/api/v1/units/" + unit("DU-STP") + "/audit-events?action=unit.create"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403},
			// Other committees' and blocs' events are not part of DU-STP's trail.
			check: mxItemsNotAt(e, "unit_id", map[string][]string{"inspector": mxOutsideSTP, "admin": mxOutsideSTP, "bloc.officer": mxOutsideSTP})},
		{op: "listAuditEvents", target: "foreign bloc", build: get("/api/v1/units/" + unit("MX-BLOC") + "/audit-events"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		// The whole trail is a global action: administrators only, 403 (nothing to hide) to the rest.
		{op: "listAllAuditEvents", target: "-", build: get("/api/v1/audit-events"),
			want: mxCodes{401, 200, 403, 403, 403, 403, 403, 403, 403}},
		{op: "listAllAuditEvents", target: "resource_id=foreign bloc", build: get("/api/v1/audit-events?resource_id=" + unit("MX-BLOC")),
			want:  mxCodes{401, 200, 403, 403, 403, 403, 403, 403, 403},
			check: mxItemsWhere(e, "resource_id", map[string][]string{"admin": {"MX-BLOC"}})},

		// ---- users ---------------------------------------------------------------------------------
		// A user outside what the caller may read does not exist for it (404), even when the user's
		// unit is readable; everyone reads themselves.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listUsers", target: "all readable", build: get("/api/v1/users"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 200, 403},
			check: mxItemsWhere(e, "unit_id", map[string][]string{"committee.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT"},
				"cell.secretary": {"CB-VP"}, "cell.secretary2": {"CB-BTTP"}})},
		{op: "listUsers", target: "unit_id=KHOI-CQDN", build: get("/api/v1/users?unit_id=" + unit("KHOI-CQDN")),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403}},
		{op: "listUsers", target: "unit_id=CB-VP", build: get("/api/v1/users?unit_id=" + unit("CB-VP")),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403}},
		{op: "listUsers", target: "unit_id=DU-STP", build: get("/api/v1/users?unit_id=" + unit("DU-STP")),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403}},
		{op: "listUsers", target: "unit_id=foreign bloc", build: get("/api/v1/users?unit_id=" + unit("MX-BLOC")),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "createUser", target: "at KHOI-CQDN", want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["KHOI-CQDN"]) }},
		{op: "createUser", target: "at DU-SCT", want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["DU-SCT"]) }},
		{op: "createUser", target: "at CB-VP", want: mxCodes{401, 201, 201, 403, 201, 201, 403, 404, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["CB-VP"]) }},
		{op: "createUser", target: "at CB-BTTP", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 201, 403},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["CB-BTTP"]) }},
		{op: "createUser", target: "at foreign cell", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req { return mxNewUserReq(fx, e.units["MX-CB"]) }},
		{op: "getUser", target: "self", want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404},
			build: func(e *env, c string) req { return req{Method: "GET", Path: "/api/v1/users/" + self(e, c)} }},
		{op: "getUser", target: "member (CB-VP)", build: get("/api/v1/users/" + e.users["member"].String()),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}},
		{op: "getUser", target: "user at CB-QLTM", build: get("/api/v1/users/" + e.users["mx.ql.user"].String()),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}},
		{op: "getUser", target: "committee.officer (DU-SCT)", build: get("/api/v1/users/" + e.users["committee.officer"].String()),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}},
		{op: "getUser", target: "bloc.officer (KHOI-CQDN)", build: get("/api/v1/users/" + e.users["bloc.officer"].String()),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404}},
		{op: "getUser", target: "cell.secretary2 (CB-BTTP)", build: get("/api/v1/users/" + e.users["cell.secretary2"].String()),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}},
		{op: "getUser", target: "user of foreign bloc", build: get("/api/v1/users/" + e.users["mx.x.user"].String()),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateUser", target: "self: full_name", want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404},
			build: func(e *env, c string) req {
				return req{Method: "PATCH", Path: "/api/v1/users/" + self(e, c), Body: map[string]any{"full_name": "Tên tự sửa"}}
			}},
		// Users may edit their own profile (disabled=false included) but never disable themselves.
		{op: "updateUser", target: "self: disabled=false", want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404},
			build: func(e *env, c string) req {
				return req{Method: "PATCH", Path: "/api/v1/users/" + self(e, c), Body: map[string]any{"disabled": false}}
			}},
		{op: "updateUser", target: "self: disabled=true", want: mxCodes{401, 403, 403, 403, 403, 403, 403, 403, 404},
			build: func(e *env, c string) req {
				return req{Method: "PATCH", Path: "/api/v1/users/" + self(e, c), Body: map[string]any{"disabled": true}}
			}},
		{op: "updateUser", target: "fresh user at DU-SCT", want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["DU-SCT"])) }},
		{op: "updateUser", target: "fresh user at CB-VP", want: mxCodes{401, 200, 200, 403, 200, 200, 404, 404, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["CB-VP"])) }},
		{op: "updateUser", target: "fresh user at CB-BTTP", want: mxCodes{401, 200, 200, 403, 404, 404, 404, 200, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["CB-BTTP"])) }},
		{op: "updateUser", target: "fresh user of foreign bloc", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxPatchUserReq(fx.user(e, e.units["MX-CB"])) }},
		{op: "listUserRoles", target: "self", want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404},
			build: func(e *env, c string) req { return req{Method: "GET", Path: "/api/v1/users/" + self(e, c) + "/roles"} }},
		{op: "listUserRoles", target: "member (CB-VP)", build: get("/api/v1/users/" + e.users["member"].String() + "/roles"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}},
		{op: "listUserRoles", target: "cell.secretary2 (CB-BTTP)", build: get("/api/v1/users/" + e.users["cell.secretary2"].String() + "/roles"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}},
		{op: "listUserRoles", target: "user of foreign bloc", build: get("/api/v1/users/" + e.users["mx.x.user"].String() + "/roles"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},

		// ---- roles: only roles at or below yours, inside your subtree --------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "grantUserRole", target: "member@CB-VP to fresh CB-VP user", want: mxCodes{401, 201, 201, 403, 201, 201, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["CB-VP"]), "member", uid("CB-VP")) }},
		{op: "grantUserRole", target: "cell_secretary@CB-VP (same rank as cs)", want: mxCodes{401, 201, 201, 403, 201, 201, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-VP"]), "cell_secretary", uid("CB-VP"))
			}},
		{op: "grantUserRole", target: "committee_officer@DU-SCT (above cs)", want: mxCodes{401, 201, 201, 403, 201, 403, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-VP"]), "committee_officer", uid("DU-SCT"))
			}},
		{op: "grantUserRole", target: "bloc_officer@KHOI-CQDN (above comm)", want: mxCodes{401, 201, 201, 403, 403, 403, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-VP"]), "bloc_officer", uid("KHOI-CQDN"))
			}},
		{op: "grantUserRole", target: "member@CB-BTTP to fresh CB-BTTP user", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 201, 404},
			build: func(e *env, _ string) req {
				return mxGrantReq(fx.user(e, e.units["CB-BTTP"]), "member", uid("CB-BTTP"))
			}},
		// The user is readable to comm and cs, the unit is not: 404.
		{op: "grantUserRole", target: "member@CB-BTTP to fresh CB-VP user", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["CB-VP"]), "member", uid("CB-BTTP")) }},
		{op: "grantUserRole", target: "admin to fresh CB-VP user", want: mxCodes{401, 201, 403, 403, 403, 403, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["CB-VP"]), "admin", nil) }},
		{op: "grantUserRole", target: "member@foreign cell to fresh foreign user", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxGrantReq(fx.user(e, e.units["MX-CB"]), "member", uid("MX-CB")) }},
		{op: "revokeUserRole", target: "member@CB-VP of fresh CB-VP user", want: mxCodes{401, 204, 204, 403, 204, 204, 404, 404, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["CB-VP"], "member", uid("CB-VP")) }},
		{op: "revokeUserRole", target: "committee_officer@DU-SCT of fresh CB-VP user", want: mxCodes{401, 204, 204, 403, 204, 403, 404, 404, 404},
			build: func(e *env, _ string) req {
				return mxRevokeReq(e, fx, e.units["CB-VP"], "committee_officer", uid("DU-SCT"))
			}},
		{op: "revokeUserRole", target: "member@CB-BTTP of fresh CB-BTTP user", want: mxCodes{401, 204, 204, 403, 404, 404, 404, 204, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["CB-BTTP"], "member", uid("CB-BTTP")) }},
		{op: "revokeUserRole", target: "admin of fresh CB-VP user", want: mxCodes{401, 204, 403, 403, 403, 403, 404, 404, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["CB-VP"], "admin", nil) }},
		{op: "revokeUserRole", target: "member@foreign cell of fresh foreign user", want: mxCodes{401, 204, 404, 404, 404, 404, 404, 404, 404},
			build: func(e *env, _ string) req { return mxRevokeReq(e, fx, e.units["MX-CB"], "member", uid("MX-CB")) }},

		// ---- clients -------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		// Only the portal client at KHOI-CQDN exists yet: outside the committee officer's subtree.
		{op: "listClients", target: "-", build: get("/api/v1/clients"),
			want:  mxCodes{401, 200, 200, 403, 200, 403, 403, 403, 403},
			check: mxCount(map[string]int{"admin": 1, "bloc.officer": 1, "committee.officer": 0})},
		{op: "createClient", target: "portal@KHOI-CQDN", want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["KHOI-CQDN"]) }},
		{op: "createClient", target: "portal@DU-SCT", want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["DU-SCT"]) }},
		{op: "createClient", target: "portal@DU-STP", want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["DU-STP"]) }},
		{op: "createClient", target: "portal@foreign bloc", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req { return mxNewClientReq(fx, e.units["MX-BLOC"]) }},
		{op: "updateClient", target: "fresh portal@DU-SCT, disable", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: mxFreshClient(fx, e.units["DU-SCT"], "PATCH", "", map[string]any{"disabled": true}), check: func(t *testing.T, _ string, got resp) {
				if got.JSON(t)["disabled"] != true {
					t.Errorf("not disabled: %s", got.Body)
				}
			}},
		{op: "updateClient", target: "fresh portal@KHOI-CQDN, rename", want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 403},
			build: mxFreshClient(fx, e.units["KHOI-CQDN"], "PATCH", "", map[string]any{"name": "Cổng thông tin tỉnh (mới)"}),
			check: mxField("name", "Cổng thông tin tỉnh (mới)")},
		{op: "updateClient", target: "fresh portal@foreign bloc", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: mxFreshClient(fx, e.units["MX-BLOC"], "PATCH", "", map[string]any{"disabled": true})},
		{op: "updateClient", target: "fresh portal@DU-SCT, blank name", want: mxCodes{401, 422, 422, 422, 422, 422, 422, 422, 422},
			build: mxFreshClient(fx, e.units["DU-SCT"], "PATCH", "", map[string]any{"name": "   "})},
		{op: "updateClient", target: "unknown id", want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/clients/" + uuid.NewString(), Body: map[string]any{"disabled": true}}
			}},
		{op: "rotateClientSecret", target: "fresh portal@DU-SCT", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: mxFreshClient(fx, e.units["DU-SCT"], "POST", "/secret", nil), check: func(t *testing.T, _ string, got resp) {
				if s, _ := got.JSON(t)["client_secret"].(string); len(s) < 32 || got.Header.Get("Cache-Control") != "no-store" {
					t.Errorf("rotated secret %q, Cache-Control %q", s, got.Header.Get("Cache-Control"))
				}
			}},
		{op: "rotateClientSecret", target: "fresh portal@foreign bloc", want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			build: mxFreshClient(fx, e.units["MX-BLOC"], "POST", "/secret", nil)},
		{op: "rotateClientSecret", target: "unknown id", want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/clients/" + uuid.NewString() + "/secret"}
			}},

		// ---- imports ------------------------------------------------------------------------------
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		// Uploading needs a role holding over the unit that may create the kind; no workers run
		// here, so jobs stay queued.
		{op: "createImport", target: "models dry run into DU-SCT", want: mxCodes{401, 202, 202, 403, 202, 403, 403, 404, 403},
			build: mxUpload(e, "DU-SCT", "models")},
		{op: "createImport", target: "models into CB-VP", want: mxCodes{401, 202, 202, 403, 202, 202, 403, 404, 403},
			build: mxUpload(e, "CB-VP", "models")},
		{op: "createImport", target: "units into KHOI-CQDN", want: mxCodes{401, 202, 202, 403, 403, 403, 403, 403, 403},
			build: mxUpload(e, "KHOI-CQDN", "units")},
		{op: "createImport", target: "users into CB-VP", want: mxCodes{401, 202, 202, 403, 202, 202, 403, 404, 403},
			build: mxUpload(e, "CB-VP", "users")},
		{op: "createImport", target: "nominations into foreign bloc", want: mxCodes{401, 202, 404, 404, 404, 404, 404, 404, 404},
			build: mxUpload(e, "MX-BLOC", "nominations")},
		{op: "listImports", target: "-", build: get("/api/v1/imports"), want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200}},
		// Everyone reading DU-SCT may filter by it; a cell secretary sees only its own uploads there.
		{op: "listImports", target: "into DU-SCT", build: func(*env, string) req { return req{Method: "GET", Path: "/api/v1/imports?unit=" + unit("DU-SCT")} },
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxCount(map[string]int{"portal": 0, "member": 0})},
		// A job admin uploaded into DU-SCT: its uploader and those reading DU-SCT's audit trail.
		{op: "getImport", target: "admin's job into DU-SCT", want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			build: mxAdminJob(e, "DU-SCT", "")},
		{op: "getImport", target: "unknown id", want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req { return req{Method: "GET", Path: "/api/v1/imports/" + uuid.NewString()} }},
		{op: "listImportProblems", target: "admin's job into DU-SCT", want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			build: mxAdminJob(e, "DU-SCT", "/problems")},
		// Retrying: the uploader or those who could have uploaded it; only a job cut off by a stop.
		{op: "retryImport", target: "admin's interrupted job into DU-SCT", want: mxCodes{401, 202, 202, 403, 202, 404, 404, 404, 404},
			build: mxInterruptedJob(e, "DU-SCT")},
		{op: "retryImport", target: "admin's queued job into DU-SCT", want: mxCodes{401, 409, 409, 403, 409, 404, 404, 404, 404},
			build: func(e *env, c string) req { r := mxAdminJob(e, "DU-SCT", "/retry")(e, c); r.Method = "POST"; return r }},
		{op: "getImportTemplate", target: "models.xlsx", build: get("/api/v1/import-templates/models.xlsx"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200}},
		{op: "getImportTemplate", target: "wages.xlsx", build: get("/api/v1/import-templates/wages.xlsx"),
			want: mxCodes{401, 400, 400, 400, 400, 400, 400, 400, 400}},

		// ---- standards: reads ------------------------------------------------------------------------
		// Everyone who can read a standard's unit reads it, its comments, postings and poster,
		// including readers of the unit only as an ancestor (cs and mem read DU-SCT's, cs2 DU-STP's),
		// except drafts: a draft of a unit above does not exist for them (404).
		// Portal clients see only issued standards (others do not exist for them: 404), and never
		// the comments (members' remarks are internal: 403).
		// Reads come first: the writes below issue, supersede and withdraw standards.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "getStandard", target: "DU-SCT issued (comm's own, above cs/mem)", build: getStd(stdSCT, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": {"withdraw", "post"}, "committee.officer": {"withdraw", "post"},
				"bloc.officer": mxNone, "inspector": mxNone, "cell.secretary": mxNone, "member": mxNone, "portal": mxNone})},
		{op: "getStandard", target: "DU-SCT in consultation", build: getStd(stdSCTConsult, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"admin": {"return_to_draft", "issue", "comment"}, "committee.officer": {"return_to_draft", "issue", "comment"},
				"bloc.officer": {"comment"}, "inspector": {"comment"}, "cell.secretary": {"comment"}, "member": {"comment"}})},
		{op: "getStandard", target: "CB-VP draft", build: getStd(stdVPDraft, ""),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"cell.secretary": {"update", "delete", "open_consultation"}, "committee.officer": mxNone, "member": mxNone})},
		{op: "getStandard", target: "KHOI-CQDN draft", build: getStd(stdKhoiDraft, ""),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"bloc.officer": {"update", "delete", "open_consultation"}, "inspector": mxNone, "committee.officer": mxNone})},
		{op: "getStandard", target: "DU-STP issued (above cs2)", build: getStd(stdSTP, ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}, check: mxActions(map[string][]string{"cell.secretary2": mxNone, "portal": mxNone})},
		{op: "getStandard", target: "foreign committee's", build: getStd(stdMX, ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getStandard", target: "unknown id", build: get("/api/v1/standards/" + uuid.NewString()),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Read only as an ancestor, a unit lists its own standards, not its subtree's.
		{op: "listStandards", target: "DU-SCT subtree", build: get("/api/v1/units/" + unit("DU-SCT") + "/standards?scope=subtree"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxStandardsAt(e, map[string][]string{"cell.secretary": {"DU-SCT"}, "member": {"DU-SCT"}, "committee.officer": {"DU-SCT", "CB-VP"}, "portal": {"DU-SCT"}}),
				mxStatusesOnly(map[string]int{"portal": 1}, "issued"))},
		{op: "listStandards", target: "KHOI-CQDN subtree", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/standards?scope=subtree"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			// Readers of the bloc from below see none of its drafts (and it has nothing else).
			check: mxAll(mxStandardsAt(e, map[string][]string{"bloc.officer": {"KHOI-CQDN", "DU-SCT", "CB-VP", "DU-STP", "CB-BTTP"}, "portal": {"DU-SCT", "DU-STP"}}),
				mxCount(map[string]int{"committee.officer": 0, "cell.secretary": 0, "member": 0, "cell.secretary2": 0}),
				mxStatusesOnly(map[string]int{"portal": 2}, "issued"))},
		// Asking for drafts, a portal client gets none, nor do readers of the bloc from below (its
		// draft is not theirs to see, and they read none of the subtree); the drafters and officers
		// above do.
		{op: "listStandards", target: "KHOI-CQDN subtree, status=draft", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/standards?scope=subtree&status=draft"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxAll(mxCount(map[string]int{"portal": 0, "committee.officer": 0, "cell.secretary": 0, "member": 0, "cell.secretary2": 0}),
				mxStatusesOnly(map[string]int{"admin": 3, "bloc.officer": 3}, "draft"))},
		// CB-BTTP has only a draft: nothing for a portal client.
		{op: "listStandards", target: "CB-BTTP", build: get("/api/v1/units/" + unit("CB-BTTP") + "/standards"),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxAll(mxStandardsAt(e, map[string][]string{"cell.secretary2": {"CB-BTTP"}}), mxCount(map[string]int{"portal": 0}))},
		{op: "listStandards", target: "foreign bloc subtree", build: get("/api/v1/units/" + unit("MX-BLOC") + "/standards?scope=subtree"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxStandardsAt(e, map[string][]string{"admin": {"MX-DU"}})},
		{op: "listStandardComments", target: "DU-SCT in consultation", build: getStd(stdSCTConsult, "/comments"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}},
		{op: "listStandardComments", target: "DU-SCT issued", build: getStd(stdSCT, "/comments"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 403}},
		{op: "listStandardComments", target: "DU-STP issued", build: getStd(stdSTP, "/comments"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 403}},
		{op: "listStandardComments", target: "foreign committee's", build: getStd(stdMX, "/comments"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "listStandardPostings", target: "DU-SCT issued", build: getStd(stdSCT, "/postings"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}},
		{op: "listStandardPostings", target: "DU-STP issued", build: getStd(stdSTP, "/postings"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "listStandardPostings", target: "foreign committee's", build: getStd(stdMX, "/postings"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getStandardPoster", target: "DU-SCT issued", build: getStd(stdSCT, "/poster.pdf?frame=40x60"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}},
		{op: "getStandardPoster", target: "CB-BTTP draft", build: getStd(stdBTTPDraft, "/poster.pdf?frame=40x60"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}},
		{op: "getStandardPoster", target: "foreign committee's", build: getStd(stdMX, "/poster.pdf?frame=40x60"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getEffectiveStandard", target: "CB-VP (adopted DU-SCT's)", build: get("/api/v1/units/" + unit("CB-VP") + "/effective-standard"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxField("source", "adopted")},
		{op: "getEffectiveStandard", target: "DU-SCT (own)", build: get("/api/v1/units/" + unit("DU-SCT") + "/effective-standard"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxField("source", "own")},
		{op: "getEffectiveStandard", target: "CB-BTTP (adopted DU-STP's)", build: get("/api/v1/units/" + unit("CB-BTTP") + "/effective-standard"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}, check: mxField("source", "adopted")},
		{op: "getEffectiveStandard", target: "foreign cell", build: get("/api/v1/units/" + unit("MX-CB") + "/effective-standard"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxField("source", "adopted")},
		{op: "getAdoptedStandard", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP") + "/adopted-standard"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}},
		{op: "getAdoptedStandard", target: "CB-BTTP", build: get("/api/v1/units/" + unit("CB-BTTP") + "/adopted-standard"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}},
		{op: "getAdoptedStandard", target: "foreign cell", build: get("/api/v1/units/" + unit("MX-CB") + "/adopted-standard"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		// Coverage: officers and inspectors of the subtree; 403 to other readers, even officers
		// reading the unit as an ancestor.
		{op: "getStandardCoverage", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/standard-coverage"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403}, check: mxCoverageOf(e.units["KHOI-CQDN"])},
		{op: "getStandardCoverage", target: "DU-SCT", build: get("/api/v1/units/" + unit("DU-SCT") + "/standard-coverage"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxCoverageOf(e.units["DU-SCT"])},
		{op: "getStandardCoverage", target: "CB-VP", build: get("/api/v1/units/" + unit("CB-VP") + "/standard-coverage"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxCoverageOf(e.units["CB-VP"])},
		{op: "getStandardCoverage", target: "CB-BTTP", build: get("/api/v1/units/" + unit("CB-BTTP") + "/standard-coverage"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403}, check: mxCoverageOf(e.units["CB-BTTP"])},
		{op: "getStandardCoverage", target: "foreign bloc", build: get("/api/v1/units/" + unit("MX-BLOC") + "/standard-coverage"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCoverageOf(e.units["MX-BLOC"])},

		// ---- standards: writes -----------------------------------------------------------------------
		// Owners only: the drafter role held at the standard's very unit (bloc officer at a bloc,
		// committee officer at a committee, cell secretary at a cell) or admin; officers above
		// review but do not write (403). Access is checked before the state (409).
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "createStandard", target: "at KHOI-CQDN", want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/units/" + unit("KHOI-CQDN") + "/standards", Body: map[string]any{"title": "Chuẩn mực mới"}}
			}},
		{op: "createStandard", target: "at DU-SCT", want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/units/" + unit("DU-SCT") + "/standards", Body: map[string]any{"title": "Chuẩn mực mới"}}
			}},
		{op: "createStandard", target: "at CB-VP", want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/units/" + unit("CB-VP") + "/standards", Body: map[string]any{"title": "Chuẩn mực mới"}}
			}},
		{op: "createStandard", target: "at CB-BTTP", want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/units/" + unit("CB-BTTP") + "/standards", Body: map[string]any{"title": "Chuẩn mực mới"}}
			}},
		{op: "createStandard", target: "at foreign cell", want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404},
			build: func(*env, string) req {
				return req{Method: "POST", Path: "/api/v1/units/" + unit("MX-CB") + "/standards", Body: map[string]any{"title": "Chuẩn mực mới"}}
			}},
		{op: "updateStandard", target: "fresh KHOI-CQDN draft", build: fresh("KHOI-CQDN", "draft", "PATCH", "", stdEdit),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 404}},
		{op: "updateStandard", target: "fresh DU-SCT draft", build: fresh("DU-SCT", "draft", "PATCH", "", stdEdit),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "updateStandard", target: "fresh CB-VP draft", build: fresh("CB-VP", "draft", "PATCH", "", stdEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateStandard", target: "fresh CB-BTTP draft", build: fresh("CB-BTTP", "draft", "PATCH", "", stdEdit),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "updateStandard", target: "DU-SCT issued (not a draft)", build: onStd(stdSCT, "PATCH", "", stdEdit),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 403}},
		{op: "deleteStandard", target: "fresh DU-SCT draft", build: fresh("DU-SCT", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 204, 404, 404, 404, 404}},
		{op: "deleteStandard", target: "fresh CB-VP draft", build: fresh("CB-VP", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 403, 204, 403, 404, 404}},
		{op: "deleteStandard", target: "fresh CB-BTTP draft", build: fresh("CB-BTTP", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 404, 404, 404, 204, 404}},
		{op: "deleteStandard", target: "fresh foreign cell draft", build: fresh("MX-CB", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 404, 404, 404, 404, 404, 404, 404}},
		{op: "deleteStandard", target: "DU-SCT in consultation (not a draft)", build: onStd(stdSCTConsult, "DELETE", "", nil),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404}},
		{op: "openStandardConsultation", target: "fresh DU-SCT draft", build: fresh("DU-SCT", "draft", "POST", "/open-consultation", mxOpenBody()),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "openStandardConsultation", target: "fresh CB-VP draft", build: fresh("CB-VP", "draft", "POST", "/open-consultation", mxOpenBody()),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "openStandardConsultation", target: "fresh CB-BTTP draft", build: fresh("CB-BTTP", "draft", "POST", "/open-consultation", mxOpenBody()),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "openStandardConsultation", target: "DU-SCT issued (not a draft)", build: onStd(stdSCT, "POST", "/open-consultation", mxOpenBody()),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 403}},
		// Comments: every reader of the unit but portal clients, while the consultation is open.
		// Portal clients get 404 on every write to a standard that is not issued: it does not
		// exist for them; on issued ones, 403.
		{op: "createStandardComment", target: "fresh KHOI-CQDN consultation", build: fresh("KHOI-CQDN", "consultation", "POST", "/comments", stdComment),
			want: mxCodes{401, 201, 201, 201, 201, 201, 201, 201, 404}},
		{op: "createStandardComment", target: "fresh DU-SCT consultation", build: fresh("DU-SCT", "consultation", "POST", "/comments", stdComment),
			want: mxCodes{401, 201, 201, 201, 201, 201, 201, 404, 404}},
		{op: "createStandardComment", target: "fresh CB-VP consultation", build: fresh("CB-VP", "consultation", "POST", "/comments", stdComment),
			want: mxCodes{401, 201, 201, 201, 201, 201, 201, 404, 404}},
		{op: "createStandardComment", target: "fresh CB-BTTP consultation", build: fresh("CB-BTTP", "consultation", "POST", "/comments", stdComment),
			want: mxCodes{401, 201, 201, 201, 404, 404, 404, 201, 404}},
		{op: "createStandardComment", target: "DU-SCT issued (closed)", build: onStd(stdSCT, "POST", "/comments", stdComment),
			want: mxCodes{401, 409, 409, 409, 409, 409, 409, 404, 403}},
		// Postings: by the owners of the unit where the standard hangs (its own, or one it is in
		// force for). CB-VP still follows DU-SCT's standard here: no own one is issued there yet.
		{op: "createStandardPosting", target: "fresh DU-SCT issued, at DU-SCT", build: fresh("DU-SCT", "issued", "POST", "/postings", stdPosting("")),
			want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403}},
		{op: "createStandardPosting", target: "fresh DU-SCT issued, at CB-VP", build: fresh("DU-SCT", "issued", "POST", "/postings", stdPosting("CB-VP")),
			want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403}},
		{op: "createStandardPosting", target: "fresh CB-BTTP issued", build: fresh("CB-BTTP", "issued", "POST", "/postings", stdPosting("")),
			want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403}},
		{op: "createStandardPosting", target: "CB-VP draft (not issued)", build: onStd(stdVPDraft, "POST", "/postings", stdPosting("")),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		// Adoption: by the adopting unit's owners, of an issued standard of a unit above it.
		{op: "adoptStandard", target: "CB-VP adopts fresh DU-SCT issued", build: adoptFresh("CB-VP", "DU-SCT"),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 403}},
		{op: "adoptStandard", target: "DU-SCT adopts fresh KHOI-CQDN issued", build: adoptFresh("DU-SCT", "KHOI-CQDN"),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 403}},
		{op: "adoptStandard", target: "CB-BTTP adopts fresh DU-STP issued", build: adoptFresh("CB-BTTP", "DU-STP"),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 403}},
		{op: "adoptStandard", target: "foreign cell adopts fresh foreign issued", build: adoptFresh("MX-CB", "MX-DU"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "adoptStandard", target: "CB-VP adopts DU-SCT in consultation", want: mxCodes{401, 422, 403, 403, 403, 422, 403, 404, 403},
			build: func(*env, string) req {
				return req{Method: "PUT", Path: "/api/v1/units/" + unit("CB-VP") + "/adopted-standard", Body: map[string]any{"standard_id": stdSCTConsult}}
			}},
		{op: "unadoptStandard", target: "CB-VP, fresh adoption", build: unadoptFresh("CB-VP", "DU-SCT"),
			want: mxCodes{401, 204, 403, 403, 403, 204, 403, 404, 403}},
		{op: "unadoptStandard", target: "CB-BTTP, fresh adoption", build: unadoptFresh("CB-BTTP", "DU-STP"),
			want: mxCodes{401, 204, 403, 403, 404, 404, 404, 204, 403}},
		{op: "returnStandardToDraft", target: "fresh DU-SCT consultation", build: fresh("DU-SCT", "consultation", "POST", "/return-to-draft", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}},
		{op: "returnStandardToDraft", target: "fresh CB-VP consultation", build: fresh("CB-VP", "consultation", "POST", "/return-to-draft", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "returnStandardToDraft", target: "fresh CB-BTTP consultation", build: fresh("CB-BTTP", "consultation", "POST", "/return-to-draft", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "returnStandardToDraft", target: "CB-VP draft (not in consultation)", build: onStd(stdVPDraft, "POST", "/return-to-draft", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "issueStandard", target: "fresh KHOI-CQDN consultation", build: fresh("KHOI-CQDN", "consultation", "POST", "/issue", mxIssueBody()),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 404}},
		{op: "issueStandard", target: "fresh DU-SCT consultation", build: fresh("DU-SCT", "consultation", "POST", "/issue", mxIssueBody()),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}},
		{op: "issueStandard", target: "fresh CB-VP consultation", build: fresh("CB-VP", "consultation", "POST", "/issue", mxIssueBody()),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "issueStandard", target: "fresh CB-BTTP consultation", build: fresh("CB-BTTP", "consultation", "POST", "/issue", mxIssueBody()),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "issueStandard", target: "CB-VP draft (not in consultation)", build: onStd(stdVPDraft, "POST", "/issue", mxIssueBody()),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "withdrawStandard", target: "fresh DU-SCT issued", build: fresh("DU-SCT", "issued", "POST", "/withdraw", stdWithdraw),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 403}},
		{op: "withdrawStandard", target: "fresh CB-VP issued", build: fresh("CB-VP", "issued", "POST", "/withdraw", stdWithdraw),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 403}},
		{op: "withdrawStandard", target: "fresh CB-BTTP issued", build: fresh("CB-BTTP", "issued", "POST", "/withdraw", stdWithdraw),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 403}},
		{op: "withdrawStandard", target: "CB-VP draft (not issued)", build: onStd(stdVPDraft, "POST", "/withdraw", stdWithdraw),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},

		// ---- models: reads ---------------------------------------------------------------------------
		// Every reader of a model's unit reads it, its evaluations and its lineage, including readers
		// of the unit only as an ancestor (cs and mem read DU-SCT's and KHOI-CQDN's models). Portal
		// clients see only approved, in-progress and completed models: others do not exist for them
		// (404). Reads come first: the writes below draft, register, approve and replicate models.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listModels", target: "CB-VP (cs's own)", build: modelsAt("CB-VP", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxStandardsAt(e, map[string][]string{"cell.secretary": {"CB-VP"}, "member": {"CB-VP"}, "portal": {"CB-VP"}}),
				mxCount(map[string]int{"admin": 3, "cell.secretary": 3, "member": 3, "portal": 2}),
				mxStatusesOnly(map[string]int{"portal": 2}, mdlPublic...))},
		// Read only as an ancestor, a unit lists its own models, not its subtree's.
		{op: "listModels", target: "DU-SCT subtree", build: modelsAt("DU-SCT", "?scope=subtree&limit=100"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxStandardsAt(e, map[string][]string{"committee.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT"},
				"cell.secretary": {"DU-SCT"}, "member": {"DU-SCT"}, "portal": {"DU-SCT", "CB-VP", "CB-QLTM"}}),
				mxCount(map[string]int{"committee.officer": 8, "cell.secretary": 1, "member": 1, "portal": 4}),
				mxStatusesOnly(map[string]int{"portal": 4}, mdlPublic...))},
		// Asking for drafts, a portal client gets none, nor do readers of the bloc from below: they
		// see only its approved, in-progress, completed and retired models.
		{op: "listModels", target: "KHOI-CQDN subtree, status=draft", build: modelsAt("KHOI-CQDN", "?scope=subtree&status=draft"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxAll(mxCount(map[string]int{"admin": 3, "bloc.officer": 3, "inspector": 3, "portal": 0,
				"committee.officer": 0, "cell.secretary": 0, "member": 0, "cell.secretary2": 0}),
				mxStatusesOnly(map[string]int{"admin": 3}, "draft"))},
		// CB-VP's savings model has one replica, a draft at CB-QLTM.
		{op: "listModels", target: "KHOI-CQDN subtree, replicated_from=CB-VP savings",
			build: modelsAt("KHOI-CQDN", "?scope=subtree&replicated_from="+mdlVPSavings.String()),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxCount(map[string]int{"admin": 1, "bloc.officer": 1, "inspector": 1, "committee.officer": 0, "cell.secretary": 0, "portal": 0})},
		{op: "listModels", target: "CB-BTTP", build: modelsAt("CB-BTTP", ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}, check: mxCount(map[string]int{"cell.secretary2": 2, "portal": 2})},
		{op: "listModels", target: "foreign cell", build: modelsAt("MX-CB", ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 1})},
		{op: "listModels", target: "unknown unit", build: get("/api/v1/units/" + uuid.NewString() + "/models"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Owners (the drafter role at the model's very unit) write; reviewers (officers of the unit
		// above, admin for a bloc's) approve, return, retire and evaluate; bloc and committee
		// officers replicate what they read.
		{op: "getModel", target: "CB-VP in progress (cs's own)", build: getMdl(mdlVPSmile, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": {"complete", "retire", "evaluate", "carry_over", "replicate"},
				"bloc.officer": {"replicate"}, "inspector": mxNone, "committee.officer": {"retire", "evaluate", "replicate"},
				"cell.secretary": {"complete", "retire", "evaluate", "carry_over"}, "member": mxNone, "portal": mxNone})},
		{op: "getModel", target: "CB-VP completed", build: getMdl(mdlVPSavings, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": {"carry_over", "replicate"}, "bloc.officer": {"replicate"}, "inspector": mxNone,
				"committee.officer": {"replicate"}, "cell.secretary": {"carry_over"}, "member": mxNone, "portal": mxNone})},
		{op: "getModel", target: "CB-VP retired", build: getMdl(mdlVPRetired, ""),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"admin": mxNone, "committee.officer": mxNone, "cell.secretary": mxNone})},
		// Registered by the seed, not by any caller: its reviewers (the committee directly above,
		// and admin) may approve or return it; the bloc, two levels up, skips no level.
		{op: "getModel", target: "CB-QLTM registered (sibling cell)", build: getMdl(mdlQLRegistered, ""),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": {"approve", "return"}, "bloc.officer": mxNone, "inspector": mxNone,
				"committee.officer": {"approve", "return"}})},
		{op: "getModel", target: "CB-QLTM draft replica", build: getMdl(mdlQLReplica, ""),
			want:  mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": {"update", "delete", "register"}, "bloc.officer": mxNone, "committee.officer": mxNone})},
		{op: "getModel", target: "CB-KTAT draft", build: getMdl(mdlKTDraft, ""),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}},
		{op: "getModel", target: "DU-SCT approved (comm's own, above cs/mem)", build: getMdl(mdlSCT, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxActions(map[string][]string{"admin": {"start", "retire", "carry_over", "replicate"}, "bloc.officer": {"retire", "replicate"},
				"inspector": mxNone, "committee.officer": {"start", "retire", "carry_over", "replicate"}, "cell.secretary": mxNone,
				"member": mxNone, "portal": mxNone})},
		{op: "getModel", target: "KHOI-CQDN draft (bloc's own)", build: getMdl(mdlKhoiDraft, ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": {"update", "delete", "register"}, "bloc.officer": {"update", "delete", "register"},
				"inspector": mxNone, "committee.officer": mxNone, "cell.secretary2": mxNone})},
		{op: "getModel", target: "CB-BTTP approved (cs2's own)", build: getMdl(mdlBTTPApproved, ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: mxActions(map[string][]string{"admin": {"start", "retire", "carry_over", "replicate"}, "bloc.officer": {"replicate"},
				"inspector": mxNone, "cell.secretary2": {"start", "retire", "carry_over"}, "portal": mxNone})},
		{op: "getModel", target: "foreign cell's", build: getMdl(mdlMX, ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getModel", target: "unknown id", build: get("/api/v1/models/" + uuid.NewString()),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Evaluations are internal assessments: portals read the model, not its evaluations.
		{op: "listModelEvaluations", target: "CB-VP completed (two evaluations)", build: getMdl(mdlVPSavings, "/evaluations"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 403},
			check: mxCount(map[string]int{"admin": 2, "committee.officer": 2, "cell.secretary": 2, "member": 2})},
		{op: "listModelEvaluations", target: "CB-QLTM registered", build: getMdl(mdlQLRegistered, "/evaluations"),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 0})},
		{op: "listModelEvaluations", target: "CB-BTTP completed", build: getMdl(mdlBTTPCompleted, "/evaluations"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 403}},
		{op: "listModelEvaluations", target: "foreign cell's", build: getMdl(mdlMX, "/evaluations"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		// Replicas are listed only where the caller reads them (cs and mem do not read CB-QLTM).
		// Portal clients are left unchecked: they are shown the draft replica (see the report).
		{op: "getModelLineage", target: "CB-VP completed (a source)", build: getMdl(mdlVPSavings, "/lineage"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxLineage(mdlVPSavings, map[string]int{"admin": 1, "bloc.officer": 1, "committee.officer": 1, "cell.secretary": 0, "member": 0})},
		{op: "getModelLineage", target: "CB-QLTM draft replica", build: getMdl(mdlQLReplica, "/lineage"),
			want:  mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: mxLineage(mdlVPSavings, map[string]int{"admin": 1, "committee.officer": 1})},
		{op: "getModelLineage", target: "foreign cell's", build: getMdl(mdlMX, "/lineage"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxLineage(mdlMX, map[string]int{"admin": 0})},
		{op: "getModelLineage", target: "unknown id", build: get("/api/v1/models/" + uuid.NewString() + "/lineage"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "listModelSuggestions", target: "-", build: get("/api/v1/model-suggestions"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: func(t *testing.T, _ string, got resp) {
				if groups, _ := got.JSON(t)["groups"].([]any); len(groups) != 7 {
					t.Errorf("%d suggestion groups, want 7", len(groups))
				}
			}},
		// Coverage: officers and inspectors of the subtree; 403 to other readers, even officers
		// reading the unit as an ancestor. A model counts once registered: CB-VP (in progress),
		// CB-QLTM (registered), DU-SCT and CB-BTTP (approved) have one this year, CB-KTAT only a draft.
		{op: "getModelCoverage", target: "KHOI-CQDN", build: coverage("KHOI-CQDN"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403},
			check: mxAll(mxModelCoverage(thisYear, nil), mxItemsNotAt(e, "id", map[string][]string{"admin": {"KHOI-CQDN", "DU-SCT", "CB-VP", "CB-QLTM", "CB-BTTP"},
				"bloc.officer": {"KHOI-CQDN", "DU-SCT", "CB-VP", "CB-QLTM", "CB-BTTP"}, "inspector": {"MX-BLOC", "MX-DU", "MX-CB"}}))},
		{op: "getModelCoverage", target: "DU-SCT", build: coverage("DU-SCT"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403},
			check: mxAll(mxModelCoverage(thisYear, nil), mxItemsNotAt(e, "id", map[string][]string{"committee.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "DU-STP", "CB-HCTP"}}),
				// Earlier rows leave fresh cells in DU-SCT: CB-KTAT is among the units listed, not alone.
				func(t *testing.T, _ string, got resp) {
					for _, it := range got.JSON(t)["items"].([]any) {
						if it.(map[string]any)["id"] == unit("CB-KTAT") {
							return
						}
					}
					t.Errorf("CB-KTAT (only a draft) not listed: %s", got.Body)
				})},
		{op: "getModelCoverage", target: "CB-VP", build: coverage("CB-VP"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxModelCoverage(thisYear, &[3]int{1, 1, 0})},
		{op: "getModelCoverage", target: "CB-BTTP", build: coverage("CB-BTTP"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403}, check: mxModelCoverage(thisYear, &[3]int{1, 1, 0})},
		{op: "getModelCoverage", target: "foreign bloc", build: coverage("MX-BLOC"),
			want:  mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404},
			check: mxAll(mxModelCoverage(thisYear, nil), mxItemsNotAt(e, "id", map[string][]string{"admin": {"MX-BLOC", "MX-CB"}}))},
		// Forms: the unit's owners, and officers and inspectors of its subtree (ReadCoverage); 403 to
		// other readers (members, portal clients, officers reading the unit as an ancestor).
		{op: "getModelForm", target: "KHOI-CQDN 2.xlsx", build: form("KHOI-CQDN", "2.xlsx"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403}, check: mxFormFile(formName(2, "KHOI-CQDN", thisYear, "xlsx"), xlsx)},
		{op: "getModelForm", target: "DU-SCT 2.xlsx", build: form("DU-SCT", "2.xlsx"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxFormFile(formName(2, "DU-SCT", thisYear, "xlsx"), xlsx)},
		{op: "getModelForm", target: "CB-VP 2.xlsx", build: form("CB-VP", "2.xlsx"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403}, check: mxFormFile(formName(2, "CB-VP", thisYear, "xlsx"), xlsx)},
		{op: "getModelForm", target: "CB-VP 1.csv", build: form("CB-VP", "1.csv"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 403, 404, 403}, check: mxFormFile(formName(1, "CB-VP", thisYear-1, "csv"), csv)},
		{op: "getModelForm", target: "CB-BTTP 1.csv", build: form("CB-BTTP", "1.csv"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 403}, check: mxFormFile(formName(1, "CB-BTTP", thisYear-1, "csv"), csv)},
		{op: "getModelForm", target: "foreign cell 2.xlsx", build: form("MX-CB", "2.xlsx"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},

		// ---- models: writes --------------------------------------------------------------------------
		// Rights are checked before the If-Match version and the state: 403 before 409. Portal
		// clients get 404 on models they do not see (drafts, registered, returned), 403 on others.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "createModel", target: "at KHOI-CQDN", build: createModelAt("KHOI-CQDN"),
			want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403}},
		{op: "createModel", target: "at DU-SCT", build: createModelAt("DU-SCT"),
			want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403}},
		{op: "createModel", target: "at CB-VP", build: createModelAt("CB-VP"),
			want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403}},
		{op: "createModel", target: "at CB-BTTP", build: createModelAt("CB-BTTP"),
			want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403}},
		{op: "createModel", target: "at foreign cell", build: createModelAt("MX-CB"),
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateModel", target: "fresh KHOI-CQDN draft", build: freshModel("KHOI-CQDN", "draft", "PATCH", "", mdlEdit),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 404}},
		{op: "updateModel", target: "fresh DU-SCT draft", build: freshModel("DU-SCT", "draft", "PATCH", "", mdlEdit),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "updateModel", target: "fresh CB-VP draft", build: freshModel("CB-VP", "draft", "PATCH", "", mdlEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateModel", target: "fresh CB-VP returned", build: freshModel("CB-VP", "returned", "PATCH", "", mdlEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateModel", target: "fresh CB-BTTP draft", build: freshModel("CB-BTTP", "draft", "PATCH", "", mdlEdit),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "updateModel", target: "CB-VP in progress (not editable)", build: onModel(mdlVPSmile, "PATCH", "", mdlEdit),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 403}, problems: map[string]string{"cell.secretary": "invalid_transition"}},
		{op: "deleteModel", target: "fresh DU-SCT draft", build: freshModel("DU-SCT", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 204, 404, 404, 404, 404}},
		{op: "deleteModel", target: "fresh CB-VP draft", build: freshModel("CB-VP", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 403, 204, 403, 404, 404}},
		{op: "deleteModel", target: "fresh CB-BTTP draft", build: freshModel("CB-BTTP", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 404, 404, 404, 204, 404}},
		{op: "deleteModel", target: "fresh foreign cell draft", build: freshModel("MX-CB", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 404, 404, 404, 404, 404, 404, 404}},
		{op: "deleteModel", target: "fresh CB-VP returned (once registered)", build: freshModel("CB-VP", "returned", "DELETE", "", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "deleteModel", target: "CB-VP in progress", build: onModel(mdlVPSmile, "DELETE", "", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 403}},
		{op: "registerModel", target: "fresh KHOI-CQDN draft", build: freshModel("KHOI-CQDN", "draft", "POST", "/register", nil),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 404}},
		{op: "registerModel", target: "fresh DU-SCT draft", build: freshModel("DU-SCT", "draft", "POST", "/register", nil),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "registerModel", target: "fresh CB-VP draft", build: freshModel("CB-VP", "draft", "POST", "/register", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "registerModel", target: "fresh CB-VP returned", build: freshModel("CB-VP", "returned", "POST", "/register", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "registerModel", target: "fresh CB-BTTP draft", build: freshModel("CB-BTTP", "draft", "POST", "/register", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		// CB-QLTM has no demo drafter: only admin owns its models.
		{op: "registerModel", target: "CB-QLTM registered (not a draft)", build: onModel(mdlQLRegistered, "POST", "/register", nil),
			want: mxCodes{401, 409, 403, 403, 403, 404, 404, 404, 404}},
		// Review: the officers of the unit above (committee officers review their cells', bloc
		// officers their committees' and cells'), admin for a bloc's; never a unit's own drafters.
		{op: "approveModel", target: "fresh CB-VP registered", build: freshModel("CB-VP", "registered", "POST", "/approve", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, problems: map[string]string{"cell.secretary": "forbidden"}},
		{op: "approveModel", target: "fresh DU-SCT registered", build: freshModel("DU-SCT", "registered", "POST", "/approve", nil),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "approveModel", target: "fresh CB-BTTP registered", build: freshModel("CB-BTTP", "registered", "POST", "/approve", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "approveModel", target: "fresh KHOI-CQDN registered", build: freshModel("KHOI-CQDN", "registered", "POST", "/approve", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 404, 404}},
		// Admin owns and reviews everything: what it registered, it may not approve or return. No
		// other caller both owns and reviews a model (owners hold their role at the model's unit,
		// reviewers above it).
		{op: "approveModel", target: "fresh CB-VP registered by admin", build: freshModelBy("CB-VP", "registered", "admin", "POST", "/approve", nil),
			want: mxCodes{401, 403, 403, 403, 200, 403, 403, 404, 404}, problems: map[string]string{"admin": "own_submission"}},
		{op: "approveModel", target: "CB-VP in progress (not registered)", build: onModel(mdlVPSmile, "POST", "/approve", nil),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 403}, problems: map[string]string{"committee.officer": "invalid_transition"}},
		{op: "returnModel", target: "fresh CB-VP registered", build: freshModel("CB-VP", "registered", "POST", "/return", mdlReason),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}},
		{op: "returnModel", target: "fresh DU-SCT registered", build: freshModel("DU-SCT", "registered", "POST", "/return", mdlReason),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "returnModel", target: "fresh CB-BTTP registered", build: freshModel("CB-BTTP", "registered", "POST", "/return", mdlReason),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "returnModel", target: "fresh DU-SCT registered by admin", build: freshModelBy("DU-SCT", "registered", "admin", "POST", "/return", mdlReason),
			want: mxCodes{401, 403, 200, 403, 403, 404, 404, 404, 404}, problems: map[string]string{"admin": "own_submission", "committee.officer": "forbidden"}},
		{op: "returnModel", target: "CB-VP in progress (not registered)", build: onModel(mdlVPSmile, "POST", "/return", mdlReason),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 403}},
		{op: "startModel", target: "fresh DU-SCT approved", build: freshModel("DU-SCT", "approved", "POST", "/start", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 403}},
		{op: "startModel", target: "fresh CB-VP approved", build: freshModel("CB-VP", "approved", "POST", "/start", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 403}},
		{op: "startModel", target: "fresh CB-BTTP approved", build: freshModel("CB-BTTP", "approved", "POST", "/start", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 403}},
		{op: "startModel", target: "CB-VP in progress (not approved)", build: onModel(mdlVPSmile, "POST", "/start", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 403}},
		{op: "completeModel", target: "fresh DU-SCT in progress", build: freshModel("DU-SCT", "in_progress", "POST", "/complete", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 403}},
		{op: "completeModel", target: "fresh CB-VP in progress", build: freshModel("CB-VP", "in_progress", "POST", "/complete", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 403}},
		{op: "completeModel", target: "fresh CB-BTTP in progress", build: freshModel("CB-BTTP", "in_progress", "POST", "/complete", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 403}},
		{op: "completeModel", target: "CB-VP completed (not in progress)", build: onModel(mdlVPSavings, "POST", "/complete", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 403}},
		// Retiring and evaluating: the owners or the reviewers.
		{op: "retireModel", target: "fresh KHOI-CQDN approved", build: freshModel("KHOI-CQDN", "approved", "POST", "/retire", mdlReason),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 403}},
		{op: "retireModel", target: "fresh DU-SCT approved", build: freshModel("DU-SCT", "approved", "POST", "/retire", mdlReason),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}},
		{op: "retireModel", target: "fresh CB-VP in progress", build: freshModel("CB-VP", "in_progress", "POST", "/retire", mdlReason),
			want: mxCodes{401, 200, 403, 403, 200, 200, 403, 404, 403}},
		{op: "retireModel", target: "fresh CB-BTTP in progress", build: freshModel("CB-BTTP", "in_progress", "POST", "/retire", mdlReason),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 403}},
		{op: "retireModel", target: "CB-VP completed (not retirable)", build: onModel(mdlVPSavings, "POST", "/retire", mdlReason),
			want: mxCodes{401, 409, 403, 403, 409, 409, 403, 404, 403}},
		{op: "createModelEvaluation", target: "fresh DU-SCT in progress", build: freshModel("DU-SCT", "in_progress", "POST", "/evaluations", mdlEval),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "createModelEvaluation", target: "fresh CB-VP in progress", build: freshModel("CB-VP", "in_progress", "POST", "/evaluations", mdlEval),
			want: mxCodes{401, 201, 403, 403, 201, 201, 403, 404, 403}},
		{op: "createModelEvaluation", target: "fresh CB-BTTP in progress", build: freshModel("CB-BTTP", "in_progress", "POST", "/evaluations", mdlEval),
			want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403}},
		// The demo evaluated CB-VP's model in progress for Q1 already.
		{op: "createModelEvaluation", target: "CB-VP in progress, Q1 again", want: mxCodes{401, 409, 403, 403, 409, 409, 403, 404, 403},
			build:    onModel(mdlVPSmile, "POST", "/evaluations", map[string]any{"period": "Q1", "rating": "fair"}),
			problems: map[string]string{"admin": "duplicate", "cell.secretary": "duplicate", "member": "forbidden"}},
		{op: "createModelEvaluation", target: "CB-VP completed (not in progress)", build: onModel(mdlVPSavings, "POST", "/evaluations", mdlEval),
			want: mxCodes{401, 409, 403, 403, 409, 409, 403, 404, 403}, problems: map[string]string{"admin": "invalid_transition", "bloc.officer": "forbidden"}},
		// Carrying over: the owners, into a later year up to next year, once per year.
		{op: "carryOverModel", target: "fresh DU-SCT approved", build: freshModel("DU-SCT", "approved", "POST", "/carry-over", nextYear),
			want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403}},
		{op: "carryOverModel", target: "fresh CB-VP approved", build: freshModel("CB-VP", "approved", "POST", "/carry-over", nextYear),
			want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403}},
		{op: "carryOverModel", target: "fresh CB-BTTP completed", build: freshModel("CB-BTTP", "completed", "POST", "/carry-over", nextYear),
			want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403}},
		{op: "carryOverModel", target: "fresh CB-VP approved, carried over already", want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 403},
			problems: map[string]string{"admin": "duplicate", "cell.secretary": "duplicate"},
			build: func(e *env, _ string) req {
				id := fx.model(e, e.units["CB-VP"], thisYear, "approved", registrar["CB-VP"]).String()
				e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/models/" + id + "/carry-over", User: "admin", Body: nextYear})
				return req{Method: "POST", Path: "/api/v1/models/" + id + "/carry-over", Body: nextYear}
			}},
		{op: "carryOverModel", target: "CB-VP in progress, into its own year", build: onModel(mdlVPSmile, "POST", "/carry-over", map[string]any{"year": thisYear}),
			want: mxCodes{401, 422, 403, 403, 403, 422, 403, 404, 403}},
		{op: "carryOverModel", target: "CB-KTAT draft", build: onModel(mdlKTDraft, "POST", "/carry-over", nextYear),
			want: mxCodes{401, 409, 403, 403, 403, 404, 404, 404, 404}},
		// Replicating: a reader of the model holding a bloc or committee officer role, into units of
		// its subtree (404 for a unit outside it, as for the committee officer into CB-BTTP).
		{op: "replicateModel", target: "fresh CB-VP approved into CB-QLTM", build: replicateFresh("CB-VP", replicateInto("CB-QLTM")),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "replicateModel", target: "fresh CB-VP approved into a fresh DU-SCT cell",
			build: replicateFresh("CB-VP", func(e *env) uuid.UUID { return fx.cell(e, e.units["DU-SCT"]) }),
			want:  mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "replicateModel", target: "fresh DU-SCT approved into CB-VP", build: replicateFresh("DU-SCT", replicateInto("CB-VP")),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "replicateModel", target: "fresh CB-VP approved into CB-BTTP", build: replicateFresh("CB-VP", replicateInto("CB-BTTP")),
			want: mxCodes{401, 201, 201, 403, 404, 403, 403, 404, 403}, problems: map[string]string{"committee.officer": "unit_not_found"}},
		{op: "replicateModel", target: "fresh CB-BTTP approved into CB-HCTP", build: replicateFresh("CB-BTTP", replicateInto("CB-HCTP")),
			want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403}},
		{op: "replicateModel", target: "fresh KHOI-CQDN approved into DU-STP", build: replicateFresh("KHOI-CQDN", replicateInto("DU-STP")),
			want: mxCodes{401, 201, 201, 403, 404, 403, 403, 403, 403}, problems: map[string]string{"committee.officer": "unit_not_found"}},
		{op: "replicateModel", target: "CB-VP completed into CB-VP (its own unit)", build: onModel(mdlVPSavings, "POST", "/replications", map[string]any{"unit_ids": []uuid.UUID{e.units["CB-VP"]}}),
			want: mxCodes{401, 422, 422, 403, 422, 403, 403, 404, 403}, problems: map[string]string{"admin": "not_replicable_here"}},
		{op: "replicateModel", target: "CB-VP completed into CB-QLTM (replicated already)", build: onModel(mdlVPSavings, "POST", "/replications", map[string]any{"unit_ids": []uuid.UUID{e.units["CB-QLTM"]}}),
			want: mxCodes{401, 409, 409, 403, 409, 403, 403, 404, 403}, problems: map[string]string{"committee.officer": "already_replicated"}},
		{op: "replicateModel", target: "CB-QLTM registered (not approved)", build: onModel(mdlQLRegistered, "POST", "/replications", map[string]any{"unit_ids": []uuid.UUID{e.units["CB-KTAT"]}}),
			want: mxCodes{401, 409, 409, 403, 409, 404, 404, 404, 404}, problems: map[string]string{"bloc.officer": "invalid_transition"}},

		// ---- portal: public reads --------------------------------------------------------------------
		// No token needed: 200 for everyone, anonymous included; a token, if sent, must be valid.
		// Reads come first: the publication rows below publish more.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listPublicExemplars", target: "-", build: get("/public/exemplars"),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(2))},
		{op: "listPublicExemplars", target: "committee_id=DU-SCT", build: get("/public/exemplars?committee_id=" + unit("DU-SCT")),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(2))},
		{op: "listPublicExemplars", target: "committee_id=DU-STP", build: get("/public/exemplars?committee_id=" + unit("DU-STP")),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(0))},
		{op: "listPublicExemplars", target: "bogus token", want: mxCodes{401, 401, 401, 401, 401, 401, 401, 401, 401},
			build: func(*env, string) req {
				return req{Method: "GET", Path: "/public/exemplars", Header: map[string]string{"Authorization": "Bearer not-a-token"}}
			}},
		{op: "listPublicModels", target: "-", build: get("/public/models"),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(1))},
		{op: "listPublicModels", target: "bloc_id=foreign bloc", build: get("/public/models?bloc_id=" + unit("MX-BLOC")),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(0))},
		{op: "listPublicStandards", target: "-", build: publicGet("/public/standards"),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(1))},
		{op: "listPublicStandards", target: "committee_id=DU-SCT", build: publicGet("/public/standards?committee_id=" + unit("DU-SCT")),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxCount(mxForAll(0))},
		{op: "getPublicFeed", target: "-", build: publicGet("/public/feed.atom"),
			want: mxCodes{200, 200, 200, 200, 200, 200, 200, 200, 200}, check: mxAtomFeed},

		// ---- nominations: reads ----------------------------------------------------------------------
		// Readable in the nominating unit's read scope, including by readers of the unit only as an
		// ancestor (cs and mem read DU-SCT's); never by portal clients (404: they read what was
		// published, without a token), whose lists are empty. Reads come first: the writes below
		// draft, decide and honor more.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "listCriteria", target: "-", build: get("/api/v1/criteria"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: func(t *testing.T, _ string, got resp) {
				if items, _ := got.JSON(t)["items"].([]any); len(items) == 0 {
					t.Error("empty criteria catalog")
				}
			}},
		{op: "listNominations", target: "CB-VP (cs's own)", build: nominationsAt("CB-VP", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxCount(map[string]int{"admin": 3, "bloc.officer": 3, "inspector": 3, "committee.officer": 3, "cell.secretary": 3, "member": 3, "portal": 0}),
				mxRefsAt(e, "unit", map[string][]string{"cell.secretary": {"CB-VP"}, "member": {"CB-VP"}}))},
		// Read only as an ancestor, a unit lists its own nominations, not its subtree's.
		{op: "listNominations", target: "DU-SCT subtree", build: nominationsAt("DU-SCT", "?scope=subtree"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxCount(map[string]int{"admin": 6, "bloc.officer": 6, "inspector": 6, "committee.officer": 6, "cell.secretary": 1, "member": 1, "portal": 0}),
				mxRefsAt(e, "unit", map[string][]string{"committee.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT"}, "cell.secretary": {"DU-SCT"}, "member": {"DU-SCT"}}))},
		// Waiting at a unit: only its officers (and inspectors) see them; nothing for the rest.
		{op: "listNominations", target: "DU-SCT held", build: nominationsAt("DU-SCT", "?scope=held"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: mxAll(mxCount(map[string]int{"admin": 2, "bloc.officer": 2, "inspector": 2, "committee.officer": 2, "cell.secretary": 0, "member": 0, "portal": 0}),
				mxRefsAt(e, "holder", map[string][]string{"admin": {"DU-SCT"}, "committee.officer": {"DU-SCT"}}))},
		{op: "listNominations", target: "KHOI-CQDN held", build: nominationsAt("KHOI-CQDN", "?scope=held"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxAll(mxCount(map[string]int{"admin": 1, "bloc.officer": 1, "inspector": 1, "committee.officer": 0, "cell.secretary": 0, "member": 0, "cell.secretary2": 0, "portal": 0}),
				mxRefsAt(e, "holder", map[string][]string{"bloc.officer": {"KHOI-CQDN"}}))},
		{op: "listNominations", target: "KHOI-CQDN subtree, status=honored", build: nominationsAt("KHOI-CQDN", "?scope=subtree&status=honored"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxCount(map[string]int{"admin": 2, "bloc.officer": 2, "inspector": 2, "committee.officer": 0, "cell.secretary": 0, "portal": 0})},
		{op: "listNominations", target: "CB-BTTP", build: nominationsAt("CB-BTTP", ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}, check: mxCount(map[string]int{"admin": 1, "cell.secretary2": 1, "portal": 0})},
		{op: "listNominations", target: "foreign cell", build: nominationsAt("MX-CB", ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 1})},
		{op: "listNominations", target: "unknown unit", build: get("/api/v1/units/" + uuid.NewString() + "/nominations"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Owners (the drafter role at the nominating unit itself) edit, submit and delete; deciders
		// (the officers of the unit holding it, and admin, never its submitter: nobody skips a
		// level) endorse, return, reject, commend and honor; publishers (the same officers)
		// publish. Officers further up keep only the mentoring.
		{op: "getNomination", target: "CB-VP draft (cs's own)", build: getNom(nomVPDraft, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"admin": nomDrafting, "bloc.officer": nomMentoring, "inspector": mxNone,
				"committee.officer": nomMentoring, "cell.secretary": nomDrafting, "member": mxNone})},
		{op: "getNomination", target: "CB-VP honored, published (held at DU-SCT)", build: getNom(nomVPHonored, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxActions(map[string][]string{"admin": append(nomNurturing, "unpublish"), "bloc.officer": nomMentoring,
				"inspector": mxNone, "committee.officer": append(nomNurturing, "unpublish"), "cell.secretary": nomNurturing, "member": mxNone})},
		// Collectives are left unchecked: they are offered "consent", refused with 409 (see the report).
		{op: "getNomination", target: "CB-VP commended (held at DU-SCT)", build: getNom(nomVPCommended, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxNominationAt(e, "commended", "DU-SCT")},
		{op: "getNomination", target: "DU-SCT honored (comm's own, held at KHOI-CQDN)", build: getNom(nomSCTHonored, ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxNominationAt(e, "honored", "KHOI-CQDN")},
		{op: "getNomination", target: "CB-KTAT submitted (held at DU-SCT)", build: getNom(nomKTSubmitted, ""),
			want:  mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": nomDeciding, "bloc.officer": nomMentoring, "inspector": mxNone, "committee.officer": nomDeciding})},
		// Endorsed one level up, it has left the committee officer's hands: only the mentoring remains.
		{op: "getNomination", target: "CB-QLTM endorsed (held at KHOI-CQDN)", build: getNom(nomQLEndorsed, ""),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			// Endorsed at the top of the tree: nobody further up to forward it to.
			check: mxActions(map[string][]string{"admin": nomDecidingAtTop, "bloc.officer": nomDecidingAtTop, "inspector": mxNone,
				"committee.officer": {"set_mentor", "add_note"}})},
		{op: "getNomination", target: "CB-BTTP returned (cs2's own)", build: getNom(nomBTTPReturned, ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404},
			check: mxActions(map[string][]string{"admin": {"update", "submit", "consent", "set_mentor", "add_note"}, "bloc.officer": nomMentoring,
				"inspector": mxNone, "cell.secretary2": {"update", "submit", "consent", "set_mentor", "add_note"}})},
		{op: "getNomination", target: "CB-HCTP rejected", build: getNom(nomHCTPRejected, ""),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404},
			check: mxActions(map[string][]string{"admin": mxNone, "bloc.officer": mxNone, "inspector": mxNone})},
		{op: "getNomination", target: "foreign cell's", build: getNom(nomMX, ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getNomination", target: "unknown id", build: get("/api/v1/nominations/" + uuid.NewString()),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getNominationHistory", target: "CB-VP honored (submit, commend, honor)", build: getNom(nomVPHonored, "/history"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxCount(map[string]int{"admin": 3, "committee.officer": 3, "cell.secretary": 3, "member": 3})},
		{op: "getNominationHistory", target: "CB-BTTP returned (submit, return)", build: getNom(nomBTTPReturned, "/history"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}, check: mxCount(map[string]int{"admin": 2, "cell.secretary2": 2})},
		{op: "getNominationHistory", target: "foreign cell's draft", build: getNom(nomMX, "/history"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 0})},
		{op: "getNominationHistory", target: "unknown id", build: get("/api/v1/nominations/" + uuid.NewString() + "/history"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Progress notes are internal; a nomination does not exist for a portal client (404, where
		// the spec's description says 403: see the report).
		{op: "listNominationNotes", target: "CB-VP honored (one note)", build: getNom(nomVPHonored, "/progress-notes"),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: mxCount(map[string]int{"admin": 1, "inspector": 1, "cell.secretary": 1, "member": 1})},
		{op: "listNominationNotes", target: "DU-SCT honored", build: getNom(nomSCTHonored, "/progress-notes"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxCount(map[string]int{"admin": 0})},
		{op: "listNominationNotes", target: "CB-BTTP returned", build: getNom(nomBTTPReturned, "/progress-notes"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}},
		{op: "listNominationNotes", target: "foreign cell's draft", build: getNom(nomMX, "/progress-notes"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		// The honor roll of the unit that honored: DU-SCT honored CB-VP's exemplar, the bloc DU-SCT's.
		// Every reader of the unit, portal clients included (see the report).
		{op: "getHonorRoll", target: "DU-SCT", build: honorRoll("DU-SCT", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 403}, check: mxHonorRoll(nomVPHonored, 1)},
		{op: "getHonorRoll", target: "DU-SCT, this year", build: honorRoll("DU-SCT", fmt.Sprintf("?year=%d", nomYear)),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 403}, check: mxHonorRoll(nomVPHonored, 1)},
		{op: "getHonorRoll", target: "KHOI-CQDN", build: honorRoll("KHOI-CQDN", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 403}, check: mxHonorRoll(nomSCTHonored, 1)},
		{op: "getHonorRoll", target: "CB-BTTP", build: honorRoll("CB-BTTP", ""),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 403}, check: mxHonorRoll(uuid.Nil, 0)},
		{op: "getHonorRoll", target: "foreign bloc", build: honorRoll("MX-BLOC", ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		// Coverage: officers and inspectors of the subtree; 403 to other readers, even officers
		// reading the unit as an ancestor. A nomination counts once submitted: CB-VP has an honored
		// individual and a commended collective; DU-SCT only a collective, CB-QLTM and CB-KTAT only
		// individuals; CB-BTTP's is returned and CB-HCTP's rejected.
		{op: "getExemplarCoverage", target: "KHOI-CQDN", build: exemplarCoverage("KHOI-CQDN"),
			want:  mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 403},
			check: mxExemplarCoverage(e, nomYear, nil, []string{"DU-SCT", "CB-QLTM", "CB-KTAT", "DU-STP", "CB-BTTP", "CB-HCTP"}, []string{"KHOI-CQDN", "CB-VP"})},
		{op: "getExemplarCoverage", target: "DU-SCT", build: exemplarCoverage("DU-SCT"),
			want:  mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403},
			check: mxExemplarCoverage(e, nomYear, nil, []string{"DU-SCT", "CB-QLTM", "CB-KTAT"}, []string{"CB-VP", "DU-STP", "CB-BTTP"})},
		{op: "getExemplarCoverage", target: "CB-VP", build: exemplarCoverage("CB-VP"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 403}, check: mxExemplarCoverage(e, nomYear, &[3]int{1, 1, 0}, nil, []string{"CB-VP"})},
		{op: "getExemplarCoverage", target: "CB-BTTP", build: exemplarCoverage("CB-BTTP"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 403, 403}, check: mxExemplarCoverage(e, nomYear, &[3]int{1, 0, 1}, []string{"CB-BTTP"}, nil)},
		{op: "getExemplarCoverage", target: "foreign bloc", build: exemplarCoverage("MX-BLOC"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxExemplarCoverage(e, nomYear, nil, []string{"MX-CB"}, nil)},
		// Rounds: those called by the unit and the units above it, for every reader of the unit.
		{op: "listHonoringRounds", target: "CB-VP (KHOI-CQDN's and DU-SCT's)", build: roundsAt("CB-VP"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxCount(map[string]int{"admin": 2, "cell.secretary": 2, "member": 2, "portal": 2})},
		{op: "listHonoringRounds", target: "DU-SCT", build: roundsAt("DU-SCT"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: mxCount(map[string]int{"committee.officer": 2})},
		{op: "listHonoringRounds", target: "CB-BTTP (KHOI-CQDN's)", build: roundsAt("CB-BTTP"),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200}, check: mxCount(map[string]int{"admin": 1, "cell.secretary2": 1})},
		{op: "listHonoringRounds", target: "foreign bloc", build: roundsAt("MX-BLOC"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxCount(map[string]int{"admin": 0})},

		// ---- nominations: writes ---------------------------------------------------------------------
		// Rights are checked before the If-Match version and the state: 403 before 412 before 409.
		// Portal clients get 404 on every nomination.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "createNomination", target: "at CB-VP, of CB-VP", build: createNomAt("CB-VP", "CB-VP"),
			want: mxCodes{401, 201, 403, 403, 403, 201, 403, 404, 403}, check: mxNominationAt(e, "draft", "CB-VP")},
		{op: "createNomination", target: "at DU-SCT, of CB-QLTM", build: createNomAt("DU-SCT", "CB-QLTM"),
			want: mxCodes{401, 201, 403, 403, 201, 403, 403, 404, 403}},
		{op: "createNomination", target: "at KHOI-CQDN, of CB-HCTP", build: createNomAt("KHOI-CQDN", "CB-HCTP"),
			want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403}},
		{op: "createNomination", target: "at CB-BTTP, of CB-BTTP", build: createNomAt("CB-BTTP", "CB-BTTP"),
			want: mxCodes{401, 201, 403, 403, 404, 404, 404, 201, 403}},
		{op: "createNomination", target: "at foreign cell", build: createNomAt("MX-CB", "MX-CB"),
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},
		// The subject must belong to the nominating unit's subtree: a sibling cell's person is not.
		{op: "createNomination", target: "at CB-VP, of CB-QLTM (outside its subtree)", build: createNomAt("CB-VP", "CB-QLTM"),
			want:     mxCodes{401, 422, 403, 403, 403, 422, 403, 404, 403},
			problems: map[string]string{"admin": "subject_outside_subtree", "cell.secretary": "subject_outside_subtree", "committee.officer": "forbidden"}},
		{op: "createNomination", target: "at DU-SCT, of CB-BTTP (outside its subtree)", build: createNomAt("DU-SCT", "CB-BTTP"),
			want:     mxCodes{401, 422, 403, 403, 422, 403, 403, 404, 403},
			problems: map[string]string{"committee.officer": "subject_outside_subtree"}},
		{op: "updateNomination", target: "fresh CB-VP draft", build: freshNom("CB-VP", "individual", "draft", "PATCH", "", nomEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateNomination", target: "fresh CB-VP returned", build: freshNom("CB-VP", "individual", "returned", "PATCH", "", nomEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}},
		{op: "updateNomination", target: "fresh DU-SCT draft", build: freshNom("DU-SCT", "collective", "draft", "PATCH", "", nomEdit),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "updateNomination", target: "fresh CB-BTTP draft", build: freshNom("CB-BTTP", "individual", "draft", "PATCH", "", nomEdit),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "updateNomination", target: "CB-VP commended (not editable)", build: onNom(nomVPCommended, "PATCH", "", nomEdit),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}, problems: map[string]string{"cell.secretary": "invalid_transition"}},
		{op: "updateNomination", target: "CB-VP draft, stale If-Match", want: mxCodes{401, 412, 403, 403, 403, 412, 403, 404, 404},
			build: func(*env, string) req {
				return req{Method: "PATCH", Path: "/api/v1/nominations/" + nomVPDraft.String(), Body: nomEdit, Header: map[string]string{"If-Match": `"0"`}}
			}},
		{op: "updateNomination", target: "CB-VP draft, of CB-QLTM (outside its subtree)", build: onNom(nomVPDraft, "PATCH", "", map[string]any{"subject": mxPerson(e.units["CB-QLTM"])}),
			want: mxCodes{401, 422, 403, 403, 403, 422, 403, 404, 404}, problems: map[string]string{"cell.secretary": "subject_outside_subtree"}},
		{op: "deleteNomination", target: "fresh CB-VP draft", build: freshNom("CB-VP", "individual", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 403, 204, 403, 404, 404}},
		{op: "deleteNomination", target: "fresh DU-SCT draft", build: freshNom("DU-SCT", "collective", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 204, 404, 404, 404, 404}},
		{op: "deleteNomination", target: "fresh CB-BTTP draft", build: freshNom("CB-BTTP", "individual", "draft", "DELETE", "", nil),
			want: mxCodes{401, 204, 403, 403, 404, 404, 404, 204, 404}},
		{op: "deleteNomination", target: "fresh CB-VP returned (once submitted)", build: freshNom("CB-VP", "individual", "returned", "DELETE", "", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "deleteNomination", target: "CB-VP commended", build: onNom(nomVPCommended, "DELETE", "", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		// Submitting sends it to the parent unit; a bloc's stays at the bloc.
		{op: "submitNomination", target: "fresh CB-VP draft", build: freshNom("CB-VP", "individual", "draft", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxNominationAt(e, "submitted", "DU-SCT")},
		{op: "submitNomination", target: "fresh CB-VP returned", build: freshNom("CB-VP", "individual", "returned", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxNominationAt(e, "submitted", "DU-SCT")},
		{op: "submitNomination", target: "fresh DU-SCT draft", build: freshNom("DU-SCT", "collective", "draft", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}, check: mxNominationAt(e, "submitted", "KHOI-CQDN")},
		{op: "submitNomination", target: "fresh KHOI-CQDN draft", build: freshNom("KHOI-CQDN", "individual", "draft", "POST", "/submit", nil),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 404}, check: mxNominationAt(e, "submitted", "KHOI-CQDN")},
		{op: "submitNomination", target: "fresh CB-BTTP draft", build: freshNom("CB-BTTP", "individual", "draft", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}, check: mxNominationAt(e, "submitted", "DU-STP")},
		{op: "submitNomination", target: "CB-VP commended (not a draft)", build: onNom(nomVPCommended, "POST", "/submit", nil),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		// Deciding: the officers over the holder. Submitted, CB-VP's is held at DU-SCT: the committee
		// officer decides, the cell secretary who drafted it does not.
		{op: "endorseNomination", target: "fresh CB-VP submitted", build: freshNom("CB-VP", "individual", "submitted", "POST", "/endorse", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxNominationAt(e, "endorsed", "KHOI-CQDN"),
			problems: map[string]string{"cell.secretary": "forbidden"}},
		{op: "endorseNomination", target: "fresh CB-VP submitted by admin", build: freshNomBy("CB-VP", "individual", "submitted", "admin", "POST", "/endorse", nil),
			want: mxCodes{401, 403, 403, 403, 200, 403, 403, 404, 404}, problems: map[string]string{"admin": "own_submission"}},
		{op: "endorseNomination", target: "fresh CB-VP endorsed (held at KHOI-CQDN)", build: freshNom("CB-VP", "individual", "endorsed", "POST", "/endorse", nil),
			want:     mxCodes{401, 409, 409, 403, 403, 403, 403, 404, 404},
			problems: map[string]string{"committee.officer": "forbidden", "bloc.officer": "invalid_transition"}},
		{op: "endorseNomination", target: "fresh DU-SCT submitted (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "submitted", "POST", "/endorse", nil),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "endorseNomination", target: "fresh KHOI-CQDN submitted by bloc.officer", build: freshNomBy("KHOI-CQDN", "individual", "submitted", "bloc.officer", "POST", "/endorse", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 404, 404}, problems: map[string]string{"bloc.officer": "own_submission"}},
		{op: "endorseNomination", target: "fresh CB-BTTP submitted (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "submitted", "POST", "/endorse", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		// A draft is held at its own unit: the officers over it get past the rights, not the state.
		{op: "endorseNomination", target: "CB-VP draft", build: onNom(nomVPDraft, "POST", "/endorse", nil),
			want: mxCodes{401, 409, 403, 403, 403, 403, 403, 404, 404}, problems: map[string]string{"admin": "invalid_transition", "committee.officer": "forbidden"}},
		{op: "returnNomination", target: "fresh CB-VP submitted", build: freshNom("CB-VP", "individual", "submitted", "POST", "/return", nomReason),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxNominationAt(e, "returned", "CB-VP")},
		{op: "returnNomination", target: "fresh CB-VP endorsed (held at KHOI-CQDN)", build: freshNom("CB-VP", "individual", "endorsed", "POST", "/return", nomReason),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 404}, check: mxNominationAt(e, "returned", "CB-VP")},
		{op: "returnNomination", target: "fresh DU-SCT submitted (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "submitted", "POST", "/return", nomReason),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "returnNomination", target: "fresh CB-BTTP submitted (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "submitted", "POST", "/return", nomReason),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "returnNomination", target: "CB-VP honored", build: onNom(nomVPHonored, "POST", "/return", nomReason),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404}},
		{op: "rejectNomination", target: "fresh CB-VP submitted", build: freshNom("CB-VP", "individual", "submitted", "POST", "/reject", nomReason),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxNominationAt(e, "rejected", "DU-SCT")},
		{op: "rejectNomination", target: "fresh DU-SCT submitted (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "submitted", "POST", "/reject", nomReason),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "rejectNomination", target: "fresh CB-BTTP submitted (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "submitted", "POST", "/reject", nomReason),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "rejectNomination", target: "CB-HCTP rejected", build: onNom(nomHCTPRejected, "POST", "/reject", nomReason),
			want: mxCodes{401, 409, 403, 403, 404, 404, 404, 404, 404}},
		{op: "commendNomination", target: "fresh CB-VP submitted", build: freshNom("CB-VP", "individual", "submitted", "POST", "/commend", nomCommend),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxNominationAt(e, "commended", "DU-SCT")},
		{op: "commendNomination", target: "fresh CB-VP endorsed (held at KHOI-CQDN)", build: freshNom("CB-VP", "individual", "endorsed", "POST", "/commend", nomCommend),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 404}, check: mxNominationAt(e, "commended", "KHOI-CQDN")},
		{op: "commendNomination", target: "fresh DU-SCT submitted (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "submitted", "POST", "/commend", nomCommend),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "commendNomination", target: "fresh CB-BTTP submitted (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "submitted", "POST", "/commend", nomCommend),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "commendNomination", target: "CB-VP draft", build: onNom(nomVPDraft, "POST", "/commend", nomCommend),
			want: mxCodes{401, 409, 403, 403, 403, 403, 403, 404, 404}},
		{op: "honorNomination", target: "fresh CB-VP commended (held at DU-SCT)", build: freshNom("CB-VP", "individual", "commended", "POST", "/honor", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404},
			check: func(t *testing.T, _ string, got resp) {
				entry, _ := got.JSON(t)["honor_entry"].(map[string]any)
				if u, _ := entry["unit"].(map[string]any); u["id"] != unit("DU-SCT") || entry["year"] != float64(nomYear) {
					t.Errorf("honor entry %v, want one of DU-SCT's roll for %d", entry, nomYear)
				}
			}},
		{op: "honorNomination", target: "fresh DU-SCT commended (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "commended", "POST", "/honor", nil),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "honorNomination", target: "fresh CB-BTTP commended (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "commended", "POST", "/honor", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}},
		{op: "honorNomination", target: "CB-KTAT submitted (not commended)", build: onNom(nomKTSubmitted, "POST", "/honor", nil),
			want: mxCodes{401, 409, 403, 403, 409, 404, 404, 404, 404}},
		// Consent: the owners or the deciders.
		{op: "recordNominationConsent", target: "fresh CB-VP submitted", build: freshNom("CB-VP", "individual", "submitted", "POST", "/consent", nomConsent),
			want: mxCodes{401, 200, 403, 403, 200, 200, 403, 404, 404}},
		{op: "recordNominationConsent", target: "fresh DU-SCT submitted (held at KHOI-CQDN)", build: freshNom("DU-SCT", "individual", "submitted", "POST", "/consent", nomConsent),
			want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 404}},
		{op: "recordNominationConsent", target: "fresh CB-BTTP submitted (held at DU-STP)", build: freshNom("CB-BTTP", "individual", "submitted", "POST", "/consent", nomConsent),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "recordNominationConsent", target: "CB-VP commended (a collective)", build: onNom(nomVPCommended, "POST", "/consent", nomConsent),
			want: mxCodes{401, 409, 403, 403, 409, 409, 403, 404, 404}, problems: map[string]string{"cell.secretary": "invalid_transition"}},
		{op: "recordNominationConsent", target: "CB-HCTP rejected", build: onNom(nomHCTPRejected, "POST", "/consent", nomConsent),
			want: mxCodes{401, 409, 403, 403, 404, 404, 404, 404, 404}},
		// Mentor and progress notes: the owners, or the officers over the nominating unit's parent
		// (the mentor too, for notes).
		{op: "setNominationMentor", target: "fresh CB-VP draft", build: freshNom("CB-VP", "individual", "draft", "PUT", "/mentor", nomMentor),
			want: mxCodes{401, 200, 200, 403, 200, 200, 403, 404, 404}},
		{op: "setNominationMentor", target: "fresh DU-SCT draft", build: freshNom("DU-SCT", "collective", "draft", "PUT", "/mentor", nomMentor),
			want: mxCodes{401, 200, 200, 403, 200, 404, 404, 404, 404}},
		{op: "setNominationMentor", target: "fresh KHOI-CQDN draft", build: freshNom("KHOI-CQDN", "individual", "draft", "PUT", "/mentor", nomMentor),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 404, 404}},
		{op: "setNominationMentor", target: "fresh CB-BTTP draft", build: freshNom("CB-BTTP", "individual", "draft", "PUT", "/mentor", nomMentor),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 200, 404}},
		{op: "setNominationMentor", target: "CB-HCTP rejected", build: onNom(nomHCTPRejected, "PUT", "/mentor", nomMentor),
			want: mxCodes{401, 409, 409, 403, 404, 404, 404, 404, 404}},
		{op: "createNominationNote", target: "fresh CB-VP draft", build: freshNom("CB-VP", "individual", "draft", "POST", "/progress-notes", nomNote),
			want: mxCodes{401, 201, 201, 403, 201, 201, 403, 404, 404}},
		{op: "createNominationNote", target: "fresh CB-VP draft mentored by member", want: mxCodes{401, 201, 201, 403, 201, 201, 201, 404, 404},
			build: freshNomWith("CB-VP", "individual", "draft", "", asAdmin("/mentor", "PUT", map[string]any{"name": "Hoàng Văn Nam", "user_id": e.users["member"]}),
				"POST", "/progress-notes", nomNote)},
		{op: "createNominationNote", target: "fresh DU-SCT draft", build: freshNom("DU-SCT", "collective", "draft", "POST", "/progress-notes", nomNote),
			want: mxCodes{401, 201, 201, 403, 201, 404, 404, 404, 404}},
		{op: "createNominationNote", target: "fresh CB-BTTP draft", build: freshNom("CB-BTTP", "individual", "draft", "POST", "/progress-notes", nomNote),
			want: mxCodes{401, 201, 201, 403, 404, 404, 404, 201, 404}},
		{op: "createNominationNote", target: "CB-HCTP rejected", build: onNom(nomHCTPRejected, "POST", "/progress-notes", nomNote),
			want: mxCodes{401, 409, 409, 403, 404, 404, 404, 404, 404}},
		// Creating rounds: bloc and committee officers over the unit; 403 to its other readers, 404
		// outside.
		{op: "createHonoringRound", target: "at DU-SCT", build: createRoundAt("DU-SCT"),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "createHonoringRound", target: "at KHOI-CQDN", build: createRoundAt("KHOI-CQDN"),
			want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403}},
		{op: "createHonoringRound", target: "at DU-STP", build: createRoundAt("DU-STP"),
			want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403}},
		{op: "createHonoringRound", target: "at foreign bloc", build: createRoundAt("MX-BLOC"),
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},

		// ---- portal: publishing ----------------------------------------------------------------------
		// Nominations: officers over the unit holding it, only honored ones, individuals only with
		// consent. Models and standards: officers over their unit (404 outside the read scope, 403
		// to other readers: portal clients too), only approved-or-later models and issued standards.
		// Publishing what is published already changes nothing.
		//                                                              anon admin bloc insp comm  cs  mem  cs2 portal
		{op: "setNominationPublication", target: "fresh CB-VP honored collective (held at DU-SCT)", build: freshNom("CB-VP", "collective", "honored", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxPublished(true)},
		{op: "setNominationPublication", target: "fresh DU-SCT honored collective (held at KHOI-CQDN)", build: freshNom("DU-SCT", "collective", "honored", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 404, 404}, check: mxPublished(true)},
		{op: "setNominationPublication", target: "fresh CB-BTTP honored collective (held at DU-STP)", build: freshNom("CB-BTTP", "collective", "honored", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 403, 404}, check: mxPublished(true)},
		{op: "setNominationPublication", target: "fresh CB-VP honored individual, no consent", build: freshNom("CB-VP", "individual", "honored", "PUT", "/publication", publish),
			want:     mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404},
			problems: map[string]string{"admin": "consent_missing", "bloc.officer": "forbidden", "committee.officer": "consent_missing"}},
		{op: "setNominationPublication", target: "fresh CB-VP honored individual, consenting", want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404},
			build: freshNomWith("CB-VP", "individual", "honored", registrar["CB-VP"], asAdmin("/consent", "POST", nomConsent), "PUT", "/publication", publish),
			check: mxPublished(true)},
		{op: "setNominationPublication", target: "CB-VP honored, published already", build: onNom(nomVPHonored, "PUT", "/publication", publish),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxPublished(true)},
		{op: "setNominationPublication", target: "fresh CB-VP honored collective, published: withdraw", want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404},
			build: freshNomWith("CB-VP", "collective", "honored", registrar["CB-VP"], asAdmin("/publication", "PUT", publish), "PUT", "/publication", unpublish),
			check: mxPublished(false)},
		{op: "setNominationPublication", target: "CB-VP commended (not honored)", build: onNom(nomVPCommended, "PUT", "/publication", publish),
			want: mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404}, problems: map[string]string{"committee.officer": "invalid_transition"}},
		{op: "setNominationPublication", target: "unknown id", build: onNom(uuid.New(), "PUT", "/publication", publish),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "setModelPublication", target: "fresh CB-VP approved", build: freshModel("CB-VP", "approved", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}, check: mxPublished(true)},
		{op: "setModelPublication", target: "fresh DU-SCT approved", build: freshModel("DU-SCT", "approved", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}, check: mxPublished(true)},
		{op: "setModelPublication", target: "fresh KHOI-CQDN approved", build: freshModel("KHOI-CQDN", "approved", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 403}, check: mxPublished(true)},
		{op: "setModelPublication", target: "fresh CB-BTTP in progress", build: freshModel("CB-BTTP", "in_progress", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403}, check: mxPublished(true)},
		{op: "setModelPublication", target: "fresh foreign cell approved", build: freshModel("MX-CB", "approved", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "setModelPublication", target: "fresh CB-VP approved, published: withdraw", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: func(e *env, _ string) req {
				id := fx.model(e, e.units["CB-VP"], thisYear, "approved", registrar["CB-VP"]).String()
				e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + id + "/publication", User: "admin", Body: publish})
				return req{Method: "PUT", Path: "/api/v1/models/" + id + "/publication", Body: unpublish}
			},
			check: mxPublished(false)},
		{op: "setModelPublication", target: "DU-SCT approved, published already", build: onModel(mdlSCT, "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}, check: mxPublished(true)},
		{op: "setModelPublication", target: "CB-KTAT draft (not publishable)", build: onModel(mdlKTDraft, "PUT", "/publication", publish),
			want: mxCodes{401, 409, 409, 403, 409, 404, 404, 404, 403}, problems: map[string]string{"admin": "not_publishable", "committee.officer": "not_publishable"}},
		{op: "setModelPublication", target: "CB-VP retired (not publishable)", build: onModel(mdlVPRetired, "PUT", "/publication", publish),
			want: mxCodes{401, 409, 409, 403, 409, 403, 403, 404, 403}},
		{op: "setModelPublication", target: "unknown id", build: onModel(uuid.New(), "PUT", "/publication", publish),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "setStandardPublication", target: "fresh DU-SCT issued", build: fresh("DU-SCT", "issued", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}, check: mxPublished(true)},
		{op: "setStandardPublication", target: "fresh CB-VP issued", build: fresh("CB-VP", "issued", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403}, check: mxPublished(true)},
		{op: "setStandardPublication", target: "fresh KHOI-CQDN issued", build: fresh("KHOI-CQDN", "issued", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 403}, check: mxPublished(true)},
		{op: "setStandardPublication", target: "fresh CB-BTTP issued", build: fresh("CB-BTTP", "issued", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 200, 403, 404, 404, 404, 403, 403}, check: mxPublished(true)},
		{op: "setStandardPublication", target: "fresh foreign committee issued", build: fresh("MX-DU", "issued", "PUT", "/publication", publish),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "setStandardPublication", target: "fresh DU-SCT issued, published: withdraw", want: mxCodes{401, 200, 200, 403, 200, 403, 403, 404, 403},
			build: func(e *env, _ string) req {
				id := fx.standard(e, e.units["DU-SCT"], "issued").String()
				e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/standards/" + id + "/publication", User: "admin", Body: publish})
				return req{Method: "PUT", Path: "/api/v1/standards/" + id + "/publication", Body: unpublish}
			},
			check: mxPublished(false)},
		{op: "setStandardPublication", target: "CB-VP draft (not publishable)", build: onStd(stdVPDraft, "PUT", "/publication", publish),
			want: mxCodes{401, 409, 409, 403, 409, 403, 403, 404, 403}, problems: map[string]string{"admin": "not_publishable", "committee.officer": "not_publishable"}},
		{op: "setStandardPublication", target: "unknown id", build: onStd(uuid.New(), "PUT", "/publication", publish),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},

		// Reports: rounds are opened and closed by the officers over the unit (never at a cell),
		// read by every reader of its unit; status for officers and inspectors over it. Reports are
		// read in the unit's read scope, never by portal clients; written and submitted by the
		// unit's own drafters, decided by the officers over its parent.
		{op: "listReportingRounds", target: "KHOI-CQDN", build: get("/api/v1/units/" + unit("KHOI-CQDN") + "/reporting-rounds"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200}, check: rptRoundsInclude(rptDemoRound, "KHOI-CQDN")},
		{op: "listReportingRounds", target: "CB-VP (its rounds and above)", build: get("/api/v1/units/" + unit("CB-VP") + "/reporting-rounds"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200}, check: rptRoundsInclude(rptSCTRound, "KHOI-CQDN", "DU-SCT", "CB-VP")},
		{op: "listReportingRounds", target: "foreign cell", build: get("/api/v1/units/" + unit("MX-CB") + "/reporting-rounds"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: rptRoundsInclude(rptMXRound, "MX-BLOC", "MX-DU", "MX-CB")},
		{op: "listReportingRounds", target: "unknown unit", build: get("/api/v1/units/" + uuid.NewString() + "/reporting-rounds"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRound", target: "demo round at KHOI-CQDN", build: onRound(rptDemoRound, "GET", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 404}, check: mxField("id", rptDemoRound)},
		{op: "getReportingRound", target: "round at DU-SCT", build: onRound(rptSCTRound, "GET", ""),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxField("id", rptSCTRound)},
		{op: "getReportingRound", target: "foreign round", build: onRound(rptMXRound, "GET", ""),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRound", target: "unknown id", build: onRound(uuid.NewString(), "GET", ""),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRoundStatus", target: "demo round at KHOI-CQDN", build: onRound(rptDemoRound, "GET", "/status"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 404}, check: rptDemoStatus},
		{op: "getReportingRoundStatus", target: "demo round, late only", build: onRound(rptDemoRound, "GET", "/status?state=late"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 404}, check: mxCount(mxForAll(1))},
		{op: "getReportingRoundStatus", target: "round at DU-SCT", build: onRound(rptSCTRound, "GET", "/status"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 404}},
		{op: "getReportingRoundStatus", target: "foreign round", build: onRound(rptMXRound, "GET", "/status"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRoundStatus", target: "unknown id", build: onRound(uuid.NewString(), "GET", "/status"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRoundStatusXLSX", target: "demo round at KHOI-CQDN", build: onRound(rptDemoRound, "GET", "/status.xlsx"),
			want: mxCodes{401, 200, 200, 200, 403, 403, 403, 403, 404}, check: mxFormFile("tinh-hinh-bao-cao-"+rptDemoRound[:8]+".xlsx", rptXLSX)},
		{op: "getReportingRoundStatusXLSX", target: "round at DU-SCT", build: onRound(rptSCTRound, "GET", "/status.xlsx"),
			want: mxCodes{401, 200, 200, 200, 200, 403, 403, 404, 404}},
		{op: "getReportingRoundStatusXLSX", target: "foreign round", build: onRound(rptMXRound, "GET", "/status.xlsx"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportingRoundStatusXLSX", target: "unknown id", build: onRound(uuid.NewString(), "GET", "/status.xlsx"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "listReports", target: "KHOI-CQDN subtree, demo round", build: reportsAt("KHOI-CQDN", "?scope=subtree&round_id="+rptDemoRound),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: rptReportsOf(map[string][]string{"admin": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DU-STP", "CB-BTTP", "CB-HCTP"},
				"bloc.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DU-STP", "CB-BTTP", "CB-HCTP"},
				"inspector":    {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT", "DU-STP", "CB-BTTP", "CB-HCTP"},
				// Readers of the bloc from below see its own reports only (it has none); portal clients none.
				"committee.officer": {}, "cell.secretary": {}, "member": {}, "cell.secretary2": {}, "portal": {}})},
		{op: "listReports", target: "DU-SCT subtree, demo round", build: reportsAt("DU-SCT", "?scope=subtree&round_id="+rptDemoRound),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: rptReportsOf(map[string][]string{"admin": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT"}, "inspector": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT"},
				"committee.officer": {"DU-SCT", "CB-VP", "CB-QLTM", "CB-KTAT"}, "cell.secretary": {}, "member": {}, "portal": {}})},
		{op: "listReports", target: "CB-VP, demo round", build: reportsAt("CB-VP", "?round_id="+rptDemoRound),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 200},
			check: rptReportsOf(map[string][]string{"admin": {"CB-VP"}, "committee.officer": {"CB-VP"}, "cell.secretary": {"CB-VP"}, "member": {"CB-VP"}, "portal": {}})},
		{op: "listReports", target: "CB-BTTP, demo round", build: reportsAt("CB-BTTP", "?round_id="+rptDemoRound),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 200},
			check: rptReportsOf(map[string][]string{"bloc.officer": {"CB-BTTP"}, "cell.secretary2": {"CB-BTTP"}, "portal": {}})},
		{op: "listReports", target: "foreign cell", build: reportsAt("MX-CB", "?round_id="+rptMXRound),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}, check: mxAll(mxCount(map[string]int{"admin": 1}), mxRefsAt(e, "unit", map[string][]string{"admin": {"MX-CB"}}))},
		{op: "listReports", target: "unknown unit", build: reportsAt("", ""),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReport", target: "demo CB-VP accepted", build: onReport(rptDemo["CB-VP"], "GET", "", nil),
			want:  mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: rptActions(rptDemo["CB-VP"], map[string][]string{"admin": mxNone, "committee.officer": mxNone, "cell.secretary": mxNone})},
		{op: "getReport", target: "demo CB-QLTM submitted", build: onReport(rptDemo["CB-QLTM"], "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: rptActions(rptDemo["CB-QLTM"], map[string][]string{"admin": {"accept", "return"}, "bloc.officer": mxNone,
				"inspector": mxNone, "committee.officer": {"accept", "return"}})},
		{op: "getReport", target: "demo CB-BTTP returned", build: onReport(rptDemo["CB-BTTP"], "GET", "", nil),
			want:  mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404},
			check: rptActions(rptDemo["CB-BTTP"], map[string][]string{"admin": {"update", "submit"}, "bloc.officer": mxNone, "cell.secretary2": {"update", "submit"}})},
		{op: "getReport", target: "demo CB-HCTP draft", build: onReport(rptDemo["CB-HCTP"], "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404}, check: mxField("state", "draft")},
		{op: "getReport", target: "demo DU-SCT missing", build: onReport(rptDemo["DU-SCT"], "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404},
			check: mxAll(mxField("state", "missing"), rptActions(rptDemo["DU-SCT"], map[string][]string{"admin": {"update", "submit"},
				"bloc.officer": mxNone, "committee.officer": {"update", "submit"}}))},
		{op: "getReport", target: "CB-VP draft", build: onReport(rptVPDraft, "GET", "", nil),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404},
			check: rptActions(rptVPDraft, map[string][]string{"admin": {"update", "submit"}, "bloc.officer": mxNone, "inspector": mxNone,
				"committee.officer": mxNone, "cell.secretary": {"update", "submit"}, "member": mxNone})},
		{op: "getReport", target: "foreign cell", build: onReport(rptMXCB, "GET", "", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReport", target: "unknown id", build: onReport(uuid.NewString(), "GET", "", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		// Consolidations are for the officers and inspectors over the unit: readers from below
		// (a cell reading its committee's report) may not see their sibling cells' narratives.
		{op: "getConsolidatedReport", target: "demo DU-SCT", build: onReport(rptDemo["DU-SCT"], "GET", "/consolidated", nil),
			want: mxCodes{401, 200, 200, 200, 200, 404, 404, 404, 404}, check: rptConsolidated(3, 3)},
		{op: "getConsolidatedReport", target: "demo DU-STP", build: onReport(rptDemo["DU-STP"], "GET", "/consolidated", nil),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 404, 404}, check: rptConsolidated(2, 0)},
		{op: "getConsolidatedReport", target: "demo CB-VP (no children)", build: onReport(rptDemo["CB-VP"], "GET", "/consolidated", nil),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: rptConsolidated(0, 0)},
		{op: "getConsolidatedReport", target: "foreign cell", build: onReport(rptMXCB, "GET", "/consolidated", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getConsolidatedReport", target: "unknown id", build: onReport(uuid.NewString(), "GET", "/consolidated", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportFile", target: "demo CB-VP, PDF", build: onReport(rptDemo["CB-VP"], "GET", "/files/report.pdf", nil),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 404, 404}, check: mxFormFile("bao-cao-CB-VP-H1.pdf", "application/pdf")},
		{op: "getReportFile", target: "demo CB-BTTP, XLSX", build: onReport(rptDemo["CB-BTTP"], "GET", "/files/report.xlsx", nil),
			want: mxCodes{401, 200, 200, 200, 404, 404, 404, 200, 404}, check: mxFormFile("bao-cao-CB-BTTP-H1.xlsx", rptXLSX)},
		{op: "getReportFile", target: "foreign cell, XLSX", build: onReport(rptMXCB, "GET", "/files/report.xlsx", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getReportFile", target: "unknown id", build: onReport(uuid.NewString(), "GET", "/files/report.pdf", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "getMyTasks", target: "own tasks", build: get("/api/v1/me/tasks"),
			want: mxCodes{401, 200, 200, 200, 200, 200, 200, 200, 200},
			check: mxAll(mxCount(map[string]int{"inspector": 0, "member": 0, "portal": 0}), rptTasks(map[string][]string{
				"admin": {"review_report " + rptDemo["CB-QLTM"], "review_report " + rptDemo["CB-KTAT"]},
				// The cells' reports are the committee's to review, not the bloc's (no level skipped).
				"bloc.officer":      {"-review_report " + rptDemo["CB-QLTM"], "-review_report " + rptDemo["CB-KTAT"]},
				"committee.officer": {"review_report " + rptDemo["CB-QLTM"], "review_report " + rptDemo["CB-KTAT"], "write_report " + rptDemo["DU-SCT"]},
				"cell.secretary":    {"write_report " + rptVPDraft},
				"cell.secretary2":   {"write_report " + rptDemo["CB-BTTP"]}}))},
		{op: "createReportingRound", target: "KHOI-CQDN, committees", build: createReportRoundAt("KHOI-CQDN", "committee"),
			want: mxCodes{401, 201, 201, 403, 403, 403, 403, 403, 403}},
		{op: "createReportingRound", target: "DU-SCT, cells", build: createReportRoundAt("DU-SCT", "cell"),
			want: mxCodes{401, 201, 201, 403, 201, 403, 403, 404, 403}},
		{op: "createReportingRound", target: "DU-STP, cells", build: createReportRoundAt("DU-STP", "cell"),
			want: mxCodes{401, 201, 201, 403, 404, 404, 404, 403, 403}},
		{op: "createReportingRound", target: "CB-VP (a cell)", build: createReportRoundAt("CB-VP", "cell"),
			want:     mxCodes{401, 422, 422, 403, 422, 403, 403, 404, 403},
			problems: map[string]string{"admin": "round_unit_kind", "bloc.officer": "round_unit_kind", "committee.officer": "round_unit_kind"}},
		{op: "createReportingRound", target: "foreign bloc", build: createReportRoundAt("MX-BLOC", "cell", "committee"),
			want: mxCodes{401, 201, 404, 404, 404, 404, 404, 404, 404}},
		{op: "createReportingRound", target: "unknown unit", build: createReportRoundAt("", "cell"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "closeReportingRound", target: "fresh at KHOI-CQDN", build: freshRound("KHOI-CQDN", false, "POST", "/close"),
			want: mxCodes{401, 200, 200, 403, 403, 403, 403, 403, 404}, check: func(t *testing.T, _ string, got resp) {
				if got.JSON(t)["open"] != false {
					t.Errorf("round still open: %s", got.Body)
				}
			}},
		{op: "closeReportingRound", target: "fresh at DU-SCT", build: freshRound("DU-SCT", false, "POST", "/close"),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}},
		{op: "closeReportingRound", target: "fresh at DU-SCT, closed already", build: freshRound("DU-SCT", true, "POST", "/close"),
			want:     mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404},
			problems: map[string]string{"admin": "round_closed", "bloc.officer": "forbidden", "committee.officer": "round_closed"}},
		{op: "closeReportingRound", target: "fresh foreign", build: freshRound("MX-BLOC", false, "POST", "/close"),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "closeReportingRound", target: "unknown id", build: onRound(uuid.NewString(), "POST", "/close"),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateReport", target: "fresh CB-VP draft", build: freshReport("CB-VP", "draft", "", "PATCH", "", rptEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxField("state", "draft")},
		{op: "updateReport", target: "fresh CB-VP returned", build: freshReport("CB-VP", "returned", registrar["CB-VP"], "PATCH", "", rptEdit),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxField("status", "returned")},
		{op: "updateReport", target: "fresh CB-VP submitted", build: freshReport("CB-VP", "submitted", registrar["CB-VP"], "PATCH", "", rptEdit),
			want:     mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404},
			problems: map[string]string{"admin": "invalid_transition", "cell.secretary": "invalid_transition"}},
		{op: "updateReport", target: "demo CB-VP accepted", build: onReport(rptDemo["CB-VP"], "PATCH", "", rptEdit),
			want: mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404}},
		{op: "updateReport", target: "fresh CB-VP written, round closed", build: freshReport("CB-VP", "closed", "", "PATCH", "", rptEdit),
			want:     mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404},
			problems: map[string]string{"admin": "round_closed", "cell.secretary": "round_closed"}},
		{op: "updateReport", target: "fresh DU-SCT draft", build: freshReport("DU-SCT", "draft", "", "PATCH", "", rptEdit),
			want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404}},
		{op: "updateReport", target: "fresh CB-BTTP draft", build: freshReport("CB-BTTP", "draft", "", "PATCH", "", rptEdit),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "updateReport", target: "fresh foreign cell draft", build: freshReport("MX-CB", "draft", "", "PATCH", "", rptEdit),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "updateReport", target: "unknown id", build: onReport(uuid.NewString(), "PATCH", "", rptEdit),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "submitReport", target: "fresh CB-VP written", build: freshReport("CB-VP", "written", "", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxAll(mxField("status", "submitted"), mxField("state", "on_time"))},
		{op: "submitReport", target: "fresh CB-VP returned", build: freshReport("CB-VP", "returned", registrar["CB-VP"], "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 403, 200, 403, 404, 404}, check: mxField("status", "submitted")},
		{op: "submitReport", target: "fresh CB-VP submitted", build: freshReport("CB-VP", "submitted", registrar["CB-VP"], "POST", "/submit", nil),
			want:     mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404},
			problems: map[string]string{"admin": "invalid_transition", "cell.secretary": "invalid_transition"}},
		{op: "submitReport", target: "fresh CB-VP written, round closed", build: freshReport("CB-VP", "closed", "", "POST", "/submit", nil),
			want:     mxCodes{401, 409, 403, 403, 403, 409, 403, 404, 404},
			problems: map[string]string{"admin": "round_closed", "cell.secretary": "round_closed"}},
		{op: "submitReport", target: "fresh DU-SCT with cells not accepted", want: mxCodes{401, 422, 403, 403, 422, 404, 404, 404, 404},
			build: func(e *env, _ string) req {
				id := rptOf(e, rptOpen(e, "KHOI-CQDN", "cell", "committee"), "DU-SCT")
				e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/reports/" + id, User: "admin", Body: rptNarrative})
				return req{Method: "POST", Path: "/api/v1/reports/" + id + "/submit"}
			},
			problems: map[string]string{"admin": "children_not_accepted", "committee.officer": "children_not_accepted"}},
		{op: "submitReport", target: "fresh DU-SCT with cells not accepted, missing_note", want: mxCodes{401, 200, 403, 403, 200, 404, 404, 404, 404},
			build: func(e *env, _ string) req {
				id := rptOf(e, rptOpen(e, "KHOI-CQDN", "cell", "committee"), "DU-SCT")
				e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/reports/" + id, User: "admin",
					Body: map[string]any{"missing_note": "Các chi bộ CB-VP, CB-QLTM, CB-KTAT chưa được chấp nhận."}})
				return req{Method: "POST", Path: "/api/v1/reports/" + id + "/submit"}
			},
			check: mxField("status", "submitted")},
		{op: "submitReport", target: "fresh CB-BTTP written", build: freshReport("CB-BTTP", "written", "", "POST", "/submit", nil),
			want: mxCodes{401, 200, 403, 403, 404, 404, 404, 200, 404}},
		{op: "submitReport", target: "fresh foreign cell written", build: freshReport("MX-CB", "written", "", "POST", "/submit", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "submitReport", target: "unknown id", build: onReport(uuid.NewString(), "POST", "/submit", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "acceptReport", target: "fresh CB-VP submitted", build: freshReport("CB-VP", "submitted", registrar["CB-VP"], "POST", "/accept", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxAll(mxField("status", "accepted"), mxField("state", "accepted"))},
		{op: "acceptReport", target: "fresh DU-SCT submitted", build: freshReport("DU-SCT", "submitted", registrar["DU-SCT"], "POST", "/accept", nil),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "acceptReport", target: "fresh CB-VP submitted by admin", build: freshReport("CB-VP", "submitted", "admin", "POST", "/accept", nil),
			want: mxCodes{401, 403, 403, 403, 200, 403, 403, 404, 404}, problems: map[string]string{"admin": "own_submission"}},
		{op: "acceptReport", target: "fresh CB-VP submitted, round closed", build: freshReport("CB-VP", "submitted+closed", registrar["CB-VP"], "POST", "/accept", nil),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxField("status", "accepted")},
		{op: "acceptReport", target: "fresh CB-VP draft", build: freshReport("CB-VP", "written", "", "POST", "/accept", nil),
			want:     mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404},
			problems: map[string]string{"admin": "invalid_transition", "committee.officer": "invalid_transition"}},
		{op: "acceptReport", target: "demo CB-BTTP returned", build: onReport(rptDemo["CB-BTTP"], "POST", "/accept", nil),
			want: mxCodes{401, 409, 403, 403, 404, 404, 404, 403, 404}},
		{op: "acceptReport", target: "fresh foreign cell submitted", build: freshReport("MX-CB", "submitted", registrar["MX-CB"], "POST", "/accept", nil),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "acceptReport", target: "unknown id", build: onReport(uuid.NewString(), "POST", "/accept", nil),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
		{op: "returnReport", target: "fresh CB-VP submitted", build: freshReport("CB-VP", "submitted", registrar["CB-VP"], "POST", "/return", rptReason),
			want: mxCodes{401, 200, 403, 403, 200, 403, 403, 404, 404}, check: mxAll(mxField("status", "returned"), rptThawed)},
		{op: "returnReport", target: "fresh DU-SCT submitted", build: freshReport("DU-SCT", "submitted", registrar["DU-SCT"], "POST", "/return", rptReason),
			want: mxCodes{401, 200, 200, 403, 403, 404, 404, 404, 404}},
		{op: "returnReport", target: "fresh CB-VP submitted by admin", build: freshReport("CB-VP", "submitted", "admin", "POST", "/return", rptReason),
			want: mxCodes{401, 403, 403, 403, 200, 403, 403, 404, 404}, problems: map[string]string{"admin": "own_submission"}},
		{op: "returnReport", target: "fresh CB-VP submitted, round closed", build: freshReport("CB-VP", "submitted+closed", registrar["CB-VP"], "POST", "/return", rptReason),
			want:     mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404},
			problems: map[string]string{"admin": "round_closed", "committee.officer": "round_closed"}},
		{op: "returnReport", target: "fresh CB-VP submitted, no reason", build: freshReport("CB-VP", "submitted", registrar["CB-VP"], "POST", "/return", map[string]any{}),
			want: mxCodes{401, 422, 422, 422, 422, 422, 422, 422, 422}},
		{op: "returnReport", target: "demo CB-VP accepted", build: onReport(rptDemo["CB-VP"], "POST", "/return", rptReason),
			want:     mxCodes{401, 409, 403, 403, 409, 403, 403, 404, 404},
			problems: map[string]string{"admin": "invalid_transition", "committee.officer": "invalid_transition"}},
		{op: "returnReport", target: "fresh foreign cell submitted", build: freshReport("MX-CB", "submitted", registrar["MX-CB"], "POST", "/return", rptReason),
			want: mxCodes{401, 200, 404, 404, 404, 404, 404, 404, 404}},
		{op: "returnReport", target: "unknown id", build: onReport(uuid.NewString(), "POST", "/return", rptReason),
			want: mxCodes{401, 404, 404, 404, 404, 404, 404, 404, 404}},
	}

	// Every operation of the spec has rows, every row names an operation of the spec, and each
	// row's request really is that operation.
	ops := mxSpecOperations(t)
	inSpec := map[string]bool{}
	for _, op := range ops {
		inSpec[op.id] = true
	}
	inTable := map[string]bool{}
	for _, r := range rows {
		inTable[r.op] = true
		if !inSpec[r.op] {
			t.Errorf("table row %s/%s names an operation that is not in the spec", r.op, r.target)
		}
	}
	for _, op := range ops {
		if !inTable[op.id] {
			t.Errorf("operation %s (%s) has no row in the access matrix", op.id, op.method)
		}
	}
	opOf := func(method, path string) string {
		path, _, _ = strings.Cut(path, "?")
		for _, op := range ops {
			if op.method == method && op.path.MatchString(path) {
				return op.id
			}
		}
		return ""
	}

	cases := 0
	for _, r := range rows {
		for i, caller := range mxCallers {
			want := r.want[i]
			cases++
			t.Run(r.op+"/"+r.target+"/"+mxCallerName(caller), func(t *testing.T) {
				se := *e // same service and maps; failures belong to this subtest
				se.t = t
				rq := r.build(&se, caller)
				rq.User = caller
				if got := opOf(rq.Method, rq.Path); got != r.op {
					t.Fatalf("row %s builds %s %s, which is operation %q", r.op, rq.Method, rq.Path, got)
				}
				got := se.do(rq)
				if got.Status != want {
					t.Errorf("%s %s as %s: status %d, want %d\n%s", rq.Method, rq.Path, mxCallerName(caller), got.Status, want, got.Body)
					return
				}
				if got.Status >= 400 && got.Status < 500 {
					if ct := got.Header.Get("Content-Type"); ct != "application/problem+json" {
						t.Errorf("status %d with content type %q, want application/problem+json", got.Status, ct)
					}
					p := got.JSON(t)
					if p["status"] != float64(got.Status) || p["code"] == "" || p["code"] == nil {
						t.Errorf("incomplete problem: %s", got.Body)
					}
					if code, ok := r.problems[caller]; ok && p["code"] != code {
						t.Errorf("problem code %v, want %q: %s", p["code"], code, got.Body)
					}
				}
				if got.Status < 300 && r.check != nil {
					r.check(t, caller, got)
				}
			})
		}
	}
	t.Logf("access matrix: %d operations, %d rows, %d cases", len(ops), len(rows), cases)
}

func mxNewUserReq(fx *mxFixtures, unit uuid.UUID) req {
	return req{Method: "POST", Path: "/api/v1/users",
		Body: map[string]any{"username": fx.next("mx.new"), "full_name": "Người dùng mới", "password": "matrix-pass-1", "unit_id": unit}}
}

func mxPatchUserReq(user uuid.UUID) req {
	return req{Method: "PATCH", Path: "/api/v1/users/" + user.String(), Body: map[string]any{"full_name": "Tên đã sửa"}}
}

func mxGrantReq(user uuid.UUID, role string, unit *uuid.UUID) req {
	body := map[string]any{"role": role}
	if unit != nil {
		body["unit_id"] = *unit
	}
	return req{Method: "POST", Path: "/api/v1/users/" + user.String() + "/roles", Body: body}
}

// mxRevokeReq makes a fresh user at home holding role at unit, and the request revoking it.
func mxRevokeReq(e *env, fx *mxFixtures, home uuid.UUID, role string, unit *uuid.UUID) req {
	e.t.Helper()
	u := fx.user(e, home)
	fx.grant(e, u, role, unit)
	q := url.Values{"role": {role}}
	if unit != nil {
		q.Set("unit_id", unit.String())
	}
	return req{Method: "DELETE", Path: "/api/v1/users/" + u.String() + "/roles?" + q.Encode()}
}

// mxFreshClient registers (as admin) a fresh portal client at unit and calls method on it;
// suffix follows /api/v1/clients/{id}.
func mxFreshClient(fx *mxFixtures, unit uuid.UUID, method, suffix string, body any) func(*env, string) req {
	return func(e *env, _ string) req {
		r := mxNewClientReq(fx, unit)
		r.User = "admin"
		id := e.must(http.StatusCreated, r).JSON(e.t)["id"].(string)
		return req{Method: method, Path: "/api/v1/clients/" + id + suffix, Body: body}
	}
}

func mxNewClientReq(fx *mxFixtures, unit uuid.UUID) req {
	return req{Method: "POST", Path: "/api/v1/clients", Body: map[string]any{"name": fx.next("Cổng thử"), "unit_id": unit, "role": "portal"}}
}

// mxUpload uploads a one-row dry run of kind into the unit with code.
func mxUpload(e *env, code, kind string) func(*env, string) req {
	return func(e *env, _ string) req {
		body, ct := multipartBody(e.t, upload{kind: kind, name: "a.csv", data: []byte("x\n1\n"), dryRun: true})
		return req{Method: "POST", Path: "/api/v1/units/" + e.units[code].String() + "/imports", Body: body, Content: ct}
	}
}

// mxAdminJob has admin upload a job into the unit with code and GETs suffix of it.
func mxAdminJob(e *env, code, suffix string) func(*env, string) req {
	return func(e *env, _ string) req {
		j := e.submit(upload{user: "admin", unit: code, kind: "models", name: "a.csv", data: []byte("x\n1\n")})
		return req{Method: "GET", Path: "/api/v1/imports/" + j.ID + suffix}
	}
}

// mxInterruptedJob has admin upload a job into the unit with code and leaves it as the sweeper
// leaves a job whose process stopped while running it: failed as interrupted.
func mxInterruptedJob(e *env, code string) func(*env, string) req {
	return func(e *env, _ string) req {
		j := e.submit(upload{user: "admin", unit: code, kind: "models", name: "a.csv", data: []byte("x\n1\n")})
		db, err := e.store.SQL()
		if err != nil {
			e.t.Fatal(err)
		}
		if _, err := db.Exec("UPDATE import_jobs SET state = 'failed', error_code = 'interrupted', attempts = 1 WHERE id = $1", j.ID); err != nil {
			e.t.Fatal(err)
		}
		return req{Method: "POST", Path: "/api/v1/imports/" + j.ID + "/retry"}
	}
}
