package httpapi

import (
	"context"
	"encoding/json"

	"lamtheobac/api"
	"lamtheobac/internal/access"
	"lamtheobac/internal/auth"
)

type remoteAddrKey struct{}

// withRemoteAddr puts the caller's address into ctx for login throttling.
func withRemoteAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, remoteAddrKey{}, addr)
}

// remoteAddr is the caller's address put there by withRemoteAddr.
func remoteAddr(ctx context.Context) string {
	addr, _ := ctx.Value(remoteAddrKey{}).(string)
	return addr
}

// noStore marks answers that hold credentials: never cached, never kept for replays.
const noStore = "no-store"

func toAPITokens(t auth.Tokens) api.TokenResponse {
	out := api.TokenResponse{AccessToken: t.AccessToken, TokenType: "Bearer", ExpiresIn: int(t.ExpiresIn.Seconds())}
	if t.RefreshToken != "" {
		out.RefreshToken = &t.RefreshToken
	}
	return out
}

// Login exchanges a username and password for tokens.
func (s *Server) Login(ctx context.Context, r api.LoginRequestObject) (api.LoginResponseObject, error) {
	t, err := s.d.Auth.Login(ctx, r.Body.Username, r.Body.Password, remoteAddr(ctx))
	if err != nil {
		return nil, err
	}
	return api.Login200JSONResponse{Body: toAPITokens(t), Headers: api.Login200ResponseHeaders{CacheControl: noStore}}, nil
}

// RefreshToken rotates a refresh token.
func (s *Server) RefreshToken(ctx context.Context, r api.RefreshTokenRequestObject) (api.RefreshTokenResponseObject, error) {
	t, err := s.d.Auth.Refresh(ctx, r.Body.RefreshToken)
	if err != nil {
		return nil, err
	}
	return api.RefreshToken200JSONResponse{Body: toAPITokens(t), Headers: api.RefreshToken200ResponseHeaders{CacheControl: noStore}}, nil
}

// Logout revokes a refresh token's family.
func (s *Server) Logout(ctx context.Context, r api.LogoutRequestObject) (api.LogoutResponseObject, error) {
	if err := s.d.Auth.Logout(ctx, r.Body.RefreshToken); err != nil {
		return nil, err
	}
	return api.Logout204Response{}, nil
}

// ClientToken is the OAuth2 client_credentials grant.
func (s *Server) ClientToken(ctx context.Context, r api.ClientTokenRequestObject) (api.ClientTokenResponseObject, error) {
	t, err := s.d.Auth.ClientToken(ctx, r.Body.ClientId, r.Body.ClientSecret, remoteAddr(ctx))
	if err != nil {
		return nil, err
	}
	return api.ClientToken200JSONResponse{Body: toAPITokens(t), Headers: api.ClientToken200ResponseHeaders{CacheControl: noStore}}, nil
}

// GetMe describes the caller with its current roles.
func (s *Server) GetMe(ctx context.Context, _ api.GetMeRequestObject) (api.GetMeResponseObject, error) {
	p := access.FromContext(ctx)
	roles, err := s.d.Users.MyRoles(ctx)
	if err != nil {
		return nil, err
	}
	out := api.GetMe200JSONResponse{Id: p.ID, Kind: api.PrincipalKind(p.Kind), Name: p.Name, Roles: toAPIAssignments(roles)}
	if p.Username != "" {
		out.Username = &p.Username
	}
	return out, nil
}

// jsonObject turns a stored JSON state into the generic object the spec declares.
func jsonObject(v any) *map[string]any {
	raw, ok := v.(json.RawMessage)
	if !ok || len(raw) == 0 {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	return &m
}
