package store

import (
	"fmt"
	"sync/atomic"

	"gorm.io/gorm"
)

// traceSeq names each registered tracer apart: GORM keys callbacks by name.
var traceSeq atomic.Int64

// OnStatement registers fn to see every statement the store runs, with its bound variables,
// after it ran. Tests use it to count queries and to EXPLAIN what a request really ran; fn must
// be safe for concurrent use.
func (s *Store) OnStatement(fn func(sql string, vars []any)) error {
	s.direct.add(fn)
	name := fmt.Sprintf("lamtheobac:trace:%d", traceSeq.Add(1))
	cb := func(db *gorm.DB) {
		// A subquery is built by a dry run of the query callbacks: it runs inside its outer
		// statement, not on its own.
		if db.Statement == nil || db.Statement.SQL.Len() == 0 || db.DryRun {
			return
		}
		fn(db.Statement.SQL.String(), append([]any(nil), db.Statement.Vars...))
	}
	c := s.gdb.Callback()
	for _, err := range []error{
		c.Query().After("gorm:query").Register(name, cb),
		c.Row().After("gorm:row").Register(name, cb),
		c.Raw().After("gorm:raw").Register(name, cb),
		c.Create().After("gorm:create").Register(name, cb),
		c.Update().After("gorm:update").Register(name, cb),
		c.Delete().After("gorm:delete").Register(name, cb),
	} {
		if err != nil {
			return wrap(err, "on statement")
		}
	}
	return nil
}

// directTracers are the functions OnStatement registered, shown the statements the store runs
// on the connection without GORM (the reads by id and the model's view, issue #16), which
// GORM's callbacks never see: the tests that count statements or EXPLAIN them must see all.
type directTracers struct {
	fns atomic.Pointer[[]func(string, []any)]
}

// add registers fn.
func (t *directTracers) add(fn func(string, []any)) {
	for {
		old := t.fns.Load()
		var fns []func(string, []any)
		if old != nil {
			fns = append(fns, *old...)
		}
		fns = append(fns, fn)
		if t.fns.CompareAndSwap(old, &fns) {
			return
		}
	}
}

// ran shows every registered function a statement run without GORM (none in production: one
// atomic load).
func (t *directTracers) ran(sql string, vars []any) {
	if p := t.fns.Load(); p != nil {
		for _, fn := range *p {
			fn(sql, append([]any(nil), vars...))
		}
	}
}
