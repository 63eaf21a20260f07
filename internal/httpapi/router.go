// Package httpapi is the HTTP face of the service: it implements the generated
// api.StrictServerInterface with thin handlers (decode, call one service method, encode),
// wires the middleware chain, and maps every error to problem+json in errors.go.
package httpapi

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/swaggest/swgui/v5emb"

	"lamtheobac/api"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/importer"
	"lamtheobac/internal/inspection"
	"lamtheobac/internal/member"
	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
	"lamtheobac/internal/pagecursor"
	"lamtheobac/internal/portal"
	"lamtheobac/internal/report"
	"lamtheobac/internal/standard"
	"lamtheobac/internal/study"
	"lamtheobac/internal/task"
	"lamtheobac/internal/user"
)

// Deps are what the HTTP layer needs.
type Deps struct {
	Idempotency IdempotencyStore
	Readiness   Readiness
	Units       *org.Service
	Users       *user.Service
	Standards   *standard.Service
	Models      *model.Service
	Nominations *nomination.Service
	Portal      *portal.Service
	Reports     *report.Service
	Study       *study.Service
	Members     *member.Service
	Inspections *inspection.Service
	Tasks       *task.Service
	Auth        *auth.Service
	Imports     *importer.Service
	Issuer      *auth.Issuer
	Log         *slog.Logger
	CORSOrigins []string // SPA origins allowed to call the API
	TrustProxy  bool     // take the client address from X-Forwarded-For (behind a load balancer)
	// PublicBaseURL is the service's public address, for links in the Atom feed.
	PublicBaseURL string
	// PublicLimits bound the public routes' database requests per address (zero: no limit).
	PublicLimits PublicLimits
	// Metrics receives the HTTP metrics; nil means a private registry nobody reads. The router
	// never serves it: /metrics lives on its own listener (METRICS_ADDR), off the public port.
	Metrics prometheus.Registerer
}

// NewRouter builds the Echo instance with every route and middleware.
func NewRouter(d Deps) (*echo.Echo, error) {
	spec, err := api.GetSwagger()
	if err != nil {
		return nil, err
	}
	spec.Servers = nil // validate paths regardless of the Host header
	rules := rulesOf(spec)
	withoutSecurity(spec) // guard enforces it, before the body is read

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(d.Log)
	// The client address feeds login throttling, so never take it from a header a client can
	// forge unless a trusted proxy in front of us sets it.
	e.IPExtractor = echo.ExtractIPDirect()
	if d.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	}

	reg := d.Metrics
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	metrics := newHTTPMetrics(reg)

	e.Use(
		sanitizeRequestID,
		middleware.RequestIDWithConfig(middleware.RequestIDConfig{RequestIDHandler: func(c echo.Context, id string) {
			ctx := withRemoteAddr(withRequestID(c.Request().Context(), id), c.RealIP())
			c.SetRequest(c.Request().WithContext(ctx))
		}}),
		accessLog(d.Log),
		metrics.middleware,
		writeErrors,
		recoverer(d.Log),
		securityHeaders,
	)
	// Echo's CORS allows every origin when given none, so only install it for named origins.
	if len(d.CORSOrigins) > 0 {
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOrigins:  d.CORSOrigins,
			AllowHeaders:  []string{echo.HeaderAuthorization, echo.HeaderContentType, "If-Match", "If-None-Match", "Idempotency-Key"},
			ExposeHeaders: []string{"ETag", "Location", "Retry-After", echo.HeaderXRequestID},
			MaxAge:        600,
		}))
	}

	// Public answers kept in memory are served last in the chain before the group's: the
	// group's chain is built for each request that reaches it, and these need none of it.
	pub := newPublicRoutes(d.Portal.Versions, d.PublicLimits)
	e.Use(pub.early)

	e.GET("/openapi.yaml", func(c echo.Context) error {
		return c.Blob(http.StatusOK, "application/yaml", api.SpecYAML)
	})
	docs := v5emb.New("lamtheobac API", "/openapi.yaml", "/docs/")
	e.GET("/docs", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/docs/") })
	e.GET("/docs/*", echo.WrapHandler(docs))

	// Uploads are checked against the spec except for their body, which kin-openapi would read
	// whole into memory; the handler reads it as a stream and checks it itself.
	routes, err := routesOf(spec)
	if err != nil {
		return nil, err
	}
	validator := requestValidator(routes, rules.streamed, false)
	uploadValidator := requestValidator(routes, func(c echo.Context) bool { return !rules.streamed(c) }, true)

	srv := &Server{d: d}
	cursors := sealCursors(pagecursor.NewSealer(d.Issuer.Keys().CursorKey()), pagedRoutes(spec))
	g := e.Group("", authenticate(d.Auth), guard(rules), validator, uploadValidator, cursors, idempotency(d.Idempotency), pub.etag, conditionalGET)
	api.RegisterHandlers(groupRouter{g}, api.NewStrictHandler(srv, nil))
	return e, nil
}

// groupRouter adapts an Echo group to the generated registration interface.
type groupRouter struct{ *echo.Group }

// CONNECT etc. satisfy api.EchoRouter through the embedded group.
var _ api.EchoRouter = groupRouter{}

// jsonEncode writes v as compact JSON.
func jsonEncode(w io.Writer, v any) error {
	return json.NewEncoder(w).Encode(v)
}

// NewMetrics returns a registry with the Go runtime and process collectors, for Deps.Metrics,
// and the handler that exposes it (served on the metrics listener, never on the API's).
func NewMetrics() (*prometheus.Registry, http.Handler) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return reg, promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}

// serverTimeouts are applied to the http.Server in cmd; kept here beside the routes they guard.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 120 * time.Second
)
