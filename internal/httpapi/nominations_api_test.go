package httpapi_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
	"lamtheobac/internal/app/apptest"
)

// Full-stack tests of exemplars (điển hình tiêu biểu): nominating, the workflow up the tree, the
// honor roll, honoring rounds, coverage, nurturing, and the public feed.

// nomClock is a settable clock for the services, ticking one millisecond a call so that events
// keep their order.
type nomClock struct{ base, ticks atomic.Int64 }

func (c *nomClock) now() time.Time {
	return time.Unix(0, c.base.Load()).UTC().Add(time.Duration(c.ticks.Add(1)) * time.Millisecond)
}

// set moves the clock to t.
func (c *nomClock) set(t time.Time) {
	c.base.Store(t.UnixNano())
	c.ticks.Store(0)
}

// nomHanoi is a wall-clock time in Hà Nội (UTC+7).
func nomHanoi(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, time.FixedZone("ICT", 7*3600))
}

// nomEnv is newEnv on a clock set at 10:00 Hà Nội on June 15 of the real year (the demo dates
// its nominations by the clock's year). It returns the clock and its year.
func nomEnv(t *testing.T) (*env, *nomClock, int) {
	t.Helper()
	c := &nomClock{}
	year := time.Now().Year()
	c.set(nomHanoi(year, time.June, 15, 10, 0))
	return newEnvWith(t, app.Options{Clock: c.now}), c, year
}

// nomToday is the clock's civil date (June 15) as the API writes dates.
func nomToday(year int) string { return fmt.Sprintf("%d-06-15", year) }

type nomUnitRef struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Code string `json:"code"`
	Name string `json:"name"`
}

type nomDecisionView struct {
	Number    string `json:"number"`
	Date      string `json:"date"`
	Authority string `json:"authority"`
	Form      string `json:"form"`
}

// nomNomination is the JSON form of a nomination.
type nomNomination struct {
	ID      string     `json:"id"`
	Unit    nomUnitRef `json:"unit"`
	Year    int        `json:"year"`
	RoundID *string    `json:"round_id"`
	Subject struct {
		Kind           string      `json:"kind"`
		Name           string      `json:"name"`
		Unit           *nomUnitRef `json:"unit"`
		DepartmentName *string     `json:"department_name"`
		Position       *string     `json:"position"`
		PartyMember    *bool       `json:"party_member"`
		Leader         *bool       `json:"leader"`
	} `json:"subject"`
	Achievements  string   `json:"achievements"`
	PublicSummary string   `json:"public_summary"`
	ModelIDs      []string `json:"model_ids"`
	Criteria      []struct {
		Code     string  `json:"code"`
		Met      bool    `json:"met"`
		Evidence *string `json:"evidence"`
	} `json:"criteria"`
	Mentor *struct {
		Name   string  `json:"name"`
		UserID *string `json:"user_id"`
	} `json:"mentor"`
	Status       string           `json:"status"`
	StatusReason *string          `json:"status_reason"`
	Holder       nomUnitRef       `json:"holder"`
	Decision     *nomDecisionView `json:"decision"`
	HonorEntry   *struct {
		Unit   nomUnitRef `json:"unit"`
		Year   int        `json:"year"`
		Number int        `json:"number"`
	} `json:"honor_entry"`
	Consent *struct {
		Given      bool    `json:"given"`
		Note       *string `json:"note"`
		RecordedAt string  `json:"recorded_at"`
	} `json:"consent"`
	Published      bool     `json:"published"`
	PublishedAt    *string  `json:"published_at"`
	Version        int64    `json:"version"`
	AllowedActions []string `json:"allowed_actions"`
}

type nomEvent struct {
	Action     string      `json:"action"`
	FromStatus *string     `json:"from_status"`
	ToStatus   string      `json:"to_status"`
	Holder     *nomUnitRef `json:"holder"`
	ActorID    *string     `json:"actor_id"`
	ActorName  string      `json:"actor_name"`
	Reason     *string     `json:"reason"`
	At         time.Time   `json:"at"`
}

type nomHonorEntry struct {
	Number       int              `json:"number"`
	Year         int              `json:"year"`
	Unit         nomUnitRef       `json:"unit"`
	NominationID string           `json:"nomination_id"`
	SubjectName  string           `json:"subject_name"`
	SubjectKind  string           `json:"subject_kind"`
	Decision     *nomDecisionView `json:"decision"`
}

type nomHonorRoll struct {
	Items      []nomHonorEntry `json:"items"`
	NextCursor *string         `json:"next_cursor"`
}

type nomNote struct {
	ID         string `json:"id"`
	Period     string `json:"period"`
	Label      string `json:"label"`
	Text       string `json:"text"`
	AuthorName string `json:"author_name"`
}

// nomPath is the path of a nomination, or of one of its sub-resources.
func nomPath(id string, sub ...string) string {
	p := "/api/v1/nominations/" + id
	for _, s := range sub {
		if s != "" { // an empty action names the resource itself
			p += "/" + s
		}
	}
	return p
}

// nomUnitPath is the path of a unit's sub-resource.
func (e *env) nomUnitPath(unit, sub string) string {
	return "/api/v1/units/" + e.units[unit].String() + "/" + sub
}

// nomGet reads a nomination as user.
func (e *env) nomGet(user, id string) nomNomination {
	e.t.Helper()
	return call[nomNomination](e, http.StatusOK, req{Method: "GET", Path: nomPath(id), User: user})
}

// nomCreate drafts a nomination at unit as user.
func (e *env) nomCreate(user, unit string, body map[string]any) nomNomination {
	e.t.Helper()
	got := e.must(http.StatusCreated, req{Method: "POST", Path: e.nomUnitPath(unit, "nominations"), User: user, Body: body})
	var n nomNomination
	got.Decode(e.t, &n)
	if loc := got.Header.Get("Location"); loc != nomPath(n.ID) {
		e.t.Fatalf("Location %q, want %q", loc, nomPath(n.ID))
	}
	if tag := got.Header.Get("ETag"); tag != `"1"` || n.Version != 1 || n.Status != "draft" || n.Holder.Code != unit || n.Unit.Code != unit {
		e.t.Fatalf("created: ETag %q, version %d, status %s, holder %s, unit %s", tag, n.Version, n.Status, n.Holder.Code, n.Unit.Code)
	}
	return n
}

// nomPerson is an individual subject.
func nomPerson(name, position string, unit uuid.UUID, leader bool) map[string]any {
	return map[string]any{"kind": "individual", "full_name": name, "position": position, "unit_id": unit, "party_member": true, "leader": leader}
}

// nomDepartment is a collective subject that is a named department.
func nomDepartment(name string) map[string]any {
	return map[string]any{"kind": "collective", "department_name": name}
}

// nomBody is a nomination body for year with subject.
func nomBody(year int, subject map[string]any, summary string) map[string]any {
	return map[string]any{"year": year, "subject": subject, "public_summary": summary, "achievements": "Thành tích nội bộ của " + summary}
}

// nomDecision is a commendation body.
func nomDecision(number, date string) map[string]any {
	return map[string]any{"decision_number": number, "decision_date": date, "authority": "Ban Thường vụ Đảng ủy Sở", "form": "Giấy khen"}
}

var nomReason = map[string]any{"reason": "Bổ sung minh chứng."}

// nomDrive takes a CB-VP-style draft to target: owner submits, decider returns, rejects,
// commends (with decision date) and honors.
func (e *env) nomDrive(owner, decider string, n nomNomination, target, date string) nomNomination {
	e.t.Helper()
	steps := map[string][]string{
		"draft":     {},
		"submitted": {"submit"},
		"returned":  {"submit", "return"},
		"rejected":  {"submit", "reject"},
		"commended": {"submit", "commend"},
		"honored":   {"submit", "commend", "honor"},
	}[target]
	for _, a := range steps {
		user := decider
		var body any
		switch a {
		case "submit":
			user = owner
		case "return", "reject":
			body = nomReason
		case "commend":
			body = nomDecision("01-QĐ/"+n.ID[:8], date)
		}
		n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, a), User: user, Header: ifMatch(n.Version), Body: body})
	}
	if n.Status != target {
		e.t.Fatalf("drove %s to %s, want %s", n.ID, n.Status, target)
	}
	return n
}

// nomUser creates, as admin, a user whose home unit is home, grants it roles (role, unit code)
// and registers it so that e.token serves it.
func (e *env) nomUser(username, fullName, home string, roles ...[2]string) uuid.UUID {
	e.t.Helper()
	got := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", User: "admin", Body: map[string]any{
		"username": username, "full_name": fullName, "password": "mat-khau-nom-1", "unit_id": e.units[home]}})
	id := uuid.MustParse(got.JSON(e.t)["id"].(string))
	for _, r := range roles {
		e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users/" + id.String() + "/roles", User: "admin",
			Body: map[string]any{"role": r[0], "unit_id": e.units[r[1]]}})
	}
	e.users[username] = id
	return id
}

// nomFind returns the nomination of unit whose subject is named name (as admin).
func (e *env) nomFind(unit, name string) nomNomination {
	e.t.Helper()
	var l struct {
		Items []nomNomination `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath(unit, "nominations") + "?limit=100", User: "admin"}).Decode(e.t, &l)
	for _, n := range l.Items {
		if n.Subject.Name == name {
			return n
		}
	}
	e.t.Fatalf("no nomination of %q at %s", name, unit)
	return nomNomination{}
}

// nomModel returns the id and status of the demo model of unit named name.
func (e *env) nomModel(unit, name string) (string, string) {
	e.t.Helper()
	var l struct {
		Items []struct {
			ID     string     `json:"id"`
			Name   string     `json:"name"`
			Status string     `json:"status"`
			Unit   nomUnitRef `json:"unit"`
		} `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath("KHOI-CQDN", "models") + "?scope=subtree&limit=200", User: "admin"}).Decode(e.t, &l)
	for _, m := range l.Items {
		if m.Unit.Code == unit && m.Name == name {
			return m.ID, m.Status
		}
	}
	e.t.Fatalf("no model %q at %s", name, unit)
	return "", ""
}

// nomPublic GETs a public path without a token and fails unless the status is 200.
func (e *env) nomPublic(path string, header map[string]string) resp {
	e.t.Helper()
	return e.must(http.StatusOK, req{Method: "GET", Path: path, Header: header})
}

// nomPublicNames lists the names (or titles) of the items of a public list.
func (e *env) nomPublicNames(path string) []string {
	e.t.Helper()
	var l struct {
		Items []map[string]any `json:"items"`
	}
	e.nomPublic(path, nil).Decode(e.t, &l)
	out := []string{}
	for _, it := range l.Items {
		if n, ok := it["name"].(string); ok {
			out = append(out, n)
		} else if n, ok := it["title"].(string); ok {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// nomAtom is the part of an Atom feed the tests read.
type nomAtom struct {
	XMLName xml.Name `xml:"feed"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Summary string `xml:"summary"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

// nomFeed GETs and parses the Atom feed (query already encoded, with its "?").
func (e *env) nomFeed(query string) (nomAtom, resp) {
	e.t.Helper()
	got := e.nomPublic("/public/feed.atom"+query, nil)
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
		e.t.Fatalf("feed content type %q", ct)
	}
	var f nomAtom
	if err := xml.Unmarshal(got.Body, &f); err != nil {
		e.t.Fatalf("feed is not XML: %v\n%s", err, got.Body)
	}
	return f, got
}

// nomFeedHas reports whether an entry title of the feed contains s.
func nomFeedHas(f nomAtom, s string) bool {
	for _, en := range f.Entries {
		if strings.Contains(en.Title, s) {
			return true
		}
	}
	return false
}

// nomFields lists the fields a problem names, sorted.
func nomFields(p map[string]any) []string {
	out := []string{}
	errs, _ := p["errors"].([]any)
	for _, x := range errs {
		if m, ok := x.(map[string]any); ok {
			f, _ := m["field"].(string)
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nomWantFields asserts that a problem names exactly the fields of want.
func nomWantFields(t *testing.T, p map[string]any, want ...string) {
	t.Helper()
	w := slices.Clone(want)
	slices.Sort(w)
	if got := nomFields(p); !slices.Equal(got, w) {
		t.Fatalf("problem names fields %q, want %q\n%v", got, w, p)
	}
}

// nomUnchanged asserts that a nomination is still in status at version.
func (e *env) nomUnchanged(id, status string, version int64) {
	e.t.Helper()
	if n := e.nomGet("admin", id); n.Status != status || n.Version != version {
		e.t.Fatalf("nomination %s is %s v%d, want %s v%d unchanged", id, n.Status, n.Version, status, version)
	}
}

var nomUUID = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)

func TestCriteriaCatalog(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var l struct {
		Items []struct{ Code, Group, Text string } `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/criteria", User: "member"}).Decode(t, &l)
	var codes []string
	groups := map[string]string{}
	for _, c := range l.Items {
		if c.Text == "" {
			t.Fatalf("criterion %s has no text", c.Code)
		}
		codes = append(codes, c.Code)
		groups[c.Code] = c.Group
	}
	want := []string{"G1", "C1", "C2", "C3", "C4", "C5", "I1", "I2", "I3", "L1"}
	if !slices.Equal(codes, want) {
		t.Fatalf("criteria %q, want %q", codes, want)
	}
	if groups["G1"] != "general" || groups["C3"] != "collective" || groups["I2"] != "individual" || groups["L1"] != "leader" {
		t.Fatalf("groups %v", groups)
	}
	problem(t, e.do(req{Method: "GET", Path: "/api/v1/criteria"}), http.StatusUnauthorized, "unauthenticated")
}

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

	// cell → committee.
	n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "submit"), User: "cell.secretary", Header: ifMatch(n.Version)})
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
	n = call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(n.ID, "endorse"), User: "committee.officer", Header: ifMatch(n.Version)})
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
	want := []struct{ action, from, to, holder, actor string }{
		{"submit", "draft", "submitted", "DU-SCT", "cell.secretary"},
		{"endorse", "submitted", "endorsed", "KHOI-CQDN", "committee.officer"},
		{"commend", "endorsed", "commended", "KHOI-CQDN", "bloc.officer"},
		{"honor", "commended", "honored", "KHOI-CQDN", "bloc.officer"},
	}
	names := map[string]string{"cell.secretary": "Phạm Thị Lan", "committee.officer": "Lê Minh Tuấn", "bloc.officer": "Nguyễn Thị Hồng"}
	if len(h.Items) != len(want) {
		t.Fatalf("history has %d events, want %d: %+v", len(h.Items), len(want), h.Items)
	}
	for i, w := range want {
		ev := h.Items[i]
		if ev.Action != w.action || ev.FromStatus == nil || *ev.FromStatus != w.from || ev.ToStatus != w.to || ev.Holder == nil ||
			ev.Holder.Code != w.holder || ev.ActorID == nil || *ev.ActorID != e.users[w.actor].String() || ev.ActorName != names[w.actor] ||
			ev.At.IsZero() || ev.Reason != nil {
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

// TestHonorRollConcurrentNumbering honors many nominations at the same unit at once: the roll
// numbers them 1..N without repeats or gaps.
func TestHonorRollConcurrentNumbering(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	prev := year - 1 // the decision's year numbers the roll; DU-SCT has no entry for it yet
	decisionDate := fmt.Sprintf("%d-12-20", prev)

	// Nominated by two cells, held at the same committee: the roll is the holder's, not the cells'.
	e.nomUser("cs.ktat", "Tạ Thị An Toàn", "CB-KTAT", [2]string{"cell_secretary", "CB-KTAT"})
	const n = 8
	noms := make([]nomNomination, n+1)
	for i := range noms {
		owner, cell := "cell.secretary", "CB-VP"
		if i%2 == 1 {
			owner, cell = "cs.ktat", "CB-KTAT"
		}
		d := e.nomCreate(owner, cell, nomBody(year, nomPerson(fmt.Sprintf("Điển Hình Số %02d", i+1), "Chuyên viên", e.units[cell], false), "Vinh danh"))
		noms[i] = e.nomDrive(owner, "committee.officer", d, "commended", decisionDate)
		if noms[i].Holder.Code != "DU-SCT" {
			t.Fatalf("held at %s", noms[i].Holder.Code)
		}
	}
	token := e.token("committee.officer") // issued before the goroutines: e.tokens is a plain map
	honor := func(id string) (int, nomNomination, string) {
		r := httptest.NewRequest("POST", nomPath(id, "honor"), nil)
		r.Header.Set("Authorization", "Bearer "+token)
		w := apptest.Serve(t, e.app.Router, r)
		var out nomNomination
		_ = json.Unmarshal(w.Body.Bytes(), &out)
		return w.Code, out, w.Body.String()
	}

	// N different nominations, plus the last one honored twice at the same instant.
	type result struct {
		id     string
		status int
		n      nomNomination
		body   string
	}
	results := make([]result, n+2)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n+2; i++ {
		id := noms[min(i, n)].ID
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			st, got, body := honor(id)
			results[i] = result{id, st, got, body}
		}()
	}
	close(start)
	wg.Wait()

	numbers := map[int]string{}
	twice := 0
	for i, r := range results {
		if i >= n {
			if r.status == http.StatusOK {
				twice++
			} else if r.status != http.StatusConflict || !strings.Contains(r.body, "invalid_transition") {
				t.Fatalf("the second honoring of one nomination: %d %s", r.status, r.body)
			} else {
				continue
			}
		} else if r.status != http.StatusOK {
			t.Fatalf("honor %s: %d %s", r.id, r.status, r.body)
		}
		he := r.n.HonorEntry
		if r.n.Status != "honored" || he == nil || he.Unit.Code != "DU-SCT" || he.Year != prev {
			t.Fatalf("honored %s: %s, entry %+v", r.id, r.n.Status, he)
		}
		if other, dup := numbers[he.Number]; dup {
			t.Fatalf("number %d given to both %s and %s", he.Number, other, r.id)
		}
		numbers[he.Number] = r.id
	}
	if twice != 1 {
		t.Fatalf("one nomination was honored %d times at once, want exactly 1", twice)
	}
	for k := 1; k <= n+1; k++ {
		if numbers[k] == "" {
			t.Fatalf("number %d is missing: %v", k, numbers)
		}
	}
	if len(numbers) != n+1 {
		t.Fatalf("numbers %v, want 1..%d", numbers, n+1)
	}
	if got := e.count("honor_roll", "unit_id = $1 AND year = $2", e.units["DU-SCT"], prev); got != n+1 {
		t.Fatalf("%d roll entries, want %d", got, n+1)
	}

	// The roll of the year, in order, and by pages of three.
	rollPath := e.nomUnitPath("DU-SCT", "honor-roll") + "?year=" + strconv.Itoa(prev)
	var roll nomHonorRoll
	e.must(http.StatusOK, req{Method: "GET", Path: rollPath, User: "cell.secretary"}).Decode(t, &roll)
	if len(roll.Items) != n+1 || roll.NextCursor != nil {
		t.Fatalf("roll: %d entries, next %v", len(roll.Items), roll.NextCursor)
	}
	for i, it := range roll.Items {
		if it.Number != i+1 || it.Year != prev || it.Unit.Code != "DU-SCT" || it.NominationID != numbers[i+1] || it.SubjectKind != "individual" ||
			!strings.HasPrefix(it.SubjectName, "Điển Hình Số ") || it.Decision == nil || it.Decision.Date != decisionDate {
			t.Fatalf("roll[%d] = %+v", i, it)
		}
	}
	var paged []int
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > n {
			t.Fatalf("paging does not end")
		}
		var page nomHonorRoll
		path := rollPath + "&limit=3"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		e.must(http.StatusOK, req{Method: "GET", Path: path, User: "member"}).Decode(t, &page)
		if len(page.Items) > 3 || (page.NextCursor != nil && len(page.Items) != 3) {
			t.Fatalf("page of %d, next %v", len(page.Items), page.NextCursor)
		}
		for _, it := range page.Items {
			paged = append(paged, it.Number)
		}
		if page.NextCursor == nil {
			break
		}
		cursor = *page.NextCursor
	}
	if want := []int{1, 2, 3, 4, 5, 6, 7, 8, 9}; !slices.Equal(paged, want) {
		t.Fatalf("paged numbers %v, want %v", paged, want)
	}

	// The current year's roll of DU-SCT holds only the demo entry; every year together follows
	// (year, number).
	e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath("DU-SCT", "honor-roll") + "?year=" + strconv.Itoa(year), User: "committee.officer"}).Decode(t, &roll)
	if len(roll.Items) != 1 || roll.Items[0].Number != 1 || roll.Items[0].SubjectName != "Nguyễn Thị Thu" {
		t.Fatalf("current roll: %+v", roll.Items)
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath("DU-SCT", "honor-roll"), User: "committee.officer"}).Decode(t, &roll)
	var all []string
	for _, it := range roll.Items {
		all = append(all, fmt.Sprintf("%d/%d", it.Year, it.Number))
	}
	var want []string
	for k := 1; k <= n+1; k++ {
		want = append(want, fmt.Sprintf("%d/%d", prev, k))
	}
	want = append(want, fmt.Sprintf("%d/1", year))
	if !slices.Equal(all, want) {
		t.Fatalf("whole roll %q, want %q", all, want)
	}
	problem(t, e.do(req{Method: "GET", Path: e.nomUnitPath("DU-SCT", "honor-roll"), User: "cell.secretary2"}), http.StatusNotFound, "not_found")
}

// nomCoverage is the JSON form of an exemplar coverage page.
type nomCoverage struct {
	Year  int `json:"year"`
	Items []struct {
		Unit       nomUnitRef `json:"unit"`
		Collective int        `json:"collective"`
		Individual int        `json:"individual"`
	} `json:"items"`
	NextCursor *string `json:"next_cursor"`
	Totals     struct {
		Units         int `json:"units"`
		MeetingTarget int `json:"meeting_target"`
		ShortOfTarget int `json:"short_of_target"`
	} `json:"totals"`
}

// nomCoverageRows reads every page of a unit's coverage as user, returning code → "coll/ind".
func (e *env) nomCoverageRows(user, unit string, year, limit int) (map[string]string, nomCoverage) {
	e.t.Helper()
	rows := map[string]string{}
	var first nomCoverage
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 20 {
			e.t.Fatalf("coverage paging does not end")
		}
		path := e.nomUnitPath(unit, "exemplar-coverage") + fmt.Sprintf("?year=%d&limit=%d", year, limit)
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		var c nomCoverage
		e.must(http.StatusOK, req{Method: "GET", Path: path, User: user}).Decode(e.t, &c)
		if pages == 0 {
			first = c
		}
		if len(c.Items) > limit || c.Year != year {
			e.t.Fatalf("page of %d rows for year %d", len(c.Items), c.Year)
		}
		for _, it := range c.Items {
			if _, dup := rows[it.Unit.Code]; dup {
				e.t.Fatalf("%s listed twice", it.Unit.Code)
			}
			rows[it.Unit.Code] = fmt.Sprintf("%d/%d", it.Collective, it.Individual)
		}
		if c.NextCursor == nil {
			break
		}
		cursor = *c.NextCursor
	}
	return rows, first
}

// TestExemplarCoverage checks the units short of one collective and one individual exemplar.
func TestExemplarCoverage(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	wantTotals := func(c nomCoverage, units, meeting, short int) {
		t.Helper()
		if c.Totals.Units != units || c.Totals.MeetingTarget != meeting || c.Totals.ShortOfTarget != short {
			t.Fatalf("totals %+v, want %d units, %d meeting, %d short", c.Totals, units, meeting, short)
		}
	}
	wantRows := func(got, want map[string]string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("rows %v, want %v", got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("rows %v, want %v", got, want)
			}
		}
	}

	// The demo: CB-VP has an honored individual and a commended department; DU-SCT an honored
	// collective; CB-QLTM an endorsed and CB-KTAT a submitted individual; CB-BTTP's is returned,
	// CB-HCTP's rejected (neither counts); DU-STP has none. Drafts never count.
	demo := map[string]string{"DU-SCT": "1/0", "CB-QLTM": "0/1", "CB-KTAT": "0/1", "DU-STP": "0/0", "CB-BTTP": "0/0", "CB-HCTP": "0/0"}
	for _, limit := range []int{100, 2} {
		rows, c := e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year, limit)
		wantRows(rows, demo)
		wantTotals(c, 7, 1, 6)
	}
	rows, c := e.nomCoverageRows("inspector", "KHOI-CQDN", year, 100)
	wantRows(rows, demo)
	rows, c = e.nomCoverageRows("committee.officer", "DU-SCT", year, 100)
	wantRows(rows, map[string]string{"DU-SCT": "1/0", "CB-QLTM": "0/1", "CB-KTAT": "0/1"})
	wantTotals(c, 4, 1, 3)
	rows, c = e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year-1, 100)
	if len(rows) != 7 || c.Totals.MeetingTarget != 0 {
		t.Fatalf("last year: %v %+v", rows, c.Totals)
	}
	for _, u := range []string{"member", "cell.secretary", "committee.officer"} {
		problem(t, e.do(req{Method: "GET", Path: e.nomUnitPath("KHOI-CQDN", "exemplar-coverage") + fmt.Sprintf("?year=%d", year), User: u}),
			http.StatusForbidden, "forbidden")
	}
	problem(t, e.do(req{Method: "GET", Path: e.nomUnitPath("DU-STP", "exemplar-coverage") + fmt.Sprintf("?year=%d", year), User: "committee.officer"}),
		http.StatusNotFound, "not_found")
	if got := e.do(req{Method: "GET", Path: e.nomUnitPath("KHOI-CQDN", "exemplar-coverage"), User: "bloc.officer"}); got.Status != http.StatusBadRequest {
		t.Fatalf("coverage without a year: %d", got.Status)
	}

	// CB-BTTP resubmits its returned individual and nominates a department.
	duc := e.nomFind("CB-BTTP", "Phạm Minh Đức")
	if duc.Status != "returned" {
		t.Fatalf("demo returned nomination is %s", duc.Status)
	}
	call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(duc.ID, "submit"), User: "cell.secretary2", Header: ifMatch(duc.Version)})
	rows, c = e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year, 100)
	if rows["CB-BTTP"] != "0/1" {
		t.Fatalf("CB-BTTP after the resubmission: %q", rows["CB-BTTP"])
	}
	wantTotals(c, 7, 1, 6)
	dept := e.nomCreate("cell.secretary2", "CB-BTTP", nomBody(year, nomDepartment("Tổ Công chứng"), "Tổ tiêu biểu"))
	rows, _ = e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year, 100)
	if rows["CB-BTTP"] != "0/1" {
		t.Fatalf("a draft counted: CB-BTTP %q", rows["CB-BTTP"])
	}
	call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(dept.ID, "submit"), User: "cell.secretary2", Header: ifMatch(dept.Version)})
	rows, c = e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year, 100)
	delete(demo, "CB-BTTP")
	wantRows(rows, demo)
	wantTotals(c, 7, 2, 5)
	// A nomination for another year does not count for this one.
	other := e.nomCreate("committee.officer", "DU-SCT", nomBody(year-1, nomPerson("Năm Trước", "Chuyên viên", e.units["DU-SCT"], false), "Năm trước"))
	call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(other.ID, "submit"), User: "committee.officer", Header: ifMatch(other.Version)})
	rows, _ = e.nomCoverageRows("bloc.officer", "KHOI-CQDN", year, 100)
	if rows["DU-SCT"] != "1/0" {
		t.Fatalf("last year's nomination counted this year: DU-SCT %q", rows["DU-SCT"])
	}
}

// TestPublicFeedRules checks what the portal sees: only what an officer published, public
// fields only, filters, and cheap polling.
func TestPublicFeedRules(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	today := nomToday(year)

	// The demo publishes two exemplars; nothing in any other state shows.
	wantExemplars := []string{"Chi bộ Quản lý thương mại", "Nguyễn Thị Thu"}
	if got := e.nomPublicNames("/public/exemplars"); !slices.Equal(got, wantExemplars) {
		t.Fatalf("public exemplars %q, want %q", got, wantExemplars)
	}
	hidden := []string{"Tổ Văn thư - Lưu trữ", "Trần Văn Bình", "Lê Thị Hoa", "Phạm Minh Đức", "Đỗ Văn Sơn", "Đề xuất chưa đủ căn cứ", "Đang hoàn thiện hồ sơ"}
	feed, fr := e.nomFeed("")
	for _, s := range hidden {
		if strings.Contains(string(fr.Body), s) || strings.Contains(string(e.nomPublic("/public/exemplars", nil).Body), s) {
			t.Fatalf("the public side shows %q", s)
		}
	}
	if len(feed.Entries) != 2 || !nomFeedHas(feed, "Nguyễn Thị Thu") || !nomFeedHas(feed, "Chi bộ Quản lý thương mại") {
		t.Fatalf("feed entries %+v", feed.Entries)
	}
	if got := e.nomPublicNames("/public/models"); len(got) != 0 {
		t.Fatalf("unpublished models show: %q", got)
	}
	if got := e.nomPublicNames("/public/standards"); len(got) != 0 {
		t.Fatalf("unpublished standards show: %q", got)
	}

	// Polling: ETag, Cache-Control, 304 on If-None-Match.
	first := e.nomPublic("/public/exemplars", nil)
	etag := first.Header.Get("ETag")
	if etag == "" || first.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, first.Header.Get("Cache-Control"))
	}
	notModified := e.do(req{Method: "GET", Path: "/public/exemplars", Header: map[string]string{"If-None-Match": etag}})
	if notModified.Status != http.StatusNotModified || len(notModified.Body) != 0 {
		t.Fatalf("If-None-Match: %d\n%s", notModified.Status, notModified.Body)
	}
	feedTag := fr.Header.Get("ETag")
	if feedTag == "" || fr.Header.Get("Cache-Control") != "public, max-age=300" || feedTag == etag {
		t.Fatalf("feed ETag %q (list %q), Cache-Control %q", feedTag, etag, fr.Header.Get("Cache-Control"))
	}
	if got := e.do(req{Method: "GET", Path: "/public/feed.atom", Header: map[string]string{"If-None-Match": feedTag}}); got.Status != http.StatusNotModified || len(got.Body) != 0 {
		t.Fatalf("feed If-None-Match: %d", got.Status)
	}
	modelsTag := e.nomPublic("/public/models", nil).Header.Get("ETag")

	// An honored collective stays off the portal until an officer publishes it.
	const dept = "Tổ Tiếp dân"
	n := e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
		nomBody(year, nomDepartment(dept), "Tiếp dân tận tình")), "honored", today)
	// An honored individual with consent, not published.
	p := e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
		nomBody(year, nomPerson("Chưa Công Bố", "Chuyên viên", e.units["CB-VP"], false), "Chưa công bố")), "honored", today)
	call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(p.ID, "consent"), User: "cell.secretary", Header: ifMatch(p.Version), Body: map[string]any{"given": true}})
	// A submitted and a rejected one.
	e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
		nomBody(year, nomPerson("Đang Xét", "Chuyên viên", e.units["CB-VP"], false), "Đang xét")), "submitted", today)
	e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
		nomBody(year, nomPerson("Bị Từ Chối", "Chuyên viên", e.units["CB-VP"], false), "Bị từ chối")), "rejected", today)
	if got := e.nomPublicNames("/public/exemplars"); !slices.Equal(got, wantExemplars) {
		t.Fatalf("public exemplars %q, want %q", got, wantExemplars)
	}
	if got := e.do(req{Method: "GET", Path: "/public/exemplars", Header: map[string]string{"If-None-Match": etag}}); got.Status != http.StatusNotModified {
		t.Fatalf("nothing was published, yet the ETag changed: %d", got.Status)
	}
	// Only officers over the holder publish.
	problem(t, e.do(req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "cell.secretary", Body: map[string]any{"published": true}}),
		http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "member", Body: map[string]any{"published": true}}),
		http.StatusForbidden, "forbidden")
	pub := e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "committee.officer", Body: map[string]any{"published": true}}).JSON(t)
	if pub["published"] != true || pub["approved_by"] != "Lê Minh Tuấn" {
		t.Fatalf("publication %v", pub)
	}
	// Publishing twice is not an error.
	e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "committee.officer", Body: map[string]any{"published": true}})
	wantNow := append(slices.Clone(wantExemplars), dept)
	slices.Sort(wantNow)
	if got := e.nomPublicNames("/public/exemplars"); !slices.Equal(got, wantNow) {
		t.Fatalf("public exemplars %q, want %q", got, wantNow)
	}
	// The old ETag no longer matches: the list is served again, with a new tag.
	again := e.do(req{Method: "GET", Path: "/public/exemplars", Header: map[string]string{"If-None-Match": etag}})
	if again.Status != http.StatusOK || again.Header.Get("ETag") == etag || len(again.Body) == 0 {
		t.Fatalf("after a publication: %d, ETag %q (old %q)", again.Status, again.Header.Get("ETag"), etag)
	}
	if got := e.do(req{Method: "GET", Path: "/public/feed.atom", Header: map[string]string{"If-None-Match": feedTag}}); got.Status != http.StatusOK {
		t.Fatalf("the feed did not change after a publication: %d", got.Status)
	}
	if f, _ := e.nomFeed(""); !nomFeedHas(f, dept) || nomFeedHas(f, "Chưa Công Bố") || nomFeedHas(f, "Đang Xét") || nomFeedHas(f, "Bị Từ Chối") {
		t.Fatalf("feed entries %+v", f.Entries)
	}
	// Unpublishing takes it off again.
	e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "committee.officer", Body: map[string]any{"published": false}})
	if got := e.nomPublicNames("/public/exemplars"); !slices.Equal(got, wantExemplars) {
		t.Fatalf("after unpublishing: %q", got)
	}
	if e.nomGet("cell.secretary", n.ID).Published {
		t.Fatalf("still published")
	}
	e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "committee.officer", Body: map[string]any{"published": true}})

	// Models: only approved or later, only once published.
	for _, m := range [][2]string{{"CB-KTAT", "Ngày chủ nhật xanh"}, {"CB-QLTM", "Mỗi tháng một việc tốt"}} {
		id, status := e.nomModel(m[0], m[1])
		problem(t, e.do(req{Method: "PUT", Path: "/api/v1/models/" + id + "/publication", User: "committee.officer", Body: map[string]any{"published": true}}),
			http.StatusConflict, "not_publishable")
		if e.count("models", "id = $1 AND published_at IS NOT NULL", id) != 0 {
			t.Fatalf("a %s model was published", status)
		}
	}
	smile, _ := e.nomModel("CB-VP", "Nụ cười công sở") // in progress, this year
	baKhong, _ := e.nomModel("CB-BTTP", "Ba không")    // approved, this year
	bonKhong, _ := e.nomModel("CB-BTTP", "4 không")    // completed, last year
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/models/" + smile + "/publication", User: "cell.secretary", Body: map[string]any{"published": true}}),
		http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/models/" + baKhong + "/publication", User: "committee.officer", Body: map[string]any{"published": true}}),
		http.StatusNotFound, "not_found")
	mp := e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + smile + "/publication", User: "committee.officer", Body: map[string]any{"published": true}}).JSON(t)
	if mp["published"] != true || mp["approved_by"] != "Lê Minh Tuấn" || mp["published_at"] == nil {
		t.Fatalf("model publication %v", mp)
	}
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + baKhong + "/publication", User: "bloc.officer", Body: map[string]any{"published": true}})
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + bonKhong + "/publication", User: "bloc.officer", Body: map[string]any{"published": true}})
	if got, want := e.nomPublicNames("/public/models"), []string{"4 không", "Ba không", "Nụ cười công sở"}; !slices.Equal(got, want) {
		t.Fatalf("public models %q, want %q", got, want)
	}
	if got := e.do(req{Method: "GET", Path: "/public/models", Header: map[string]string{"If-None-Match": modelsTag}}); got.Status != http.StatusOK {
		t.Fatalf("the models ETag did not change: %d", got.Status)
	}
	var models struct {
		Items []map[string]any `json:"items"`
	}
	e.nomPublic("/public/models", nil).Decode(t, &models)
	for _, m := range models.Items {
		for k := range m {
			if !slices.Contains([]string{"id", "name", "year", "category", "unit", "content", "published_at"}, k) {
				t.Fatalf("public model has field %q", k)
			}
		}
	}

	// Standards: only issued ones, once published.
	var stds struct {
		Items []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
			Title  string `json:"title"`
		} `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath("DU-SCT", "standards") + "?status=issued", User: "committee.officer"}).Decode(t, &stds)
	if len(stds.Items) != 1 {
		t.Fatalf("demo standards: %+v", stds.Items)
	}
	issued := stds.Items[0]
	var draft struct {
		ID string `json:"id"`
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: e.nomUnitPath("CB-VP", "standards"), User: "cell.secretary",
		Body: map[string]any{"title": "Dự thảo chuẩn mực", "items": []map[string]any{{"text": "Trung thực, khiêm tốn.", "relation": "fatherland_party"}}}}).Decode(t, &draft)
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/standards/" + draft.ID + "/publication", User: "committee.officer", Body: map[string]any{"published": true}}),
		http.StatusConflict, "not_publishable")
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/standards/" + issued.ID + "/publication", User: "committee.officer", Body: map[string]any{"published": true}})
	var pstd struct {
		Items []map[string]any `json:"items"`
	}
	e.nomPublic("/public/standards", nil).Decode(t, &pstd)
	if len(pstd.Items) != 1 || pstd.Items[0]["id"] != issued.ID || pstd.Items[0]["title"] != issued.Title ||
		pstd.Items[0]["decision"] != "Quyết định số 14-QĐ/ĐU ngày 16/04/2022" || len(pstd.Items[0]["items"].([]any)) == 0 {
		t.Fatalf("public standards %v", pstd.Items)
	}
	for k := range pstd.Items[0] {
		if !slices.Contains([]string{"id", "title", "subtitle", "items", "unit", "decision", "published_at"}, k) {
			t.Fatalf("public standard has field %q", k)
		}
	}

	// Filters.
	q := func(path string, kv ...string) []string {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return e.nomPublicNames(path + "?" + v.Encode())
	}
	sct, stp, khoi := e.units["DU-SCT"].String(), e.units["DU-STP"].String(), e.units["KHOI-CQDN"].String()
	if got := q("/public/exemplars", "bloc_id", khoi); !slices.Equal(got, wantNow) {
		t.Fatalf("bloc filter: %q", got)
	}
	if got := q("/public/exemplars", "bloc_id", uuid.NewString()); len(got) != 0 {
		t.Fatalf("another bloc's exemplars: %q", got)
	}
	if got := q("/public/exemplars", "committee_id", sct); !slices.Equal(got, wantNow) {
		t.Fatalf("DU-SCT filter: %q", got)
	}
	if got := q("/public/exemplars", "committee_id", stp); len(got) != 0 {
		t.Fatalf("DU-STP exemplars: %q", got)
	}
	if got := q("/public/exemplars", "year", strconv.Itoa(year)); !slices.Equal(got, wantNow) {
		t.Fatalf("this year's exemplars: %q", got)
	}
	if got := q("/public/exemplars", "year", strconv.Itoa(year-1)); len(got) != 0 {
		t.Fatalf("last year's exemplars: %q", got)
	}
	if got := q("/public/models", "committee_id", stp); !slices.Equal(got, []string{"4 không", "Ba không"}) {
		t.Fatalf("DU-STP models: %q", got)
	}
	if got := q("/public/models", "committee_id", sct); !slices.Equal(got, []string{"Nụ cười công sở"}) {
		t.Fatalf("DU-SCT models: %q", got)
	}
	if got := q("/public/models", "committee_id", stp, "year", strconv.Itoa(year-1)); !slices.Equal(got, []string{"4 không"}) {
		t.Fatalf("DU-STP models of last year: %q", got)
	}
	if got := q("/public/models", "bloc_id", khoi, "year", strconv.Itoa(year)); !slices.Equal(got, []string{"Ba không", "Nụ cười công sở"}) {
		t.Fatalf("this year's models: %q", got)
	}
	if got := q("/public/standards", "committee_id", stp); len(got) != 0 {
		t.Fatalf("DU-STP standards: %q", got)
	}
	if got := q("/public/standards", "year", "2022", "committee_id", sct); len(got) != 1 {
		t.Fatalf("standards of 2022: %q", got)
	}
	if got := q("/public/standards", "year", strconv.Itoa(year)); len(got) != 0 {
		t.Fatalf("standards decided this year: %q", got)
	}
	if f, _ := e.nomFeed("?committee_id=" + stp); len(f.Entries) != 2 || !nomFeedHas(f, "Ba không") || !nomFeedHas(f, "4 không") {
		t.Fatalf("DU-STP feed: %+v", f.Entries)
	}
	if f, _ := e.nomFeed("?committee_id=" + sct); len(f.Entries) != 5 || nomFeedHas(f, "Ba không") || !nomFeedHas(f, dept) {
		t.Fatalf("DU-SCT feed: %+v", f.Entries)
	}
	if got := e.do(req{Method: "GET", Path: "/public/exemplars?committee_id=not-a-uuid"}); got.Status != http.StatusBadRequest {
		t.Fatalf("a bad filter: %d", got.Status)
	}
	// Nothing the portal lists is a draft, a rejected or unpublished nomination.
	var ex struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	e.nomPublic("/public/exemplars", nil).Decode(t, &ex)
	for _, it := range ex.Items {
		if e.count("nominations", "id = $1 AND status = 'honored' AND published_at IS NOT NULL", it.ID) != 1 {
			t.Fatalf("the portal lists %s, not an honored, published nomination", it.ID)
		}
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
