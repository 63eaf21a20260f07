// Package scenario names the requests the load benchmark (bench/loadbench) drives, what the
// baseline server (bench/baseline) answers for each, and the targets of issue #8; the EXPLAIN
// test drives the same requests through the real router. It also finds, in a loaded database,
// the ids and logins the requests need.
package scenario

import (
	"encoding/json"
	"net/url"
	"time"
)

// Target is what a scenario must reach. Zero fields are not checked.
type Target struct {
	// MinRatio is the least share of the baseline's requests/s (0.5 = at least half).
	MinRatio float64
	// MaxP99 bounds the 99th percentile latency.
	MaxP99 time.Duration
	// Status is the status every answer must have (200 unless set).
	Status int
	// NoDB says the answer must not touch the database (checked by the API tests, stated here
	// so the table says which target it is).
	NoDB bool
}

// Scenario is one request pattern, driven for a fixed time against the service and then
// against the baseline.
type Scenario struct {
	Name   string
	Method string
	Path   string            // on the service
	User   string            // whose access token to send ("" for none)
	Body   []byte            // request body (JSON)
	Header map[string]string // extra headers
	// Baseline is the path of the same work on the baseline server; "" means the scenario has
	// no HTTP baseline of its own (the import, compared with COPY by its own runner).
	Baseline string
	// Revalidate: send the ETag of a first answer as If-None-Match (the portal's poll).
	Revalidate bool
	// Login: rotate over IDs.LoginUsers and give every request its own client address, so the
	// per-account and per-address login throttles (which must stay on) do not turn the load
	// into 429s; the service runs with TRUST_PROXY and reads X-Forwarded-For.
	Login  bool
	Target Target
}

// IDs are the rows of a loaded database the scenarios name.
type IDs struct {
	Bloc, Committee, Model, Round, Report    string
	SubmittedReport, Nomination              string // reads by id (#16)
	Standard                                 string // "" when the dataset has none (the synthetic one)
	Year                                     int    // the newest model year (the list filter)
	Search                                   string // a word of model names, without diacritics
	Secretary, CommitteeOfficer, BlocOfficer string // usernames
	LoginUsers                               []string
	Password                                 string
	// The members' and the study's (issues #18, #20): the secretary's cell, the member account
	// of that cell, the newest year of commitments, and the quarter of the bloc's latest held
	// study session ("Q1"…"Q4" of StudyYear).
	Cell, Member          string
	MemberYear, StudyYear int
	StudyPeriod           string
}

// All returns the scenarios over ids, in the order they run.
func All(ids IDs) []Scenario {
	year := url.QueryEscape(itoa(ids.Year))
	login, _ := json.Marshal(map[string]string{"username": ids.Secretary, "password": ids.Password})
	read := Target{MinRatio: 0.5, MaxP99: 25 * time.Millisecond}
	heavy := Target{MaxP99: 100 * time.Millisecond}
	byID := []Scenario{
		{Name: "model by id (cell secretary)", Method: "GET", Path: "/api/v1/models/" + ids.Model, User: ids.Secretary,
			Baseline: "/models/" + ids.Model, Target: read},
		{Name: "nomination by id (bloc officer)", Method: "GET", Path: "/api/v1/nominations/" + ids.Nomination, User: ids.BlocOfficer,
			Baseline: "/nominations/" + ids.Nomination, Target: read},
		{Name: "submitted report by id (bloc officer)", Method: "GET", Path: "/api/v1/reports/" + ids.SubmittedReport,
			User: ids.BlocOfficer, Baseline: "/reports/" + ids.SubmittedReport, Target: read},
	}
	if ids.Standard != "" {
		byID = append(byID, Scenario{Name: "standard by id (bloc officer)", Method: "GET", Path: "/api/v1/standards/" + ids.Standard,
			User: ids.BlocOfficer, Baseline: "/standards/" + ids.Standard, Target: read})
	}
	return append(byID, []Scenario{
		{Name: "committee subtree models, year filter, 50/page", Method: "GET", User: ids.CommitteeOfficer,
			Path:     "/api/v1/units/" + ids.Committee + "/models?scope=subtree&limit=50&year=" + year,
			Baseline: "/units/" + ids.Committee + "/models?limit=50&year=" + year, Target: read},
		{Name: "bloc model search, no diacritics", Method: "GET", User: ids.BlocOfficer,
			Path:     "/api/v1/units/" + ids.Bloc + "/models?scope=subtree&limit=50&q=" + url.QueryEscape(ids.Search),
			Baseline: "/units/" + ids.Bloc + "/models?limit=50&q=" + url.QueryEscape(ids.Search), Target: read},
		{Name: "round completeness at the bloc", Method: "GET", User: ids.BlocOfficer,
			Path: "/api/v1/reporting-rounds/" + ids.Round + "/status", Baseline: "/rounds/" + ids.Round + "/status", Target: heavy},
		// Rounds hold reports of cells and committees only, so the bloc officer's consolidation
		// is a committee's: its cells' reports, found among the round's 6,300.
		{Name: "committee consolidation (bloc officer)", Method: "GET", User: ids.BlocOfficer,
			Path: "/api/v1/reports/" + ids.Report + "/consolidated", Baseline: "/reports/" + ids.Report + "/consolidated", Target: heavy},
		// Issue #19: a bloc's inspection summary over five years of its and its committees' plans.
		// No baseline of its own: the target is the latency.
		{Name: "bloc inspection summary, five years", Method: "GET", User: ids.BlocOfficer,
			Path:   "/api/v1/units/" + ids.Bloc + "/inspection-summary?from=" + itoa(ids.Year-4) + "-01-01&to=" + itoa(ids.Year) + "-12-31",
			Target: heavy},
		// Issue #18: the members' coverage of a bloc of 6,000 cells and 60,000 members, a page of
		// cells with the bloc's totals. Issue #20: the bloc's study summary of the quarter of its
		// latest sessions (sessions held against the plan, attendance, reflections) per committee.
		// No baselines of their own: the target is the latency (see bench/README.md).
		{Name: "bloc member coverage, 50/page", Method: "GET", User: ids.BlocOfficer,
			Path: "/api/v1/units/" + ids.Bloc + "/member-coverage?limit=50&year=" + itoa(ids.MemberYear), Target: heavy},
		{Name: "bloc study attendance summary, a quarter", Method: "GET", User: ids.BlocOfficer,
			Path:   "/api/v1/units/" + ids.Bloc + "/study-summary?year=" + itoa(ids.StudyYear) + "&period=" + ids.StudyPeriod,
			Target: heavy},
		// A portal or browser accepts gzip: the service answers with the copy it compressed once
		// (the baseline ignores the header, as a simple server would).
		{Name: "public feed", Method: "GET", Path: "/public/feed.atom", Baseline: "/feed.atom",
			Header: map[string]string{"Accept-Encoding": "gzip"}},
		{Name: "public feed, If-None-Match", Method: "GET", Path: "/public/feed.atom", Baseline: "/feed.atom", Revalidate: true,
			Target: Target{Status: 304, NoDB: true}},
		{Name: "login (argon2id)", Method: "POST", Path: "/api/v1/auth/login", Body: login, Login: true,
			Header: map[string]string{"Content-Type": "application/json"}, Baseline: "/login"},
		// The bulk import of 100,000 model rows against COPY plugs in here (the lead's #7): it is
		// not a request loop, so it gets its own runner in bench/loadbench/imports.go.
	}...)
}

// Checked returns the requests the EXPLAIN test drives besides the scenarios, which are not
// load-tested: the other reads of the members' work and the study over the same dataset (a
// committee's coverage and counts, the commitments lists at each level, the study summary of a
// committee and of the bloc's year, the sessions and events lists, and /me/tasks for a member,
// a secretary and a committee officer). Their answers must be 200.
func Checked(ids IDs) []Scenario {
	y, sy := itoa(ids.MemberYear), itoa(ids.StudyYear)
	get := func(name, user, path string) Scenario {
		return Scenario{Name: name, Method: "GET", User: user, Path: path}
	}
	return []Scenario{
		get("committee member coverage", ids.CommitteeOfficer, "/api/v1/units/"+ids.Committee+"/member-coverage?limit=50&year="+y),
		get("bloc member coverage, 200/page", ids.BlocOfficer, "/api/v1/units/"+ids.Bloc+"/member-coverage?limit=200&year="+y),
		get("bloc member classes", ids.BlocOfficer, "/api/v1/units/"+ids.Bloc+"/member-classes?year="+y),
		get("committee member classes", ids.CommitteeOfficer, "/api/v1/units/"+ids.Committee+"/member-classes?year="+y),
		get("cell commitments", ids.Secretary, "/api/v1/units/"+ids.Cell+"/commitments?year="+y),
		get("committee commitments, subtree", ids.CommitteeOfficer, "/api/v1/units/"+ids.Committee+"/commitments?scope=subtree&year="+y),
		get("bloc commitments, subtree, submitted", ids.BlocOfficer, "/api/v1/units/"+ids.Bloc+"/commitments?scope=subtree&status=submitted&year="+y),
		get("bloc commitments, subtree", ids.BlocOfficer, "/api/v1/units/"+ids.Bloc+"/commitments?scope=subtree&limit=50"),
		get("cell members", ids.Secretary, "/api/v1/units/"+ids.Cell+"/members"),
		get("committee study summary, the year", ids.CommitteeOfficer, "/api/v1/units/"+ids.Committee+"/study-summary?year="+sy),
		get("cell study summary, the quarter", ids.Secretary, "/api/v1/units/"+ids.Cell+"/study-summary?year="+sy+"&period="+ids.StudyPeriod),
		get("cell study sessions", ids.Secretary, "/api/v1/units/"+ids.Cell+"/study-sessions"),
		get("committee study sessions, subtree", ids.CommitteeOfficer, "/api/v1/units/"+ids.Committee+"/study-sessions?scope=subtree&limit=50"),
		get("bloc study sessions, subtree", ids.BlocOfficer, "/api/v1/units/"+ids.Bloc+"/study-sessions?scope=subtree&limit=50"),
		get("committee events, subtree", ids.CommitteeOfficer, "/api/v1/units/"+ids.Committee+"/events?scope=subtree"),
		get("bloc events, subtree", ids.BlocOfficer, "/api/v1/units/"+ids.Bloc+"/events?scope=subtree"),
		get("member's tasks", ids.Member, "/api/v1/me/tasks"),
		get("secretary's tasks", ids.Secretary, "/api/v1/me/tasks"),
		get("committee officer's tasks", ids.CommitteeOfficer, "/api/v1/me/tasks"),
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
