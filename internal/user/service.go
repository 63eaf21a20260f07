package user

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/org"
)

// Store is what the user service needs from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder
	GetUnit(ctx context.Context, id uuid.UUID) (org.Unit, error)
	CreateUser(ctx context.Context, u User, passwordHash string) error
	GetUser(ctx context.Context, id uuid.UUID) (User, error)
	UpdateUser(ctx context.Context, u User, passwordHash *string) error // bumps version; stale → ErrStale
	PasswordHash(ctx context.Context, userID uuid.UUID) (string, error)
	RevokeUserRefreshTokens(ctx context.Context, userID uuid.UUID, at time.Time) error
	ListUsers(ctx context.Context, f Filter) ([]User, string, error)
	ListAssignments(ctx context.Context, principalID uuid.UUID) ([]Assignment, error)
	CreateAssignment(ctx context.Context, principalID uuid.UUID, kind access.PrincipalKind, a Assignment) error
	DeleteAssignment(ctx context.Context, principalID uuid.UUID, role access.Role, unitID *uuid.UUID) (bool, error)
	CreateClient(ctx context.Context, c Client, secretHash string) error
	ListClients(ctx context.Context, f Filter) ([]Client, string, error)
	GetClient(ctx context.Context, id uuid.UUID) (Client, error)          // locked for update in a transaction
	UpdateClient(ctx context.Context, c Client, secretHash *string) error // name, disabled, and the secret if given
}

// Filter selects users or clients whose home unit lies under one of Paths.
type Filter struct {
	Paths  []string // nil: everyone (administrators)
	Q      string
	Limit  int
	Cursor string
}

// Service runs the user, role and client use cases for the principal in ctx.
type Service struct {
	store Store
	now   func() time.Time
}

// NewService returns a Service over store.
func NewService(store Store) *Service {
	return &Service{store: store, now: func() time.Time { return time.Now().UTC() }}
}

// scopePaths returns the subtrees where the principal has action, limited to the subtree of
// unitID when given; nil means everything (administrators without unitID).
func (s *Service) scopePaths(ctx context.Context, action access.Action, unitID *uuid.UUID) ([]string, error) {
	p := access.FromContext(ctx)
	if unitID != nil {
		u, err := s.store.GetUnit(ctx, *unitID)
		if err != nil {
			return nil, err
		}
		if err := p.Authorize(action, u.Path); err != nil {
			return nil, err
		}
		return []string{u.Path}, nil
	}
	if p.IsAdmin() {
		return nil, nil
	}
	var paths []string
	for _, a := range p.Roles {
		if p.Can(action, a.UnitPath) {
			paths = append(paths, a.UnitPath)
		}
	}
	if len(paths) == 0 {
		return nil, apperr.ErrForbidden
	}
	return paths, nil
}

// List lists the users the caller manages or reads, optionally under unitID.
func (s *Service) List(ctx context.Context, unitID *uuid.UUID, f Filter) ([]User, string, error) {
	paths, err := s.scopePaths(ctx, access.ReadUsers, unitID)
	if err != nil {
		return nil, "", err
	}
	f.Paths = paths
	return s.store.ListUsers(ctx, f)
}

// Get returns a user the caller may read (everyone may read themselves).
func (s *Service) Get(ctx context.Context, id uuid.UUID) (User, error) {
	u, err := s.store.GetUser(ctx, id)
	if err != nil {
		return User{}, err
	}
	p := access.FromContext(ctx)
	if p != nil && p.Kind == access.UserPrincipal && p.ID == u.ID {
		return u, nil
	}
	if err := p.Authorize(access.ReadUsers, u.UnitPath); err != nil {
		return User{}, apperr.ErrNotFound // users outside what you manage do not exist for you
	}
	return u, nil
}

// Create creates a user whose home unit is in the caller's subtree.
func (s *Service) Create(ctx context.Context, in NewUser) (User, error) {
	if err := in.Normalize(); err != nil {
		return User{}, err
	}
	unit, err := s.store.GetUnit(ctx, in.UnitID)
	if err != nil {
		return User{}, err
	}
	if err := access.FromContext(ctx).Authorize(access.ManageUsers, unit.Path); err != nil {
		return User{}, err
	}
	if unit.Archived {
		return User{}, apperr.New(apperr.Conflict, "unit_archived", "The unit is archived.")
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return User{}, err
	}
	now := s.now()
	u := User{ID: uuid.Must(uuid.NewV7()), Username: in.Username, FullName: in.FullName, Email: in.Email,
		UnitID: &unit.ID, UnitPath: unit.Path, Version: 1, CreatedAt: now, UpdatedAt: now, Roles: []Assignment{}}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateUser(ctx, u, hash); err != nil {
			return err
		}
		return s.store.Record(ctx, userEvent("user.create", u, nil, u))
	})
	return u, err
}

// Update changes a user. Managers may change everything; users may change their own name,
// e-mail and password but not disable themselves.
func (s *Service) Update(ctx context.Context, id uuid.UUID, ifMatch *int64, patch Patch) (User, error) {
	if err := patch.Normalize(); err != nil {
		return User{}, err
	}
	var out User
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		before, err := s.Get(ctx, id)
		if err != nil {
			return err
		}
		if err := s.checkUpdate(ctx, before, patch); err != nil {
			return err
		}
		if ifMatch != nil && *ifMatch != before.Version {
			return apperr.ErrStale
		}
		after := before
		if patch.FullName != nil {
			after.FullName = *patch.FullName
		}
		if patch.Email != nil {
			after.Email = patch.Email
		}
		if patch.Disabled != nil {
			after.Disabled = *patch.Disabled
		}
		var hash *string
		if patch.Password != nil {
			h, err := auth.HashPassword(*patch.Password)
			if err != nil {
				return err
			}
			hash = &h
		}
		after.UpdatedAt = s.now()
		if err := s.store.UpdateUser(ctx, after, hash); err != nil {
			return err
		}
		if hash != nil || after.Disabled {
			// New credentials or a disabled account end every session started before.
			if err := s.store.RevokeUserRefreshTokens(ctx, after.ID, after.UpdatedAt); err != nil {
				return err
			}
		}
		after.Version++
		out = after
		ev := userEvent("user.update", after, before, after)
		if hash != nil {
			ev.After.(map[string]any)["password_changed"] = true
		}
		return s.store.Record(ctx, ev)
	})
	return out, err
}

// checkUpdate decides whether the caller may apply patch to target. Users may change their own
// name, e-mail and password (giving the current one) but not disable themselves; managers may
// change anyone of their subtree whose every role they could have granted themselves, so a
// cell secretary cannot take over an officer whose home is the cell.
func (s *Service) checkUpdate(ctx context.Context, target User, patch Patch) error {
	p := access.FromContext(ctx)
	if p == nil {
		return apperr.ErrUnauthenticated
	}
	if p.Kind == access.UserPrincipal && p.ID == target.ID {
		if patch.Disabled != nil && *patch.Disabled {
			return apperr.New(apperr.Forbidden, "self_disable", "You cannot disable your own account.")
		}
		if patch.Password == nil {
			return nil
		}
		hash, err := s.store.PasswordHash(ctx, target.ID)
		if err != nil {
			return err
		}
		ok, err := auth.CheckPassword(hash, deref(patch.CurrentPassword))
		if err != nil || !ok {
			return apperr.Fields("wrong_current_password", "To change your password, give your current one.",
				apperr.FieldError{Field: "/current_password", Message: "does not match"})
		}
		return nil
	}
	return manages(p, target)
}

// manages checks that p manages target: users of its subtree whose every role p could grant.
func manages(p *access.Principal, target User) error {
	if !p.Can(access.ManageUsers, target.UnitPath) {
		return apperr.ErrForbidden
	}
	for _, a := range target.Roles {
		if err := p.CanGrant(a.Role, a.UnitPath); err != nil {
			return apperr.New(apperr.Forbidden, "user_outranks_you", "The user holds a role you could not grant; ask someone above.")
		}
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Roles lists a readable user's role assignments.
func (s *Service) Roles(ctx context.Context, id uuid.UUID) ([]Assignment, error) {
	u, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return u.Roles, nil
}

// Grant gives a user role at unitID (nil for admin): only roles at or below the caller's own,
// inside the caller's subtree, at a unit of the kind the role belongs to.
func (s *Service) Grant(ctx context.Context, userID uuid.UUID, role access.Role, unitID *uuid.UUID) (Assignment, error) {
	var out Assignment
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		u, err := s.Get(ctx, userID)
		if err != nil {
			return err
		}
		if p := access.FromContext(ctx); p != nil && p.ID == u.ID {
			return apperr.New(apperr.Forbidden, "self_grant", "You cannot grant roles to yourself.")
		}
		if role == access.Portal {
			return apperr.Fields("role_not_for_users", "The portal role is for service clients.",
				apperr.FieldError{Field: "/role", Message: "portal is held by service clients only"})
		}
		a, unit, err := s.checkGrant(ctx, role, unitID)
		if err != nil {
			return err
		}
		if err := s.store.CreateAssignment(ctx, u.ID, access.UserPrincipal, a); err != nil {
			return err
		}
		out = a
		return s.store.Record(ctx, roleEvent("role.grant", u.ID, unit, nil, a))
	})
	return out, err
}

// checkGrant validates a grant by the principal in ctx and builds the assignment.
func (s *Service) checkGrant(ctx context.Context, role access.Role, unitID *uuid.UUID) (Assignment, *org.Unit, error) {
	p := access.FromContext(ctx)
	a := Assignment{ID: uuid.Must(uuid.NewV7()), Role: role, CreatedAt: s.now()}
	if p != nil && p.ID != uuid.Nil { // uuid.Nil is the seed acting as the system
		id := p.ID
		a.GrantedBy = &id
	}
	if role == access.Admin {
		if unitID != nil {
			return a, nil, apperr.Fields("validation", "The admin role is global.", apperr.FieldError{Field: "/unit_id", Message: "must be empty for admin"})
		}
		return a, nil, p.CanGrant(role, "")
	}
	if unitID == nil {
		return a, nil, apperr.Fields("validation", "The role needs a unit.", apperr.FieldError{Field: "/unit_id", Message: "is required for " + string(role)})
	}
	unit, err := s.store.GetUnit(ctx, *unitID)
	if err != nil {
		return a, nil, err
	}
	if err := grantAt(p, &a, unit); err != nil {
		return a, nil, err
	}
	return a, &unit, nil
}

// grantAt checks a grant of a.Role at unit by p and places the assignment there.
func grantAt(p *access.Principal, a *Assignment, unit org.Unit) error {
	if err := p.CanGrant(a.Role, unit.Path); err != nil {
		return err
	}
	if unit.Archived {
		return apperr.New(apperr.Conflict, "unit_archived", "The unit is archived.")
	}
	if ks := roleUnitKinds(a.Role); ks != nil && !slices.Contains(ks, unit.Kind) {
		return apperr.Fields("role_unit_kind", "The role "+string(a.Role)+" is held at a "+kindList(ks)+".",
			apperr.FieldError{Field: "/unit_id", Message: "must be a " + kindList(ks)})
	}
	ref := unit.Ref()
	a.Unit, a.UnitPath = &ref, unit.Path
	return nil
}

// Revoke removes a user's role at unitID, under the same rules as Grant.
func (s *Service) Revoke(ctx context.Context, userID uuid.UUID, role access.Role, unitID *uuid.UUID) error {
	return s.store.InTx(ctx, func(ctx context.Context) error {
		u, err := s.Get(ctx, userID)
		if err != nil {
			return err
		}
		p := access.FromContext(ctx)
		if role == access.Admin && p.ID == u.ID {
			return apperr.New(apperr.Conflict, "own_admin_role", "You cannot revoke your own admin role.")
		}
		_, unit, err := s.checkGrant(ctx, role, unitID)
		if err != nil {
			return err
		}
		found, err := s.store.DeleteAssignment(ctx, u.ID, role, unitID)
		if err != nil {
			return err
		}
		if !found {
			return apperr.ErrNotFound
		}
		return s.store.Record(ctx, roleEvent("role.revoke", u.ID, unit, map[string]any{"role": role, "unit_id": unitID}, nil))
	})
}

func userEvent(action string, u User, before, after any) audit.Event {
	id := u.ID
	return audit.Event{Action: action, ResourceType: "user", ResourceID: &id, UnitID: u.UnitID, UnitPath: u.UnitPath,
		Before: userSnapshot(before), After: userSnapshot(after)}
}

// userSnapshot is the audited form of a user; never the password hash.
func userSnapshot(v any) any {
	u, ok := v.(User)
	if !ok {
		return nil
	}
	return map[string]any{"id": u.ID, "username": u.Username, "full_name": u.FullName, "email": u.Email,
		"unit_id": u.UnitID, "disabled": u.Disabled, "version": u.Version}
}

func roleEvent(action string, principalID uuid.UUID, unit *org.Unit, before, after any) audit.Event {
	ev := audit.Event{Action: action, ResourceType: "role_assignment", ResourceID: &principalID, Before: before}
	if a, ok := after.(Assignment); ok {
		ev.After = map[string]any{"principal_id": principalID, "role": a.Role, "unit": a.Unit}
	}
	if unit != nil {
		id, bloc := unit.ID, unit.BlocID
		ev.UnitID, ev.UnitPath, ev.BlocID = &id, unit.Path, &bloc
	}
	return ev
}

// MyRoles returns the current role assignments of the principal in ctx. Authentication already
// refuses the tokens of a disabled account (auth.Epochs); this reads the account anyway.
func (s *Service) MyRoles(ctx context.Context) ([]Assignment, error) {
	p := access.FromContext(ctx)
	if p == nil {
		return nil, apperr.ErrUnauthenticated
	}
	if p.Kind == access.UserPrincipal {
		u, err := s.store.GetUser(ctx, p.ID)
		if (err == nil && u.Disabled) || apperr.KindOf(err) == apperr.NotFound {
			return nil, apperr.New(apperr.Unauthenticated, "account_disabled", "This account is disabled or gone.")
		}
		if err != nil {
			return nil, err
		}
		return u.Roles, nil
	}
	return s.store.ListAssignments(ctx, p.ID)
}

// CreateAdmin creates an administrator without a home unit: the way the first account of a
// production installation is made, from the command line. It is audited as a system action.
func (s *Service) CreateAdmin(ctx context.Context, in NewAdmin) (User, error) {
	n := NewUser{Username: in.Username, FullName: in.FullName, Password: in.Password}
	if err := n.Normalize(); err != nil {
		return User{}, err
	}
	hash, err := auth.HashPassword(n.Password)
	if err != nil {
		return User{}, err
	}
	now := s.now()
	u := User{ID: uuid.Must(uuid.NewV7()), Username: n.Username, FullName: n.FullName, Version: 1, CreatedAt: now, UpdatedAt: now}
	a := Assignment{ID: uuid.Must(uuid.NewV7()), Role: access.Admin, CreatedAt: now}
	u.Roles = []Assignment{a}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateUser(ctx, u, hash); err != nil {
			return err
		}
		if err := s.store.CreateAssignment(ctx, u.ID, access.UserPrincipal, a); err != nil {
			return err
		}
		return s.store.Record(ctx, userEvent("user.create_admin", u, nil, u))
	})
	return u, err
}

// AllowedActions lists what the caller may do to u: "manage_users" when it manages u (see
// manages), so a frontend never offers to edit someone who outranks the caller.
func AllowedActions(ctx context.Context, u User) []string {
	if manages(access.FromContext(ctx), u) == nil {
		return []string{string(access.ManageUsers)}
	}
	return []string{}
}
