package dbmigrate_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/internal/platform/dbmigrate"
)

// unitKindsVersion is migration 0012, the organization at any depth (issue #15).
const unitKindsVersion = 12

// TestUnitKindsDown: migration 0012 goes down over a tree of the three old kinds without
// losing a unit and comes up again; while a unit of a new kind exists it refuses, saying why,
// and leaves the database as it was.
func TestUnitKindsDown(t *testing.T) {
	t.Parallel()
	db := open(t)
	ctx := context.Background()

	// A tree of the old kinds, and a province with a bloc, a base cell and a partial committee
	// with its cell beside it.
	bloc := insertUnit(t, db, "bloc", "DK-KHOI", nil)
	comm := insertUnit(t, db, "committee", "DK-DU", &bloc)
	cell := insertUnit(t, db, "cell", "DK-CB", &comm)
	prov := insertUnit(t, db, "province", "DK-TU", nil)
	provBloc := insertUnit(t, db, "bloc", "DK-KHOI2", &prov)
	base := insertUnit(t, db, "base_cell", "DK-CS", &provBloc)
	partial := insertUnit(t, db, "partial_committee", "DK-BP", &comm)
	partialCell := insertUnit(t, db, "cell", "DK-CB2", &partial)

	// Down to 0012 itself: the later migrations have nothing to say about kinds.
	for version(t, db) > unitKindsVersion {
		if err := dbmigrate.Down(ctx, db); err != nil {
			t.Fatalf("down from %d: %v", version(t, db), err)
		}
	}
	if v := version(t, db); v != unitKindsVersion {
		t.Fatalf("at version %d, want %d", v, unitKindsVersion)
	}

	// Refused while units of the new kinds exist: a clear message naming the four (the province,
	// the bloc under it, the base cell, the partial committee; its cell is of an old kind),
	// nothing changed.
	err := dbmigrate.Down(ctx, db)
	if err == nil {
		t.Fatal("0012 down went through with provinces, partial committees and base cells in the tree")
	}
	if msg := err.Error(); !strings.Contains(msg, "migration 0012 down refused: 4 unit(s)") || !strings.Contains(msg, "delete or move them first") {
		t.Errorf("refusal does not say what stands in the way: %v", err)
	}
	if v := version(t, db); v != unitKindsVersion {
		t.Errorf("at version %d after the refusal, want %d", v, unitKindsVersion)
	}
	if n := countUnits(t, db); n != 8 {
		t.Errorf("%d units after the refusal, want 8", n)
	}
	// The new checks are still in place: a committee cannot be a root.
	if _, err := db.Exec(`INSERT INTO units (id, kind, code, name, bloc_id, path) VALUES ($1, 'committee', 'DK-X', 'x', $1, $1::text || '/')`, uuid.New()); err == nil {
		t.Error("a root committee was accepted after the refusal: 0012's checks are gone")
	}

	// Once only the old kinds remain, down goes through and keeps every unit.
	for _, id := range []uuid.UUID{partialCell, partial, base, provBloc, prov} {
		if _, err := db.Exec(`DELETE FROM units WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := dbmigrate.Down(ctx, db); err != nil {
		t.Fatalf("0012 down over a tree of the old kinds: %v", err)
	}
	if v := version(t, db); v != unitKindsVersion-1 {
		t.Fatalf("at version %d, want %d", v, unitKindsVersion-1)
	}
	for _, id := range []uuid.UUID{bloc, comm, cell} {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM units WHERE id = $1`, id).Scan(&n); err != nil || n != 1 {
			t.Errorf("unit %s lost going down: %d %v", id, n, err)
		}
	}
	// The old checks are back: no new kind, no parent for a bloc.
	if _, err := db.Exec(`INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path) VALUES ($1, 'partial_committee', 'DK-BP3', 'x', $2, $3, $4)`,
		uuid.New(), comm, bloc, bloc.String()+"/"+comm.String()+"/x/"); err == nil {
		t.Error("a partial committee was accepted at version 11")
	}

	// Up again: every migration applies over the data, and the new kinds are accepted.
	if err := dbmigrate.Up(ctx, db); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if pending, err := dbmigrate.Pending(ctx, db); err != nil || pending {
		t.Fatalf("pending after up: %v %v", pending, err)
	}
	insertUnit(t, db, "partial_committee", "DK-BP4", &comm)
	if n := countUnits(t, db); n != 4 {
		t.Errorf("%d units after up, want 4", n)
	}
}

// insertUnit writes a unit of kind under parent (nil for a root) straight into the table, as
// the schema of any version since 0001 accepts it, and returns its id.
func insertUnit(t *testing.T, db *sql.DB, kind, code string, parent *uuid.UUID) uuid.UUID {
	t.Helper()
	id := uuid.New()
	root, path := id, id.String()+"/"
	if parent != nil {
		var parentPath string
		if err := db.QueryRow(`SELECT bloc_id, path FROM units WHERE id = $1`, *parent).Scan(&root, &parentPath); err != nil {
			t.Fatalf("parent of %s: %v", code, err)
		}
		path = parentPath + path
	}
	if _, err := db.Exec(`INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path) VALUES ($1, $2, $3, $3, $4, $5, $6)`,
		id, kind, code, parent, root, path); err != nil {
		t.Fatalf("insert %s %s: %v", kind, code, err)
	}
	return id
}

func countUnits(t *testing.T, db *sql.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM units`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// version is the latest migration applied.
func version(t *testing.T, db *sql.DB) int64 {
	t.Helper()
	var v int64
	if err := db.QueryRow(`SELECT version_id FROM goose_db_version ORDER BY id DESC LIMIT 1`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
