package httpapi

import (
	"io"
	"mime"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/limits"
)

// routeRule is what the spec says of one operation that must be acted on before anyone reads
// its body: whether it needs a principal, which media types its body may have and how large it
// may be.
type routeRule struct {
	public bool     // the spec's security lets a caller without a token in
	media  []string // media types of its request body; none when it takes no body
	// streamed marks a multipart body: the handler reads it as a stream (a file of up to
	// limits.ImportFile), so the spec validator must leave it alone (kin-openapi reads a body
	// whole into memory to check it).
	streamed  bool
	bodyLimit int64
}

// routeRules are the rules of every operation, by method and Echo path
// ("POST /api/v1/units/:unitId/imports").
type routeRules map[string]routeRule

// rulesOf reads the rules from the spec: the operation's own security, else the document's
// (public when empty or when one requirement is empty, i.e. anonymous), and its request body.
func rulesOf(spec *openapi3.T) routeRules {
	rules := routeRules{}
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			security := spec.Security
			if op.Security != nil {
				security = *op.Security
			}
			r := routeRule{public: len(security) == 0 || slices.ContainsFunc(security, func(s openapi3.SecurityRequirement) bool { return len(s) == 0 }),
				bodyLimit: limits.Body}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for mt := range op.RequestBody.Value.Content {
					r.media = append(r.media, mt)
					if strings.HasPrefix(mt, "multipart/") {
						r.streamed, r.bodyLimit = true, limits.UploadBody
					}
				}
				sort.Strings(r.media)
			}
			rules[method+" "+echoPath(path)] = r
		}
	}
	return rules
}

// echoPath turns the spec's "/units/{unitId}" into Echo's "/units/:unitId", as the generated
// registration does.
func echoPath(p string) string {
	return strings.NewReplacer("{", ":", "}", "").Replace(p)
}

// of returns the rule of the request's route. A request no operation matches is left to the
// validator, which answers 404 or 405 without reading its body.
func (rs routeRules) of(c echo.Context) routeRule {
	r, ok := rs[c.Request().Method+" "+c.Path()]
	if !ok {
		return routeRule{public: true, bodyLimit: limits.Body}
	}
	return r
}

// streamed reports whether the request's body is read as a stream by its handler.
func (rs routeRules) streamed(c echo.Context) bool { return rs.of(c).streamed }

// withoutSecurity removes every security requirement from the spec handed to the validator:
// guard has already enforced them, and kin-openapi's security check reads the whole body into
// memory before it even looks at the credentials (for an upload, the whole file; without a
// token, for nothing).
func withoutSecurity(spec *openapi3.T) {
	spec.Security = nil
	none := openapi3.SecurityRequirements{}
	for _, item := range spec.Paths.Map() {
		for _, op := range item.Operations() {
			op.Security = &none
		}
	}
}

// guard applies the route's rule before any byte of the body is read: a protected route without
// a principal is 401, a body declared larger than the route's limit is 413 (only where the
// operation takes a body: elsewhere a body is ignored, never read), a body of a media
// type the operation does not take is 415; then it caps what may be read of the body at the
// limit, so a body without Content-Length is cut there (413) too. (What net/http does with the
// unread body of a refused request is its own: it discards at most 256 KiB of it to keep the
// connection, and closes it beyond.)
func guard(rules routeRules) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			rule := rules.of(c)
			if err := rule.check(req); err != nil {
				return err
			}
			switch {
			case req.Body == nil || req.Body == http.NoBody:
			case len(rule.media) == 0:
				// The operation takes no body: nobody here reads one (net/http discards what
				// was sent), and the spec declares no 413 for it.
				req.Body = http.NoBody
			default:
				req.Body = &limitedBody{ReadCloser: req.Body, left: rule.bodyLimit, rule: rule}
			}
			return next(c)
		}
	}
}

// check applies the rule to what the request's headers say, and writes its Content-Type in
// canonical form.
func (r routeRule) check(req *http.Request) error {
	if !r.public && access.FromContext(req.Context()) == nil {
		return apperr.ErrUnauthenticated
	}
	if len(r.media) == 0 {
		return nil // takes no body: whatever is sent is not read, so its size is no refusal
	}
	if req.ContentLength > r.bodyLimit {
		return bodyTooLarge(r)
	}
	ct := req.Header.Get(echo.HeaderContentType)
	if ct == "" && req.ContentLength == 0 && !r.streamed {
		return nil // no body at all: the validator says it is required
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || !slices.Contains(r.media, mt) {
		return apperr.New(apperr.UnsupportedMediaType, "unsupported_media_type",
			"The request body must be "+strings.Join(r.media, " or ")+" (Content-Type).")
	}
	if strings.HasPrefix(mt, "multipart/") && params["boundary"] == "" {
		return &apperr.Error{Kind: apperr.Invalid, Code: "validation", Message: "The request does not match the API contract.",
			Fields: []apperr.FieldError{{Field: "header:Content-Type", Message: "a multipart body needs its boundary parameter"}}}
	}
	// Media types are case-insensitive; the validator and the generated decoders compare them
	// as written, so they get the canonical form.
	if canonical := mime.FormatMediaType(mt, params); canonical != "" {
		req.Header.Set(echo.HeaderContentType, canonical)
	}
	return nil
}

// bodyTooLarge is the 413 of a body over the route's limit.
func bodyTooLarge(r routeRule) *apperr.Error {
	msg := "The request body is larger than " + limits.Format(r.bodyLimit) + "."
	if r.streamed {
		msg = "The upload is larger than " + limits.Format(limits.ImportFile) + " (the file) and " +
			limits.Format(limits.UploadEnvelope) + " (its form): split the file into several files."
	}
	return apperr.New(apperr.TooLarge, "body_too_large", msg)
}

// limitedBody is a request body that fails with the route's 413 once more than limit bytes
// are read from it; whoever reads the body returns that error as it is.
type limitedBody struct {
	io.ReadCloser
	left int64
	rule routeRule
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// At the limit: one more byte tells a body of exactly the limit from a larger one.
		var one [1]byte
		n, err := b.ReadCloser.Read(one[:])
		if n > 0 {
			return 0, bodyTooLarge(b.rule)
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}
