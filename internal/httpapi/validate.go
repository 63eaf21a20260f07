package httpapi

import (
	"net/http"
	"net/url"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	echomw "github.com/oapi-codegen/echo-middleware"
)

// specRoutes are the spec's operations by method and Echo path ("GET /api/v1/models/:modelId").
// Echo has already matched the request to its route when the validator runs, so the validator
// takes that route from here instead of routing the request a second time through the gorilla/mux
// regular expressions kin-openapi's router compiles (8% of a GET's CPU, measured).
type specRoutes map[string]*routers.Route

// routesOf indexes the operations of spec by method and Echo path.
func routesOf(spec *openapi3.T) specRoutes {
	out := specRoutes{}
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			out[method+" "+echoPath(path)] = &routers.Route{Spec: spec, Path: path, PathItem: item, Method: method, Operation: op}
		}
	}
	return out
}

// matchedRoute is a routers.Router that answers with the route Echo matched.
type matchedRoute struct {
	route  *routers.Route
	params map[string]string
}

// FindRoute returns the matched route, or ErrPathNotFound (404) for a request that matched none
// of the spec's operations.
func (m matchedRoute) FindRoute(*http.Request) (*routers.Route, map[string]string, error) {
	if m.route == nil {
		return nil, nil, routers.ErrPathNotFound
	}
	return m.route, m.params, nil
}

// match returns the spec route of c's Echo route with its path parameters, unescaped as the
// validator expects them.
func (rs specRoutes) match(c echo.Context) matchedRoute {
	r := rs[c.Request().Method+" "+c.Path()]
	if r == nil {
		return matchedRoute{}
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
