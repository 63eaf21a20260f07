package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/textnorm"
)

// withRequestID puts the request id where audit events and logs find it.
func withRequestID(ctx context.Context, id string) context.Context {
	return audit.WithRequestID(ctx, id)
}

// sanitizeRequestID drops an incoming X-Request-Id that does not look like an id: it ends up in
// logs and in the audit trail, so anything longer or stranger is replaced by our own id.
func sanitizeRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if id := c.Request().Header.Get(echo.HeaderXRequestID); id != "" && !textnorm.IsIdentifier(id, "._:-", 1, 64) {
			c.Request().Header.Del(echo.HeaderXRequestID)
		}
		return next(c)
	}
}

// recoverer turns a panic into a logged 500 problem instead of a dropped connection.
func recoverer(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				if r := recover(); r != nil {
					log.ErrorContext(c.Request().Context(), "panic", "panic", fmt.Sprint(r), "path", c.Request().URL.Path)
					err = fmt.Errorf("panic: %v", r)
				}
			}()
			return next(c)
		}
	}
}

// accessLog writes one structured line per request. Its attributes are slog.Attrs in a fixed
// array (no []any to convert, no slice to grow), and nothing is formatted when the level is off.
func accessLog(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			_ = next(c) // errors were already written by writeErrors
			req := c.Request()
			ctx := req.Context()
			if !log.Enabled(ctx, slog.LevelInfo) {
				return nil
			}
			res := c.Response()
			attrs := [8]slog.Attr{slog.String("method", req.Method), slog.String("path", req.URL.Path),
				slog.Int("status", res.Status), slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
				slog.Int64("bytes", res.Size), slog.String("request_id", res.Header().Get(echo.HeaderXRequestID)),
				slog.String("remote", c.RealIP())}
			n := 7
			if p := access.FromContext(ctx); p != nil {
				attrs[n] = slog.String("principal", p.ID.String())
				n++
			}
			log.LogAttrs(ctx, slog.LevelInfo, "request", attrs[:n]...)
			return nil
		}
	}
}

// writeErrors writes an error as problem+json right away, so the access log and metrics
// around it see the status that was really sent.
func writeErrors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := next(c); err != nil {
			c.Error(err)
		}
		return nil
	}
}

// securityHeaders sets the headers every API answer should carry (securityHeaderValues: the
// documentation's pages keep their own Content-Security-Policy and caching).
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		values := securityHeaderValues
		if strings.HasPrefix(c.Request().URL.Path, "/docs") {
			values = values[:len(values)-2]
		}
		for _, v := range values {
			h[v.key] = v.value
		}
		return next(c)
	}
}

// authenticate verifies a bearer token when one is sent, checks it against its principal's
// current standing (auth.Epochs: a map read while the instance listens for changes) and puts
// the principal into the request's context (the strict handlers receive that context, not
// Echo's). A bad or revoked token is 401 even on public routes: the caller meant to
// authenticate and should learn it failed.
func authenticate(authn *auth.Service) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Request().Header.Get(echo.HeaderAuthorization)
			if h == "" {
				return next(c)
			}
			scheme, token, ok := strings.Cut(h, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
				return apperr.New(apperr.Unauthenticated, "invalid_token", "The Authorization header must be 'Bearer <token>'.")
			}
			p, err := authn.Authenticate(c.Request().Context(), strings.TrimSpace(token))
			if err != nil {
				return err
			}
			c.SetRequest(c.Request().WithContext(access.WithPrincipal(c.Request().Context(), p)))
			return next(c)
		}
	}
}

// httpMetrics counts requests and their latency by route and status.
type httpMetrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	// series keeps each route, method and status's counter and histogram once found: finding
	// them by label values hashes the labels and formats the status on every request.
	series sync.Map // metricLabels → routeSeries
}

type metricLabels struct {
	route, method string
	status        int
}

type routeSeries struct {
	requests prometheus.Counter
	latency  prometheus.Observer
}

func newHTTPMetrics(reg prometheus.Registerer) *httpMetrics {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "http_requests_total", Help: "HTTP requests by route, method and status."},
			[]string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}}, []string{"route", "method"}),
	}
	reg.MustRegister(m.requests, m.latency)
	return m
}

// of returns the series of l. Their number is bounded by the routes, methods and statuses.
func (m *httpMetrics) of(l metricLabels) routeSeries {
	if s, ok := m.series.Load(l); ok {
		return s.(routeSeries)
	}
	s := routeSeries{requests: m.requests.WithLabelValues(l.route, l.method, strconv.Itoa(l.status)),
		latency: m.latency.WithLabelValues(l.route, l.method)}
	m.series.Store(l, s)
	return s
}

func (m *httpMetrics) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		route := c.Path() // the route pattern, so ids do not explode the label set
		if route == "" {
			route = "unmatched"
		}
		s := m.of(metricLabels{route: route, method: c.Request().Method, status: c.Response().Status})
		s.requests.Inc()
		s.latency.Observe(time.Since(start).Seconds())
		return err
	}
}

// bufferedWriter holds a response so middleware can decide what to send.
type bufferedWriter struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

// bufferedWriters are reused from request to request: growing a fresh buffer to the size of
// each answer was the largest allocation of a GET by id (#16's profile).
var bufferedWriters = sync.Pool{New: func() any { return new(bufferedWriter) }}

// maxPooledBuffer is the largest buffer put back in the pool: a rare large answer's buffer is
// left to the collector rather than held.
const maxPooledBuffer = 64 << 10

func releaseBufferedWriter(w *bufferedWriter) {
	w.ResponseWriter = nil
	if w.buf.Cap() > maxPooledBuffer {
		return
	}
	w.buf.Reset()
	bufferedWriters.Put(w)
}

func (w *bufferedWriter) WriteHeader(code int)        { w.status = code }
func (w *bufferedWriter) Write(b []byte) (int, error) { return w.buf.Write(b) }

// conditionalGET gives every GET answer that carries a version ETag a representation ETag,
// "<version>-<hash of the body>", and answers 304 when If-None-Match matches it. The hash
// matters: a unit's answer also holds its ancestors and the caller's allowed_actions, which
// change without its version moving, and a client must never keep a stale copy. If-Match
// compares only the version part (see ifMatchVersion). Public answers carry their own complete
// tag (publicRoutes.etag) and pass through.
func conditionalGET(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Method != http.MethodGet || publicTagOf(c.Request().Context()) != "" {
			return next(c)
		}
		orig := c.Response().Writer
		bw := bufferedWriters.Get().(*bufferedWriter)
		bw.ResponseWriter, bw.status = orig, http.StatusOK
		defer releaseBufferedWriter(bw)
		c.Response().Writer = bw
		err := next(c)
		c.Response().Writer = orig
		if err != nil {
			c.Response().Committed = false
			return err
		}
		h := orig.Header()
		if version := strings.Trim(h.Get("ETag"), `"`); version != "" && bw.status == http.StatusOK {
			sum := sha256.Sum256(bw.buf.Bytes())
			tag := `"` + version + "-" + hex.EncodeToString(sum[:6]) + `"`
			h.Set("ETag", tag)
			h.Add("Vary", echo.HeaderAuthorization) // the body depends on who asks
			if etagMatches(c.Request().Header.Get("If-None-Match"), tag) {
				h.Del(echo.HeaderContentType)
				h.Del(echo.HeaderContentLength)
				orig.WriteHeader(http.StatusNotModified)
				return nil
			}
		}
		orig.WriteHeader(bw.status)
		_, err = orig.Write(bw.buf.Bytes())
		return err
	}
}

// etagMatches applies If-None-Match's weak comparison.
func etagMatches(header, etag string) bool {
	if etag == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}
