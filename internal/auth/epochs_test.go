package auth_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/auth"
)

// epochStore is an in-memory auth.EpochStore that counts its reads.
type epochStore struct {
	accounts map[uuid.UUID]auth.Account
	roles    map[uuid.UUID][]access.Assignment
	reads    int
	onRead   func() // runs inside AuthAccount, as if a notification came during the read
}

func (s *epochStore) AuthAccount(_ context.Context, _ access.PrincipalKind, id uuid.UUID) (auth.Account, error) {
	s.reads++
	if s.onRead != nil {
		s.onRead()
	}
	a, ok := s.accounts[id]
	if !ok {
		return auth.Account{}, apperr.ErrNotFound
	}
	return a, nil
}

func (s *epochStore) AuthRoles(_ context.Context, _ access.PrincipalKind, id uuid.UUID) ([]access.Assignment, error) {
	s.reads++
	return slices.Clone(s.roles[id]), nil
}

var (
	tokenRoles   = []access.Assignment{{Role: access.Member, UnitPath: "a/b/"}}
	currentRoles = []access.Assignment{{Role: access.CellSecretary, UnitPath: "a/b/"}}
)

// epochFixture is one user, at epoch 5, whose tokens are honoured from epoch 3 on.
func epochFixture() (*epochStore, uuid.UUID) {
	id := uuid.New()
	return &epochStore{
		accounts: map[uuid.UUID]auth.Account{id: {ID: id, Kind: access.UserPrincipal, TokenEpoch: 5, TokensValidFrom: 3}},
		roles:    map[uuid.UUID][]access.Assignment{id: currentRoles},
	}, id
}

func tokenAt(id uuid.UUID, epoch int64) *access.Principal {
	return &access.Principal{ID: id, Kind: access.UserPrincipal, Roles: tokenRoles, Epoch: epoch}
}

// TestEpochsDecide: which tokens act, and with which roles, listening or not.
func TestEpochsDecide(t *testing.T) {
	cases := []struct {
		name     string
		epoch    int64
		disabled bool
		gone     bool
		code     string              // the refusal, or "" when the token acts
		roles    []access.Assignment // the roles it acts with
	}{
		{name: "current", epoch: 5, roles: tokenRoles},
		{name: "behind a role change", epoch: 4, roles: currentRoles},
		{name: "at the last credential change", epoch: 3, roles: currentRoles},
		{name: "before the last credential change", epoch: 2, code: "token_revoked"},
		{name: "issued before epochs existed", epoch: 0, code: "token_revoked"},
		{name: "disabled, current", epoch: 5, disabled: true, code: "account_disabled"},
		{name: "disabled, behind", epoch: 4, disabled: true, code: "account_disabled"},
		{name: "gone", epoch: 5, gone: true, code: "invalid_token"},
	}
	for _, listening := range []bool{false, true} {
		for _, c := range cases {
			st, id := epochFixture()
			if c.disabled {
				a := st.accounts[id]
				a.Disabled = true
				st.accounts[id] = a
			}
			if c.gone {
				delete(st.accounts, id)
			}
			e := auth.NewEpochs(st)
			e.Reset(listening)
			for range 2 { // from the database, then (listening) from memory
				got, err := e.Check(t.Context(), tokenAt(id, c.epoch))
				if c.code != "" {
					if ae, ok := apperr.As(err); !ok || ae.Kind != apperr.Unauthenticated || ae.Code != c.code {
						t.Fatalf("%s (listening %v): %v, want %s", c.name, listening, err, c.code)
					}
					continue
				}
				if err != nil || got.ID != id || got.Epoch != c.epoch || !slices.Equal(got.Roles, c.roles) {
					t.Fatalf("%s (listening %v): %+v %v, want roles %v", c.name, listening, got, err, c.roles)
				}
			}
		}
	}
	// A token from before the epochs (no claim: 0) acts with the current roles while the
	// account's credentials never changed since.
	st, id := epochFixture()
	a := st.accounts[id]
	a.TokensValidFrom = 0
	st.accounts[id] = a
	if got, err := auth.NewEpochs(st).Check(t.Context(), tokenAt(id, 0)); err != nil || !slices.Equal(got.Roles, currentRoles) {
		t.Fatalf("a token without epoch: %+v %v", got, err)
	}
}

// TestEpochsMemory: while listening, a known principal costs no read until a notification
// names it (or all); without a listener every check reads.
func TestEpochsMemory(t *testing.T) {
	st, id := epochFixture()
	e := auth.NewEpochs(st)
	check := func(epoch int64) (*access.Principal, error) { return e.Check(t.Context(), tokenAt(id, epoch)) }

	for range 3 {
		if _, err := check(5); err != nil {
			t.Fatal(err)
		}
	}
	if st.reads != 3 {
		t.Fatalf("not listening: %d reads for 3 checks", st.reads)
	}

	e.Reset(true)
	st.reads = 0
	for range 100 {
		if _, err := check(5); err != nil {
			t.Fatal(err)
		}
	}
	if st.reads != 1 {
		t.Fatalf("listening: %d reads for 100 checks", st.reads)
	}
	// A token behind a role change reads the roles once, then acts from memory too.
	for range 10 {
		if _, err := check(4); err != nil {
			t.Fatal(err)
		}
	}
	if st.reads != 3 {
		t.Fatalf("behind a role change: %d reads", st.reads)
	}

	// The account is disabled; memory holds until the notification comes.
	a := st.accounts[id]
	a.Disabled = true
	st.accounts[id] = a
	if _, err := check(5); err != nil {
		t.Fatal("memory changed without a notification")
	}
	e.Notify("user:" + uuid.NewString()) // someone else
	if _, err := check(5); err != nil {
		t.Fatal("another principal's notification dropped this one")
	}
	e.Notify("user:" + id.String())
	if _, err := check(5); apperr.KindOf(err) != apperr.Unauthenticated {
		t.Fatalf("after the notification: %v", err)
	}

	for _, payload := range []string{"*", "nonsense"} {
		a.Disabled = false
		st.accounts[id] = a
		if _, err := check(5); apperr.KindOf(err) != apperr.Unauthenticated {
			t.Fatal("memory changed without a notification")
		}
		e.Notify(payload) // forgets everyone
		if _, err := check(5); err != nil {
			t.Fatalf("after %q: %v", payload, err)
		}
		a.Disabled = true
		st.accounts[id] = a
		e.Notify(payload)
		if _, err := check(5); apperr.KindOf(err) != apperr.Unauthenticated {
			t.Fatalf("after %q: %v", payload, err)
		}
	}

	// The listener is lost: every check reads again, and sees the change at once.
	e.Reset(false)
	before := st.reads
	if _, err := check(5); apperr.KindOf(err) != apperr.Unauthenticated || st.reads == before {
		t.Fatalf("without a listener: %v after %d reads", err, st.reads-before)
	}
}

// TestEpochsRaces: a standing read while a notification arrives is not kept (the read may
// predate the change announced), and a token newer than what memory holds (issued on another
// instance after a change this one has not heard of yet) makes the check read the database.
func TestEpochsRaces(t *testing.T) {
	st, id := epochFixture()
	e := auth.NewEpochs(st)
	e.Reset(true)
	st.onRead = func() { e.Notify("user:" + id.String()) }
	if _, err := e.Check(t.Context(), tokenAt(id, 5)); err != nil {
		t.Fatal(err)
	}
	st.onRead = nil
	before := st.reads
	if _, err := e.Check(t.Context(), tokenAt(id, 5)); err != nil || st.reads == before {
		t.Fatalf("a read overtaken by a notification was kept (%v)", err)
	}

	a := st.accounts[id]
	a.TokenEpoch = 6 // a role change whose notification has not arrived
	st.accounts[id] = a
	before = st.reads
	got, err := e.Check(t.Context(), tokenAt(id, 6))
	if err != nil || st.reads == before || !slices.Equal(got.Roles, tokenRoles) {
		t.Fatalf("a token ahead of memory: %+v %v after %d reads", got, err, st.reads-before)
	}
}
