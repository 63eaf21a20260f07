package user

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/textnorm"
)

// Client is a service client (a provincial portal, an import script) with one role at a unit.
type Client struct {
	ID        uuid.UUID
	ClientID  string
	Name      string
	UnitID    uuid.UUID
	UnitPath  string
	Role      access.Role
	Disabled  bool
	CreatedAt time.Time
}

// NewClient is the input for registering a client.
type NewClient struct {
	Name   string
	UnitID uuid.UUID
	Role   access.Role
}

// ListClients lists the clients registered in the subtrees the caller manages.
func (s *Service) ListClients(ctx context.Context, f Filter) ([]Client, string, error) {
	paths, err := s.scopePaths(ctx, access.ManageClients, nil)
	if err != nil {
		return nil, "", err
	}
	f.Paths = paths
	return s.store.ListClients(ctx, f)
}

// CreateClient registers a client and returns it with its secret, which is stored only hashed
// and so can be shown this once.
func (s *Service) CreateClient(ctx context.Context, in NewClient) (Client, string, error) {
	in.Name = textnorm.Clean(in.Name)
	var c apperr.Checker
	c.Check(in.Name != "" && len([]rune(in.Name)) <= 255, "/name", "must be 1–255 characters")
	c.Check(in.Role != access.Admin, "/role", "a client cannot be an administrator")
	if err := c.Err(); err != nil {
		return Client{}, "", err
	}
	unit, err := s.store.GetUnit(ctx, in.UnitID)
	if err != nil {
		return Client{}, "", err
	}
	if err := access.FromContext(ctx).Authorize(access.ManageClients, unit.Path); err != nil {
		return Client{}, "", err
	}
	if unit.Archived {
		return Client{}, "", apperr.New(apperr.Conflict, "unit_archived", "The unit is archived.")
	}
	a, _, err := s.checkGrant(ctx, in.Role, &unit.ID)
	if err != nil {
		return Client{}, "", err
	}
	secret, err := randomToken(32)
	if err != nil {
		return Client{}, "", err
	}
	hash, err := auth.HashPassword(secret)
	if err != nil {
		return Client{}, "", err
	}
	idPart, err := randomHex(8)
	if err != nil {
		return Client{}, "", err
	}
	cl := Client{ID: uuid.Must(uuid.NewV7()), ClientID: "cl_" + idPart, Name: in.Name, UnitID: unit.ID, UnitPath: unit.Path,
		Role: in.Role, CreatedAt: s.now()}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateClient(ctx, cl, hash); err != nil {
			return err
		}
		if err := s.store.CreateAssignment(ctx, cl.ID, access.ClientPrincipal, a); err != nil {
			return err
		}
		id, unitID, bloc := cl.ID, unit.ID, unit.BlocID
		return s.store.Record(ctx, audit.Event{Action: "client.create", ResourceType: "client", ResourceID: &id,
			UnitID: &unitID, UnitPath: unit.Path, BlocID: &bloc,
			After: map[string]any{"id": cl.ID, "client_id": cl.ClientID, "name": cl.Name, "role": cl.Role}})
	})
	return cl, secret, err
}

func randomToken(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
