package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/app"
	"lamtheobac/internal/app/apptest"
	"lamtheobac/internal/importer"
	"lamtheobac/internal/seed"
	"lamtheobac/internal/store"
	"lamtheobac/internal/testkit"
	"lamtheobac/internal/user"
)

// cliEnv is the real service (router, middleware, import workers) over a fresh database with
// the demo organization, served over HTTP, and a service client registered for the command.
type cliEnv struct {
	t     *testing.T
	store *store.Store
	env   map[string]string // the command's environment
}

// newCLIEnv starts the service as `serve` wires it and registers a committee officer client
// at DU-SCT, as an officer would for an import script.
func newCLIEnv(t *testing.T, o importer.Options) *cliEnv {
	t.Helper()
	ctx := context.Background()
	if o.Poll == 0 {
		o.Poll = 20 * time.Millisecond
	}
	a := apptest.Open(t, testkit.DatabaseURL(t), app.Options{Imports: o})
	st := a.Store
	if err := seed.Demo(ctx, a); err != nil {
		t.Fatal(err)
	}
	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { a.Imports.Run(wctx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	srv := httptest.NewServer(apptest.Conforming(t, a.Router)) // every answer checked against the spec
	t.Cleanup(srv.Close)

	admin, err := st.GetUserByUsername(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.Auth.PrincipalFor(ctx, access.UserPrincipal, admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	unit, err := st.GetUnitByCode(ctx, "DU-SCT")
	if err != nil {
		t.Fatal(err)
	}
	cl, secret, err := a.Users.CreateClient(access.WithPrincipal(ctx, p),
		user.NewClient{Name: "Import script", UnitID: unit.ID, Role: access.CommitteeOfficer})
	if err != nil {
		t.Fatal(err)
	}
	return &cliEnv{t: t, store: st, env: map[string]string{"LAMTHEOBAC_URL": srv.URL,
		"LAMTHEOBAC_CLIENT_ID": cl.ClientID, "LAMTHEOBAC_CLIENT_SECRET": secret}}
}

// lookup is os.LookupEnv over the command's environment.
func (e *cliEnv) lookup(k string) (string, bool) { v, ok := e.env[k]; return v, ok }

// result is what one run of the command left.
type result struct {
	stdout, stderr string
	err            error
}

// run runs `lamtheobac import args...` against the service.
func (e *cliEnv) run(args ...string) result {
	e.t.Helper()
	return runWith(e.t, e.lookup, args...)
}

// runWith runs `lamtheobac import args...` with the environment lookup.
func runWith(t *testing.T, lookup func(string) (string, bool), args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	err := runImport(ctx, args, &out, &errOut, lookup)
	if testing.Verbose() {
		t.Logf("import %s\nerr: %v\n--- stdout\n%s--- stderr\n%s", strings.Join(args, " "), err, out.String(), errOut.String())
	}
	return result{stdout: out.String(), stderr: errOut.String(), err: err}
}

// count counts the rows of table matching where.
func (e *cliEnv) count(table, where string, args ...any) int {
	e.t.Helper()
	db, err := e.store.SQL()
	if err != nil {
		e.t.Fatal(err)
	}
	q := "SELECT count(*) FROM " + table
	if where != "" {
		q += " WHERE " + where
	}
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// writeFile writes content into a file named name in a directory of the test.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// modelsCSV is a models file of n valid draft rows of DU-SCT named prefix 0…n-1.
func modelsCSV(prefix string, n int) string {
	var b strings.Builder
	b.WriteString("unit_code,year,name,implementer,category\n")
	for i := range n {
		b.WriteString("DU-SCT,2025," + prefix + " " + strconv.Itoa(i) + ",Đơn vị,other\n")
	}
	return b.String()
}
