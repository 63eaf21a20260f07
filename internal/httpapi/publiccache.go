package httpapi

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2/simplelru"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"lamtheobac/internal/apperr"
)

// PublicLimits bound what public routes cost. Public answers are rendered once per publication
// version and served from memory after that; only a request that misses (a new filter, or the
// first after a publication) reaches the database, and those are what the rate limit counts.
type PublicLimits struct {
	// Rate is how many public requests per second one address may make that reach the database
	// (answers from memory are not counted); 0 means no limit. Burst is how many it may make at
	// once.
	Rate  float64
	Burst int
}

// DefaultPublicLimits: a portal polling a handful of lists is far below; a loop trying every
// filter is slowed to what the database shrugs off.
var DefaultPublicLimits = PublicLimits{Rate: 10, Burst: 30}

// publicAnswers keeps rendered public answers by publication version and URL, within a byte
// budget: the newest publication's common lists stay; old versions' answers age out as new ones
// come (no request can ask for an old version, so they are only evicted, never served).
type publicAnswers struct {
	mu    sync.Mutex
	lru   *lru.LRU[publicKey, *publicAnswer]
	bytes int
}

// publicAnswer is one rendered public answer, as it was written and gzip-compressed (once, when
// it is kept), with the values of its headers: a repeated request is answered with one of the
// two bodies in one write, its headers put in place without being made again.
type publicAnswer struct {
	contentType []string
	plain, gz   representation // gz.body is nil when compressing did not make it smaller
}

// representation is a body with its ETag and Content-Length, each a header's value.
type representation struct {
	body   []byte
	tag    []string
	length []string
}

func newRepresentation(body []byte, tag string) representation {
	return representation{body: body, tag: headerValue(tag), length: headerValue(strconv.Itoa(len(body)))}
}

// size is what the answer costs the cache's budget.
func (a *publicAnswer) size() int { return len(a.plain.body) + len(a.gz.body) }

// newPublicAnswer keeps body, its tag and its gzip-compressed copy.
func newPublicAnswer(contentType, tag string, body []byte) *publicAnswer {
	a := &publicAnswer{contentType: headerValue(contentType), plain: newRepresentation(body, tag)}
	a.gz.tag = headerValue(gzipTag(tag)) // revalidates even when no copy is kept
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // once per answer and version
	if _, err := zw.Write(body); err == nil && zw.Close() == nil && buf.Len() < len(body) {
		a.gz = newRepresentation(buf.Bytes(), gzipTag(tag))
	}
	return a
}

// gzipTag is the entity tag of tag's gzip-compressed copy: a content coding is another
// representation, with a tag of its own (RFC 9110 §8.8.3.3).
func gzipTag(tag string) string { return strings.TrimSuffix(tag, `"`) + `-gzip"` }

// revalidated answers 304 when If-None-Match names the answer's tag or its gzip copy's.
func (a *publicAnswer) revalidated(c echo.Context) bool { return notModified(c, a.plain.tag, a.gz.tag) }

// serve writes the answer (its gzip copy to a client that accepts it) with its headers, the
// body in one write.
func (a *publicAnswer) serve(c echo.Context) error {
	res := c.Response()
	h := res.Header()
	rep := &a.plain
	if a.gz.body != nil && acceptsGzip(c.Request().Header.Get(echo.HeaderAcceptEncoding)) {
		rep = &a.gz
		h[headerContentEncoding] = gzipValue
	}
	h[headerCacheControl] = publicCacheValue
	h[headerContentType] = a.contentType
	h[headerETag] = rep.tag
	h[headerContentLength] = rep.length
	res.WriteHeader(http.StatusOK)
	_, err := res.Write(rep.body)
	return err
}

// acceptsGzip says whether an Accept-Encoding header accepts gzip: named with a q above 0, or
// not named and "*" accepted. It walks the header in place (no slices made: it runs for every
// answer served from memory).
func acceptsGzip(header string) bool {
	gzipQ, anyQ := -1.0, -1.0
	for rest := header; rest != ""; {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		name, params, _ := strings.Cut(part, ";")
		q := 1.0
		for params != "" {
			var p string
			p, params, _ = strings.Cut(params, ";")
			if k, v, ok := strings.Cut(p, "="); ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if x, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = x
				}
			}
		}
		switch name = strings.TrimSpace(name); {
		case strings.EqualFold(name, "gzip"), strings.EqualFold(name, "x-gzip"):
			gzipQ = q
		case name == "*":
			anyQ = q
		}
	}
	return gzipQ > 0 || (gzipQ < 0 && anyQ > 0)
}

const (
	// publicCacheBudget bounds the memory of rendered public answers.
	publicCacheBudget = 32 << 20
	// maxPublicAnswer is the largest answer kept (the lists are bounded at maxPublic items).
	maxPublicAnswer = 2 << 20
)

func newPublicAnswers() *publicAnswers {
	a := &publicAnswers{}
	l, _ := lru.NewLRU[publicKey, *publicAnswer](4096, func(_ publicKey, v *publicAnswer) { a.bytes -= v.size() })
	a.lru = l
	return a
}

func (a *publicAnswers) get(key publicKey) (*publicAnswer, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.lru.Get(key)
}

func (a *publicAnswers) put(key publicKey, v *publicAnswer) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.lru.Add(key, v)
	a.bytes += v.size()
	for a.bytes > publicCacheBudget && a.lru.Len() > 1 {
		a.lru.RemoveOldest()
	}
}

// publicLimiter counts, per address and per instance, the public requests that reach the
// database. Per instance, not in Postgres: counting in the database would cost a write for every
// request the limit exists to keep away from it; with n replicas an address gets n times the
// rate, which still bounds it.
func publicLimiter(l PublicLimits) (middleware.RateLimiterStore, time.Duration) {
	if l.Rate <= 0 {
		return nil, 0
	}
	burst := max(l.Burst, 1)
	store := middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: rate.Limit(l.Rate), Burst: burst, ExpiresIn: 3 * time.Minute})
	return store, time.Duration(float64(time.Second) / l.Rate)
}

// serve answers a public GET from memory when this version's answer to this URL was rendered
// before; otherwise it spends one of the address's database requests (429 with Retry-After
// when none is left), runs the handler and keeps a 200 for the next caller.
func (p *publicRoutes) serve(c echo.Context, key publicKey, tag string, next echo.HandlerFunc) error {
	if a, ok := p.answers.get(key); ok {
		return a.serve(c)
	}
	if p.limiter != nil {
		if ok, _ := p.limiter.Allow(c.RealIP()); !ok {
			return &apperr.Error{Kind: apperr.RateLimited, Code: "rate_limited", RetryAfter: p.wait,
				Message: "Too many public requests from this address; the answers you already have stay valid (use If-None-Match)."}
		}
	}
	rec := &recorder{ResponseWriter: c.Response().Writer}
	c.Response().Writer = rec
	err := next(c)
	c.Response().Writer = rec.ResponseWriter
	if err == nil && c.Response().Status == http.StatusOK && !rec.overflow {
		p.answers.put(key, newPublicAnswer(c.Response().Header().Get(echo.HeaderContentType), tag, rec.buf.Bytes()))
	}
	return err
}

// recorder passes a response through and keeps a copy of its body, up to maxPublicAnswer.
type recorder struct {
	http.ResponseWriter
	buf      bytes.Buffer
	overflow bool
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.overflow {
		if r.buf.Len()+len(b) > maxPublicAnswer {
			r.overflow = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
