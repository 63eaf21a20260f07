package httpapi

import (
	"context"
	"time"

	"lamtheobac/api"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/store"
)

// GetHealthz says the process is alive; it touches nothing else.
func (s *Server) GetHealthz(ctx context.Context, _ api.GetHealthzRequestObject) (api.GetHealthzResponseObject, error) {
	return api.GetHealthz200JSONResponse{Status: "ok"}, nil
}

// GetReadyz says whether the database answers and its migrations are current.
func (s *Server) GetReadyz(ctx context.Context, _ api.GetReadyzRequestObject) (api.GetReadyzResponseObject, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.d.Readiness.Ping(ctx); err != nil {
		return nil, &apperr.Error{Kind: apperr.Unavailable, Code: "database_unreachable", Message: "The database does not answer.",
			RetryAfter: store.OutageRetryAfter, Err: err}
	}
	current, err := s.d.Readiness.MigrationsCurrent(ctx)
	if err != nil || !current {
		return nil, &apperr.Error{Kind: apperr.Unavailable, Code: "migrations_pending", Message: "Database migrations are not current.",
			RetryAfter: store.OutageRetryAfter, Err: err}
	}
	return api.GetReadyz200JSONResponse{Status: "ok", Checks: &map[string]string{"database": "ok", "migrations": "current"}}, nil
}

// GetJWKS publishes the keys that verify access tokens.
func (s *Server) GetJWKS(ctx context.Context, _ api.GetJWKSRequestObject) (api.GetJWKSResponseObject, error) {
	keys := s.d.Issuer.Keys().JWKS()
	out := api.GetJWKS200JSONResponse{Keys: make([]api.JWK, len(keys))}
	for i, k := range keys {
		out.Keys[i] = api.JWK{Kty: k.Kty, Kid: k.Kid, Crv: &k.Crv, X: &k.X, Use: &k.Use, Alg: &k.Alg}
	}
	return out, nil
}

// ListAuditEvents returns a unit subtree's audit trail.
func (s *Server) ListAuditEvents(ctx context.Context, r api.ListAuditEventsRequestObject) (api.ListAuditEventsResponseObject, error) {
	p := r.Params
	events, next, err := s.d.Units.AuditTrail(ctx, r.UnitId, audit.Filter{Action: deref(p.Action), ResourceID: p.ResourceId,
		Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)})
	if err != nil {
		return nil, err
	}
	return api.ListAuditEvents200JSONResponse(toAPIAuditList(ctx, events, next)), nil
}

// ListAllAuditEvents returns the whole audit trail to administrators.
func (s *Server) ListAllAuditEvents(ctx context.Context, r api.ListAllAuditEventsRequestObject) (api.ListAllAuditEventsResponseObject, error) {
	p := r.Params
	events, next, err := s.d.Units.GlobalAuditTrail(ctx, audit.Filter{Action: deref(p.Action), ResourceID: p.ResourceId,
		Limit: pageLimit(p.Limit), Cursor: cursorOf(ctx)})
	if err != nil {
		return nil, err
	}
	return api.ListAllAuditEvents200JSONResponse(toAPIAuditList(ctx, events, next)), nil
}

func toAPIAuditList(ctx context.Context, events []audit.Event, next string) api.AuditEventList {
	items := make([]api.AuditEvent, len(events))
	for i, e := range events {
		items[i] = api.AuditEvent{Id: e.ID, OccurredAt: e.OccurredAt, ActorId: e.ActorID, ActorKind: &e.ActorKind, ActorName: &e.ActorName,
			Action: e.Action, ResourceType: e.ResourceType, ResourceId: e.ResourceID, UnitId: e.UnitID, RequestId: &e.RequestID, ImportId: e.ImportID,
			Before: jsonObject(e.Before), After: jsonObject(e.After)}
	}
	return api.AuditEventList{Items: items, NextCursor: nextCursor(ctx, next)}
}

// Readiness is what /readyz checks (store.Store is the one in use).
type Readiness interface {
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	// MigrationsCurrent says whether every migration this build knows has been applied.
	MigrationsCurrent(ctx context.Context) (bool, error)
}
