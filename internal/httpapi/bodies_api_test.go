package httpapi_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/uuid"

	"lamtheobac/api"
	"lamtheobac/internal/app"
	"lamtheobac/internal/limits"
	"lamtheobac/internal/testkit"
)

// Issue #12, items 1, 7 and 8: what the service reads of a request body before it knows who
// is calling, how large a body may be, and what it answers to a body of the wrong type.

// tripwire is a request body of size bytes (CSV-looking text) that counts what is read of it
// and fails the read, as a hung-up client would, once more than allow bytes were read.
type tripwire struct {
	src   io.Reader
	read  int64
	allow int64
}

func newTripwire(size, allow int64) *tripwire {
	return &tripwire{src: io.LimitReader(csvStream{}, size), allow: allow}
}

func (b *tripwire) Read(p []byte) (int, error) {
	if b.read >= b.allow {
		return 0, fmt.Errorf("tripwire: the body was read past %d bytes", b.allow)
	}
	if rest := b.allow - b.read; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := b.src.Read(p)
	b.read += int64(n)
	return n, err
}

// csvStream is an endless CSV of model rows, generated as it is read (never held in memory).
type csvStream struct{}

const csvLine = "DU-SCT,2025,Mô hình tiết kiệm,Chi bộ Văn phòng,other\r\n"

func (csvStream) Read(p []byte) (int, error) {
	for i := 0; i < len(p); {
		i += copy(p[i:], csvLine)
	}
	return len(p), nil
}

// specPath fills the spec path's parameters with fresh ids.
func specPath(p string) string {
	return regexp.MustCompile(`\{[^}]+\}`).ReplaceAllStringFunc(p, func(string) string { return uuid.NewString() })
}

// bodyMedia is the first media type the operation's body takes ("" when it takes none).
func bodyMedia(op *openapi3.Operation) string {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return ""
	}
	for mt := range op.RequestBody.Value.Content {
		return mt
	}
	return ""
}

// isPublic reports whether the spec lets a caller without a token call op.
func isPublic(spec *openapi3.T, op *openapi3.Operation) bool {
	sec := spec.Security
	if op.Security != nil {
		sec = *op.Security
	}
	for _, r := range sec {
		if len(r) == 0 {
			return true
		}
	}
	return len(sec) == 0
}

// TestUnauthenticatedBodiesAreNotRead: every protected operation of the spec, called without a
// token (or with a bad one) and a 60 MB body of unknown length, is refused with 401 before a
// byte of the body is read. The spec validator's security check used to read the whole body
// into memory first (8 such uploads at once took the service from 169 to 783 MB).
func TestUnauthenticatedBodiesAreNotRead(t *testing.T) {
	t.Parallel()
	e := newBareEnv(t, testkit.DatabaseURL(t), app.Options{})
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	const size, allow = 60 << 20, 4 << 10
	send := func(t *testing.T, method, path, media, authorization string) {
		t.Helper()
		body := newTripwire(size, allow)
		hr := httptest.NewRequest(method, path, body)
		hr.ContentLength = -1 // chunked: no length to refuse it by
		if media == "" {
			media = "application/json"
		}
		if strings.HasPrefix(media, "multipart/") {
			media += "; boundary=b0undary"
		}
		hr.Header.Set("Content-Type", media)
		if authorization != "" {
			hr.Header.Set("Authorization", authorization)
		}
		code := "unauthenticated"
		if authorization != "" {
			code = "invalid_token"
		}
		problem(t, e.serve(hr), http.StatusUnauthorized, code)
		if body.read > 0 {
			t.Errorf("%s %s: %d bytes of the body read before refusing it", method, path, body.read)
		}
	}
	protected := 0
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			if isPublic(spec, op) {
				continue
			}
			protected++
			t.Run(op.OperationID, func(t *testing.T) {
				send(t, method, specPath(path), bodyMedia(op), "")
				send(t, method, specPath(path), bodyMedia(op), "Bearer not-a-token")
			})
		}
	}
	if protected < 50 {
		t.Fatalf("only %d protected operations found in the spec", protected)
	}
	t.Run("a bad token on a public route", func(t *testing.T) {
		send(t, http.MethodPost, "/api/v1/auth/login", "application/json", "Bearer not-a-token")
	})
}

// uploadForm is a multipart upload whose file part is streamed: the envelope around it is
// written by hand so the body's exact length is known without building it.
type uploadForm struct {
	kind   string
	dryRun bool
	junk   int64 // bytes of an unknown field before the file
	file   int64 // bytes of the file
}

const formBoundary = "lamtheobac-test-boundary-7f3a9c"

// body returns the form as a stream, its length and its Content-Type.
func (f uploadForm) body() (io.Reader, int64, string) {
	var head strings.Builder
	part := func(name, filename string) {
		fmt.Fprintf(&head, "--%s\r\nContent-Disposition: form-data; name=%q", formBoundary, name)
		if filename != "" {
			fmt.Fprintf(&head, "; filename=%q\r\nContent-Type: text/csv", filename)
		}
		head.WriteString("\r\n\r\n")
	}
	part("kind", "")
	head.WriteString(f.kind + "\r\n")
	if f.dryRun {
		part("dry_run", "")
		head.WriteString("true\r\n")
	}
	var junk io.Reader = strings.NewReader("")
	if f.junk > 0 {
		part("note", "")
		junk = io.MultiReader(io.LimitReader(csvStream{}, f.junk), strings.NewReader("\r\n"))
	}
	var file strings.Builder
	fmt.Fprintf(&file, "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mo-hinh.csv\"\r\nContent-Type: text/csv\r\n\r\n", formBoundary)
	tail := "\r\n--" + formBoundary + "--\r\n"
	size := int64(head.Len()) + f.junk + int64(file.Len()) + f.file + int64(len(tail))
	if f.junk > 0 {
		size += 2
	}
	r := io.MultiReader(strings.NewReader(head.String()), junk, strings.NewReader(file.String()),
		io.LimitReader(csvStream{}, f.file), strings.NewReader(tail))
	return r, size, "multipart/form-data; boundary=" + formBoundary
}

// request is the upload of f into unit as user; chunked hides its length.
func (e *env) uploadRequest(f uploadForm, unit, user string, chunked bool) (*http.Request, *tripwire) {
	r, size, ct := f.body()
	body := &tripwire{src: r, allow: size + 1}
	hr := httptest.NewRequest(http.MethodPost, "/api/v1/units/"+e.units[unit].String()+"/imports", body)
	hr.ContentLength = size
	if chunked {
		hr.ContentLength = -1
	}
	hr.Header.Set("Content-Type", ct)
	hr.Header.Set("Authorization", "Bearer "+e.token(user))
	return hr, body
}

// liveHeap is the heap still reachable after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// heapProbe passes a body through and, every `every` bytes read, records the live heap.
type heapProbe struct {
	r            io.Reader
	every, next  int64
	read         int64
	max, samples uint64
}

func (p *heapProbe) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.read += int64(n)
	if p.read >= p.next {
		p.next += p.every
		p.samples++
		p.max = max(p.max, liveHeap())
	}
	return n, err
}

// TestAuthenticatedUploadStreams: a 48 MiB upload (with an Idempotency-Key, so the body is also
// spooled for its digest) goes to its temporary file and to the database as a stream: the live
// heap, sampled every 4 MiB of the body as the server reads it, never grows by more than a few
// MiB. Before, the validator's security check read the whole body into memory first.
//
// Not parallel: it measures the process's heap, which other tests would move.
func TestAuthenticatedUploadStreams(t *testing.T) {
	e := newEnv(t) // no import workers: the job stays queued, only the upload is measured
	const fileSize = 48 << 20
	r, size, ct := uploadForm{kind: "models", dryRun: true, file: fileSize}.body()
	probe := &heapProbe{r: r, every: 4 << 20}
	hr := httptest.NewRequest(http.MethodPost, "/api/v1/units/"+e.units["DU-SCT"].String()+"/imports", probe)
	hr.ContentLength = -1 // as a streaming client sends it
	hr.Header.Set("Content-Type", ct)
	hr.Header.Set("Authorization", "Bearer "+e.token("committee.officer"))
	hr.Header.Set("Idempotency-Key", "heap-"+uuid.NewString())

	base := liveHeap()
	got := e.serve(hr)
	if got.Status != http.StatusAccepted {
		t.Fatalf("upload: %d %s", got.Status, got.Body)
	}
	var j struct {
		FileSize int64 `json:"file_size"`
	}
	got.Decode(t, &j)
	if j.FileSize != fileSize || probe.read != size {
		t.Fatalf("stored %d bytes of a %d-byte file; read %d of %d", j.FileSize, fileSize, probe.read, size)
	}
	growth := int64(probe.max) - int64(base)
	t.Logf("live heap %.1f MiB before, at most %.1f MiB during the upload (%d samples)", float64(base)/(1<<20), float64(probe.max)/(1<<20), probe.samples)
	if probe.samples < 10 || growth > 8<<20 {
		t.Fatalf("the live heap grew by %.1f MiB during a %d MiB upload (%d samples)", float64(growth)/(1<<20), fileSize>>20, probe.samples)
	}
}

// TestUploadSizeLimits: the limits are binary and the documented ones. A file of exactly
// 256 MiB is accepted with its form around it (the body limit was "51M", 51,000,000 bytes, and
// refused files from 48.6 MiB up); one byte more is the importer's 413 file_too_large; a body
// declared over the upload's limit is 413 before a byte is read, and one without a length is
// cut at the limit.
func TestUploadSizeLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const user, unit = "committee.officer", "DU-SCT"

	t.Run("exactly the file limit", func(t *testing.T) {
		hr, _ := e.uploadRequest(uploadForm{kind: "models", dryRun: true, file: limits.ImportFile}, unit, user, false)
		got := e.serve(hr)
		if got.Status != http.StatusAccepted {
			t.Fatalf("a file of exactly %d bytes: %d %s", limits.ImportFile, got.Status, got.Body)
		}
		if fs := got.JSON(t)["file_size"]; fs != float64(limits.ImportFile) {
			t.Fatalf("file_size %v", fs)
		}
	})
	t.Run("one byte more", func(t *testing.T) {
		for _, chunked := range []bool{false, true} {
			hr, _ := e.uploadRequest(uploadForm{kind: "models", file: limits.ImportFile + 1}, unit, user, chunked)
			p := problem(t, e.serve(hr), http.StatusRequestEntityTooLarge, "file_too_large")
			if !strings.Contains(p["detail"].(string), "256 MiB") {
				t.Fatalf("detail: %v", p["detail"])
			}
		}
	})
	t.Run("declared over the upload limit", func(t *testing.T) {
		hr, body := e.uploadRequest(uploadForm{kind: "models", file: 8}, unit, user, false)
		hr.ContentLength = limits.UploadBody + 1
		problem(t, e.serve(hr), http.StatusRequestEntityTooLarge, "body_too_large")
		if body.read > 0 {
			t.Fatalf("%d bytes read of a body declared too large", body.read)
		}
	})
	t.Run("cut at the upload limit", func(t *testing.T) {
		// The file is within its limit; the form around it is not.
		hr, _ := e.uploadRequest(uploadForm{kind: "models", junk: limits.UploadEnvelope, file: limits.ImportFile}, unit, user, true)
		p := problem(t, e.serve(hr), http.StatusRequestEntityTooLarge, "body_too_large")
		if d := p["detail"].(string); !strings.Contains(d, "256 MiB") || !strings.Contains(d, "64 KiB") {
			t.Fatalf("detail: %s", d)
		}
	})
	t.Run("JSON bodies: 1 MiB", func(t *testing.T) {
		path := "/api/v1/committees/" + e.units["DU-SCT"].String() + "/cells"
		for _, c := range []struct {
			size    int
			chunked bool
			over    bool
		}{{limits.Body, false, false}, {limits.Body, true, false}, {limits.Body + 1, false, true}, {limits.Body + 1, true, true}} {
			raw := `{"code":"CB-BIG","name":"` + strings.Repeat("a", c.size-len(`{"code":"CB-BIG","name":""}`)) + `"}`
			hr := httptest.NewRequest(http.MethodPost, path, strings.NewReader(raw))
			if c.chunked {
				hr.ContentLength = -1
			}
			hr.Header.Set("Content-Type", "application/json")
			hr.Header.Set("Authorization", "Bearer "+e.token(user))
			got := e.serve(hr)
			if !c.over {
				problem(t, got, http.StatusBadRequest, "validation") // read whole, then too long a name
				continue
			}
			p := problem(t, got, http.StatusRequestEntityTooLarge, "body_too_large")
			if d := p["detail"].(string); !strings.Contains(d, "1 MiB") {
				t.Fatalf("detail: %s", d)
			}
		}
	})
	t.Run("a form body over 1 MiB", func(t *testing.T) {
		for _, chunked := range []bool{false, true} {
			raw := "grant_type=client_credentials&client_id=x&client_secret=" + strings.Repeat("a", limits.Body)
			hr := httptest.NewRequest(http.MethodPost, "/api/v1/auth/token", strings.NewReader(raw))
			if chunked {
				hr.ContentLength = -1
			}
			hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			problem(t, e.serve(hr), http.StatusRequestEntityTooLarge, "body_too_large")
		}
	})
	if n := e.count("import_jobs", ""); n != 1 {
		t.Fatalf("%d jobs, want the one of exactly 256 MiB", n)
	}
}

// TestWrongContentType: a body of a media type the operation does not take is 415
// unsupported_media_type on every operation that takes a body (it was a 500 on the upload for
// any JSON body: all 32 of the fuzzer's 5xx, and a 400 elsewhere); a multipart type without
// its boundary is 400.
func TestWrongContentType(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	send := func(method, path, ct, body string) resp {
		hr := httptest.NewRequest(method, path, strings.NewReader(body))
		if ct != "" {
			hr.Header.Set("Content-Type", ct)
		}
		hr.Header.Set("Authorization", "Bearer "+e.token("admin"))
		return e.serve(hr)
	}
	withBody := 0
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			media := bodyMedia(op)
			if media == "" {
				continue
			}
			withBody++
			t.Run(op.OperationID, func(t *testing.T) {
				wrong := []string{"text/plain", "application/xml", "application/json", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "not a media type"}
				for _, ct := range wrong {
					if strings.HasPrefix(ct, media) {
						continue
					}
					got := send(method, specPath(path), ct, `{"a":1}`)
					if got.Status != http.StatusUnsupportedMediaType {
						t.Fatalf("Content-Type %q: %d %s", ct, got.Status, got.Body)
					}
					problem(t, got, http.StatusUnsupportedMediaType, "unsupported_media_type")
				}
			})
		}
	}
	if withBody < 40 {
		t.Fatalf("only %d operations with a body found in the spec", withBody)
	}

	imports := "/api/v1/units/" + e.units["DU-SCT"].String() + "/imports"
	t.Run("upload without boundary", func(t *testing.T) {
		p := problem(t, send("POST", imports, "multipart/form-data", "--x\r\n"), http.StatusBadRequest, "validation")
		if !strings.Contains(jsonString(p["errors"]), "header:Content-Type") {
			t.Fatalf("errors: %v", p["errors"])
		}
	})
	t.Run("upload without a body or its type", func(t *testing.T) {
		problem(t, send("POST", imports, "", ""), http.StatusUnsupportedMediaType, "unsupported_media_type")
	})
	t.Run("upload of an empty form", func(t *testing.T) {
		problem(t, send("POST", imports, "multipart/form-data; boundary=x", ""), http.StatusBadRequest, "validation")
	})
	t.Run("the right type with parameters is fine", func(t *testing.T) {
		got := send("POST", "/api/v1/committees/"+e.units["DU-SCT"].String()+"/cells", "Application/JSON; charset=utf-8", `{"code":"CB-CT","name":"Chi bộ Charset"}`)
		if got.Status != http.StatusCreated {
			t.Fatalf("%d %s", got.Status, got.Body)
		}
	})
}
