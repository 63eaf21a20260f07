package apptest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"lamtheobac/api"
)

// This file makes every full-stack test a conformance test: each answer the tests receive is
// checked against openapi.yaml (status declared for the operation, declared headers present and
// well-formed, body matching the schema for its content type), so an answer the spec does not
// declare fails the test that provoked it.

// validated counts the answers checked against the spec in this test binary.
var validated atomic.Int64

// Validated is the number of answers checked against the spec so far (TestMain prints it).
func Validated() int64 { return validated.Load() }

// contract is the spec and its router, loaded once per test binary.
var contract = sync.OnceValues(func() (*openapi3.T, routers.Router) {
	doc, err := api.GetSwagger()
	if err != nil {
		panic(fmt.Sprintf("apptest: load the spec: %v", err))
	}
	doc.Servers = nil // match paths whatever the Host of the test request
	r, err := gorillamux.NewRouter(doc)
	if err != nil {
		panic(fmt.Sprintf("apptest: route the spec: %v", err))
	}
	return doc, r
})

// Spec is the contract the answers are checked against (shared: never modify it).
func Spec() *openapi3.T { doc, _ := contract(); return doc }

// uuidFormat checks format: uuid in answers; kin-openapi leaves it unchecked by default, and
// defining it globally would also change the server's own request validation in tests.
var uuidFormat = openapi3.WithStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(
	`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`))

// emailFormat checks format: email the way kin-openapi's optional pattern does.
var emailFormat = openapi3.WithStringFormatValidator("email", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail))

// headersDeclared are response headers whose presence means something to a client: an answer
// carrying one must have it declared for its status. (Idempotent-Replayed is not among them: a
// replay may be of any answer, and the Idempotency-Key parameter documents it.)
var headersDeclared = []string{"ETag", "Location", "Retry-After", "WWW-Authenticate", "Content-Disposition"}

// Conforming wraps h so that every answer it gives is checked against the spec when the request
// ends; a mismatch fails t (Errorf: safe from the goroutines some tests serve from).
func Conforming(t testing.TB, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &teeWriter{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		if err := CheckResponse(r, rec.status, w.Header(), rec.body.Bytes()); err != nil {
			t.Errorf("conformance: %v", err)
		}
	})
}

// Serve sends r through h with a recorder and checks the answer against the spec.
func Serve(t testing.TB, h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	Conforming(t, h).ServeHTTP(w, r)
	return w
}

// teeWriter passes an answer through while keeping a copy of its status and body.
type teeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *teeWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *teeWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.body.Write(b)
	return w.ResponseWriter.Write(b)
}

// Flush lets streamed answers through (Echo flushes when the writer can).
func (w *teeWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the writer underneath.
func (w *teeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// CheckResponse checks one answer to r against the spec: nil when it conforms, or when r is
// not an operation of the spec (the docs, /openapi.yaml, an unknown path or method: the router
// answers those before any operation).
func CheckResponse(r *http.Request, status int, header http.Header, body []byte) error {
	doc, router := contract()
	route, params, err := router.FindRoute(r)
	if err != nil {
		return nil
	}
	op := route.Operation
	name := fmt.Sprintf("%s (%s %s) answered %d", op.OperationID, r.Method, r.URL.Path, status)
	declared := op.Responses.Status(status)
	if declared == nil || declared.Value == nil {
		return fmt.Errorf("%s: status %d is not declared for the operation\n%s", name, status, clip(body))
	}
	for _, h := range headersDeclared {
		if header.Get(h) != "" && declared.Value.Headers[h] == nil {
			return fmt.Errorf("%s: header %s (%q) is not declared for this status", name, h, header.Get(h))
		}
	}
	if header.Get("Content-Encoding") == "gzip" {
		// A content coding is the transport's (the public answers' gzip copies): the
		// representation it carries is what the spec describes.
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return fmt.Errorf("%s: Content-Encoding gzip, but the body is not gzip: %v", name, err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			return fmt.Errorf("%s: Content-Encoding gzip, but the body does not decompress: %v", name, err)
		}
	}
	validated.Add(1)
	if status == http.StatusNotModified {
		// kin-openapi never validates a 304: check its declared headers and empty body here.
		for h, ref := range declared.Value.Headers {
			if ref.Value != nil && ref.Value.Required && header.Get(h) == "" {
				return fmt.Errorf("%s: required header %s missing", name, h)
			}
		}
		if len(body) > 0 {
			return fmt.Errorf("%s: a 304 has a body", name)
		}
		return nil
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true,
			SchemaValidationOptions: append(doc.GetSchemaValidationOptions(), uuidFormat, emailFormat)},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return fmt.Errorf("%s: %v\n%s", name, err, clip(body))
	}
	if len(declared.Value.Content) == 0 && len(body) > 0 {
		return fmt.Errorf("%s: a body where the spec declares none\n%s", name, clip(body))
	}
	if err := checkSignature(header.Get("Content-Type"), body); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

// checkSignature looks past the content type of the binary answers the spec can only call
// "binary": the body must be a document of that kind.
func checkSignature(contentType string, body []byte) error {
	mt, _, _ := strings.Cut(contentType, ";")
	switch strings.TrimSpace(mt) {
	case "application/pdf":
		if !bytes.HasPrefix(body, []byte("%PDF-")) {
			return fmt.Errorf("the body of an application/pdf answer is not a PDF")
		}
	case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
		if !bytes.HasPrefix(body, []byte("PK\x03\x04")) {
			return fmt.Errorf("the body of an XLSX answer is not a zip archive")
		}
	case "application/atom+xml":
		var feed struct {
			XMLName xml.Name
		}
		if err := xml.Unmarshal(body, &feed); err != nil {
			return fmt.Errorf("the Atom feed is not XML: %v", err)
		}
		if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.XMLName.Local != "feed" {
			return fmt.Errorf("the Atom feed's root is {%s}%s, not an Atom feed", feed.XMLName.Space, feed.XMLName.Local)
		}
	}
	return nil
}

// clip shortens a body for a failure message.
func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "… (" + strconv.Itoa(len(b)) + " bytes)"
	}
	return string(b)
}

// RunReporting runs a package's tests (call it from TestMain) and reports how many answers they
// had checked against the spec: on stdout, and as a line appended to the file named by
// CONFORMANCE_REPORT when set (`make test` prints that file, since go test shows nothing of a
// package that passes).
func RunReporting(m *testing.M, pkg string) int {
	code := m.Run()
	line := fmt.Sprintf("conformance: %s: %d answers validated against openapi.yaml\n", pkg, Validated())
	fmt.Print(line)
	if path := os.Getenv("CONFORMANCE_REPORT"); path != "" {
		if f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			_, _ = f.WriteString(line)
			_ = f.Close()
		}
	}
	return code
}
