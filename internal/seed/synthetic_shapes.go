package seed

import (
	"fmt"
	"time"

	"lamtheobac/internal/org"
)

// The deeper shapes of issue #15, opt-in (SyntheticOptions.MixedShapes, `seed synthetic
// --mixed-shapes`) so that the default dataset, and `make bench`'s figures over it, stay
// exactly as they were: every tenth committee gets a partial committee holding the second half
// of its cells, and each bloc two base cells directly under it. They draw from their own
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
		part := &sunit{kind: org.PartialCommittee, code: cm.code + "-P1", name: "Đảng bộ bộ phận Phòng Nghiệp vụ", parent: cm, bloc: bloc, createdAt: at}
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
		base := &sunit{kind: org.BaseCell, code: code, name: fmt.Sprintf("Chi bộ cơ sở Trung tâm %d", z+1), parent: bloc, bloc: bloc, createdAt: at}
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
