package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"lamtheobac/internal/access"
	"lamtheobac/internal/org"
)

// The deeper shapes of issue #15, opt-in (SyntheticOptions.MixedShapes, `seed synthetic
// --mixed-shapes`) so that the default dataset, and `make bench`'s figures over it, stay
// exactly as they were: every tenth committee gets a partial committee holding the second half
// of its cells, each bloc two base cells directly under it, and with two blocs or more a
// province (T01) stands above the first two (writeProvince). They draw from their own
// random streams, after the bloc is laid out, so nothing else of the bloc changes but the
// moved cells' paths.

// mixShapes adds the deeper shapes to t and lays t.units out again parents first (COPY checks
// each row's parent as it goes).
func (g *synth) mixShapes(t *tree) {
	bloc := t.bloc
	for i, cm := range bloc.children {
		if i%10 != 9 || len(cm.children) < 2 {
			continue
		}
		r := rng(g.o.RandSeed, "partial", cm.code)
		at := cm.createdAt.Add(12 * time.Hour)
		part := &sunit{kind: org.PartialCommittee, code: cm.code + "-P1", name: "Đảng bộ bộ phận Phòng Nghiệp vụ", parent: cm, bloc: bloc, root: bloc.root, createdAt: at}
		part.id = newID(r, at)
		part.path = cm.path + part.id.String() + "/"
		half := len(cm.children) / 2
		moved := cm.children[half:]
		cm.children = append(cm.children[:half:half], part)
		for _, cl := range moved {
			cl.parent, cl.path = part, part.path+cl.id.String()+"/"
			part.children = append(part.children, cl)
		}
	}
	for z := range 2 {
		code := fmt.Sprintf("%s-Z%02d", bloc.code, z+1)
		r := rng(g.o.RandSeed, "base-cell", code)
		at := bloc.createdAt.Add(time.Duration(z+1) * 24 * time.Hour)
		base := &sunit{kind: org.BaseCell, code: code, name: fmt.Sprintf("Chi bộ cơ sở Trung tâm %d", z+1), parent: bloc, bloc: bloc, root: bloc.root, createdAt: at}
		base.id = newID(r, at)
		base.path = bloc.path + base.id.String() + "/"
		bloc.children = append(bloc.children, base)
	}
	t.units = t.units[:0]
	var walk func(u *sunit)
	walk = func(u *sunit) {
		t.units = append(t.units, u)
		for _, c := range u.children {
			walk(c)
		}
	}
	walk(bloc)
	for i, u := range t.units {
		u.idx = i
		if u.owner.username == "" {
			g.people(u)
		}
	}
}

// provinceCode is the code of the province above the first two blocs (mixed shapes).
const provinceCode = "T01"

// provinceShort is the short name of that province: the first bloc's.
func provinceShort() string {
	_, short := provinceOf(0)
	return short
}

// provinceBlocName names the b-th bloc (0 or 1) under the province: since the 2025
// reorganization a province's Party committee has two blocs, its Party agencies' and its
// People's Committee's.
func provinceBlocName(b int) string {
	full, _ := provinceOf(0)
	if b == 0 {
		return "Đảng bộ các cơ quan Đảng " + full
	}
	return "Đảng bộ Ủy ban nhân dân " + full
}

// writeProvince writes, with mixed shapes and two blocs or more, the province the first two
// blocs hang under (a root, bloc_id its own id) and its officer, before any bloc; buildTree
// puts those blocs under it. It draws from its own random stream, so nothing else changes but
// the two blocs' paths, bloc_id and names.
func (g *synth) writeProvince(ctx context.Context, tx pgx.Tx) error {
	if !g.o.MixedShapes || g.o.Blocs < 2 {
		return nil
	}
	r := rng(g.o.RandSeed, "province", provinceCode)
	at := time.Date(2021, 10, 15, 2, 0, 0, 0, time.UTC)
	full, _ := provinceOf(0)
	p := &sunit{kind: org.Province, code: provinceCode, name: "Đảng bộ " + full, createdAt: at}
	p.id = newID(r, at)
	p.path, p.root = p.id.String()+"/", p
	p.owner = person{id: newID(r, at), username: "t01.officer", name: personName(r), role: access.BlocOfficer}
	g.province = p
	if err := g.copy(ctx, tx, "units", []string{"id", "kind", "code", "name", "parent_id", "bloc_id", "path", "archived", "version",
		"created_at", "updated_at"}, func(yield func([]any) bool) {
		yield([]any{p.id, string(p.kind), p.code, p.name, nil, p.id, p.path, false, int64(1), at, at})
	}); err != nil {
		return err
	}
	if err := g.copy(ctx, tx, "users", userCols(), func(yield func([]any) bool) {
		yield(userRow(p.owner, &p.id, p.path, g.hash, at.Add(time.Hour)))
	}); err != nil {
		return err
	}
	return g.copy(ctx, tx, "role_assignments", roleCols(), func(yield func([]any) bool) {
		yield(roleRow(newID(r, at), p.owner, &p.id, at.Add(time.Hour)))
	})
}
