package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"mime/multipart"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"lamtheobac/internal/app"
	"lamtheobac/internal/app/apptest"
	"lamtheobac/internal/importer"
)

// newImportEnv is newEnv with the import workers running for the test's lifetime.
func newImportEnv(t *testing.T, o importer.Options) *env {
	t.Helper()
	if o.Poll == 0 {
		o.Poll = 20 * time.Millisecond
	}
	if os.Getenv("IMPORT_LOG") != "" {
		o.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	e := newEnvWith(t, app.Options{Imports: o})
	startImports(t, e)
	return e
}

// startImports runs the workers of e until the test ends; the returned func stops them early,
// as a process stop would.
func startImports(t *testing.T, e *env) func() {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.app.Imports.Run(ctx); close(done) }()
	stop := func() { cancel(); <-done }
	t.Cleanup(stop)
	return stop
}

// upload is one import upload.
type upload struct {
	user, unit, kind, name string
	data                   []byte
	dryRun                 bool
	header                 map[string]string
	extra                  map[string]string // more form fields
}

// multipartBody builds the form of u.
func multipartBody(t *testing.T, u upload) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if u.kind != "" {
		_ = mw.WriteField("kind", u.kind)
	}
	if u.dryRun {
		_ = mw.WriteField("dry_run", "true")
	}
	for k, v := range u.extra {
		_ = mw.WriteField(k, v)
	}
	if u.data != nil {
		fw, err := mw.CreateFormFile("file", u.name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(u.data)
	}
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// send uploads u and returns the answer.
func (e *env) send(u upload) resp {
	e.t.Helper()
	body, ct := multipartBody(e.t, u)
	return e.do(req{Method: "POST", Path: "/api/v1/units/" + e.units[u.unit].String() + "/imports", User: u.user, Body: body,
		Content: ct, Header: u.header})
}

// importJob is the JSON of a job, as far as tests read it.
type importJob struct {
	ID           string `json:"id"`
	State        string `json:"state"`
	DryRun       bool   `json:"dry_run"`
	RowsTotal    *int   `json:"rows_total"`
	RowsDone     int    `json:"rows_done"`
	CreatedCount int    `json:"created_count"`
	ProblemCount int    `json:"problem_count"`
	Retryable    bool   `json:"retryable"`
	Attempts     int    `json:"attempts"`
	Error        *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Problems []struct {
		Row     int    `json:"row"`
		Column  string `json:"column"`
		Field   string `json:"field"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"problems"`
}

// hasProblem reports whether the job has a problem at row (-1: any) on field ("": any) with
// code ("": any).
func (j importJob) hasProblem(row int, field, code string) bool {
	for _, p := range j.Problems {
		if (row < 0 || p.Row == row) && (field == "" || p.Field == field) && (code == "" || p.Code == code) {
			return true
		}
	}
	return false
}

// submit uploads u, expecting 202, and returns the queued job.
func (e *env) submit(u upload) importJob {
	e.t.Helper()
	got := e.send(u)
	if got.Status != http.StatusAccepted {
		e.t.Fatalf("upload: status %d\n%s", got.Status, got.Body)
	}
	var j importJob
	got.Decode(e.t, &j)
	if loc := got.Header.Get("Location"); loc != "/api/v1/imports/"+j.ID {
		e.t.Fatalf("Location %q for job %s", loc, j.ID)
	}
	return j
}

// waitJob polls the job until it has finished, as its uploader.
func (e *env) waitJob(user, id string) importJob {
	e.t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		var j importJob
		e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/imports/" + id, User: user}).Decode(e.t, &j)
		if j.State == "succeeded" || j.State == "failed" {
			return j
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.t.Fatalf("job %s did not finish", id)
	return importJob{}
}

// run uploads u and waits for its job to finish.
func (e *env) run(u upload) importJob {
	e.t.Helper()
	return e.waitJob(u.user, e.submit(u).ID)
}

// csvOf joins rows of cells into CSV text with sep.
func csvOf(sep string, rows ...[]string) []byte {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteString(sep)
			}
			if strings.ContainsAny(c, sep+"\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

// countModels counts the models whose name starts with prefix.
func (e *env) countModels(prefix string) int {
	return e.count("models", "name LIKE $1", prefix+"%")
}

func jsonString(v any) string { b, _ := json.Marshal(v); return string(b) }

// newEnvSharing is a second service over e's database, as another process or replica would be
// (its own workers and sweeper); requests still go through e.
func newEnvSharing(t *testing.T, e *env, o app.Options) *env {
	t.Helper()
	other := *e
	other.app = apptest.Over(t, e.store, o)
	return &other
}

func itoa(i int) string { return strconv.Itoa(i) }
