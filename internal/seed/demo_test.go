package seed_test

import (
	"context"
	"io"
	"log/slog"
	"maps"
	"testing"

	"lamtheobac/internal/access"
	"lamtheobac/internal/app"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/org"
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
	// The province, the bloc, 2 committees, 5 cells, a partial committee with its cell and a
	// base cell.
	if first["units"] != 12 || first["users"] != len(seed.DemoLogins()) || first["role_assignments"] != len(seed.DemoLogins()) {
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
	bloc, err := st.GetUnitByCode(ctx, "KHOI-CQDN")
	if err != nil {
		t.Fatal(err)
	}
	prov, err := st.GetUnitByCode(ctx, seed.DemoProvince)
	if err != nil || prov.Kind != "province" || prov.ParentID != nil || bloc.ParentID == nil || *bloc.ParentID != prov.ID || bloc.BlocID != prov.ID {
		t.Fatalf("the bloc %+v is not under the province %+v (%v)", bloc, prov, err)
	}
	// The demo users can log in with the demo password.
	if _, err := a.Auth.Login(ctx, "cell.secretary", seed.DemoPassword, "127.0.0.1"); err != nil {
		t.Fatalf("demo login: %v", err)
	}
}

// TestDemoKeepsALegacyTree: a database loaded before the demo had a province keeps its bloc as
// the root; the demo neither moves it nor adds an empty province, and loads the rest.
func TestDemoKeepsALegacyTree(t *testing.T) {
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
	ctx := access.WithPrincipal(context.Background(), &access.Principal{Kind: access.UserPrincipal, Name: "test", Roles: []access.Assignment{{Role: access.Admin}}})
	if _, err := a.Units.CreateBloc(ctx, org.NewUnit{Code: "KHOI-CQDN", Name: "Đảng bộ Khối các cơ quan và Doanh nghiệp tỉnh"}); err != nil {
		t.Fatal(err)
	}
	if err := seed.Demo(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetUnitByCode(ctx, seed.DemoProvince); err == nil {
		t.Error("a province was added beside the legacy demo's bloc")
	}
	if bloc, err := st.GetUnitByCode(ctx, "CB-CS-BAO"); err != nil || bloc.Kind != "base_cell" {
		t.Errorf("the rest of the demo was not loaded: %+v %v", bloc, err)
	}
	if _, err := st.GetUserByUsername(ctx, "province.officer"); err == nil {
		t.Error("the province's officer was created without a province")
	}
}
