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

// ClientPatch changes a client; nil fields stay.
type ClientPatch struct {
	Name     *string
	Disabled *bool
}

// UpdateClient renames, disables or re-enables a client the caller manages.
func (s *Service) UpdateClient(ctx context.Context, id uuid.UUID, patch ClientPatch) (Client, error) {
	if patch.Name != nil {
		name := textnorm.Clean(*patch.Name)
		if name == "" || len([]rune(name)) > 255 {
			return Client{}, apperr.Fields("validation", "The name is invalid.", apperr.FieldError{Field: "/name", Message: "must be 1–255 characters"})
		}
		patch.Name = &name
	}
	return s.changeClient(ctx, id, "client.update", func(c *Client) (*string, error) {
		if patch.Name != nil {
			c.Name = *patch.Name
		}
		if patch.Disabled != nil {
			c.Disabled = *patch.Disabled
		}
		return nil, nil
	})
}

// RotateClientSecret gives a client the caller manages a new secret, shown this once; the old
// one is refused from now on.
func (s *Service) RotateClientSecret(ctx context.Context, id uuid.UUID) (Client, string, error) {
	var secret string
	c, err := s.changeClient(ctx, id, "client.rotate_secret", func(*Client) (*string, error) {
		var err error
		if secret, err = randomToken(32); err != nil {
			return nil, err
		}
		hash, err := auth.HashPassword(secret)
		return &hash, err
	})
	if err != nil {
		return Client{}, "", err
	}
	return c, secret, nil
}

// changeClient loads a client the caller manages (403 at a unit the caller only reads, 404
// outside its reach, 403 client_outranks_you when the client holds a role the caller could not
// grant), lets mutate change it and possibly return a new secret hash, then saves and audits it.
func (s *Service) changeClient(ctx context.Context, id uuid.UUID, action string, mutate func(c *Client) (*string, error)) (Client, error) {
	var out Client
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		before, err := s.store.GetClient(ctx, id)
		if err != nil {
			return err
		}
		p := access.FromContext(ctx)
		if err := p.Authorize(access.ManageClients, before.UnitPath); err != nil {
			return err // 403 at a unit the caller reads, 404 outside it, as for registering
		}
		if err := p.CanGrant(before.Role, before.UnitPath); err != nil {
			return apperr.New(apperr.Forbidden, "client_outranks_you", "The client holds a role you could not grant; ask someone above.")
		}
		after := before
		hash, err := mutate(&after)
		if err != nil {
			return err
		}
		if err := s.store.UpdateClient(ctx, after, hash); err != nil {
			return err
		}
		out = after
		unit, err := s.store.GetUnit(ctx, after.UnitID)
		if err != nil {
			return err
		}
		snap := func(c Client) map[string]any { return map[string]any{"name": c.Name, "disabled": c.Disabled} }
		ev := audit.Event{Action: action, ResourceType: "client", ResourceID: &after.ID, UnitID: &unit.ID, UnitPath: unit.Path,
			BlocID: &unit.BlocID, Before: snap(before), After: snap(after)}
		if hash != nil {
			ev.After.(map[string]any)["secret_rotated"] = true
		}
		return s.store.Record(ctx, ev)
	})
	return out, err
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
