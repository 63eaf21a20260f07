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

// reserveAttempt counts a login attempt against the account before its password is looked at,
// so concurrent guesses cannot outrun the lock: at most MaxFailures attempts of a window ever
// reach the password check. A locked account answers 423 even to the right password, so a
// guesser learns nothing from a right guess during the lock. It returns the attempt's number.
func (s *Service) reserveAttempt(ctx context.Context, key string, now time.Time) (int, error) {
	t, err := s.store.HitThrottle(ctx, key, now, s.opts.FailureWindow)
	if err != nil {
		return 0, err
	}
	if t.LockedUntil != nil && now.Before(*t.LockedUntil) {
		return 0, accountLocked(t.LockedUntil.Sub(now))
	}
	if t.Attempts > s.opts.MaxFailures {
		// Attempts racing the one that reached the limit: lock without checking anything.
		if err := s.store.LockThrottle(ctx, key, now.Add(s.opts.LockFor)); err != nil {
			return 0, err
		}
		return 0, accountLocked(s.opts.LockFor)
	}
	return t.Attempts, nil
}

// loginFailed answers a failed attempt (number attempt of the window): invalid_credentials, or,
// when it reaches MaxFailures, account_locked after locking the account and auditing the
// lockout of an existing user. The lock commits although the caller gets an error.
func (s *Service) loginFailed(ctx context.Context, key string, attempt int, acct Account, found bool, remoteAddr string, now time.Time) error {
	if attempt < s.opts.MaxFailures {
		return ErrInvalidCredentials
	}
	lockedUntil := now.Add(s.opts.LockFor)
	err := s.store.InTx(ctx, func(ctx context.Context) error {
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
	return accountLocked(s.opts.LockFor)
}
