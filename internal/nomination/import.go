package nomination

import (
	"strings"
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
	"lamtheobac/internal/vntime"
)

// PrepareImport checks that the principal may nominate from u and builds the draft, validated
// as Create validates it. subject is the unit the subject names (a collective unit or a person's
// unit), already looked up by code; it must lie in u's subtree. Imports write drafts only: a
// nomination goes up the tree one decision at a time, which a file cannot stand in for.
func PrepareImport(p *access.Principal, u org.Unit, in Input, subject *org.Unit, now time.Time) (Nomination, error) {
	if subject != nil && in.Subject != nil {
		in.Subject.UnitID = &subject.ID
	}
	if err := in.normalize(true, Subject{}, vntime.Date(now)); err != nil {
		return Nomination{}, err
	}
	if err := p.AuthorizeOwner(access.ManageNomination, u.Path); err != nil {
		return Nomination{}, err
	}
	if subject != nil {
		if !strings.HasPrefix(subject.Path, u.Path) {
			return Nomination{}, apperr.Fields("subject_outside_subtree", "The subject must belong to the nominating unit's subtree.",
				apperr.FieldError{Field: "/subject/unit_id", Message: "is not in the nominating unit's subtree"})
		}
		ref := subject.Ref()
		in.Subject.Unit = &ref
	}
	return newDraft(p, u, in, now), nil
}

// ImportEvent is the audit event of a nomination written by an import.
func ImportEvent(n Nomination) audit.Event { return event("nomination.import", n, nil, n) }
