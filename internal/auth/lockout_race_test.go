package auth_test

import (
	"sync"
	"testing"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/auth"
)

// TestLockoutHoldsUnderConcurrentGuesses: a burst of parallel wrong passwords must not get more
// password checks than MaxFailures; the rest are refused as locked without being checked.
func TestLockoutHoldsUnderConcurrentGuesses(t *testing.T) {
	t.Parallel()
	f := setup(t, auth.Options{MaxFailures: 5, MaxPerAddress: 1000})
	f.addUser(t, "lan", "pw-lan-123", access.Member)

	const guesses = 30
	var wg sync.WaitGroup
	errs := make([]error, guesses)
	for i := range guesses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.svc.Login(t.Context(), "lan", "wrong", "10.0.9.9")
		}()
	}
	wg.Wait()
	checked, locked := 0, 0
	for _, err := range errs {
		e, ok := apperr.As(err)
		switch {
		case ok && e.Code == "invalid_credentials":
			checked++
		case ok && e.Code == "account_locked":
			locked++
		default:
			t.Fatalf("unexpected answer: %v", err)
		}
	}
	if checked > 4 || checked+locked != guesses {
		t.Fatalf("%d guesses were checked and failed, %d locked; want at most 4 plain failures (the 5th locks)", checked, locked)
	}
	if _, err := f.svc.Login(t.Context(), "lan", "pw-lan-123", "10.0.9.9"); apperr.KindOf(err) != apperr.Locked {
		t.Fatalf("right password during the lock: %v, want locked", err)
	}
}
