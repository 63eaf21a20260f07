package seed

// `lamtheobac seed synthetic`: a national-size dataset for load tests and benchmarks, written
// with COPY. Every row is what the API would have written (ids, paths, versions, times, holders,
// honor numbers, report figures), so every endpoint works over it; see synthetic_plan.go for
// the rules each table follows and why.

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"lamtheobac/internal/access"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/org"
)

// SyntheticPassword is the password of every synthetic user.
const SyntheticPassword = "synthetic123"

// SyntheticAdmin is the username of the synthetic administrator.
const SyntheticAdmin = "syn.admin"

// SyntheticOptions sizes a synthetic dataset. Zero scale knobs take the national defaults.
type SyntheticOptions struct {
	Blocs              int    // provincial blocs, 1–99 (34 is every province)
	RandSeed           uint64 // the same seed (and Now) gives the same dataset
	CommitteesPerBloc  int    // base party committees per bloc (default 300, at most 999)
	CellsPerCommittee  int    // cells per committee (default 20, at most 99)
	ModelsPerBloc      int    // models per bloc over five years (default 60,000)
	NominationsPerBloc int    // nominations per bloc (default 30,000)
	MembersPerCell     int    // party members per cell (default 10, at most 99; synthetic_members.go)
	// MixedShapes adds the deeper shapes (synthetic_shapes.go): partial committees, base cells
	// and, with two blocs or more, a province above the first two. Off by default, so the
	// default dataset stays what the benchmarks were measured on.
	MixedShapes bool
	// Now is the instant the data is generated "at": nothing is dated after it, and the five
	// model years end with its year. Zero means time.Now(); tests pin it for reproducible ids.
	Now time.Time
	// Progress, when set, receives a line as each table of each bloc is written.
	Progress func(msg string)
}

// withDefaults fills the zero knobs and checks the bounds (codes have 2, 3 and 2 digits).
func (o SyntheticOptions) withDefaults() (SyntheticOptions, error) {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.CommitteesPerBloc, 300)
	def(&o.CellsPerCommittee, 20)
	def(&o.ModelsPerBloc, 60000)
	def(&o.NominationsPerBloc, 30000)
	def(&o.MembersPerCell, defaultMembersPerCell)
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.UTC()
	switch {
	case o.Blocs < 1 || o.Blocs > 99:
		return o, errors.New("synthetic: --blocs must be 1–99")
	case o.CommitteesPerBloc < 1 || o.CommitteesPerBloc > 999:
		return o, errors.New("synthetic: committees per bloc must be 1–999")
	case o.CellsPerCommittee < 1 || o.CellsPerCommittee > 99:
		return o, errors.New("synthetic: cells per committee must be 1–99")
	case o.MembersPerCell < 1 || o.MembersPerCell > 99:
		return o, errors.New("synthetic: members per cell must be 1–99")
	case o.ModelsPerBloc < 0 || o.NominationsPerBloc < 0:
		return o, errors.New("synthetic: counts cannot be negative")
	}
	return o, nil
}

// TableRows is how many rows a table received.
type TableRows struct {
	Table string
	Rows  int64
}

// SyntheticLogin is one account of the dataset, as an example of its pattern.
type SyntheticLogin struct {
	Username string
	Role     access.Role
	Unit     string // unit code ("" for the administrator)
}

// SyntheticSummary is what a synthetic run wrote.
type SyntheticSummary struct {
	Tables   []TableRows // in the order they were written
	Elapsed  time.Duration
	Logins   []SyntheticLogin // the administrator and the first account of each role
	Password string
}

// Rows returns the rows written to table (0 when none).
func (s SyntheticSummary) Rows(table string) int64 {
	for _, t := range s.Tables {
		if t.Table == table {
			return t.Rows
		}
	}
	return 0
}

// ErrSyntheticPresent is returned when the database already holds synthetic data (or units
// with its codes): the generator writes into an empty tree only, and never deletes.
var ErrSyntheticPresent = errors.New("synthetic data is already present")

// Synthetic writes a synthetic national dataset into the migrated database behind pool, in one
// transaction (all or nothing), then ANALYZEs the tables it filled. It refuses to run when
// units with its codes (B01…) or its administrator already exist. Production callers must refuse
// it before calling, as `seed demo` does.
func Synthetic(ctx context.Context, pool *pgxpool.Pool, opts SyntheticOptions) (SyntheticSummary, error) {
	start := time.Now()
	o, err := opts.withDefaults()
	if err != nil {
		return SyntheticSummary{}, err
	}
	if err := refuseIfPresent(ctx, pool, o.Blocs); err != nil {
		return SyntheticSummary{}, err
	}
	// One hash for every account: argon2id costs ~50 ms and 19 MiB a call, so hashing 12,000
	// users per bloc would take longer than the rest of the run. They share the salt, which is
	// fine for throwaway test accounts and nothing else.
	hash, err := auth.HashPassword(SyntheticPassword)
	if err != nil {
		return SyntheticSummary{}, err
	}
	g := &synth{o: o, hash: hash, counts: map[string]int64{}}
	g.rounds = reportRounds(o.Now)
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if err := g.writeAdmin(ctx, tx); err != nil {
			return err
		}
		if err := g.writeProvince(ctx, tx); err != nil {
			return err
		}
		for b := range o.Blocs {
			if err := g.writeBloc(ctx, tx, b); err != nil {
				return fmt.Errorf("bloc %s: %w", blocCode(b), err)
			}
		}
		// The rows went in by COPY, around the store that keeps the counts of members,
		// commitments and study attendance (migrations/0023_tallies.sql): count them all.
		if _, err := tx.Exec(ctx, "SELECT recount_tallies()"); err != nil {
			return fmt.Errorf("recount tallies: %w", err)
		}
		return nil
	})
	if err != nil {
		return SyntheticSummary{}, err
	}
	for _, t := range append(g.order, "member_tallies", "commitment_tallies") {
		if _, err := pool.Exec(ctx, "ANALYZE "+pgx.Identifier{t}.Sanitize()); err != nil {
			return SyntheticSummary{}, fmt.Errorf("analyze %s: %w", t, err)
		}
	}
	sum := SyntheticSummary{Elapsed: time.Since(start), Password: SyntheticPassword, Logins: []SyntheticLogin{
		{SyntheticAdmin, access.Admin, ""},
		{"b01.officer", access.BlocOfficer, "B01"},
		{"b01.inspector", access.Inspector, "B01"},
		{"b01.c001.officer", access.CommitteeOfficer, "B01-C001"},
		{"b01.c001.s01.secretary", access.CellSecretary, "B01-C001-S01"},
		{"b01.c001.s01.member", access.Member, "B01-C001-S01"},
	}}
	if g.province != nil {
		sum.Logins = append(sum.Logins, SyntheticLogin{g.province.owner.username, access.BlocOfficer, g.province.code})
	}
	for _, t := range g.order {
		sum.Tables = append(sum.Tables, TableRows{t, g.counts[t]})
	}
	return sum, nil
}

// refuseIfPresent fails with ErrSyntheticPresent when a bloc code of the run or the synthetic
// administrator exists.
func refuseIfPresent(ctx context.Context, pool *pgxpool.Pool, blocs int) error {
	codes := []string{provinceCode}
	for b := range blocs {
		codes = append(codes, blocCode(b))
	}
	var found string
	err := pool.QueryRow(ctx, `SELECT code FROM units WHERE lower(code) = ANY($1)
		UNION ALL SELECT username FROM users WHERE lower(username) = $2 LIMIT 1`, lowerAll(codes), SyntheticAdmin).Scan(&found)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return fmt.Errorf("%w (%s exists): load it into a fresh database", ErrSyntheticPresent, found)
}

func lowerAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = toLowerASCII(x)
	}
	return out
}

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// blocCode is the code of the bloc with 0-based index b: B01…B99.
func blocCode(b int) string { return fmt.Sprintf("B%02d", b+1) }

// synth is one run: its options, the shared password hash, the province above the first two
// blocs (mixed shapes only), and the rows written so far.
type synth struct {
	o        SyntheticOptions
	province *sunit
	hash     string
	rounds   []roundDef
	counts   map[string]int64
	order    []string // tables in first-written order, for the summary and ANALYZE
}

// copy streams rows into table and counts them.
func (g *synth) copy(ctx context.Context, tx pgx.Tx, table string, cols []string, rows func(yield func([]any) bool)) error {
	n, err := copyRows(ctx, tx, table, cols, rows)
	if err != nil {
		return err
	}
	if _, ok := g.counts[table]; !ok {
		g.order = append(g.order, table)
	}
	g.counts[table] += n
	if g.o.Progress != nil {
		g.o.Progress(fmt.Sprintf("%s: %d rows", table, n))
	}
	return nil
}

// person is a user of the dataset.
type person struct {
	id       uuid.UUID
	username string
	name     string
	role     access.Role
}

// sunit is a unit of the dataset with the people who act for it: the owner drafts and submits
// (bloc officer, committee officer, cell secretary), the bloc also has an inspector and a cell a
// member.
type sunit struct {
	id        uuid.UUID
	idx       int // position in tree.units
	kind      org.Kind
	code      string
	name      string
	path      string
	parent    *sunit
	bloc      *sunit
	root      *sunit // the top of the tree: the province above the bloc, or the bloc (bloc_id)
	createdAt time.Time
	owner     person
	extra     person // the bloc's inspector, the cell's member; zero for committees
	children  []*sunit
}

// reviewer is the person who decides what the unit submits: the parent's owner (the bloc's own
// officer for the bloc, which has nobody above it in the tree).
func (u *sunit) reviewer() person {
	if u.parent == nil {
		return u.owner
	}
	return u.parent.owner
}

// tree is one bloc: the bloc first, then each committee followed by its cells.
type tree struct {
	bloc  *sunit
	units []*sunit
}

// buildTree lays out bloc b: codes, names, ids, paths and people, all from the seed.
func (g *synth) buildTree(b int) tree {
	code := blocCode(b)
	r := rng(g.o.RandSeed, "tree", code)
	created := time.Date(2021, 11, 1, 2, 0, 0, 0, time.UTC).Add(time.Duration(b) * time.Hour)
	bloc := &sunit{kind: org.Bloc, code: code, name: blocName(b), createdAt: created}
	bloc.id = newID(r, created)
	bloc.path, bloc.bloc, bloc.root = bloc.id.String()+"/", bloc, bloc
	_, short := provinceOf(b)
	if p := g.province; p != nil && b < 2 {
		// Under the province, the two blocs of Quy định 2025: its Party agencies' and its
		// People's Committee's, named after the province.
		bloc.parent, bloc.root, bloc.path = p, p, p.path+bloc.path
		bloc.name, short = provinceBlocName(b), provinceShort()
	}
	t := tree{bloc: bloc, units: []*sunit{bloc}}
	for c := range g.o.CommitteesPerBloc {
		name, kind := committeeName(c, short)
		cm := g.child(r, bloc, fmt.Sprintf("%s-C%03d", code, c+1), name, created.Add(time.Duration(c+1)*time.Minute))
		t.units = append(t.units, cm)
		for s, cellName := range cellNames(r, kind, g.o.CellsPerCommittee) {
			cl := g.child(r, cm, fmt.Sprintf("%s-S%02d", cm.code, s+1), cellName, cm.createdAt.AddDate(0, 0, 1).Add(time.Duration(s)*time.Second))
			t.units = append(t.units, cl)
		}
	}
	for i, u := range t.units {
		u.idx = i
		g.people(u)
	}
	if g.o.MixedShapes {
		g.mixShapes(&t)
	}
	return t
}

// child creates a unit under parent, as org.Service.create does: the parent's bloc and the
// parent's path followed by the new id.
func (g *synth) child(r *rand.Rand, parent *sunit, code, name string, at time.Time) *sunit {
	kind := org.Committee
	if parent.kind == org.Committee {
		kind = org.Cell
	}
	u := &sunit{kind: kind, code: code, name: name, parent: parent, bloc: parent.bloc, root: parent.root, createdAt: at}
	u.id = newID(r, at)
	u.path = parent.path + u.id.String() + "/"
	parent.children = append(parent.children, u)
	return u
}

// people names the unit's accounts: bNN.officer and bNN.inspector at a bloc, bNN.cMMM.officer at
// a committee, bNN.cMMM.sKK.secretary and .member at a cell.
func (g *synth) people(u *sunit) {
	r := rng(g.o.RandSeed, "people", u.code)
	base := toLowerASCII(replaceDash(u.code))
	at := u.createdAt.Add(time.Hour)
	mk := func(suffix string, role access.Role) person {
		return person{id: newID(r, at), username: base + "." + suffix, name: personName(r), role: role}
	}
	switch u.kind {
	case org.Bloc:
		u.owner, u.extra = mk("officer", access.BlocOfficer), mk("inspector", access.Inspector)
	case org.Committee, org.PartialCommittee:
		u.owner = mk("officer", access.CommitteeOfficer)
	case org.Cell, org.BaseCell:
		u.owner, u.extra = mk("secretary", access.CellSecretary), mk("member", access.Member)
	}
}

// replaceDash turns a unit code into its username stem: B01-C001-S01 → B01.C001.S01.
func replaceDash(code string) string {
	b := []byte(code)
	for i, c := range b {
		if c == '-' {
			b[i] = '.'
		}
	}
	return string(b)
}

// writeAdmin writes the synthetic administrator (no home unit, the global admin role).
func (g *synth) writeAdmin(ctx context.Context, tx pgx.Tx) error {
	r := rng(g.o.RandSeed, "admin")
	at := time.Date(2021, 10, 1, 2, 0, 0, 0, time.UTC)
	admin := person{id: newID(r, at), username: SyntheticAdmin, name: "Quản trị dữ liệu tổng hợp", role: access.Admin}
	if err := g.copy(ctx, tx, "users", userCols(), func(yield func([]any) bool) {
		yield(userRow(admin, nil, "", g.hash, at))
	}); err != nil {
		return err
	}
	return g.copy(ctx, tx, "role_assignments", roleCols(), func(yield func([]any) bool) {
		yield(roleRow(newID(r, at), admin, nil, at))
	})
}

func userCols() []string {
	return []string{"id", "username", "full_name", "email", "unit_id", "unit_path", "password_hash", "disabled", "version", "created_at", "updated_at"}
}

func userRow(p person, unitID *uuid.UUID, path, hash string, at time.Time) []any {
	return []any{p.id, p.username, p.name, nil, unitID, path, hash, false, int64(1), at, at}
}

func roleCols() []string {
	return []string{"id", "principal_id", "principal_kind", "role", "unit_id", "granted_by", "created_at"}
}

func roleRow(id uuid.UUID, p person, unitID *uuid.UUID, at time.Time) []any {
	return []any{id, p.id, string(access.UserPrincipal), string(p.role), unitID, nil, at}
}

// writeBloc writes one bloc, table by table; each pass walks the tree again and regenerates
// what it needs from the seed, so no table is ever held in memory.
func (g *synth) writeBloc(ctx context.Context, tx pgx.Tx, b int) error {
	t := g.buildTree(b)
	if g.o.Progress != nil {
		g.o.Progress("bloc " + t.bloc.code + ": " + strconv.Itoa(len(t.units)) + " units")
	}
	if err := g.copy(ctx, tx, "units", []string{"id", "kind", "code", "name", "parent_id", "bloc_id", "path", "archived", "version",
		"created_at", "updated_at"}, func(yield func([]any) bool) {
		for _, u := range t.units {
			var parent *uuid.UUID
			if u.parent != nil {
				parent = &u.parent.id
			}
			if !yield([]any{u.id, string(u.kind), u.code, u.name, parent, u.root.id, u.path, false, int64(1), u.createdAt, u.createdAt}) {
				return
			}
		}
	}); err != nil {
		return err
	}
	accounts := func(u *sunit) []person {
		if u.extra.username == "" {
			return []person{u.owner}
		}
		return []person{u.owner, u.extra}
	}
	if err := g.copy(ctx, tx, "users", userCols(), func(yield func([]any) bool) {
		for _, u := range t.units {
			for _, p := range accounts(u) {
				if !yield(userRow(p, &u.id, u.path, g.hash, u.createdAt.Add(time.Hour))) {
					return
				}
			}
		}
	}); err != nil {
		return err
	}
	if err := g.copy(ctx, tx, "role_assignments", roleCols(), func(yield func([]any) bool) {
		r := rng(g.o.RandSeed, "roles", t.bloc.code)
		for _, u := range t.units {
			for _, p := range accounts(u) {
				at := u.createdAt.Add(time.Hour)
				if !yield(roleRow(newID(r, at), p, &u.id, at)) {
					return
				}
			}
		}
	}); err != nil {
		return err
	}
	return g.writeWork(ctx, tx, t)
}
