package seed_test

import (
	"context"
	"io"
	"log/slog"
	"maps"
	"testing"

	"lamtheobac/internal/app"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/seed"
	"lamtheobac/internal/store"
	"lamtheobac/internal/testkit"
)

// TestDemoIsIdempotent: `make run` twice must give the same demo state, not duplicates.
func TestDemoIsIdempotent(t *testing.T) {
	t.Parallel()
	st, err := store.Open(testkit.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	keys, err := auth.GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(st, app.Options{Keys: keys, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	counts := func() map[string]int {
		db, err := st.SQL()
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, table := range []string{"units", "users", "role_assignments"} {
			var n int
			if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			out[table] = n
		}
		return out
	}
	if err := seed.Demo(ctx, a); err != nil {
		t.Fatal(err)
	}
	first := counts()
	if first["units"] != 11 || first["users"] != len(seed.DemoLogins()) || first["role_assignments"] != len(seed.DemoLogins()) {
		t.Fatalf("demo state after first run: %v", first)
	}
	if err := seed.Demo(ctx, a); err != nil {
		t.Fatal(err)
	}
	if second := counts(); !maps.Equal(first, second) {
		t.Fatalf("second run changed the state: %v → %v", first, second)
	}
	u, err := st.GetUnitByCode(ctx, "CB-BTTP")
	if err != nil || u.Name != "Chi bộ Bổ trợ tư pháp" {
		t.Fatalf("CB-BTTP = %+v, %v", u, err)
	}
	// The demo users can log in with the demo password.
	if _, err := a.Auth.Login(ctx, "cell.secretary", seed.DemoPassword, "127.0.0.1"); err != nil {
		t.Fatalf("demo login: %v", err)
	}
}
