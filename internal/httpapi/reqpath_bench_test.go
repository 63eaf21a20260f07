package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/app"
	"lamtheobac/internal/app/apptest"
	"lamtheobac/internal/seed"
	"lamtheobac/internal/testkit"
)

// The request path's benchmarks (issue #16): the reads by id and the public feed of the load
// benchmark, through the real router and middleware over the demo data, with the access log
// encoded as `serve` encodes it (JSON) and the notification listener running as in `serve` (the
// token epochs and the publication version come from memory). They report allocations and CPU
// per request (cpu-ns/op: the process's CPU time, GC included) without a quiet machine:
// `go test -run '^$' -bench ReadPath -benchmem`.

// benchService is the service over a fresh demo database, its listener running.
type benchService struct {
	app    *app.App
	tokens map[string]string
}

func newBenchService(b *testing.B) *benchService {
	b.Helper()
	a := apptest.Open(b, testkit.DatabaseURL(b), app.Options{Log: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	ctx := context.Background()
	if err := seed.DemoWith(ctx, a, seed.DemoOptions{WithoutProvince: true}); err != nil {
		b.Fatal(err)
	}
	lctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { a.Listener.Run(lctx, func(error) {}); close(done) }()
	b.Cleanup(func() { cancel(); <-done })
	time.Sleep(200 * time.Millisecond) // the listener's first LISTEN; until then caches read the database
	return &benchService{app: a, tokens: map[string]string{}}
}

// token issues an access token for a demo user.
func (s *benchService) token(b *testing.B, username string) string {
	b.Helper()
	u, err := s.app.Store.GetUserByUsername(context.Background(), username)
	if err != nil {
		b.Fatal(err)
	}
	p, err := s.app.Auth.PrincipalFor(context.Background(), access.UserPrincipal, u.ID)
	if err != nil {
		b.Fatal(err)
	}
	tok, _, err := s.app.Issuer.Issue(p)
	if err != nil {
		b.Fatal(err)
	}
	return tok
}

// id runs a query returning one id.
func (s *benchService) id(b *testing.B, query string) string {
	b.Helper()
	db, err := s.app.Store.SQL()
	if err != nil {
		b.Fatal(err)
	}
	var id string
	if err := db.QueryRow(query).Scan(&id); err != nil {
		b.Fatalf("%s: %v", query, err)
	}
	return id
}

// run sends the request b.N times, checking the first answers' status (200).
func (s *benchService) run(b *testing.B, path, token string, header map[string]string) {
	b.Helper()
	s.runWant(b, http.StatusOK, path, token, header)
}

// runWant is run with the status the answers must have.
func (s *benchService) runWant(b *testing.B, want int, path, token string, header map[string]string) {
	b.Helper()
	send := func() *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		for k, v := range header {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		s.app.Router.ServeHTTP(w, r)
		return w
	}
	for range 3 { // warm the caches (verified tokens, public answers)
		if w := send(); w.Code != want {
			b.Fatalf("GET %s: %d %s", path, w.Code, w.Body)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	before := cpuTime()
	for range b.N {
		send()
	}
	b.ReportMetric(float64((cpuTime()-before).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime is the CPU time the process has used (user and system, GC included): a request's
// cost in the service, without the wait for the database that ns/op counts.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkReadPath: GET a model, a nomination and a submitted report by id, and the public
// feed with gzip and revalidated (304).
func BenchmarkReadPath(b *testing.B) {
	s := newBenchService(b)
	secretary, officer := s.token(b, "cell.secretary"), s.token(b, "bloc.officer")
	model := s.id(b, `SELECT m.id FROM models m JOIN users u ON u.unit_id = m.unit_id
		WHERE u.username = 'cell.secretary' ORDER BY m.id LIMIT 1`)
	nomination := s.id(b, `SELECT id FROM nominations ORDER BY id LIMIT 1`)
	report := s.id(b, `SELECT id FROM reports WHERE figures IS NOT NULL ORDER BY id LIMIT 1`)
	b.Run("model", func(b *testing.B) { s.run(b, "/api/v1/models/"+model, secretary, nil) })
	b.Run("nomination", func(b *testing.B) { s.run(b, "/api/v1/nominations/"+nomination, officer, nil) })
	b.Run("report", func(b *testing.B) { s.run(b, "/api/v1/reports/"+report, officer, nil) })
	b.Run("feed-gzip", func(b *testing.B) {
		s.run(b, "/public/feed.atom", "", map[string]string{"Accept-Encoding": "gzip"})
	})
	b.Run("feed-304", func(b *testing.B) {
		w := httptest.NewRecorder()
		s.app.Router.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/public/feed.atom", nil))
		s.runWant(b, http.StatusNotModified, "/public/feed.atom", "", map[string]string{"If-None-Match": w.Header().Get("ETag")})
	})
}
