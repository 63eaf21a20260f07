package auth

import (
	"context"
	"strings"
	"sync"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// defaultMaxStandings bounds the principals an instance remembers (about 200 bytes each, more
// with roles loaded): far more than are active within a token's lifetime on one instance.
const defaultMaxStandings = 100_000

// Answers for tokens whose principal changed since they were issued.
var (
	errAccountDisabled = apperr.New(apperr.Unauthenticated, "account_disabled", "The account is disabled.")
	errSubjectGone     = apperr.New(apperr.Unauthenticated, "invalid_token", "The token's subject no longer exists.")
	errTokenRevoked    = apperr.New(apperr.Unauthenticated, "token_revoked",
		"The access token was revoked: the account's password or secret changed, or it was disabled. Log in again.")
)

// standing is what an instance knows of one principal. It is never changed once stored: a
// change in the database replaces it (after the notification drops it).
type standing struct {
	gone      bool
	disabled  bool
	epoch     int64
	validFrom int64
	// roles are the current roles, loaded only once a token behind epoch needed them.
	roles       []access.Assignment
	rolesLoaded bool
}

type standingKey struct {
	kind access.PrincipalKind
	id   uuid.UUID
}

// Epochs checks access tokens against their principal's current standing. Every principal has
// a token epoch that moves, in the transaction that makes the change, when its roles change,
// its credentials change or it is disabled or enabled (migrations/0010_token_epoch.sql), and a
// token carries the epoch it was issued at. A token is refused when its principal is gone or
// disabled, or when it predates the last change of credentials or standing; a token behind
// only a role change acts with the current roles, so a grant or a revocation applies at the
// next request and the client need not refresh.
//
// What this instance knows is kept in memory while a LISTEN connection is up (notify.Listener:
// each change notifies with the principal, at commit, on every instance) and a request whose
// token is current costs one map read. Without the connection nothing is kept: every request
// reads the database, so a lost connection never lets a revoked token through.
type Epochs struct {
	store EpochStore
	max   int

	mu        sync.RWMutex
	gen       uint64 // moves at every invalidation, so a read begun before one is not kept
	listening bool
	known     map[standingKey]*standing
}

// EpochStore is what Epochs reads: the account (its epochs and standing), then its roles.
type EpochStore interface {
	AuthAccount(ctx context.Context, kind access.PrincipalKind, id uuid.UUID) (Account, error)
	AuthRoles(ctx context.Context, kind access.PrincipalKind, id uuid.UUID) ([]access.Assignment, error)
}

// NewEpochs returns a cache over store that reads the database until it is listening.
func NewEpochs(store EpochStore) *Epochs {
	return &Epochs{store: store, max: defaultMaxStandings, known: map[standingKey]*standing{}}
}

// Check returns the principal a verified token may act as: p itself while its epoch is
// current, p with its current roles after a role change, or an Unauthenticated error.
func (c *Epochs) Check(ctx context.Context, p *access.Principal) (*access.Principal, error) {
	k := standingKey{p.Kind, p.ID}
	c.mu.RLock()
	st, ok := c.known[k]
	c.mu.RUnlock()
	if ok && !st.disabled && !st.gone && st.epoch == p.Epoch {
		return p, nil // the hot path: one map read
	}
	// Not known, or known to be older than the token (this instance has not heard of the
	// change yet), or the token needs roles not loaded yet: ask the database.
	if !ok || p.Epoch > st.epoch || (st.needsRoles(p.Epoch) && !st.rolesLoaded) {
		var err error
		if st, err = c.load(ctx, k, p.Epoch); err != nil {
			return nil, err
		}
	}
	return decide(st, p)
}

// needsRoles reports whether a token at epoch acts with the current roles rather than its own:
// a live account whose roles changed since the token was issued.
func (st *standing) needsRoles(epoch int64) bool {
	return !st.gone && !st.disabled && epoch >= st.validFrom && epoch != st.epoch
}

// decide applies st to a token of p.
func decide(st *standing, p *access.Principal) (*access.Principal, error) {
	switch {
	case st.gone:
		return nil, errSubjectGone
	case st.disabled:
		return nil, errAccountDisabled
	case p.Epoch < st.validFrom:
		return nil, errTokenRevoked
	case p.Epoch == st.epoch:
		return p, nil
	}
	cur := *p
	cur.Roles = st.roles
	return &cur, nil
}

// load reads the standing of k, with its roles when a token at tokenEpoch will need them, and
// keeps it if no notification came meanwhile and the listener is up.
func (c *Epochs) load(ctx context.Context, k standingKey, tokenEpoch int64) (*standing, error) {
	c.mu.RLock()
	gen, listening := c.gen, c.listening
	c.mu.RUnlock()
	st := &standing{}
	acct, err := c.store.AuthAccount(ctx, k.kind, k.id)
	switch {
	case apperr.KindOf(err) == apperr.NotFound:
		st.gone = true
	case err != nil:
		return nil, err
	default:
		st.disabled, st.epoch, st.validFrom = acct.Disabled, acct.TokenEpoch, acct.TokensValidFrom
		// Roles are read after the account, so they are at least as new as its epoch.
		if st.needsRoles(tokenEpoch) {
			roles, err := c.store.AuthRoles(ctx, k.kind, k.id)
			if err != nil {
				return nil, err
			}
			st.roles, st.rolesLoaded = roles, true
		}
	}
	c.mu.Lock()
	if listening && c.listening && gen == c.gen {
		if _, ok := c.known[k]; !ok && len(c.known) >= c.max {
			for old := range c.known { // any one: the map's order is random enough
				delete(c.known, old)
				break
			}
		}
		c.known[k] = st
	}
	c.mu.Unlock()
	return st, nil
}

// Reset forgets every principal; listening says whether notifications can be trusted from
// now on (notify.Cache).
func (c *Epochs) Reset(listening bool) {
	c.mu.Lock()
	c.gen++
	c.listening = listening
	clear(c.known)
	c.mu.Unlock()
}

// Notify forgets the principal named by payload, '<kind>:<id>'; '*' (a bulk change) or
// anything else forgets every one (notify.Cache).
func (c *Epochs) Notify(payload string) {
	kind, id, ok := strings.Cut(payload, ":")
	uid, err := uuid.Parse(id)
	c.mu.Lock()
	c.gen++
	if ok && err == nil {
		delete(c.known, standingKey{access.PrincipalKind(kind), uid})
	} else {
		clear(c.known)
	}
	c.mu.Unlock()
}
