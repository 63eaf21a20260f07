package httpapi_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"lamtheobac/api"
)

// noDatabase are the operations that declare their own 503 (readyz: not ready). Every other
// operation can meet a database outage, even one that reads nothing stored: a token sent with
// any request is checked against its principal's epoch (auth.Epochs), which reads the database
// when the instance does not hold it in memory.
// (By operationId, case-insensitively: the embedded spec capitalizes them.)
var noDatabase = map[string]bool{"getreadyz": true}

// touchesDatabase reports whether o can meet a database outage.
func (o specOp) touchesDatabase() bool { return !noDatabase[strings.ToLower(o.op.OperationID)] }

// specOp is one operation of the spec with what its shape implies.
type specOp struct {
	path, method string
	op           *openapi3.Operation
	params       openapi3.Parameters // the path item's and the operation's
}

// specOps lists the operations of the embedded spec in a stable order.
func specOps(t *testing.T) []specOp {
	t.Helper()
	doc, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	var out []specOp
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Find(path)
		for method, op := range item.Operations() {
			params := append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...)
			out = append(out, specOp{path: path, method: method, op: op, params: params})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path+out[i].method < out[j].path+out[j].method })
	return out
}

func (o specOp) String() string { return o.method + " " + o.path + " (" + o.op.OperationID + ")" }

// param returns the parameter named name, or nil.
func (o specOp) param(name string) *openapi3.Parameter {
	for _, p := range o.params {
		if p.Value != nil && p.Value.Name == name {
			return p.Value
		}
	}
	return nil
}

// uuidParams are the names of the path parameters that are UUIDs.
func (o specOp) uuidParams() []string {
	var out []string
	for _, p := range o.params {
		if v := p.Value; v != nil && v.In == openapi3.ParameterInPath && v.Schema != nil && v.Schema.Value.Format == "uuid" {
			out = append(out, v.Name)
		}
	}
	return out
}

// conditional reports whether the operation is a GET whose 200 carries an ETag: the middleware
// (conditionalGET, publicRoutes.etag) answers 304 to a matching If-None-Match.
func (o specOp) conditional() bool {
	ok := o.op.Responses.Status(http.StatusOK)
	return o.method == http.MethodGet && ok != nil && ok.Value != nil && ok.Value.Headers["ETag"] != nil
}

// idempotent reports whether the idempotency middleware handles the operation's POSTs.
func (o specOp) idempotent() bool {
	return o.method == http.MethodPost && strings.HasPrefix(o.path, "/api/v1/") && !strings.HasPrefix(o.path, "/api/v1/auth/")
}

// TestSpecDeclaresWhatMiddlewareAnswers keeps each operation's list of statuses from drifting
// from the middleware that produces them: whatever an operation's shape implies (a body, a UUID
// in the path, a token, the database, an ETag) must be declared, through the shared component,
// so a client generated from the spec knows every answer it can get. A new operation that
// forgets one fails here, before any request is sent.
func TestSpecDeclaresWhatMiddlewareAnswers(t *testing.T) {
	for _, o := range specOps(t) {
		want := map[int]string{}
		// authenticate refuses a bad token on every route, even those that need none.
		want[http.StatusUnauthorized] = "Unauthorized"
		if len(o.params) > 0 || o.op.RequestBody != nil {
			want[http.StatusBadRequest] = "BadRequest" // the request validator
		}
		if len(o.uuidParams()) > 0 {
			want[http.StatusBadRequest] = "BadRequest" // a malformed UUID
			want[http.StatusNotFound] = "NotFound"     // outside the read scope, or absent
		}
		if o.op.RequestBody != nil {
			want[http.StatusRequestEntityTooLarge] = "PayloadTooLarge"
			want[http.StatusUnsupportedMediaType] = "UnsupportedMediaType"
		}
		if o.param("If-Match") != nil {
			want[http.StatusPreconditionFailed] = "PreconditionFailed"
		}
		if o.idempotent() {
			if o.param("Idempotency-Key") == nil {
				t.Errorf("%s: a POST the idempotency middleware handles does not declare the Idempotency-Key parameter", o)
			}
			want[http.StatusConflict] = "Conflict"                 // idempotency_in_progress
			want[http.StatusUnprocessableEntity] = "Unprocessable" // idempotency_key_reused
		}
		if o.conditional() {
			want[http.StatusNotModified] = "NotModified"
			if strings.HasPrefix(o.path, "/public/") {
				want[http.StatusNotModified] = "PublicNotModified"
			}
			if o.param("If-None-Match") == nil {
				t.Errorf("%s: answers 304 but does not declare the If-None-Match parameter", o)
			}
		}
		if strings.HasPrefix(o.path, "/public/") {
			want[http.StatusTooManyRequests] = "TooManyRequests"
		}
		if o.touchesDatabase() {
			want[http.StatusServiceUnavailable] = "ServiceUnavailable"
		}
		for status, component := range want {
			got := o.op.Responses.Status(status)
			switch {
			case got == nil:
				t.Errorf("%s: does not declare %d (components/responses/%s)", o, status, component)
			case got.Ref != "#/components/responses/"+component:
				t.Errorf("%s: declares %d as %q, want the shared components/responses/%s", o, status, got.Ref, component)
			}
		}
		// Whatever the operation declares, these statuses always come with their headers.
		for status, header := range map[int]string{http.StatusUnauthorized: "WWW-Authenticate", http.StatusTooManyRequests: "Retry-After",
			http.StatusLocked: "Retry-After", http.StatusNotModified: "ETag"} {
			if r := o.op.Responses.Status(status); r != nil && (r.Value.Headers[header] == nil || !r.Value.Headers[header].Value.Required) {
				t.Errorf("%s: its %d does not declare the required header %s", o, status, header)
			}
		}
		if r := o.op.Responses.Status(http.StatusServiceUnavailable); r != nil && o.touchesDatabase() && r.Value.Headers["Retry-After"] == nil {
			t.Errorf("%s: its 503 does not declare Retry-After", o)
		}
		// No operation promises a 500: no request may produce one.
		if o.op.Responses.Status(http.StatusInternalServerError) != nil || o.op.Responses.Default() != nil {
			t.Errorf("%s: declares a 500 or a default answer", o)
		}
	}
}
