package importer

import (
	"context"

	"github.com/google/uuid"

	"lamtheobac/internal/audit"
)

// auditBatch is how many imported records one audit event names at most.
const auditBatch = 2000

// importAudit writes the audit events of the records a job creates. A record created through
// the API gets an event carrying the whole record; an imported one is named, with its row, in
// an event of its import that names up to auditBatch records of one action and unit:
// {"file_sha256", "rows", "ids"}, ids[i] created from the file's row rows[i] (import_id names
// the job, the actor its uploader). The records' contents are not written a second time: the
// record as created is its row of the file (kept FileRetention with the job) and, for as long
// as the record lives, the record itself or the `before` of its first change. A model's own
// event with the record made #16's bulk import write its content twice, the second time as
// jsonb with three indexes; batched, the events cost the import a few dozen rows. The audit
// trail still answers who created a record and from which import: a search of the events
// about a resource also finds the import's event naming it (store.ListAudit).
//
// Users keep an event each, with the account and its role: granting roles is what the audit
// trail is read for most, and a file of users is small.
type importAudit struct {
	job     uuid.UUID
	digest  string
	perRow  bool
	batches map[string]*namedRecords // by action and unit path
	order   []string
	n       int // records named by the batches not yet written
}

// namedRecords is one event in the making: the records of one action and unit.
type namedRecords struct {
	e    audit.Event
	rows []int
	ids  []uuid.UUID
}

func newImportAudit(j Job) *importAudit {
	return &importAudit{job: j.ID, digest: j.FileSHA256, perRow: j.Kind == Users, batches: map[string]*namedRecords{}}
}

// add records e, the event of a record created from row, writing the import's events of the
// records gathered so far once they name auditBatch records.
func (a *importAudit) add(ctx context.Context, w Writer, e audit.Event, row int) error {
	e.ImportID = &a.job
	if a.perRow || e.ResourceID == nil {
		return w.AddAudit(ctx, e)
	}
	key := e.Action + " " + e.UnitPath
	b := a.batches[key]
	if b == nil {
		b = &namedRecords{e: e}
		b.e.ResourceID, b.e.Before, b.e.After = nil, nil, nil
		a.batches[key] = b
		a.order = append(a.order, key)
	}
	b.rows = append(b.rows, row)
	b.ids = append(b.ids, *e.ResourceID)
	if a.n++; a.n >= auditBatch {
		return a.flush(ctx, w)
	}
	return nil
}

// flush writes the events of the records gathered so far.
func (a *importAudit) flush(ctx context.Context, w Writer) error {
	for _, key := range a.order {
		b := a.batches[key]
		b.e.After = map[string]any{"file_sha256": a.digest, "rows": b.rows, "ids": b.ids}
		if err := w.AddAudit(ctx, b.e); err != nil {
			return err
		}
	}
	clear(a.batches)
	a.order, a.n = a.order[:0], 0
	return nil
}
