package auth

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
)

// Options tune the service; zero fields take the defaults documented on each.
type Options struct {
	MaxPerAddress       int           // attempts per address per AddressWindow before 429; default 30
	AddressWindow       time.Duration // default 5 min
	MaxFailures         int           // consecutive failures per account before locking; default 5
	FailureWindow       time.Duration // failures older than this are forgotten; default 15 min
	LockFor             time.Duration // default 15 min
	RefreshTTL          time.Duration // default 30 days
	MaxConcurrentHashes int           // password checks running at once; default one per CPU, at most 4 (19 MiB each)
	Now                 func() time.Time
}

func (o Options) withDefaults() Options {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	if o.MaxPerAddress <= 0 {
		o.MaxPerAddress = 30
	}
	if o.MaxFailures <= 0 {
		o.MaxFailures = 5
	}
	if o.MaxConcurrentHashes <= 0 {
		// A check is pure CPU: more at once than there are CPUs adds no throughput, only
		// 19 MiB of heap each (the load benchmark's login run passed 200 MB RSS with 4 on 2 CPUs).
		o.MaxConcurrentHashes = min(4, runtime.GOMAXPROCS(0))
	}
	def(&o.AddressWindow, 5*time.Minute)
	def(&o.FailureWindow, 15*time.Minute)
	def(&o.LockFor, 15*time.Minute)
	def(&o.RefreshTTL, 30*24*time.Hour)
	if o.Now == nil {
		o.Now = func() time.Time { return time.Now().UTC() }
	}
	return o
}

// Tokens is what a successful login, refresh or client_credentials grant returns.
// RefreshToken is empty for service clients, which simply ask again.
type Tokens struct {
	AccessToken  string
	RefreshToken string
	ExpiresIn    time.Duration
}

// Service runs logins, refreshes, logouts and client credential grants.
type Service struct {
	store  Store
	issuer *Issuer
	opts   Options
	// hashSlots bounds concurrent argon2id checks: each allocates 19 MiB, and a burst of
	// logins must not push the server past its memory budget.
	hashSlots chan struct{}
	epochs    *Epochs
}

// NewService returns a Service over store, minting access tokens with issuer.
func NewService(store Store, issuer *Issuer, opts Options) *Service {
	opts = opts.withDefaults()
	return &Service{store: store, issuer: issuer, opts: opts, hashSlots: make(chan struct{}, opts.MaxConcurrentHashes),
		epochs: NewEpochs(store)}
}

// Epochs is the cache of principals' token epochs Authenticate reads; subscribe it to the
// token epoch notifications (notify.Listener) or every request reads the database.
func (s *Service) Epochs() *Epochs { return s.epochs }

// Authenticate verifies an access token and returns the principal the request acts as: the
// token's, refused when the principal was disabled, deleted or changed its credentials since
// the token was issued, and with its current roles when they changed since.
func (s *Service) Authenticate(ctx context.Context, token string) (*access.Principal, error) {
	p, err := s.issuer.Verify(token)
	if err != nil {
		return nil, err
	}
	return s.epochs.Check(ctx, p)
}

// Login checks a username and password and starts a new refresh token family. Throttles, in
// order: the address (429), then the account (423, even with the right password; the attempt
// is counted before the password is checked), then the password; unknown users, bad passwords
// and disabled accounts all get invalid_credentials.
func (s *Service) Login(ctx context.Context, username, password, remoteAddr string) (Tokens, error) {
	now := s.opts.Now()
	if err := s.checkAddress(ctx, remoteAddr, now); err != nil {
		return Tokens{}, err
	}
	key := accountKey(username)
	attempt, err := s.reserveAttempt(ctx, key, now)
	if err != nil {
		return Tokens{}, err
	}
	acct, found, err := s.lookup(ctx, access.UserPrincipal, username)
	if err != nil {
		return Tokens{}, err
	}
	ok, err := s.checkSecret(ctx, acct, found, password)
	if err != nil {
		return Tokens{}, err
	}
	if !ok || acct.Disabled {
		return Tokens{}, s.loginFailed(ctx, key, attempt, acct, found, remoteAddr, now)
	}
	var tokens Tokens
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.ResetThrottle(ctx, key); err != nil {
			return err
		}
		p, err := s.principal(ctx, acct)
		if err != nil {
			return err
		}
		if tokens, err = s.issuePair(ctx, p, uuid.Must(uuid.NewV7()), now); err != nil {
			return err
		}
		return s.store.Record(ctx, accountEvent("auth.login", acct, map[string]any{"remote_addr": hostOf(remoteAddr)}))
	})
	if err != nil {
		return Tokens{}, err
	}
	return tokens, nil
}

// ClientToken is the OAuth2 client_credentials grant for service clients: an access token
// only, no refresh token. Throttled per address like Login.
func (s *Service) ClientToken(ctx context.Context, clientID, clientSecret, remoteAddr string) (Tokens, error) {
	now := s.opts.Now()
	if err := s.checkAddress(ctx, remoteAddr, now); err != nil {
		return Tokens{}, err
	}
	acct, found, err := s.lookup(ctx, access.ClientPrincipal, clientID)
	if err != nil {
		return Tokens{}, err
	}
	ok, err := s.checkSecret(ctx, acct, found, clientSecret)
	if err != nil {
		return Tokens{}, err
	}
	if !ok || acct.Disabled {
		return Tokens{}, ErrInvalidClient
	}
	p, err := s.principal(ctx, acct)
	if err != nil {
		return Tokens{}, err
	}
	token, ttl, err := s.issuer.Issue(p)
	if err != nil {
		return Tokens{}, err
	}
	return Tokens{AccessToken: token, ExpiresIn: ttl}, nil
}

// PrincipalFor loads the principal with its current roles, which may differ from those in
// its access token (GET /me, and answers after a role change). A principal that no longer
// exists or is disabled is Unauthenticated: its token must stop working.
func (s *Service) PrincipalFor(ctx context.Context, kind access.PrincipalKind, id uuid.UUID) (*access.Principal, error) {
	acct, err := s.store.AuthAccount(ctx, kind, id)
	if apperr.KindOf(err) == apperr.NotFound {
		return nil, apperr.New(apperr.Unauthenticated, "invalid_token", "The token's subject no longer exists.")
	}
	if err != nil {
		return nil, err
	}
	if acct.Disabled {
		return nil, errAccountDisabled
	}
	return s.principal(ctx, acct)
}

// lookup finds an account by login; found is false, with no error, when there is none.
func (s *Service) lookup(ctx context.Context, kind access.PrincipalKind, login string) (Account, bool, error) {
	acct, err := s.store.AuthAccountByLogin(ctx, kind, login)
	switch {
	case err == nil:
		return acct, true, nil
	case apperr.KindOf(err) == apperr.NotFound:
		return Account{}, false, nil
	}
	return Account{}, false, err
}

// checkSecret verifies secret against the account's hash, or burns the same time when the
// account was not found. It waits for a free hash slot first.
func (s *Service) checkSecret(ctx context.Context, acct Account, found bool, secret string) (bool, error) {
	select {
	case s.hashSlots <- struct{}{}:
		defer func() { <-s.hashSlots }()
	case <-ctx.Done():
		return false, ctx.Err()
	}
	if !found {
		DummyCheck()
		return false, nil
	}
	ok, err := CheckPassword(acct.SecretHash, secret)
	if err != nil {
		return false, fmt.Errorf("check secret of %s %s: %w", acct.Kind, acct.ID, err)
	}
	return ok, nil
}

// principal builds the principal of acct with its current roles and the token epoch they
// belong to. acct must have been read before the roles: a role change committed in between
// then leaves the principal with newer roles under an older epoch (which Epochs corrects),
// never older roles under a newer epoch (which it would trust).
func (s *Service) principal(ctx context.Context, acct Account) (*access.Principal, error) {
	roles, err := s.store.AuthRoles(ctx, acct.Kind, acct.ID)
	if err != nil {
		return nil, err
	}
	return &access.Principal{ID: acct.ID, Kind: acct.Kind, Name: acct.Name, Username: acct.Login, Roles: roles,
		Epoch: acct.TokenEpoch}, nil
}

// accountEvent is an audit event about a user's account with the user as actor: these events
// happen before any principal is in ctx, so the actor is set explicitly.
func accountEvent(action string, acct Account, after map[string]any) audit.Event {
	id, unitID := acct.ID, acct.UnitID
	e := audit.Event{
		ActorID: &id, ActorKind: string(acct.Kind), ActorName: acct.Name,
		Action: action, ResourceType: string(acct.Kind), ResourceID: &id,
		UnitPath: acct.UnitPath, After: after,
	}
	if unitID != uuid.Nil { // administrators created from the CLI have no home unit
		e.UnitID = &unitID
	}
	// The bloc is the first id of the unit's path; it scopes who may read the event.
	if first, _, _ := strings.Cut(acct.UnitPath, "/"); first != "" {
		if bloc, err := uuid.Parse(first); err == nil {
			e.BlocID = &bloc
		}
	}
	return e
}
