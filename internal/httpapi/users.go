package httpapi

import (
	"context"

	"lamtheobac/api"
	"lamtheobac/internal/access"
	"lamtheobac/internal/user"
)

func toAPIAssignment(a user.Assignment) api.RoleAssignment {
	out := api.RoleAssignment{Id: a.ID, Role: api.Role(a.Role), GrantedBy: a.GrantedBy, CreatedAt: a.CreatedAt}
	if a.Unit != nil {
		ref := toAPIUnitRef(*a.Unit)
		out.Unit, out.UnitId = &ref, &a.Unit.ID
	}
	return out
}

func toAPIAssignments(as []user.Assignment) []api.RoleAssignment {
	out := make([]api.RoleAssignment, len(as))
	for i, a := range as {
		out[i] = toAPIAssignment(a)
	}
	return out
}

func toAPIUser(ctx context.Context, u user.User) api.User {
	return api.User{Id: u.ID, Username: u.Username, FullName: u.FullName, Email: u.Email, UnitId: u.UnitID, Disabled: u.Disabled,
		Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt, Roles: toAPIAssignments(u.Roles),
		AllowedActions: user.AllowedActions(ctx, u)}
}

func emailPtr(e *api.UserCreate) *string {
	if e.Email == nil {
		return nil
	}
	s := string(*e.Email)
	return &s
}

// ListUsers lists users the caller manages.
func (s *Server) ListUsers(ctx context.Context, r api.ListUsersRequestObject) (api.ListUsersResponseObject, error) {
	p := r.Params
	users, next, err := s.d.Users.List(ctx, p.UnitId, user.Filter{Q: searchText(p.Q), Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)})
	if err != nil {
		return nil, err
	}
	items := make([]api.User, len(users))
	for i, u := range users {
		items[i] = toAPIUser(ctx, u)
	}
	return api.ListUsers200JSONResponse{Items: items, NextCursor: nextCursor(ctx, next)}, nil
}

// CreateUser creates a user.
func (s *Server) CreateUser(ctx context.Context, r api.CreateUserRequestObject) (api.CreateUserResponseObject, error) {
	u, err := s.d.Users.Create(ctx, user.NewUser{Username: r.Body.Username, FullName: r.Body.FullName, Password: r.Body.Password,
		Email: emailPtr(r.Body), UnitID: r.Body.UnitId})
	if err != nil {
		return nil, err
	}
	return api.CreateUser201JSONResponse{Body: toAPIUser(ctx, u),
		Headers: api.CreateUser201ResponseHeaders{ETag: etag(u.Version), Location: "/api/v1/users/" + u.ID.String()}}, nil
}

// GetUser returns a user.
func (s *Server) GetUser(ctx context.Context, r api.GetUserRequestObject) (api.GetUserResponseObject, error) {
	u, err := s.d.Users.Get(ctx, r.UserId)
	if err != nil {
		return nil, err
	}
	return api.GetUser200JSONResponse{UserOneJSONResponse: api.UserOneJSONResponse{Body: toAPIUser(ctx, u),
		Headers: api.UserOneResponseHeaders{ETag: etag(u.Version)}}}, nil
}

// UpdateUser patches a user.
func (s *Server) UpdateUser(ctx context.Context, r api.UpdateUserRequestObject) (api.UpdateUserResponseObject, error) {
	v, err := ifMatchVersion(r.Params.IfMatch)
	if err != nil {
		return nil, err
	}
	patch := user.Patch{FullName: r.Body.FullName, Password: r.Body.Password, CurrentPassword: r.Body.CurrentPassword, Disabled: r.Body.Disabled}
	if r.Body.Email != nil {
		e := string(*r.Body.Email)
		patch.Email = &e
	}
	u, err := s.d.Users.Update(ctx, r.UserId, v, patch)
	if err != nil {
		return nil, err
	}
	return api.UpdateUser200JSONResponse{UserOneJSONResponse: api.UserOneJSONResponse{Body: toAPIUser(ctx, u),
		Headers: api.UserOneResponseHeaders{ETag: etag(u.Version)}}}, nil
}

// ListUserRoles lists a user's roles.
func (s *Server) ListUserRoles(ctx context.Context, r api.ListUserRolesRequestObject) (api.ListUserRolesResponseObject, error) {
	roles, err := s.d.Users.Roles(ctx, r.UserId)
	if err != nil {
		return nil, err
	}
	return api.ListUserRoles200JSONResponse{Items: toAPIAssignments(roles)}, nil
}

// GrantUserRole grants a role.
func (s *Server) GrantUserRole(ctx context.Context, r api.GrantUserRoleRequestObject) (api.GrantUserRoleResponseObject, error) {
	a, err := s.d.Users.Grant(ctx, r.UserId, access.Role(r.Body.Role), r.Body.UnitId)
	if err != nil {
		return nil, err
	}
	return api.GrantUserRole201JSONResponse(toAPIAssignment(a)), nil
}

// RevokeUserRole revokes a role.
func (s *Server) RevokeUserRole(ctx context.Context, r api.RevokeUserRoleRequestObject) (api.RevokeUserRoleResponseObject, error) {
	if err := s.d.Users.Revoke(ctx, r.UserId, access.Role(r.Params.Role), r.Params.UnitId); err != nil {
		return nil, err
	}
	return api.RevokeUserRole204Response{}, nil
}

// ListClients lists service clients.
func (s *Server) ListClients(ctx context.Context, r api.ListClientsRequestObject) (api.ListClientsResponseObject, error) {
	clients, next, err := s.d.Users.ListClients(ctx, user.Filter{Limit: pageLimit(r.Params.Limit), Cursor: cursorOf(ctx)})
	if err != nil {
		return nil, err
	}
	items := make([]api.Client, len(clients))
	for i, c := range clients {
		items[i] = toAPIClient(c)
	}
	return api.ListClients200JSONResponse{Items: items, NextCursor: nextCursor(ctx, next)}, nil
}

func toAPIClient(c user.Client) api.Client {
	return api.Client{Id: c.ID, ClientId: c.ClientID, Name: c.Name, UnitId: c.UnitID, Role: api.Role(c.Role), Disabled: c.Disabled, CreatedAt: c.CreatedAt}
}

// UpdateClient renames, disables or re-enables a service client.
func (s *Server) UpdateClient(ctx context.Context, r api.UpdateClientRequestObject) (api.UpdateClientResponseObject, error) {
	c, err := s.d.Users.UpdateClient(ctx, r.ClientId, user.ClientPatch{Name: r.Body.Name, Disabled: r.Body.Disabled})
	if err != nil {
		return nil, err
	}
	return api.UpdateClient200JSONResponse(toAPIClient(c)), nil
}

// RotateClientSecret gives a service client a new secret and shows it once.
func (s *Server) RotateClientSecret(ctx context.Context, r api.RotateClientSecretRequestObject) (api.RotateClientSecretResponseObject, error) {
	c, secret, err := s.d.Users.RotateClientSecret(ctx, r.ClientId)
	if err != nil {
		return nil, err
	}
	return api.RotateClientSecret200JSONResponse{Body: withSecret(c, secret), Headers: api.RotateClientSecret200ResponseHeaders{CacheControl: noStore}}, nil
}

// withSecret is a client with its secret, for the one answer that shows it.
func withSecret(c user.Client, secret string) api.ClientWithSecret {
	a := toAPIClient(c)
	return api.ClientWithSecret{Id: a.Id, ClientId: a.ClientId, Name: a.Name, UnitId: a.UnitId, Role: a.Role, Disabled: a.Disabled,
		CreatedAt: a.CreatedAt, ClientSecret: secret}
}

// CreateClient registers a service client and shows its secret once.
func (s *Server) CreateClient(ctx context.Context, r api.CreateClientRequestObject) (api.CreateClientResponseObject, error) {
	c, secret, err := s.d.Users.CreateClient(ctx, user.NewClient{Name: r.Body.Name, UnitID: r.Body.UnitId, Role: access.Role(r.Body.Role)})
	if err != nil {
		return nil, err
	}
	return api.CreateClient201JSONResponse{Body: withSecret(c, secret), Headers: api.CreateClient201ResponseHeaders{CacheControl: noStore}}, nil
}
