package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

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

// publicETag answers public GETs' revalidations from memory. A public answer is a function of
// its URL and of the publication version (nothing in it depends on who asks or when), so its ETag
// is the version (and which list it is), with no body hash: a matching If-None-Match is a 304 before any handler
// runs, and with the version cached (portal.Versions) before any query. Other answers keep the
// body-hashed tags of conditionalGET, which leaves public ones alone. Without If-None-Match, the
// answer comes from memory when this version's was rendered before (servePublic).
func publicETag(v *portal.Versions, limits PublicLimits) echo.MiddlewareFunc {
	answers := newPublicAnswers()
	limiter, wait := publicLimiter(limits)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.Method != http.MethodGet || !strings.HasPrefix(c.Path(), publicPrefix) {
				return next(c)
			}
			// The version is read before the handler reads the data, so a change committed in
			// between can only give newer data an older tag (one extra 200 later), never the
			// reverse (a stale 304).
			version, err := v.Current(req.Context())
			if err != nil {
				return err
			}
			// The route and its (sorted) query name the representation: tags of different lists
			// differ even at one version.
			url := c.Path() + "?" + c.QueryParams().Encode()
			sum := sha256.Sum256([]byte(url))
			tag := `"pub-` + strconv.FormatInt(version, 10) + "-" + hex.EncodeToString(sum[:6]) + `"`
			h := c.Response().Header()
			h.Add("Vary", "Accept-Encoding") // the gzip copy is served to clients that accept it
			if inm := req.Header.Get("If-None-Match"); inm != "" {
				for _, t := range []string{tag, gzipTag(tag)} {
					if etagMatches(inm, t) {
						h.Set("ETag", t)
						h.Set("Cache-Control", publicCache)
						return c.NoContent(http.StatusNotModified)
					}
				}
			}
			c.SetRequest(req.WithContext(context.WithValue(req.Context(), publicTagKey{}, tag)))
			return servePublic(c, strconv.FormatInt(version, 10)+" "+url, tag, answers, limiter, wait, next)
		}
	}
}
