package httpapi

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	echomw "github.com/oapi-codegen/echo-middleware"
)

// specRoutes are the spec's operations by method and Echo path ("GET /api/v1/models/:modelId").
// Echo has already matched the request to its route when the validator runs, so the validator
// takes that route from here instead of routing the request a second time through the gorilla/mux
// regular expressions kin-openapi's router compiles (8% of a GET's CPU, measured).
type specRoutes struct {
	ops map[string]*routers.Route // by method and Echo path
	// fallback routes what Echo matched to no operation (an unknown path or method), so those
	// get the same 404 or 405 as before; only refused requests take it.
	fallback routers.Router
}

// routesOf indexes the operations of spec by method and Echo path.
func routesOf(spec *openapi3.T) (specRoutes, error) {
	fallback, err := gorillamux.NewRouter(spec)
	if err != nil {
		return specRoutes{}, fmt.Errorf("route the spec: %w", err)
	}
	out := specRoutes{ops: map[string]*routers.Route{}, fallback: fallback}
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			out.ops[method+" "+echoPath(path)] = &routers.Route{Spec: spec, Path: path, PathItem: item, Method: method, Operation: op}
		}
	}
	return out, nil
}

// matchedRoute is a routers.Router that answers with the route Echo matched.
type matchedRoute struct {
	route  *routers.Route
	params map[string]string
}

// FindRoute returns the matched route.
func (m matchedRoute) FindRoute(*http.Request) (*routers.Route, map[string]string, error) {
	return m.route, m.params, nil
}

// match returns a router answering with the spec route of c's Echo route and its path
// parameters (unescaped, as the validator expects them), or the fallback when there is none.
func (rs specRoutes) match(c echo.Context) routers.Router {
	r := rs.ops[c.Request().Method+" "+c.Path()]
	if r == nil {
		return rs.fallback
	}
	names, values := c.ParamNames(), c.ParamValues()
	params := make(map[string]string, len(names))
	for i, n := range names {
		if i >= len(values) {
			break
		}
		v := values[i]
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
		params[n] = v
	}
	return matchedRoute{route: r, params: params}
}

// requestValidator checks requests against the spec (skipping those skip selects), without
// their bodies when excludeBody. Failures become 400 problems (validationError); a request that
// matched no operation is 404.
func requestValidator(routes specRoutes, skip middleware.Skipper, excludeBody bool) echo.MiddlewareFunc {
	opts := &echomw.Options{
		Options: openapi3filter.Options{
			MultiError:         true,
			ExcludeRequestBody: excludeBody,
		},
		MultiErrorHandler: func(me openapi3.MultiError) *echo.HTTPError {
			return &echo.HTTPError{Code: http.StatusBadRequest, Message: "validation", Internal: me}
		},
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if skip(c) {
				return next(c)
			}
			if he := echomw.ValidateRequestFromContext(c, routes.match(c), opts); he != nil {
				return validationError(he)
			}
			return next(c)
		}
	}
}
