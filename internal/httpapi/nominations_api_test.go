package httpapi_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
)

// Full-stack tests of exemplars (điển hình tiêu biểu): nominating, the workflow up the tree, the
// honor roll, honoring rounds, coverage, nurturing, and the public feed.
// This file holds their JSON forms and helpers; the tests are in nominations_<topic>_api_test.go.

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
	year := vnYear()
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
	CriteriaUnmet []string `json:"criteria_unmet"`
	Mentor        *struct {
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

// nomBody is a nomination body for year with subject, meeting every criterion that applies to
// it (Kế hoạch 185-KH/ĐU §II.1), so that it goes up without a criteria_reason.
func nomBody(year int, subject map[string]any, summary string) map[string]any {
	return map[string]any{"year": year, "subject": subject, "public_summary": summary, "achievements": "Thành tích nội bộ của " + summary,
		"criteria": nomAllMet(subject)}
}

// nomAllMet answers every criterion that applies to subject as met, with evidence.
func nomAllMet(subject map[string]any) []map[string]any {
	codes := []string{"G1", "I1", "I2", "I3"}
	if subject["kind"] == "collective" {
		codes = []string{"G1", "C1", "C2", "C3", "C4", "C5"}
	} else if subject["leader"] == true {
		codes = append(codes, "L1")
	}
	out := make([]map[string]any, len(codes))
	for i, c := range codes {
		out[i] = map[string]any{"code": c, "met": true, "evidence": "Minh chứng " + c}
	}
	return out
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
