package store

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/user"
)

var (
	_ org.Store  = (*Store)(nil)
	_ user.Store = (*Store)(nil)
)

func toUser(r userRow) user.User {
	return user.User{ID: r.ID, Username: r.Username, FullName: r.FullName, Email: r.Email, UnitID: r.UnitID, UnitPath: r.UnitPath,
		Disabled: r.Disabled, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Roles: []user.Assignment{}}
}

// CreateUser inserts u with its password hash.
func (s *Store) CreateUser(ctx context.Context, u user.User, passwordHash string) error {
	row := userRow{ID: u.ID, Username: u.Username, FullName: u.FullName, Email: u.Email, UnitID: u.UnitID, UnitPath: u.UnitPath,
		PasswordHash: passwordHash, Disabled: u.Disabled, Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
	return wrap(s.db(ctx).Create(&row).Error, "create user")
}

// GetUser returns the user with id and its role assignments.
func (s *Store) GetUser(ctx context.Context, id uuid.UUID) (user.User, error) {
	var row userRow
	if err := s.db(ctx).Take(&row, "id = ?", id).Error; err != nil {
		return user.User{}, wrap(err, "get user %s", id)
	}
	u := toUser(row)
	roles, err := s.ListAssignments(ctx, id)
	u.Roles = roles
	return u, wrap(err, "get user %s", id)
}

// UpdateUser writes u's mutable fields (and the password hash when given) if the stored
// version is still u.Version, and bumps it.
func (s *Store) UpdateUser(ctx context.Context, u user.User, passwordHash *string) error {
	fields := map[string]any{"full_name": u.FullName, "email": u.Email, "disabled": u.Disabled,
		"updated_at": u.UpdatedAt, "version": u.Version + 1}
	if passwordHash != nil {
		fields["password_hash"] = *passwordHash
	}
	res := s.db(ctx).Model(&userRow{}).Where("id = ? AND version = ?", u.ID, u.Version).Updates(fields)
	if res.Error != nil {
		return wrap(res.Error, "update user")
	}
	if res.RowsAffected == 0 {
		return apperr.ErrStale
	}
	return nil
}

// underPaths restricts q to rows whose unit_path lies under one of paths (nil: no restriction).
func underPaths(q *gorm.DB, paths []string) *gorm.DB {
	if paths == nil {
		return q
	}
	conds := make([]string, len(paths))
	args := make([]any, len(paths))
	for i, p := range paths {
		conds[i] = "unit_path LIKE ?"
		args[i] = likePrefix(p)
	}
	return q.Where("("+strings.Join(conds, " OR ")+")", args...)
}

// ListUsers returns a page of users under f.Paths ordered by id, with their roles.
func (s *Store) ListUsers(ctx context.Context, f user.Filter) ([]user.User, string, error) {
	q := underPaths(s.db(ctx).Model(&userRow{}), f.Paths)
	if f.Q != "" {
		q = q.Where("f_unaccent(full_name || ' ' || username) LIKE '%' || f_unaccent(?) || '%'", escapeLike(f.Q))
	}
	q, err := afterID(q, "id", f.Cursor, false)
	if err != nil {
		return nil, "", wrap(err, "list users")
	}
	var rows []userRow
	if err := q.Order("id").Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list users")
	}
	rows, next := pageByID(rows, f.Limit, func(r userRow) uuid.UUID { return r.ID })
	out := make([]user.User, len(rows))
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		out[i], ids[i] = toUser(r), r.ID
	}
	roles, err := s.assignmentsOf(ctx, ids)
	if err != nil {
		return nil, "", wrap(err, "list users")
	}
	for i := range out {
		if r, ok := roles[out[i].ID]; ok {
			out[i].Roles = r
		}
	}
	return out, next, nil
}

// assignmentRow is a role assignment joined with its unit.
type assignmentRow struct {
	ID          uuid.UUID
	PrincipalID uuid.UUID
	Role        string
	UnitID      *uuid.UUID
	GrantedBy   *uuid.UUID
	CreatedAt   time.Time
	UnitKind    *string
	UnitCode    *string
	UnitName    *string
	UnitPath    *string
}

func (s *Store) assignmentsOf(ctx context.Context, principalIDs []uuid.UUID) (map[uuid.UUID][]user.Assignment, error) {
	out := map[uuid.UUID][]user.Assignment{}
	if len(principalIDs) == 0 {
		return out, nil
	}
	var rows []assignmentRow
	err := s.db(ctx).Table("role_assignments AS r").
		Select("r.id, r.principal_id, r.role, r.unit_id, r.granted_by, r.created_at, u.kind AS unit_kind, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path").
		Joins("LEFT JOIN units u ON u.id = r.unit_id").
		Where("r.principal_id IN ?", principalIDs).Order("r.created_at, r.id").Scan(&rows).Error
	if err != nil {
		return nil, translate(err)
	}
	for _, r := range rows {
		a := user.Assignment{ID: r.ID, Role: access.Role(r.Role), GrantedBy: r.GrantedBy, CreatedAt: r.CreatedAt, UnitPath: deref(r.UnitPath)}
		if r.UnitID != nil && r.UnitCode != nil {
			a.Unit = &org.Ref{ID: *r.UnitID, Kind: org.Kind(*r.UnitKind), Code: *r.UnitCode, Name: *r.UnitName}
		}
		out[r.PrincipalID] = append(out[r.PrincipalID], a)
	}
	return out, nil
}

// ListAssignments returns the role assignments of a user or client.
func (s *Store) ListAssignments(ctx context.Context, principalID uuid.UUID) ([]user.Assignment, error) {
	m, err := s.assignmentsOf(ctx, []uuid.UUID{principalID})
	if err != nil {
		return nil, wrap(err, "list assignments principalID=%s", principalID)
	}
	if m[principalID] == nil {
		return []user.Assignment{}, nil
	}
	return m[principalID], nil
}

// CreateAssignment stores a role assignment.
func (s *Store) CreateAssignment(ctx context.Context, principalID uuid.UUID, kind access.PrincipalKind, a user.Assignment) error {
	row := roleRow{ID: a.ID, PrincipalID: principalID, PrincipalKind: string(kind), Role: string(a.Role), GrantedBy: a.GrantedBy, CreatedAt: a.CreatedAt}
	if a.Unit != nil {
		id := a.Unit.ID
		row.UnitID = &id
	}
	return wrap(s.db(ctx).Create(&row).Error, "create assignment principalID=%s", principalID)
}

// DeleteAssignment removes a role assignment and reports whether there was one.
func (s *Store) DeleteAssignment(ctx context.Context, principalID uuid.UUID, role access.Role, unitID *uuid.UUID) (bool, error) {
	q := s.db(ctx).Where("principal_id = ? AND role = ?", principalID, string(role))
	if unitID == nil {
		q = q.Where("unit_id IS NULL")
	} else {
		q = q.Where("unit_id = ?", *unitID)
	}
	res := q.Delete(&roleRow{})
	return res.RowsAffected > 0, wrap(res.Error, "delete assignment principalID=%s", principalID)
}

// CreateClient inserts a service client with its hashed secret.
func (s *Store) CreateClient(ctx context.Context, c user.Client, secretHash string) error {
	var by *uuid.UUID
	if p := access.FromContext(ctx); p != nil {
		id := p.ID
		by = &id
	}
	row := clientRow{ID: c.ID, ClientID: c.ClientID, Name: c.Name, UnitID: c.UnitID, UnitPath: c.UnitPath,
		SecretHash: secretHash, Disabled: c.Disabled, CreatedBy: by, CreatedAt: c.CreatedAt}
	return wrap(s.db(ctx).Create(&row).Error, "create client")
}

// ListClients returns a page of clients under f.Paths, ordered by id, with their role.
func (s *Store) ListClients(ctx context.Context, f user.Filter) ([]user.Client, string, error) {
	q := underPaths(s.db(ctx).Model(&clientRow{}), f.Paths)
	q, err := afterID(q, "id", f.Cursor, false)
	if err != nil {
		return nil, "", wrap(err, "list clients")
	}
	var rows []clientRow
	if err := q.Order("id").Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(err, "list clients")
	}
	rows, next := pageByID(rows, f.Limit, func(r clientRow) uuid.UUID { return r.ID })
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	roles, err := s.assignmentsOf(ctx, ids)
	if err != nil {
		return nil, "", wrap(err, "list clients")
	}
	out := make([]user.Client, len(rows))
	for i, r := range rows {
		out[i] = toClient(r, roles[r.ID])
	}
	return out, next, nil
}

// toClient maps a client row and its role assignments (a client holds one role).
func toClient(r clientRow, roles []user.Assignment) user.Client {
	c := user.Client{ID: r.ID, ClientID: r.ClientID, Name: r.Name, UnitID: r.UnitID, UnitPath: r.UnitPath, Disabled: r.Disabled, CreatedAt: r.CreatedAt}
	if len(roles) > 0 {
		c.Role = roles[0].Role
	}
	return c
}

// GetClient returns a client with its role, locked for update inside a transaction.
func (s *Store) GetClient(ctx context.Context, id uuid.UUID) (user.Client, error) {
	var row clientRow
	if err := s.db(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Take(&row, "id = ?", id).Error; err != nil {
		return user.Client{}, wrap(err, "get client %s", id)
	}
	roles, err := s.assignmentsOf(ctx, []uuid.UUID{id})
	if err != nil {
		return user.Client{}, wrap(err, "get client %s", id)
	}
	return toClient(row, roles[id]), nil
}

// UpdateClient writes a client's name and disabled flag, and its secret hash when one is given.
func (s *Store) UpdateClient(ctx context.Context, c user.Client, secretHash *string) error {
	set := map[string]any{"name": c.Name, "disabled": c.Disabled}
	if secretHash != nil {
		set["secret_hash"] = *secretHash
	}
	res := s.db(ctx).Model(&clientRow{}).Where("id = ?", c.ID).Updates(set)
	if res.Error == nil && res.RowsAffected == 0 {
		return apperr.ErrNotFound
	}
	return wrap(res.Error, "update client")
}

// GetUserByUsername returns the user with username (case-insensitive) and its roles.
func (s *Store) GetUserByUsername(ctx context.Context, username string) (user.User, error) {
	var row userRow
	if err := s.db(ctx).Take(&row, "lower(username) = lower(?)", username).Error; err != nil {
		return user.User{}, wrap(err, "get user by username")
	}
	return s.GetUser(ctx, row.ID)
}

// PasswordHash returns a user's stored password hash.
func (s *Store) PasswordHash(ctx context.Context, userID uuid.UUID) (string, error) {
	var row userRow
	if err := s.db(ctx).Select("password_hash").Take(&row, "id = ?", userID).Error; err != nil {
		return "", wrap(err, "password hash userID=%s", userID)
	}
	return row.PasswordHash, nil
}

// RevokeUserRefreshTokens revokes every live refresh token of a user.
func (s *Store) RevokeUserRefreshTokens(ctx context.Context, userID uuid.UUID, at time.Time) error {
	return wrap(s.db(ctx).Exec("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", at, userID).Error, "revoke user refresh tokens userID=%s", userID)
}

// UserHomePath returns the path of a user's home unit ("" when the user has none).
func (s *Store) UserHomePath(ctx context.Context, userID uuid.UUID) (string, error) {
	var row userRow
	if err := s.db(ctx).Select("unit_path").Take(&row, "id = ?", userID).Error; err != nil {
		return "", wrap(err, "user home path userID=%s", userID)
	}
	return row.UnitPath, nil
}
