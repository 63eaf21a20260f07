package model

import (
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
)

// ImportStates are the states a model may be imported in. Drafts and registrations are
// written by the unit's own drafters, as with Create and register. Approved, in-progress and
// completed models are records of past years moved from spreadsheets: only the unit above,
// which would have approved them, may write those (so nobody approves their own model by file).
func ImportStates() []Status { return []Status{Draft, Registered, Approved, InProgress, Completed} }

// PrepareImport checks that the principal may write a model of u in status and builds it from
// the input, validated as Create validates it.
func PrepareImport(p *access.Principal, u org.Unit, in Input, status Status, now time.Time) (Model, error) {
	if err := in.Normalize(true, now); err != nil {
		return Model{}, err
	}
	if !p.CanRead(u.Path) {
		return Model{}, apperr.ErrNotFound
	}
	m := newDraft(p, u, in, now)
	switch status {
	case Draft, Registered:
		if !owner(p, m) {
			return Model{}, apperr.New(apperr.Forbidden, "forbidden", "Only the unit's own drafters may write its drafts and registrations.")
		}
	case Approved, InProgress, Completed:
		if !reviewer(p, m) {
			return Model{}, apperr.New(apperr.Forbidden, "forbidden", "Only the unit above, which approves the unit's models, may import approved or later models.")
		}
	default:
		return Model{}, apperr.Fields("validation", "This status cannot be imported.",
			apperr.FieldError{Field: "/status", Message: "must be draft, registered, approved, in_progress or completed"})
	}
	if u.Archived {
		return Model{}, apperr.New(apperr.Conflict, "unit_archived", "The unit is archived.")
	}
	m.Status = status
	if status != Draft {
		m.RegisteredAt, m.RegisteredBy = &now, p.ActorID()
	}
	return m, nil
}

// ImportEvent is the audit event of a model written by an import.
func ImportEvent(m Model) audit.Event { return event("model.import", m, nil, m) }
