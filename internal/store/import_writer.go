package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm/schema"

	"lamtheobac/internal/audit"
	"lamtheobac/internal/importer"
	"lamtheobac/internal/member"
	"lamtheobac/internal/model"
	"lamtheobac/internal/nomination"
	"lamtheobac/internal/org"
	"lamtheobac/internal/user"
)

// copyBatch is how many rows of a table are buffered before they go out in one COPY, and
// copyBytes how many bytes of text and JSON, whichever comes first: an import's audit event
// names 2,000 records (~90 KB), so a count alone would hold a file's events to the end.
const (
	copyBatch = 2000
	copyBytes = 2 << 20
)

// ApplyImport runs fn in one transaction on a connection of its own, through a Writer that
// sends rows with COPY in batches: the speed of a bulk load, the atomicity of one transaction.
// Reads fn does through the store meanwhile go to other connections and see committed data.
func (s *Store) ApplyImport(ctx context.Context, fn func(w importer.Writer) error) error {
	sqlDB, err := s.gdb.DB()
	if err != nil {
		return wrap(err, "apply import")
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return wrap(err, "apply import")
	}
	defer conn.Close()
	return wrap(conn.Raw(func(driverConn any) error {
		sc, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return errors.New("store: bulk writes need the pgx driver")
		}
		tx, err := sc.Conn().Begin(ctx)
		if err != nil {
			return translate(err)
		}
		defer tx.Rollback(context.WithoutCancel(ctx)) // a no-op after Commit
		w := &copyWriter{tx: tx, tables: map[string]*copyTable{}}
		defer w.wait() // no COPY may still run when the transaction rolls back
		if err := fn(w); err != nil {
			return err
		}
		if err := w.flushAll(ctx); err != nil {
			return translate(err)
		}
		if err := w.wait(); err != nil {
			return translate(err)
		}
		return translate(tx.Commit(ctx))
	}), "apply import")
}

// copyWriter buffers rows per table and COPYs them; tables are flushed in the order first
// written, so parents (units, users) reach the database before rows that refer to them.
//
// A full batch is COPYed by a goroutine of its own while the import converts the next rows:
// the service's work (reading, validating, encoding the audit events) and the backend's
// (parsing, indexing) overlap instead of taking turns, which the profile of #16 showed them
// doing. One COPY at a time runs on the transaction (the next waits for the one before), so
// the order of the tables is kept and at most one batch per table is in flight besides the
// one being filled: memory stays constant.
type copyWriter struct {
	tx      pgx.Tx
	order   []string
	tables  map[string]*copyTable
	members map[uuid.UUID]*cellTally // members added per cell, not yet in member_tallies
	cells   []string                 // the paths of the cells added, not yet in cell_rollups
	// inflight is the COPY running in the background, nil when none; its result is read by
	// wait, which every use of tx goes through first.
	inflight chan error
}

// wait waits for the COPY running in the background, if any, and returns its error.
func (w *copyWriter) wait() error {
	if w.inflight == nil {
		return nil
	}
	err := <-w.inflight
	w.inflight = nil
	return err
}

type copyTable struct {
	columns []string
	rows    [][]any
	bytes   int // of the buffered rows' text and JSON
}

var _ importer.Writer = (*copyWriter)(nil)

// AddUnit writes a unit.
func (w *copyWriter) AddUnit(ctx context.Context, u org.Unit) error {
	row := fromUnit(u)
	if err := w.add(ctx, &row); err != nil {
		return wrap(err, "import add unit")
	}
	if (u.Kind == org.Cell || u.Kind == org.BaseCell) && !u.Archived {
		w.cells = append(w.cells, u.Path)
	}
	return nil
}

// AddUser writes a user and the role the file gives it.
func (w *copyWriter) AddUser(ctx context.Context, im user.Imported, passwordHash string) error {
	u := im.User
	row := userRow{ID: u.ID, Username: u.Username, FullName: u.FullName, Email: u.Email, UnitID: u.UnitID, UnitPath: u.UnitPath,
		PasswordHash: passwordHash, Disabled: u.Disabled, Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
	if err := w.add(ctx, &row); err != nil {
		return wrap(err, "import add user")
	}
	if a := im.Role; a != nil {
		role := roleRow{ID: a.ID, PrincipalID: u.ID, PrincipalKind: "user", Role: string(a.Role), GrantedBy: a.GrantedBy, CreatedAt: a.CreatedAt}
		if a.Unit != nil {
			id := a.Unit.ID
			role.UnitID = &id
		}
		return wrap(w.add(ctx, &role), "import add user")
	}
	return nil
}

// AddModel writes a model, and queues it for the indexing of its content
// (models_search_index.go): COPY into models pays for no content index.
func (w *copyWriter) AddModel(ctx context.Context, m model.Model) error {
	row, err := fromModel(m)
	if err != nil {
		return wrap(err, "import add model")
	}
	if err := w.add(ctx, &row); err != nil {
		return wrap(err, "import add model")
	}
	return wrap(w.add(ctx, &modelSearchQueueRow{ModelID: m.ID}), "import add model")
}

// AddNomination writes a nomination.
func (w *copyWriter) AddNomination(ctx context.Context, n nomination.Nomination) error {
	row, err := fromNomination(n)
	if err != nil {
		return wrap(err, "import add nomination")
	}
	return wrap(w.add(ctx, &row), "import add nomination")
}

// AddAudit writes an audit event, completed from ctx as Record completes it.
func (w *copyWriter) AddAudit(ctx context.Context, e audit.Event) error {
	row, err := auditRowFor(ctx, e)
	if err != nil {
		return wrap(err, "import add audit")
	}
	return wrap(w.add(ctx, &row), "import add audit")
}

// FinishJob writes the job's success in the apply transaction, after every row: the rows and
// the outcome commit together. The update is fenced by the attempt: a worker whose lease lapsed
// meanwhile (its job failed, maybe run again) gets importer.ErrNotClaimed and rolls back.
func (w *copyWriter) FinishJob(ctx context.Context, j importer.Job) error {
	if err := w.flushAll(ctx); err != nil {
		return wrap(err, "import finish job")
	}
	if err := w.wait(); err != nil {
		return wrap(translate(err), "import finish job")
	}
	tag, err := w.tx.Exec(ctx, `UPDATE import_jobs SET state = $1, rows_total = $2, rows_done = $3, created_count = $4,
		problem_count = $5, error_code = NULL, error_message = NULL, finished_at = $6, heartbeat_at = now(),
		lease_until = NULL
		WHERE id = $7 AND attempts = $8 AND state IN ('validating', 'applying')`,
		string(j.State), j.RowsTotal, j.RowsDone, j.CreatedCount, j.ProblemCount, j.FinishedAt, j.ID, j.Attempts)
	if err != nil {
		return wrap(err, "import finish job")
	}
	if tag.RowsAffected() != 1 {
		return importer.ErrNotClaimed
	}
	return nil
}

// add buffers a row struct (a pointer to one of the store's row types), flushing its table
// when the batch is full.
func (w *copyWriter) add(ctx context.Context, row any) error {
	sch, err := rowSchema(row)
	if err != nil {
		return err
	}
	t, ok := w.tables[sch.Table]
	if !ok {
		t = &copyTable{columns: sch.columns}
		w.tables[sch.Table] = t
		w.order = append(w.order, sch.Table)
	}
	v := reflect.ValueOf(row).Elem()
	vals := make([]any, len(sch.fields))
	for i, f := range sch.fields {
		vals[i] = copyValue(v.FieldByIndex(f.StructField.Index).Interface())
		switch x := vals[i].(type) {
		case string:
			t.bytes += len(x)
		case []byte:
			t.bytes += len(x)
		}
	}
	t.rows = append(t.rows, vals)
	if len(t.rows) >= copyBatch || t.bytes >= copyBytes {
		// Flush every table written before this one first, so references always resolve.
		return translate(w.flushUpTo(ctx, sch.Table))
	}
	return nil
}

// copyValue hands pgx a uuid as the 16 bytes it encodes directly: a uuid.UUID is a
// driver.Valuer whose string pgx parses back, after failing a first plan and formatting its
// error, which was a fifth of an import's CPU (#16's profile).
func copyValue(v any) any {
	switch x := v.(type) {
	case uuid.UUID:
		return [16]byte(x)
	case *uuid.UUID:
		if x == nil {
			return nil
		}
		return [16]byte(*x)
	}
	return v
}

// flushUpTo flushes the tables first written up to and including table.
func (w *copyWriter) flushUpTo(ctx context.Context, table string) error {
	for _, name := range w.order {
		if err := w.flush(ctx, name); err != nil {
			return err
		}
		if name == table {
			return nil
		}
	}
	return nil
}

// flushAll flushes every table, then adds the members written to their cells' tallies and the
// cells written to the cells of the units above them.
func (w *copyWriter) flushAll(ctx context.Context) error {
	if err := w.flushUpTo(ctx, ""); err != nil {
		return err
	}
	if err := w.wait(); err != nil { // the last COPY holds the connection until it ends
		return err
	}
	if err := bumpImportedMembers(ctx, w.tx, w.members); err != nil {
		return fmt.Errorf("count imported members: %w", err)
	}
	w.members = nil
	if err := bumpImportedCells(ctx, w.tx, w.cells); err != nil {
		return fmt.Errorf("count imported cells: %w", err)
	}
	w.cells = nil
	return nil
}

// flush starts the COPY of table's buffered rows in the background, once the COPY before it
// has finished (whose error it returns); the table gets a new buffer.
func (w *copyWriter) flush(ctx context.Context, table string) error {
	t := w.tables[table]
	if len(t.rows) == 0 {
		return nil
	}
	if err := w.wait(); err != nil {
		return err
	}
	rows, columns := t.rows, t.columns
	t.rows, t.bytes = make([][]any, 0, copyBatch), 0
	done := make(chan error, 1)
	w.inflight = done
	go func() {
		_, err := w.tx.CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows))
		if err != nil {
			err = fmt.Errorf("copy into %s: %w", table, err)
		}
		done <- err
	}()
	return nil
}

// copySchema is what COPY needs of a row type: its table and its writable columns.
type copySchema struct {
	Table   string
	columns []string
	fields  []*schema.Field
}

var copySchemas sync.Map // reflect.Type → *copySchema

// rowSchema reads a row type's table and writable columns from its GORM tags (read-only
// columns, joined in by queries, are left out), once per type.
func rowSchema(row any) (*copySchema, error) {
	typ := reflect.TypeOf(row)
	if cs, ok := copySchemas.Load(typ); ok {
		return cs.(*copySchema), nil
	}
	sch, err := schema.Parse(row, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		return nil, err
	}
	cs := &copySchema{Table: sch.Table}
	for _, f := range sch.Fields {
		if f.DBName == "" || !f.Creatable {
			continue
		}
		cs.columns = append(cs.columns, f.DBName)
		cs.fields = append(cs.fields, f)
	}
	copySchemas.Store(typ, cs)
	return cs, nil
}

// AddMember writes a member, and counts it for its cell's tally (added at the next flushAll,
// in the import's transaction).
func (w *copyWriter) AddMember(ctx context.Context, m member.Member) error {
	row := fromMember(m)
	if err := w.add(ctx, &row); err != nil {
		return wrap(err, "import add member")
	}
	if w.members == nil {
		w.members = map[uuid.UUID]*cellTally{}
	}
	c := w.members[m.UnitID]
	if c == nil {
		c = &cellTally{path: m.UnitPath, bloc: m.BlocID}
		w.members[m.UnitID] = c
	}
	c.n++
	return nil
}
