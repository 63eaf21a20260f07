package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/audit"
)

// Record writes an audit event into the transaction of ctx, naming the principal and request
// of ctx as actor.
func (s *Store) Record(ctx context.Context, e audit.Event) error {
	row, err := auditRowFor(ctx, e)
	if err != nil {
		return wrap(err, "record audit event")
	}
	return wrap(s.db(ctx).Create(&row).Error, "record audit event")
}

// auditRowFor is the row of e, completed from ctx: the actor, the request id, an id and a time.
func auditRowFor(ctx context.Context, e audit.Event) (auditRow, error) {
	row := auditRow{
		ID:           e.ID,
		OccurredAt:   e.OccurredAt,
		ActorID:      e.ActorID,
		ActorKind:    e.ActorKind,
		ActorName:    e.ActorName,
		Action:       e.Action,
		ResourceType: e.ResourceType,
		ResourceID:   e.ResourceID,
		UnitID:       e.UnitID,
		UnitPath:     e.UnitPath,
		BlocID:       e.BlocID,
		RequestID:    e.RequestID,
		ImportID:     e.ImportID,
	}
	if row.ID == uuid.Nil {
		row.ID = uuid.Must(uuid.NewV7())
	}
	if row.OccurredAt.IsZero() {
		row.OccurredAt = time.Now().UTC()
	}
	if p := access.FromContext(ctx); p != nil && p.ID != uuid.Nil && row.ActorID == nil {
		id := p.ID
		row.ActorID, row.ActorKind, row.ActorName = &id, string(p.Kind), p.Name
	}
	if row.ActorKind == "" {
		row.ActorKind, row.ActorName = "system", "system"
	}
	if row.RequestID == "" {
		row.RequestID = audit.RequestID(ctx)
	}
	var err error
	if row.Before, err = marshalState(e.Before); err != nil {
		return row, err
	}
	row.After, err = marshalState(e.After)
	return row, err
}

func marshalState(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// ListAudit returns events of the subtree at f.UnitPath, newest first.
func (s *Store) ListAudit(ctx context.Context, f audit.Filter) ([]audit.Event, string, error) {
	q := s.db(ctx).Model(&auditRow{}).Where("unit_path LIKE ?", likePrefix(f.UnitPath))
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.ResourceID != nil {
		// An imported record is named in its import's event (importer/audit.go), found through
		// audit_events_import_ids_idx.
		q = q.Where("(resource_id = ? OR (import_id IS NOT NULL AND after -> 'ids' @> ?::jsonb))",
			*f.ResourceID, `["`+f.ResourceID.String()+`"]`)
	}
	q, err := afterID(q, "id", f.Cursor, true)
	if err != nil {
		return nil, "", wrap(err, "list audit")
	}
	var rows []auditRow
	if err := q.Order("id DESC").Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list audit")
	}
	rows, next := pageByID(rows, f.Limit, func(r auditRow) uuid.UUID { return r.ID })
	out := make([]audit.Event, len(rows))
	for i, r := range rows {
		out[i] = audit.Event{
			ID: r.ID, OccurredAt: r.OccurredAt, ActorID: r.ActorID, ActorKind: r.ActorKind,
			ActorName: r.ActorName, Action: r.Action, ResourceType: r.ResourceType,
			ResourceID: r.ResourceID, UnitID: r.UnitID, UnitPath: r.UnitPath, BlocID: r.BlocID,
			RequestID: r.RequestID, ImportID: r.ImportID, Before: rawOrNil(r.Before), After: rawOrNil(r.After),
		}
	}
	return out, next, nil
}

func rawOrNil(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return json.RawMessage(b)
}
