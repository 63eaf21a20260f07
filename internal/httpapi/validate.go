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
	// idOnly are the operations (by method and Echo path) with nothing for the validator to
	// check but ids in their path, unless the request sends one of the headers listed (see
	// idOnlyOperation).
	idOnly map[string][]string
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
	out := specRoutes{ops: map[string]*routers.Route{}, idOnly: map[string][]string{}, fallback: fallback}
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			key := method + " " + echoPath(path)
			out.ops[key] = &routers.Route{Spec: spec, Path: path, PathItem: item, Method: method, Operation: op}
			if headers, ok := idOnlyOperation(item, op); ok {
				out.idOnly[key] = headers
			}
		}
	}
	return out, nil
}

// idOnlyOperation says whether an operation takes no body and nothing but path parameters that
// are plain uuids (string, format uuid, no other constraint) and header parameters that are
// strings, and returns the headers' names: a read by id. The validator has nothing to check in
// such a request once Echo has matched its route, as long as none of those headers is sent (the
// security requirements are guard's, see withoutSecurity; undeclared query parameters and
// headers are not its business). It cost a GET by id 3% of its CPU (#16's profile).
func idOnlyOperation(item *openapi3.PathItem, op *openapi3.Operation) ([]string, bool) {
	if op.RequestBody != nil {
		return nil, false
	}
	headers := []string{}
	for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, p := range params {
			v := p.Value
			if v == nil || v.Schema == nil || v.Schema.Value == nil || v.Content != nil {
				return nil, false
			}
			s := v.Schema.Value
			if s.Type == nil || !s.Type.Is(openapi3.TypeString) {
				return nil, false
			}
			switch v.In {
			case openapi3.ParameterInHeader:
				headers = append(headers, v.Name) // sent: the validator checks it
			case openapi3.ParameterInPath:
				if s.Format != "uuid" || s.Pattern != "" || len(s.Enum) > 0 || s.MinLength != 0 || s.MaxLength != nil ||
					len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) > 0 || s.Not != nil {
					return nil, false
				}
			default:
				return nil, false
			}
		}
	}
	return headers, true
}

// plainIDs says whether the request matched an id-only operation, sends none of its header
// parameters, and has every path value a uuid in its canonical 36-character form. Anything else goes to the validator, so a malformed
// id gets exactly the answer it always got.
func (rs specRoutes) plainIDs(c echo.Context) bool {
	headers, ok := rs.idOnly[c.Request().Method+" "+c.Path()]
	if !ok {
		return false
	}
	for _, h := range headers {
		if _, sent := c.Request().Header[http.CanonicalHeaderKey(h)]; sent {
			return false
		}
	}
	for _, v := range c.ParamValues() {
		if !canonicalUUID(v) {
			return false
		}
	}
	return true
}

// canonicalUUID reports whether s is 8-4-4-4-12 hexadecimal digits.
func canonicalUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
		default:
			return false
		}
	}
	return true
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
			if skip(c) || routes.plainIDs(c) {
				return next(c)
			}
			if he := echomw.ValidateRequestFromContext(c, routes.match(c), opts); he != nil {
				return validationError(he)
			}
			return next(c)
		}
	}
}
