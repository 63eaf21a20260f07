package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/vntime"
)

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
// every item's field (a unit id; a dotted path such as "unit.id" reads into an object) is one
// of the units named.
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
			var v string
			obj, _ := it.(map[string]any)
			for _, key := range strings.Split(field, ".") {
				next, _ := obj[key].(map[string]any)
				v, _ = obj[key].(string)
				obj = next
			}
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
	return mxItemsWhere(e, "unit.id", want)
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
