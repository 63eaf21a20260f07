package auth

import (
	"context"
	"net"
	"strings"
	"time"
)

// maxKeyLogin bounds the part of a throttle key taken from user input, so an absurd username
// cannot make an index entry too large to store.
const maxKeyLogin = 200

// accountKey is the throttle key of a username. It is counted whether or not the user exists,
// so a lockout does not reveal which usernames do.
func accountKey(username string) string {
	u := strings.ToLower(username)
	if len(u) > maxKeyLogin {
		u = u[:maxKeyLogin]
	}
	return "user:" + u
}

// hostOf strips the port from a "host:port" remote address: a client gets a new source port
// per connection, and the limit is per address.
func hostOf(remoteAddr string) string {
	if host, _, err := net.SplitHostPort(remoteAddr); err == nil {
		return host
	}
	return remoteAddr
}

// checkAddress counts an attempt from remoteAddr and refuses it when the address has made
// more than MaxPerAddress attempts in the current window. It commits on its own, so refused
// and failed attempts count too.
func (s *Service) checkAddress(ctx context.Context, remoteAddr string, now time.Time) error {
	t, err := s.store.HitThrottle(ctx, "ip:"+hostOf(remoteAddr), now, s.opts.AddressWindow)
	if err != nil {
		return err
	}
	if t.Attempts > s.opts.MaxPerAddress {
		return rateLimited(t.WindowStart.Add(s.opts.AddressWindow).Sub(now))
	}
	return nil
}

// checkLocked refuses a login to a locked account before its password is looked at, so a
// guesser learns nothing from a right guess during the lock.
func (s *Service) checkLocked(ctx context.Context, key string, now time.Time) error {
	t, err := s.store.GetThrottle(ctx, key)
	if err != nil {
		return err
	}
	if t.LockedUntil != nil && now.Before(*t.LockedUntil) {
		return accountLocked(t.LockedUntil.Sub(now))
	}
	return nil
}

// loginFailed counts a failure against the account key and locks it at MaxFailures, auditing
// the lockout of an existing user. It returns the answer for the caller: invalid_credentials,
// or account_locked for the failure that locked the account. The transaction commits either
// way: a failure must be remembered although the caller gets an error.
func (s *Service) loginFailed(ctx context.Context, key string, acct Account, found bool, remoteAddr string, now time.Time) error {
	var lockedUntil time.Time
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		t, err := s.store.HitThrottle(ctx, key, now, s.opts.FailureWindow)
		if err != nil || t.Attempts < s.opts.MaxFailures {
			return err
		}
		lockedUntil = now.Add(s.opts.LockFor)
		if err := s.store.LockThrottle(ctx, key, lockedUntil); err != nil {
			return err
		}
		if !found {
			return nil // nobody to audit; the lock still applies, so existence stays hidden
		}
		return s.store.Record(ctx, accountEvent("auth.lockout", acct,
			map[string]any{"locked_until": lockedUntil, "remote_addr": hostOf(remoteAddr)}))
	})
	if err != nil {
		return err
	}
	if !lockedUntil.IsZero() {
		return accountLocked(lockedUntil.Sub(now))
	}
	return ErrInvalidCredentials
}
