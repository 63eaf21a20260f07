package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"lamtheobac/internal/apperr"
)

// TestWrapKeepsKinds: wrapping names the operation in the log text and never changes what the
// caller sees: the apperr kind, code and Retry-After (and so the HTTP answer) stay those
// translate gives.
func TestWrapKeepsKinds(t *testing.T) {
	outage := unavailable(errors.New("connection refused"))
	for _, tc := range []struct {
		name  string
		err   error
		kind  apperr.Kind
		code  string // "" for a non-apperr error (a 500)
		retry bool
	}{
		{"not found", apperr.ErrNotFound, apperr.NotFound, "not_found", false},
		{"gorm not found", gorm.ErrRecordNotFound, apperr.NotFound, "not_found", false},
		{"stale", apperr.ErrStale, apperr.PreconditionFailed, "stale_version", false},
		{"duplicate", &pgconn.PgError{Code: "23505", ConstraintName: "units_code_key"}, apperr.Conflict, "duplicate", false},
		{"outage", outage, apperr.Unavailable, "database_unavailable", true},
		{"bug", errors.New("relation \"x\" does not exist"), apperr.Internal, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := wrap(tc.err, "get thing %s", "42")
			if !strings.HasPrefix(got.Error(), "store: get thing 42: ") {
				t.Errorf("error %q does not name the operation", got)
			}
			if apperr.KindOf(got) != tc.kind {
				t.Errorf("kind %v, want %v", apperr.KindOf(got), tc.kind)
			}
			ae, ok := apperr.As(got)
			if ok != (tc.code != "") || (ok && (ae.Code != tc.code || (ae.RetryAfter > 0) != tc.retry)) {
				t.Errorf("apperr %+v, %v; want code %q, retry %v", ae, ok, tc.code, tc.retry)
			}
			if _, isApp := tc.err.(*apperr.Error); isApp && !errors.Is(got, tc.err) {
				t.Errorf("errors.Is loses %v", tc.err)
			}
		})
	}
	if wrap(nil, "get thing") != nil {
		t.Error("wrap(nil) is not nil")
	}
}
