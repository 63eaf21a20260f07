package httpapi_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"lamtheobac/internal/app"
	"lamtheobac/internal/app/apptest"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/importer"
	"lamtheobac/internal/seed"
	"lamtheobac/internal/store"
	"lamtheobac/internal/testkit"
)

// replicas are two instances of the service over one database, as `serve` runs them behind a
// load balancer: each its own connection pool, workers, listener and memory, sharing only the
// database and the signing key (JWT_PRIVATE_KEY).
type replicas struct {
	a, b *env
	// heardA and heardB observe the instances' notification listeners.
	heardA, heardB *heard
}

// newReplicas starts instance A over a fresh database loaded with the demo organization, and
// instance B over the same database, both with o; their import workers and publication
// listeners run until the test ends.
func newReplicas(t *testing.T, o app.Options) replicas {
	t.Helper()
	dbURL := testkit.DatabaseURL(t)
	a := newEnvAt(t, dbURL, o)
	o.Keys = a.app.Issuer.Keys()
	bApp := apptest.Open(t, dbURL, o)
	b := *a // the same demo ids and tokens: the key is shared
	b.app, b.store = bApp, bApp.Store
	for _, e := range []*env{a, &b} {
		startImports(t, e)
	}
	return replicas{a: a, b: &b, heardA: listen(t, a), heardB: listen(t, &b)}
}

// TestReplicasBehaveAsOneService: two instances over one database are one service to their
// clients, whichever instance the load balancer picks for each request (no sticky sessions).
func TestReplicasBehaveAsOneService(t *testing.T) {
	t.Parallel()
	r := newReplicas(t, app.Options{Auth: auth.Options{MaxPerAddress: 4, MaxFailures: 3},
		Imports: importer.Options{Poll: 20 * time.Millisecond}})
	a, b := r.a, r.b

	t.Run("login throttle counted across instances", func(t *testing.T) {
		// Four attempts from one address, alternating instances; the fifth is refused by either.
		const addr = "10.7.0.1"
		for i, e := range []*env{a, b, a, b} {
			if got := authLoginFrom(e, addr+":"+strconv.Itoa(40000+i), "", "cell.secretary2", seed.DemoPassword); got.Status != http.StatusOK {
				t.Fatalf("attempt %d: %d %s", i+1, got.Status, got.Body)
			}
		}
		strictProblem(t, authLoginFrom(a, addr+":40010", "", "cell.secretary2", seed.DemoPassword), http.StatusTooManyRequests, "rate_limited")
		strictProblem(t, authLoginFrom(b, addr+":40011", "", "cell.secretary2", seed.DemoPassword), http.StatusTooManyRequests, "rate_limited")
	})

	t.Run("lock-out counted across instances", func(t *testing.T) {
		// Failures from several addresses (so the address limit stays out of it), alternating
		// instances: the third locks the account on both.
		login := func(e *env, n int, password string) resp {
			return authLoginFrom(e, "10.7.1."+strconv.Itoa(n)+":1", "", "member", password)
		}
		strictProblem(t, login(a, 1, "wrong-1"), http.StatusUnauthorized, "invalid_credentials")
		strictProblem(t, login(b, 2, "wrong-2"), http.StatusUnauthorized, "invalid_credentials")
		strictProblem(t, login(a, 3, "wrong-3"), http.StatusLocked, "account_locked")
		strictProblem(t, login(b, 4, seed.DemoPassword), http.StatusLocked, "account_locked")
	})

	t.Run("idempotency keys shared", func(t *testing.T) {
		create := func(e *env, key, code string) resp {
			return e.do(req{Method: "POST", Path: "/api/v1/blocs", User: "admin", Header: map[string]string{"Idempotency-Key": key},
				Body: map[string]any{"code": code, "name": "Khối thử nhân bản"}})
		}
		// A key used on A replays on B.
		first := create(a, "replica-1", "REPLICA-1")
		if first.Status != http.StatusCreated {
			t.Fatalf("first: %d %s", first.Status, first.Body)
		}
		again := create(b, "replica-1", "REPLICA-1")
		if again.Status != http.StatusCreated || again.Header.Get("Idempotent-Replayed") != "true" || string(again.Body) != string(first.Body) {
			t.Fatalf("replay on B: %d %v %s", again.Status, again.Header, again.Body)
		}
		// A request still running on A makes the same key on B a 409: A's insert waits on a
		// lock the test holds on the units table (reads go on).
		db, err := a.store.SQL()
		if err != nil {
			t.Fatal(err)
		}
		lock, err := db.BeginTx(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Rollback()
		if _, err := lock.Exec("LOCK TABLE units IN SHARE MODE"); err != nil {
			t.Fatal(err)
		}
		a.token("admin")
		running := make(chan resp, 1)
		go func() { running <- create(a, "replica-2", "REPLICA-2") }()
		eventually(t, "A's request holds its key", func() bool {
			return a.count("idempotency_keys", "key = 'replica-2' AND status IS NULL") == 1
		})
		strictProblem(t, create(b, "replica-2", "REPLICA-2"), http.StatusConflict, "idempotency_in_progress")
		if err := lock.Rollback(); err != nil {
			t.Fatal(err)
		}
		done := <-running
		if done.Status != http.StatusCreated {
			t.Fatalf("A's request: %d %s", done.Status, done.Body)
		}
		if replay := create(b, "replica-2", "REPLICA-2"); replay.Status != http.StatusCreated || string(replay.Body) != string(done.Body) {
			t.Fatalf("replay on B after A finished: %d %s", replay.Status, replay.Body)
		}
		if n := a.count("units", "code IN ('REPLICA-1', 'REPLICA-2')"); n != 2 {
			t.Fatalf("%d blocs created, want 2", n)
		}
	})

	t.Run("an import runs once with workers on both", func(t *testing.T) {
		rows := [][]string{{"unit_code", "year", "name", "implementer", "category", "status"}}
		for i := range 20 {
			rows = append(rows, []string{"CB-VP", "2025", "RP mô hình " + strconv.Itoa(i), "Đơn vị", "other", "registered"})
		}
		j := a.submit(upload{user: "cell.secretary", unit: "CB-VP", kind: "models", name: "x.csv", data: csvOf(",", rows...)})
		done := b.waitJob("cell.secretary", j.ID)
		if done.State != "succeeded" || done.CreatedCount != 20 || done.Attempts != 1 {
			t.Fatalf("job: %+v", done)
		}
		if n := a.countModels("RP mô hình "); n != 20 {
			t.Fatalf("%d models imported, want 20", n)
		}
		if n := a.count("audit_events, jsonb_array_elements_text(after->'ids') AS id", "action = 'model.import' AND import_id = $1", j.ID); n != 20 {
			t.Fatalf("the import's audit events name %d models, want 20", n)
		}
	})

	t.Run("a publication on A changes B's public ETag", func(t *testing.T) {
		// Both listeners up, so B answers revalidations from memory and only the notification
		// of A's change can make its tag stale.
		r.heardA.listening(t)
		r.heardB.listening(t)
		list := b.must(http.StatusOK, req{Method: "GET", Path: "/public/models"})
		tag := list.Header.Get("ETag")
		revalidate := func() resp {
			return b.do(req{Method: "GET", Path: "/public/models", Header: map[string]string{"If-None-Match": tag}})
		}
		if got := revalidate(); got.Status != http.StatusNotModified {
			t.Fatalf("B's revalidation before the change: %d", got.Status)
		}
		var model string
		db, err := a.store.SQL()
		if err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow("SELECT id FROM models WHERE status IN ('approved', 'in_progress', 'completed') AND published_at IS NULL ORDER BY id LIMIT 1").Scan(&model); err != nil {
			t.Fatal(err)
		}
		n := r.heardB.count(store.PublicationChannel)
		a.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + model + "/publication", User: "admin", Body: map[string]any{"published": true}})
		r.heardB.after(t, store.PublicationChannel, n)
		if fresh := revalidate(); fresh.Status != http.StatusOK || fresh.Header.Get("ETag") == tag {
			t.Fatalf("B still tags the changed list %s: %d", tag, fresh.Status)
		}
	})

	t.Run("a cursor from A pages on B", func(t *testing.T) {
		page := func(e *env, cursor string) map[string]any {
			path := "/api/v1/users?limit=2"
			if cursor != "" {
				path += "&cursor=" + url.QueryEscape(cursor)
			}
			return e.must(http.StatusOK, req{Method: "GET", Path: path, User: "admin"}).JSON(t)
		}
		first := page(a, "")
		cursor, _ := first["next_cursor"].(string)
		if cursor == "" {
			t.Fatalf("no next page: %v", first)
		}
		onB, onA := page(b, cursor), page(a, cursor)
		if jsonString(onB) != jsonString(onA) || jsonString(onB) == jsonString(first) {
			t.Fatalf("page 2 on B %v, on A %v", onB, onA)
		}
	})
}
