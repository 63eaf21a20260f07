// Package app wires the store, the domain services and the HTTP router together; cmd and the
// full-stack tests build the service the same way through it.
package app

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"lamtheobac/internal/auth"
	"lamtheobac/internal/httpapi"
	"lamtheobac/internal/importer"
	"lamtheobac/internal/inspection"
	"lamtheobac/internal/member"
	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/notify"
	"lamtheobac/internal/org"
	"lamtheobac/internal/platform/config"
	"lamtheobac/internal/portal"
	"lamtheobac/internal/report"
	"lamtheobac/internal/standard"
	"lamtheobac/internal/store"
	"lamtheobac/internal/study"
	"lamtheobac/internal/task"
	"lamtheobac/internal/user"
)

// Options are the settings the wiring needs.
type Options struct {
	Keys        *auth.Keys
	AccessTTL   time.Duration
	CORSOrigins []string
	TrustProxy  bool
	// PublicBaseURL is where the service is reached from outside, for feed links (absolute, as
	// Atom wants them); empty means config.DefaultPublicBaseURL.
	PublicBaseURL string
	// PublicLimits bound what an address may ask of the database through public routes.
	PublicLimits httpapi.PublicLimits
	Auth         auth.Options
	Log          *slog.Logger
	// Imports tunes the import workers (Run starts them).
	Imports importer.Options
	// Clock replaces time.Now for the domain services' dates and deadlines (tests travel in
	// time with it); nil means the real clock.
	Clock func() time.Time
}

// App is the assembled service.
type App struct {
	Store       *store.Store
	Units       *org.Service
	Users       *user.Service
	Standards   *standard.Service
	Models      *model.Service
	Nominations *nomination.Service
	Portal      *portal.Service
	Reports     *report.Service
	Study       *study.Service // topics, study sessions, events, the calendar feed
	Members     *member.Service
	Inspections *inspection.Service
	Tasks       *task.Service // each domain's pending work, for /me/tasks
	Auth        *auth.Service
	Imports     *importer.Service
	Issuer      *auth.Issuer
	// Listener keeps the in-memory caches (publication version, token epochs) in step with
	// the database; until it runs they read the database on every request.
	Listener *notify.Listener
	Router   *echo.Echo
	// Metrics serves the Prometheus metrics (the router's among them) for the metrics listener.
	Metrics http.Handler
	// Now is the clock the services use (the real one unless Options.Clock replaced it).
	Now func() time.Time
}

// New assembles the service over st.
func New(st *store.Store, o Options) (*App, error) {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.PublicBaseURL == "" {
		o.PublicBaseURL = config.DefaultPublicBaseURL
	}
	now := o.Clock
	if now == nil {
		now = func() time.Time { return time.Now().UTC() }
	}
	a := &App{Store: st, Units: org.NewService(st), Users: user.NewService(st), Standards: standard.NewService(st, now),
		Models: model.NewService(st, now), Nominations: nomination.NewService(st, now), Portal: portal.NewService(st), Now: now,
		Issuer: auth.NewIssuer(o.Keys, o.AccessTTL)}
	a.Reports = report.NewService(st, a.Standards, now)
	a.Members = member.NewService(st, a.Standards, a.Nominations, now)
	a.Inspections = inspection.NewService(st, now)
	a.Auth = auth.NewService(st, a.Issuer, o.Auth)
	a.Study = study.NewService(st, a.Auth, now)
	a.Tasks = task.NewService(report.NewTasks(st), model.NewTasks(st, now), nomination.NewTasks(st, now), inspection.NewTasks(st, now), a.Members,
		study.NewTasks(st, now), standard.NewTasks(st, now))
	if o.Imports.Log == nil {
		o.Imports.Log = o.Log
	}
	a.Imports = importer.NewService(st, a.Auth, now, o.Imports)
	a.Listener = notify.New(st)
	a.Listener.Subscribe(store.PublicationChannel, a.Portal.Versions)
	a.Listener.Subscribe(store.TokenEpochChannel, a.Auth.Epochs())
	reg, metrics := httpapi.NewMetrics()
	a.Metrics = metrics
	r, err := httpapi.NewRouter(httpapi.Deps{Metrics: reg, Idempotency: st, Readiness: st, Units: a.Units, Users: a.Users, Standards: a.Standards, Models: a.Models,
		Nominations: a.Nominations, Portal: a.Portal, Reports: a.Reports, Study: a.Study, Members: a.Members, Inspections: a.Inspections, Tasks: a.Tasks, Auth: a.Auth, Imports: a.Imports, Issuer: a.Issuer, Log: o.Log, CORSOrigins: o.CORSOrigins,
		TrustProxy: o.TrustProxy, PublicBaseURL: o.PublicBaseURL, PublicLimits: o.PublicLimits})
	if err != nil {
		return nil, err
	}
	a.Router = r
	return a, nil
}
