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

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
