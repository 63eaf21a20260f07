package member

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
	"lamtheobac/internal/standard"
	"lamtheobac/internal/textnorm"
)

// Store is what the members service needs from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder
	GetUnit(ctx context.Context, id uuid.UUID) (org.Unit, error)
	// UserExists reports whether a user account with id exists.
	UserExists(ctx context.Context, id uuid.UUID) (bool, error)

	CreateMember(ctx context.Context, m Member) error
	GetMember(ctx context.Context, id uuid.UUID, forUpdate bool) (Member, error)
	// MemberOfUser returns the member profile linked to the user (apperr.ErrNotFound if none).
	MemberOfUser(ctx context.Context, userID uuid.UUID) (Member, error)
	UpdateMember(ctx context.Context, m Member) error // bumps version; stale → apperr.ErrStale
	DeleteMember(ctx context.Context, id uuid.UUID) error
	ListMembers(ctx context.Context, f Filter) ([]Member, string, error)

	CommitmentStore
}

// Filter selects members for a list.
type Filter struct {
	UnitID   *uuid.UUID // one cell's members…
	UnitPath string     // …or every member of this subtree
	Q        string     // diacritics-insensitive search in the full name
	Limit    int
	Cursor   string
}

// Service runs the members use cases for the principal in ctx.
type Service struct {
	store       Store
	standards   *standard.Service
	nominations Nominations
	now         func() time.Time
}

// NewService returns a Service over store; standards gives the effective standard a
// commitment's items are chosen from, nominations the nominations whose nominees' classes
// reviewers see.
func NewService(store Store, standards *standard.Service, nominations Nominations, now func() time.Time) *Service {
	return &Service{store: store, standards: standards, nominations: nominations, now: now}
}

// readable returns the member with id if the caller may read their personal data; anyone else
// learns nothing about them (404).
func (s *Service) readable(ctx context.Context, id uuid.UUID, forUpdate bool) (Member, error) {
	m, err := s.store.GetMember(ctx, id, forUpdate)
	if err != nil {
		return Member{}, err
	}
	if !CanReadProfile(access.FromContext(ctx), m) {
		return Member{}, apperr.ErrNotFound
	}
	return m, nil
}

// Get returns a member's profile.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Member, error) {
	return s.readable(ctx, id, false)
}

// Mine returns the caller's own member profile (404 when its account is linked to none).
func (s *Service) Mine(ctx context.Context) (Member, error) {
	p := access.FromContext(ctx)
	if p == nil || p.Kind == access.ClientPrincipal {
		return Member{}, apperr.ErrNotFound
	}
	return s.store.MemberOfUser(ctx, p.ID)
}

// List lists the members of a cell (or of a subtree) and records who looked: the list is
// personal data. Readers without ReadMembers over the unit (members, readers from below,
// portals) get 403 when they can see the unit, 404 otherwise.
func (s *Service) List(ctx context.Context, unitID uuid.UUID, subtree bool, f Filter) ([]Member, string, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, "", err
	}
	if !p.Can(access.ReadMembers, u.Path) {
		return nil, "", apperr.ErrForbidden
	}
	if subtree {
		f.UnitPath = u.Path
	} else {
		f.UnitID = &u.ID
	}
	f.Q = textnorm.Clean(f.Q)
	list, next, err := s.store.ListMembers(ctx, f)
	if err != nil {
		return nil, "", err
	}
	return list, next, s.recordRead(ctx, "member.list", u, map[string]any{"subtree": subtree, "q": f.Q, "count": len(list),
		"cursor": f.Cursor != ""})
}

// recordRead audits a read of personal data at unit u (who looked is the event's actor).
func (s *Service) recordRead(ctx context.Context, action string, u org.Unit, what map[string]any) error {
	unitID, bloc := u.ID, u.BlocID
	return s.store.Record(ctx, audit.Event{Action: action, ResourceType: "member", UnitID: &unitID, UnitPath: u.Path,
		BlocID: &bloc, After: what})
}

// Create adds a member to a cell.
func (s *Service) Create(ctx context.Context, unitID uuid.UUID, in Input) (Member, error) {
	if err := in.Normalize(true, s.now()); err != nil {
		return Member{}, err
	}
	u, err := s.store.GetUnit(ctx, unitID)
	if err != nil {
		return Member{}, err
	}
	p := access.FromContext(ctx)
	if err := p.Authorize(access.ManageMembers, u.Path); err != nil {
		return Member{}, err
	}
	if err := CheckCell(u); err != nil {
		return Member{}, err
	}
	m := NewMember(p, u, in, s.now())
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.checkUser(ctx, in.UserID); err != nil {
			return err
		}
		if err := s.store.CreateMember(ctx, m); err != nil {
			return err
		}
		return s.store.Record(ctx, Event("member.create", m, nil, m))
	})
	return m, err
}

// CheckCell refuses units that hold no members (committees, blocs) and archived cells.
func CheckCell(u org.Unit) error {
	if !HoldsMembers(u.Kind) {
		return apperr.New(apperr.Unprocessable, "not_a_cell", "Members belong to a cell (chi bộ).")
	}
	if u.Archived {
		return apperr.New(apperr.Conflict, "unit_archived", "The unit is archived.")
	}
	return nil
}

// NewMember builds the profile of a member of cell u from validated input.
func NewMember(p *access.Principal, u org.Unit, in Input, now time.Time) Member {
	m := Member{ID: uuid.Must(uuid.NewV7()), UnitID: u.ID, Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID,
		CreatedBy: p.ActorID(), Version: 1, CreatedAt: now, UpdatedAt: now}
	in.apply(&m)
	return m
}

// checkUser refuses a link to an account that does not exist.
func (s *Service) checkUser(ctx context.Context, id *uuid.UUID) error {
	if id == nil {
		return nil
	}
	ok, err := s.store.UserExists(ctx, *id)
	if err != nil || ok {
		return err
	}
	return apperr.Fields("validation", "Some fields are invalid.", apperr.FieldError{Field: "/user_id", Message: "is not a user"})
}

// Update edits a member's profile.
func (s *Service) Update(ctx context.Context, id uuid.UUID, ifMatch *int64, in Input) (Member, error) {
	if err := in.Normalize(false, s.now()); err != nil {
		return Member{}, err
	}
	var out Member
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		before, err := s.managed(ctx, id, ifMatch)
		if err != nil {
			return err
		}
		if err := s.checkUser(ctx, in.UserID); err != nil {
			return err
		}
		after := before
		in.apply(&after)
		if after.BirthDate != nil && after.JoinedPartyOn != nil && !after.JoinedPartyOn.After(after.BirthDate.AddDate(16, 0, 0)) {
			return apperr.Fields("validation", "Some fields are invalid.",
				apperr.FieldError{Field: "/joined_party_on", Message: "must be after the member's 16th birthday"})
		}
		after.UpdatedAt = s.now()
		if err := s.store.UpdateMember(ctx, after); err != nil {
			return err
		}
		after.Version++
		out = after
		return s.store.Record(ctx, Event("member.update", after, before, after))
	})
	return out, err
}

// managed loads a member for update by someone who manages the cell's members, checking the
// version: 404 outside the read scope, 403 without the right, 412 when stale.
func (s *Service) managed(ctx context.Context, id uuid.UUID, ifMatch *int64) (Member, error) {
	m, err := s.readable(ctx, id, true)
	if err != nil {
		return Member{}, err
	}
	if !access.FromContext(ctx).Can(access.ManageMembers, m.UnitPath) {
		return Member{}, apperr.ErrForbidden
	}
	if ifMatch != nil && *ifMatch != m.Version {
		return Member{}, apperr.ErrStale
	}
	return m, nil
}

// Delete removes a member profile that no commitment refers to (409 otherwise: the record of
// their years is kept).
func (s *Service) Delete(ctx context.Context, id uuid.UUID, ifMatch *int64) error {
	return s.store.InTx(ctx, func(ctx context.Context) error {
		m, err := s.managed(ctx, id, ifMatch)
		if err != nil {
			return err
		}
		n, err := s.store.CountCommitments(ctx, id)
		if err != nil {
			return err
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "member_has_commitments", "The member has commitments on record; they are kept.")
		}
		if err := s.store.DeleteMember(ctx, id); err != nil {
			return err
		}
		return s.store.Record(ctx, Event("member.delete", m, m, nil))
	})
}

// AllowedActions lists what the caller may do to m.
func (s *Service) AllowedActions(ctx context.Context, m Member) []string {
	return AllowedActions(access.FromContext(ctx), m)
}

// Event is the audit event of a change to member m.
func Event(action string, m Member, before, after any) audit.Event {
	id, unitID, bloc := m.ID, m.UnitID, m.BlocID
	return audit.Event{Action: action, ResourceType: "member", ResourceID: &id, UnitID: &unitID, UnitPath: m.UnitPath,
		BlocID: &bloc, Before: snapshot(before), After: snapshot(after)}
}

// snapshot is the audited form of a member.
func snapshot(v any) any {
	m, ok := v.(Member)
	if !ok {
		return v
	}
	return map[string]any{"id": m.ID, "unit_id": m.UnitID, "user_id": m.UserID, "full_name": m.FullName,
		"birth_date": m.BirthDate, "position": m.Position, "workplace": m.Workplace, "joined_party_on": m.JoinedPartyOn,
		"party_card_number": m.PartyCardNumber, "version": m.Version}
}
