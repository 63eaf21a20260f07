package httpapi

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"

	"lamtheobac/internal/apperr"
)

// This file is the only place that knows HTTP status codes for errors.

// problemTypeBase prefixes problem types; the code completes the URI.
const problemTypeBase = "https://lamtheobac.invalid/problems/"

// fieldError is one entry of a problem's errors[].
type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// problem is an RFC 9457 problem document.
type problem struct {
	Type      string       `json:"type"`
	Title     string       `json:"title"`
	Status    int          `json:"status"`
	Detail    string       `json:"detail,omitempty"`
	Code      string       `json:"code"`
	RequestID string       `json:"request_id,omitempty"`
	Errors    []fieldError `json:"errors,omitempty"`
}

// statusOf maps an error kind to its HTTP status.
func statusOf(k apperr.Kind) int {
	switch k {
	case apperr.Invalid:
		return http.StatusBadRequest
	case apperr.Unprocessable:
		return http.StatusUnprocessableEntity
	case apperr.Unauthenticated:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.PreconditionFailed:
		return http.StatusPreconditionFailed
	case apperr.Locked:
		return http.StatusLocked
	case apperr.RateLimited:
		return http.StatusTooManyRequests
	case apperr.Unavailable:
		return http.StatusServiceUnavailable
	case apperr.TooLarge:
		return http.StatusRequestEntityTooLarge
	case apperr.UnsupportedMediaType:
		return http.StatusUnsupportedMediaType
	}
	return http.StatusInternalServerError
}

// kindOfStatus maps statuses raised by Echo and its middleware back to kinds.
func kindOfStatus(status int) (apperr.Kind, string) {
	switch status {
	case http.StatusBadRequest:
		return apperr.Invalid, "bad_request"
	case http.StatusUnauthorized:
		return apperr.Unauthenticated, "unauthenticated"
	case http.StatusForbidden:
		return apperr.Forbidden, "forbidden"
	case http.StatusNotFound:
		return apperr.NotFound, "not_found"
	case http.StatusMethodNotAllowed:
		return apperr.Invalid, "method_not_allowed"
	case http.StatusRequestEntityTooLarge:
		return apperr.TooLarge, "body_too_large"
	case http.StatusUnsupportedMediaType:
		return apperr.UnsupportedMediaType, "unsupported_media_type"
	case http.StatusTooManyRequests:
		return apperr.RateLimited, "rate_limited"
	case http.StatusServiceUnavailable:
		return apperr.Unavailable, "unavailable"
	}
	return apperr.Internal, "internal"
}

// toProblem turns any error into a problem and its status; internal errors say nothing more.
func toProblem(err error) (problem, *apperr.Error) {
	var he *echo.HTTPError
	if errors.As(err, &he) {
		if ae, ok := apperr.As(he.Internal); ok {
			err = ae
		} else {
			kind, code := kindOfStatus(he.Code)
			msg := fmt.Sprint(he.Message)
			if he.Code == http.StatusMethodNotAllowed {
				return problem{Status: he.Code, Title: http.StatusText(he.Code), Code: code, Detail: msg, Type: problemTypeBase + code}, nil
			}
			if name, ok := badParameter(msg); ok && he.Code == http.StatusBadRequest {
				// The generated wrapper could not bind a parameter (e.g. a malformed UUID in the path).
				err = &apperr.Error{Kind: apperr.Invalid, Code: "validation", Message: "The request does not match the API contract.",
					Fields: []apperr.FieldError{{Field: "/" + name, Message: "malformed value"}}, Err: he}
			} else {
				err = &apperr.Error{Kind: kind, Code: code, Message: msg, Err: he.Internal}
			}
		}
	}
	ae, ok := apperr.As(err)
	if !ok || ae.Kind == apperr.Internal {
		return problem{Type: problemTypeBase + "internal", Title: "Internal Server Error", Status: 500, Code: "internal",
			Detail: "Something went wrong on our side; it has been logged."}, ae
	}
	status := statusOf(ae.Kind)
	p := problem{Type: problemTypeBase + ae.Code, Title: http.StatusText(status), Status: status, Detail: ae.Message, Code: ae.Code}
	for _, f := range ae.Fields {
		p.Errors = append(p.Errors, fieldError(f))
	}
	return p, ae
}

// errorHandler is Echo's HTTPErrorHandler: every error leaves as application/problem+json.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		p, ae := toProblem(err)
		p.RequestID = c.Response().Header().Get(echo.HeaderXRequestID)
		if p.Status >= 500 {
			log.ErrorContext(c.Request().Context(), "request failed", "err", err, "request_id", p.RequestID)
		}
		if ae != nil && ae.RetryAfter > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(int(ae.RetryAfter.Seconds()+0.999)))
		}
		if p.Status == http.StatusUnauthorized {
			c.Response().Header().Set("WWW-Authenticate", bearerChallenge(c.Request(), p))
		}
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		c.Response().WriteHeader(p.Status)
		if c.Request().Method == http.MethodHead {
			return
		}
		_ = jsonEncode(c.Response(), p)
	}
}

// realm names the protection space in WWW-Authenticate challenges.
const realm = "lamtheobac"

// refusedToken reports whether a 401's code says a token was read and refused (malformed,
// expired, revoked by a new password or secret, or its account disabled since).
func refusedToken(code string) bool {
	switch code {
	case "invalid_token", "token_expired", "token_revoked", "account_disabled":
		return true
	}
	return false
}

// bearerChallenge is the WWW-Authenticate of a 401 (RFC 9110 §11.6.1 requires one on every 401;
// RFC 6750 §3 gives its form): the Bearer scheme and realm, plus error="invalid_token" when the
// request carried a token and that token was refused, so a client knows to get a new one rather
// than to log in with other credentials.
func bearerChallenge(r *http.Request, p problem) string {
	ch := `Bearer realm="` + realm + `"`
	if r.Header.Get(echo.HeaderAuthorization) != "" && refusedToken(p.Code) {
		ch += `, error="invalid_token", error_description="` + strings.Map(quotable, p.Detail) + `"`
	}
	return ch
}

// quotable keeps a rune that may stand inside a quoted-string of a challenge (RFC 6750 §3 limits
// error_description to printable ASCII other than '"' and '\'); others are dropped.
func quotable(r rune) rune {
	if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
		return -1
	}
	return r
}

// validationError turns the spec validator's findings into one 400 with a field per finding.
func validationError(he *echo.HTTPError) error {
	// A body without Content-Length is cut at the limit (guard) while the validator reads it:
	// that is a 413, not a schema problem.
	if ae, ok := apperr.As(he.Internal); ok && ae.Kind == apperr.TooLarge {
		return ae
	}
	// The validator answers a known path with an unknown method as 404 "method not allowed".
	if he.Code == http.StatusNotFound && fmt.Sprint(he.Message) == routers.ErrMethodNotAllowed.Error() {
		return echo.NewHTTPError(http.StatusMethodNotAllowed, "The method is not allowed on this path.")
	}
	if he.Code != http.StatusBadRequest {
		return he
	}
	var fields []apperr.FieldError
	collectFields(he.Internal, &fields)
	if len(fields) == 0 {
		fields = []apperr.FieldError{{Field: "", Message: fmt.Sprint(he.Message)}}
	}
	return &apperr.Error{Kind: apperr.Invalid, Code: "validation", Message: "The request does not match the API contract.", Fields: fields, Err: he.Internal}
}

// collectFields walks kin-openapi's nested errors down to schema errors with JSON pointers.
func collectFields(err error, out *[]apperr.FieldError) {
	if err == nil {
		return
	}
	// Look at the error itself before unwrapping: a RequestError wraps a MultiError of schema
	// errors, and errors.As would jump straight past the parameter that names the field.
	if multi, ok := err.(openapi3.MultiError); ok {
		for _, e := range multi {
			collectFields(e, out)
		}
		return
	}
	var multi openapi3.MultiError
	var re *openapi3filter.RequestError
	if errors.As(err, &re) {
		prefix := ""
		if re.Parameter != nil {
			prefix = "/" + re.Parameter.Name // query and path parameters by name
			if re.Parameter.In == "header" {
				prefix = "header:" + re.Parameter.Name
			}
		}
		var pe *openapi3filter.ParseError
		if errors.As(re.Err, &pe) {
			*out = append(*out, apperr.FieldError{Field: prefix, Message: "malformed: " + pe.Error()})
			return
		}
		var se *openapi3.SchemaError
		if re.Err != nil && (errors.As(re.Err, &se) || errors.As(re.Err, &multi)) {
			n := len(*out)
			collectSchema(re.Err, prefix, out)
			if len(*out) > n {
				return
			}
		}
		msg := re.Reason
		if msg == "" && re.Err != nil {
			msg = re.Err.Error()
		}
		*out = append(*out, apperr.FieldError{Field: prefix, Message: firstLine(msg)})
		return
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		collectSchema(err, "", out)
		return
	}
	*out = append(*out, apperr.FieldError{Message: firstLine(err.Error())})
}

func collectSchema(err error, prefix string, out *[]apperr.FieldError) {
	var multi openapi3.MultiError
	if errors.As(err, &multi) {
		for _, e := range multi {
			collectSchema(e, prefix, out)
		}
		return
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		ptr := prefix
		if p := se.JSONPointer(); len(p) > 0 {
			ptr += "/" + strings.Join(p, "/")
		}
		msg := se.Reason
		if name, ok := unsupportedProperty(se.Reason); ok {
			msg, ptr = "unknown field", ptr+"/"+name
		}
		*out = append(*out, apperr.FieldError{Field: ptr, Message: msg})
	}
}

// badParameter returns the parameter named by the generated wrappers' message for a parameter
// that does not bind ("Invalid format for parameter unitId: …").
func badParameter(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "Invalid format for parameter ")
	name, _, found := strings.Cut(rest, ":")
	return name, ok && found && name != ""
}

// unsupportedProperty returns the field named by kin-openapi's reason for a field the schema
// does not allow (`property "extra" is unsupported`).
func unsupportedProperty(reason string) (string, bool) {
	rest, ok := strings.CutPrefix(reason, `property "`)
	name, found := strings.CutSuffix(rest, `" is unsupported`)
	return name, ok && found
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
