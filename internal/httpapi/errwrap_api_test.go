package httpapi_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/internal/app"
)

// syncBuffer is a log sink safe for the service's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records returns the JSON log records written so far.
func (b *syncBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for line := range strings.Lines(b.buf.String()) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %v: %s", err, line)
		}
		out = append(out, rec)
	}
	return out
}

// TestInternalErrorLogNamesStatement: the log line of a 500 names the store operation that
// failed ("store: get model <id>: ..."), not only the driver's message, so it can be traced
// without a debugger; the answer itself still says nothing.
func TestInternalErrorLogNamesStatement(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	e := newEnvWith(t, app.Options{Log: slog.New(slog.NewJSONHandler(logs, nil))})
	tok := e.token("member")

	// A bug: a table the model query reads (its latest rating) is gone.
	db, err := e.store.SQL()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("ALTER TABLE model_evaluations RENAME TO model_evaluations_gone"); err != nil {
		t.Fatal(err)
	}
	id := uuid.New()
	// Sent past the contract check: a bug's 500 is the one answer no operation declares.
	hr := httptest.NewRequest("GET", "/api/v1/models/"+id.String(), nil)
	hr.Header.Set("Authorization", "Bearer "+tok)
	w := httptest.NewRecorder()
	e.app.Router.ServeHTTP(w, hr)
	strictProblem(t, resp{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}, http.StatusInternalServerError, "internal")

	want := "store: get model " + id.String()
	var failed []string
	for _, rec := range logs.records(t) {
		if rec["msg"] != "request failed" {
			continue
		}
		msg, _ := rec["err"].(string)
		failed = append(failed, msg)
		if strings.Contains(msg, want) && strings.Contains(msg, "model_evaluations") {
			return
		}
	}
	t.Fatalf("no 500 log record names %q and the failing statement's error; request failures logged: %q", want, failed)
}
