package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"lamtheobac/internal/portal"
)

// publicPrefix is where the routes without a token live.
const publicPrefix = "/public/"

type publicTagKey struct{}

// publicTagOf returns the ETag publicETag chose for this request ("" elsewhere).
func publicTagOf(ctx context.Context) string {
	tag, _ := ctx.Value(publicTagKey{}).(string)
	return tag
}

// publicRoutes serve the public GETs' conditional and cached answers: publicETag in the chain,
// and early, ahead of the work a cached public answer does not need.
type publicRoutes struct {
	versions *portal.Versions
	answers  *publicAnswers
	limiter  middleware.RateLimiterStore
	wait     time.Duration
}

func newPublicRoutes(v *portal.Versions, limits PublicLimits) *publicRoutes {
	limiter, wait := publicLimiter(limits)
	return &publicRoutes{versions: v, answers: newPublicAnswers(), limiter: limiter, wait: wait}
}

// public says whether c is a public GET.
func public(c echo.Context) bool {
	return c.Request().Method == http.MethodGet && strings.HasPrefix(c.Path(), publicPrefix)
}

// publicKey names a public answer: the publication version, the route and its (sorted) query,
// which name the representation, so tags of different lists differ even at one version.
type publicKey struct {
	version int64
	route   string
	query   string
}

// name returns the key of c's answer. A request without a query (the feed as portals poll it)
// names it without parsing or encoding one.
func (p *publicRoutes) name(c echo.Context) (publicKey, error) {
	v, err := p.versions.Current(c.Request().Context())
	if err != nil {
		return publicKey{}, err
	}
	k := publicKey{version: v, route: c.Path()}
	if c.Request().URL.RawQuery != "" {
		k.query = c.QueryParams().Encode()
	}
	return k, nil
}

// tag is the ETag of the answer named k.
func (k publicKey) tag() string {
	sum := sha256.Sum256([]byte(k.route + "?" + k.query))
	return `"pub-` + strconv.FormatInt(k.version, 10) + "-" + hex.EncodeToString(sum[:6]) + `"`
}

// early answers a public GET from memory before authentication, validation and the rest of
// the group's chain (it runs last in the chain before the group, so that chain is not even
// built), when this version's answer to this URL was rendered before: the request that
// rendered it went through all of them with the same route and query, so they have nothing
// left to say. Only a request without credentials or a body takes it (a token is checked even
// on public routes, and a body has its limits); everything else, and every miss, goes on
// through the chain. The chain before the group (request id, access log, metrics, security
// headers) has run. Its headers are the answer's, made when it was kept (publicAnswer).
func (p *publicRoutes) early(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if !public(c) || req.ContentLength != 0 || req.Header.Get(echo.HeaderAuthorization) != "" {
			return next(c)
		}
		key, err := p.name(c)
		if err != nil {
			return next(c) // the chain meets the same error and answers it
		}
		a, ok := p.answers.get(key)
		if !ok {
			return next(c)
		}
		h := c.Response().Header()
		addVaryAcceptEncoding(h)
		if a.revalidated(c) {
			return nil
		}
		return a.serve(c)
	}
}

// revalidated answers 304 when If-None-Match names tag or its gzip copy's tag.
func revalidated(c echo.Context, tag string) bool {
	return notModified(c, []string{tag}, []string{gzipTag(tag)})
}

// notModified answers 304 with the first of tags (each a header value of one tag) that
// If-None-Match names, and says whether it did.
func notModified(c echo.Context, tags ...[]string) bool {
	inm := c.Request().Header.Get("If-None-Match")
	if inm == "" {
		return false
	}
	for _, t := range tags {
		// A client sends back the one tag it holds: compared whole first, without splitting.
		if inm == t[0] || etagMatches(inm, t[0]) {
			h := c.Response().Header()
			h[headerETag] = t
			h[headerCacheControl] = publicCacheValue
			_ = c.NoContent(http.StatusNotModified)
			return true
		}
	}
	return false
}

// etag answers public GETs' revalidations from memory. A public answer is a function of its
// URL and of the publication version (nothing in it depends on who asks or when), so its ETag
// is the version (and which list it is), with no body hash: a matching If-None-Match is a 304
// before any handler runs, and with the version cached (portal.Versions) before any query.
// Other answers keep the body-hashed tags of conditionalGET, which leaves public ones alone.
// Without If-None-Match, the answer comes from memory when this version's was rendered before
// (servePublic).
func (p *publicRoutes) etag(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !public(c) {
			return next(c)
		}
		// The version is read before the handler reads the data, so a change committed in
		// between can only give newer data an older tag (one extra 200 later), never the
		// reverse (a stale 304).
		key, err := p.name(c)
		if err != nil {
			return err
		}
		tag := key.tag()
		addVaryAcceptEncoding(c.Response().Header()) // the gzip copy is served to clients that accept it
		if revalidated(c, tag) {
			return nil
		}
		req := c.Request()
		c.SetRequest(req.WithContext(context.WithValue(req.Context(), publicTagKey{}, tag)))
		return p.serve(c, key, tag, next)
	}
}
