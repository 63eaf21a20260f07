package httpapi

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"lamtheobac/internal/pagecursor"
)

// Cursors leave the server sealed (pagecursor.Sealer) for the list they page: the route, its
// path parameters and its filters — every query parameter but cursor and limit, which may
// change from page to page. sealCursors opens the cursor of a request before its handler runs,
// so a cursor that was made up, altered, or given out for another list (or the same list under
// other filters, which could widen what a page reads) is a 400 invalid_cursor and never reaches
// a query; handlers read the position with cursorOf and seal the next one with nextCursor.

type cursorScopeKey struct{}

// cursorScope is a list request's sealing context: the list's identity and the opened position.
type cursorScope struct {
	sealer   *pagecursor.Sealer
	list     string
	position string
}

// pagedRoutes returns the Echo route patterns (GET) whose operation takes a cursor parameter.
func pagedRoutes(spec *openapi3.T) map[string]bool {
	out := map[string]bool{}
	for path, item := range spec.Paths.Map() {
		op := item.Get
		if op == nil {
			continue
		}
		for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
			for _, p := range params {
				if p.Value != nil && p.Value.In == openapi3.ParameterInQuery && p.Value.Name == "cursor" {
					out[echoPattern(path)] = true
				}
			}
		}
	}
	return out
}

// echoPattern turns an OpenAPI path (/units/{unitId}) into Echo's pattern (/units/:unitId).
func echoPattern(path string) string {
	r := strings.NewReplacer("{", ":", "}", "")
	return r.Replace(path)
}

// sealCursors opens the cursor of GETs on paged routes and keeps the scope for nextCursor.
func sealCursors(sealer *pagecursor.Sealer, paged map[string]bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if c.Request().Method != http.MethodGet || !paged[c.Path()] {
				return next(c)
			}
			sc := &cursorScope{sealer: sealer, list: listOf(c)}
			position, err := sealer.Open(sc.list, c.QueryParam("cursor"))
			if err != nil {
				return err
			}
			sc.position = position
			req := c.Request()
			c.SetRequest(req.WithContext(context.WithValue(req.Context(), cursorScopeKey{}, sc)))
			return next(c)
		}
	}
}

// listOf names the list a request reads: route, path parameters, and the filters in the
// canonical order of url.Values.Encode.
func listOf(c echo.Context) string {
	var b strings.Builder
	b.WriteString(c.Request().Method + " " + c.Path())
	values := c.ParamValues()
	for i, name := range c.ParamNames() {
		if i < len(values) {
			b.WriteString("\n" + name + "=" + values[i])
		}
	}
	filters := url.Values{}
	for k, v := range c.QueryParams() { // copied: Echo caches this map for the handler
		if k != "cursor" && k != "limit" {
			filters[k] = v
		}
	}
	b.WriteString("\n?" + filters.Encode())
	return b.String()
}

// cursorOf returns the position of the request's (verified) cursor; "" for the first page.
func cursorOf(ctx context.Context) string {
	if sc, ok := ctx.Value(cursorScopeKey{}).(*cursorScope); ok {
		return sc.position
	}
	return ""
}

// nextCursor seals the position of the next page for this request's list; the store's ""
// (no more pages) is JSON null.
func nextCursor(ctx context.Context, position string) *string {
	sc, ok := ctx.Value(cursorScopeKey{}).(*cursorScope)
	if position == "" || !ok {
		return nil
	}
	s := sc.sealer.Seal(sc.list, position)
	return &s
}
