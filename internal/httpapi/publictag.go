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

// name returns the publication version and the cache key of c's answer: the route and its
// (sorted) query name the representation, so tags of different lists differ even at one version.
func (p *publicRoutes) name(c echo.Context) (version, key string, err error) {
	v, err := p.versions.Current(c.Request().Context())
	if err != nil {
		return "", "", err
	}
	version = strconv.FormatInt(v, 10)
	return version, version + " " + c.Path() + "?" + c.QueryParams().Encode(), nil
}

// tagOf is the ETag of the answer named key at version.
func tagOf(version, key string) string {
	sum := sha256.Sum256([]byte(strings.TrimPrefix(key, version+" ")))
	return `"pub-` + version + "-" + hex.EncodeToString(sum[:6]) + `"`
}

// early answers a public GET from memory before authentication, validation and the rest of
// the group's chain, when this version's answer to this URL was rendered before: the request
// that rendered it went through all of them with the same route and query, so they have
// nothing left to say. Only a request without credentials or a body takes it (a token is
// checked even on public routes, and a body has its limits); everything else, and every miss,
// goes on through the chain. The chain before the group (request id, access log, metrics,
// security headers) has run.
func (p *publicRoutes) early(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if !public(c) || req.ContentLength != 0 || req.Header.Get(echo.HeaderAuthorization) != "" {
			return next(c)
		}
		_, key, err := p.name(c)
		if err != nil {
			return next(c) // the chain meets the same error and answers it
		}
		a, ok := p.answers.get(key)
		if !ok {
			return next(c)
		}
		c.Response().Header().Add("Vary", "Accept-Encoding")
		if revalidated(c, a.tag) {
			return nil
		}
		return serveAnswer(c, a, a.tag)
	}
}

// revalidated answers 304 when If-None-Match names tag or its gzip copy's tag.
func revalidated(c echo.Context, tag string) bool {
	inm := c.Request().Header.Get("If-None-Match")
	if inm == "" {
		return false
	}
	for _, t := range []string{tag, gzipTag(tag)} {
		if etagMatches(inm, t) {
			h := c.Response().Header()
			h.Set("ETag", t)
			h.Set("Cache-Control", publicCache)
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
		version, key, err := p.name(c)
		if err != nil {
			return err
		}
		tag := tagOf(version, key)
		c.Response().Header().Add("Vary", "Accept-Encoding") // the gzip copy is served to clients that accept it
		if revalidated(c, tag) {
			return nil
		}
		req := c.Request()
		c.SetRequest(req.WithContext(context.WithValue(req.Context(), publicTagKey{}, tag)))
		return p.serve(c, key, tag, next)
	}
}
