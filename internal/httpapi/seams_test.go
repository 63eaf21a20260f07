package httpapi

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"lamtheobac/api"
	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/store"
)

// fakeReadiness answers /readyz's checks as told.
type fakeReadiness struct {
	ping       error
	current    bool
	migrations error
}

func (f fakeReadiness) Ping(context.Context) error { return f.ping }
func (f fakeReadiness) MigrationsCurrent(context.Context) (bool, error) {
	return f.current, f.migrations
}

// TestReadyzChecks walks /readyz's answers through the Readiness seam, without a database:
// a schema behind the code (migrations pending) cannot be staged against the shared one.
func TestReadyzChecks(t *testing.T) {
	boom := errors.New("boom")
	for _, tc := range []struct {
		name string
		r    fakeReadiness
		code string // "" for 200
	}{
		{"ready", fakeReadiness{current: true}, ""},
		{"database down", fakeReadiness{ping: boom, current: true}, "database_unreachable"},
		{"migrations pending", fakeReadiness{current: false}, "migrations_pending"},
		{"migrations unknown", fakeReadiness{current: true, migrations: boom}, "migrations_pending"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := (&Server{d: Deps{Readiness: tc.r}}).GetReadyz(context.Background(), api.GetReadyzRequestObject{})
			if tc.code == "" {
				if _, ok := res.(api.GetReadyz200JSONResponse); !ok || err != nil {
					t.Fatalf("got %T, %v; want 200", res, err)
				}
				return
			}
			ae, ok := apperr.As(err)
			if !ok || ae.Kind != apperr.Unavailable || ae.Code != tc.code || ae.RetryAfter <= 0 {
				t.Fatalf("got %v; want 503 %s with Retry-After", err, tc.code)
			}
		})
	}
}

// fakeIdempotency records what the middleware asks of its store.
type fakeIdempotency struct {
	claimed, completed, released int
}

func (f *fakeIdempotency) ClaimIdempotencyKey(context.Context, string, string, string, string, []byte) (*store.IdempotentResponse, error) {
	f.claimed++
	return nil, nil
}
func (f *fakeIdempotency) CompleteIdempotencyKey(context.Context, string, string, store.IdempotentResponse) error {
	f.completed++
	return nil
}
func (f *fakeIdempotency) ReleaseIdempotencyKey(context.Context, string, string) error {
	f.released++
	return nil
}

// TestIdempotencyReleasesFailures checks, through the IdempotencyStore seam, that an answer
// below 500 is kept for replay and that a 500 (a failure on our side) releases the key so a
// retry runs again: the full stack cannot easily force a handler's 500.
func TestIdempotencyReleasesFailures(t *testing.T) {
	for _, tc := range []struct {
		name    string
		handler echo.HandlerFunc
		kept    bool
	}{
		{"created", func(c echo.Context) error { return c.JSON(http.StatusCreated, map[string]string{}) }, true},
		{"refused", func(echo.Context) error { return apperr.ErrForbidden }, true},
		{"failed", func(echo.Context) error { return errors.New("bug") }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := &fakeIdempotency{}
			e := echo.New()
			e.HTTPErrorHandler = errorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)))
			req := httptest.NewRequest(http.MethodPost, "/api/v1/units", strings.NewReader(`{}`))
			req.Header.Set("Idempotency-Key", "k1")
			req = req.WithContext(access.WithPrincipal(req.Context(), &access.Principal{ID: uuid.New()}))
			c := e.NewContext(req, httptest.NewRecorder())
			if err := idempotency(st)(tc.handler)(c); err != nil {
				t.Fatal(err)
			}
			if st.claimed != 1 || (st.completed == 1) != tc.kept || (st.released == 1) == tc.kept {
				t.Fatalf("claimed %d, completed %d, released %d; want kept=%v", st.claimed, st.completed, st.released, tc.kept)
			}
		})
	}
}
