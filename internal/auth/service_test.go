package auth_test

import (
	"sync"
	"testing"
	"time"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/auth"
)

func TestLoginRefreshRotationAndReuse(t *testing.T) {
	t.Parallel()
	f := setup(t, auth.Options{})
	id := f.addUser(t, "Secretary.Lan", "mật-khẩu-đủ-dài", access.CommitteeOfficer)

	// Usernames match case-insensitively.
	first, err := f.svc.Login(t.Context(), "secretary.lan", "mật-khẩu-đủ-dài", "10.0.0.1:4321")
	if err != nil {
		t.Fatal(err)
	}
	if first.AccessToken == "" || len(first.RefreshToken) != 43 || first.ExpiresIn != 15*time.Minute {
		t.Fatalf("tokens = %+v", first)
	}
	p, err := f.issuer.Verify(first.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != id || p.Kind != access.UserPrincipal || p.Username != "Secretary.Lan" || p.Name != "Người dùng Secretary.Lan" {
		t.Fatalf("principal = %+v", p)
	}
	if len(p.Roles) != 1 || p.Roles[0].Role != access.CommitteeOfficer || p.Roles[0].UnitID != f.committeeID || p.Roles[0].UnitPath != f.committee {
		t.Fatalf("roles = %+v, want committee_officer at %s", p.Roles, f.committee)
	}
	// Only the hash is stored.
	if n := f.count(t, `SELECT count(*) FROM refresh_tokens WHERE token_hash = convert_to($1, 'UTF8')`, first.RefreshToken); n != 0 {
		t.Fatal("refresh token stored in clear")
	}
	if n := f.count(t, `SELECT count(*) FROM audit_events WHERE action = 'auth.login' AND actor_id = $1 AND resource_id = $1 AND bloc_id = $2`, id, f.blocID); n != 1 {
		t.Fatalf("%d auth.login events, want 1", n)
	}

	// Rotation: a new pair in the same family, with the roles of now.
	f.grant(t, id, "user", access.Inspector)
	second, err := f.svc.Refresh(t.Context(), first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if second.RefreshToken == first.RefreshToken || second.AccessToken == "" {
		t.Fatalf("refresh did not rotate: %+v", second)
	}
	p2, err := f.issuer.Verify(second.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.Roles) != 2 {
		t.Fatalf("refreshed roles = %+v, want the new inspector role too", p2.Roles)
	}
	if n := f.count(t, `SELECT count(DISTINCT family_id) FROM refresh_tokens WHERE user_id = $1`, id); n != 1 {
		t.Fatalf("%d families, want 1", n)
	}

	// Reuse of the spent token revokes the family: the newest token dies with it.
	_, err = f.svc.Refresh(t.Context(), first.RefreshToken)
	wantErr(t, err, apperr.Unauthenticated, "refresh_token_reused")
	_, err = f.svc.Refresh(t.Context(), second.RefreshToken)
	wantErr(t, err, apperr.Unauthenticated, "invalid_refresh_token")
	if n := f.count(t, `SELECT count(*) FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`, id); n != 0 {
		t.Fatalf("%d tokens still live after reuse", n)
	}
	if n := f.count(t, `SELECT count(*) FROM audit_events WHERE action = 'auth.token_reuse' AND actor_id = $1`, id); n != 1 {
		t.Fatalf("%d auth.token_reuse events, want 1", n)
	}

	// Another login is a new family, untouched by the revocation.
	third, err := f.svc.Login(t.Context(), "SECRETARY.LAN", "mật-khẩu-đủ-dài", "10.0.0.1:4321")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Refresh(t.Context(), third.RefreshToken); err != nil {
		t.Fatalf("fresh login cannot refresh: %v", err)
	}
}

func TestRefreshRejects(t *testing.T) {
	t.Parallel()
	f := setup(t, auth.Options{RefreshTTL: time.Hour})
	f.addUser(t, "lan", "pw-lan-123", access.Member)
	tests := []struct {
		name    string
		prepare func(t *testing.T) string
	}{
		{"empty", func(*testing.T) string { return "" }},
		{"unknown", func(*testing.T) string { return "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }},
		{"expired", func(t *testing.T) string {
			tok, err := f.svc.Login(t.Context(), "lan", "pw-lan-123", "10.0.0.2")
			if err != nil {
				t.Fatal(err)
			}
			f.clock.Advance(time.Hour + time.Second)
			return tok.RefreshToken
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.svc.Refresh(t.Context(), tt.prepare(t))
			wantErr(t, err, apperr.Unauthenticated, "invalid_refresh_token")
		})
	}
}

func TestConcurrentRefreshOnlyOneWins(t *testing.T) {
	t.Parallel()
	f := setup(t, auth.Options{})
	f.addUser(t, "lan", "pw-lan-123", access.Member)
	tok, err := f.svc.Login(t.Context(), "lan", "pw-lan-123", "10.0.0.3")
	if err != nil {
		t.Fatal(err)
	}
	const n = 4
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { _, errs[i] = f.svc.Refresh(t.Context(), tok.RefreshToken) })
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if e, is := apperr.As(err); !is || e.Kind != apperr.Unauthenticated {
			t.Fatalf("unexpected error %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d concurrent refreshes succeeded, want exactly 1 (%v)", ok, errs)
	}
}

func TestLogout(t *testing.T) {
	t.Parallel()
	f := setup(t, auth.Options{})
	f.addUser(t, "lan", "pw-lan-123", access.Member)
	tok, err := f.svc.Login(t.Context(), "lan", "pw-lan-123", "10.0.0.4")
	if err != nil {
		t.Fatal(err)
	}
	rotated, err := f.svc.Refresh(t.Context(), tok.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	// Logging out with any token of the family ends it all.
	if err := f.svc.Logout(t.Context(), rotated.RefreshToken); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Refresh(t.Context(), rotated.RefreshToken)
	wantErr(t, err, apperr.Unauthenticated, "invalid_refresh_token")
	for _, again := range []string{rotated.RefreshToken, "never-issued", ""} {
		if err := f.svc.Logout(t.Context(), again); err != nil {
			t.Fatalf("Logout(%q) = %v, want nil", again, err)
		}
	}
}

func TestLoginFailures(t *testing.T) {
	t.Parallel()
	f := setup(t, auth.Options{})
	f.addUser(t, "lan", "pw-lan-123", access.Member)
	disabled := f.addUser(t, "binh", "pw-binh-123", access.Member)
	f.exec(t, `UPDATE users SET disabled = true WHERE id = $1`, disabled)
	tests := []struct{ name, username, password string }{
		{"wrong password", "lan", "pw-lan-124"},
		{"unknown user", "nobody", "pw-lan-123"},
		{"disabled user, right password", "binh", "pw-binh-123"},
		{"empty", "", ""},
	}
	var message string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.svc.Login(t.Context(), tt.username, tt.password, "10.0.0.5")
			e := wantErr(t, err, apperr.Unauthenticated, "invalid_credentials")
			if message != "" && e.Message != message {
				t.Fatalf("message %q differs from %q: it tells failures apart", e.Message, message)
			}
			message = e.Message
		})
	}
}

func TestLockout(t *testing.T) {
	t.Parallel()
	f := setup(t, auth.Options{})
	id := f.addUser(t, "lan", "pw-lan-123", access.Member)
	f.addUser(t, "binh", "pw-binh-123", access.Member)

	for i := 1; i <= 4; i++ {
		_, err := f.svc.Login(t.Context(), "lan", "wrong", "10.0.1.1")
		wantErr(t, err, apperr.Unauthenticated, "invalid_credentials")
	}
	_, err := f.svc.Login(t.Context(), "LAN", "wrong", "10.0.1.2") // the key ignores case and address
	e := wantErr(t, err, apperr.Locked, "account_locked")
	if e.RetryAfter != 15*time.Minute {
		t.Fatalf("RetryAfter = %v on locking, want 15m", e.RetryAfter)
	}

	// Locked even with the right password, and the wait shrinks with time.
	f.clock.Advance(5 * time.Minute)
	_, err = f.svc.Login(t.Context(), "lan", "pw-lan-123", "10.0.1.3")
	e = wantErr(t, err, apperr.Locked, "account_locked")
	if e.RetryAfter <= 0 || e.RetryAfter > 10*time.Minute {
		t.Fatalf("RetryAfter = %v, want (0, 10m]", e.RetryAfter)
	}
	if n := f.count(t, `SELECT count(*) FROM audit_events WHERE action = 'auth.lockout' AND actor_id = $1`, id); n != 1 {
		t.Fatalf("%d auth.lockout events, want 1", n)
	}

	// Other accounts are not affected.
	if _, err := f.svc.Login(t.Context(), "binh", "pw-binh-123", "10.0.1.1"); err != nil {
		t.Fatalf("other account: %v", err)
	}

	// When the lock ends the right password works, and success resets the counter: 2
	// failures, a success, then 4 more failures must not lock.
	f.clock.Advance(10*time.Minute + time.Second)
	for i := 1; i <= 2; i++ {
		_, err := f.svc.Login(t.Context(), "lan", "wrong", "10.0.1.1")
		wantErr(t, err, apperr.Unauthenticated, "invalid_credentials")
	}
	if _, err := f.svc.Login(t.Context(), "lan", "pw-lan-123", "10.0.1.1"); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
	for i := 1; i <= 4; i++ {
		_, err := f.svc.Login(t.Context(), "lan", "wrong", "10.0.1.1")
		wantErr(t, err, apperr.Unauthenticated, "invalid_credentials")
	}
}

// An unknown username locks like a real one, so lockout does not reveal existence; failures
// older than the failure window are forgotten.
func TestLockoutUnknownUserAndWindow(t *testing.T) {
	t.Parallel()
	f := setup(t, auth.Options{MaxFailures: 3})
	for i := 1; i <= 2; i++ {
		_, err := f.svc.Login(t.Context(), "ghost", "x", "10.0.2.1")
		wantErr(t, err, apperr.Unauthenticated, "invalid_credentials")
	}
	f.clock.Advance(16 * time.Minute) // the window has passed: counting starts over
	for i := 1; i <= 2; i++ {
		_, err := f.svc.Login(t.Context(), "ghost", "x", "10.0.2.1")
		wantErr(t, err, apperr.Unauthenticated, "invalid_credentials")
	}
	_, err := f.svc.Login(t.Context(), "ghost", "x", "10.0.2.1")
	wantErr(t, err, apperr.Locked, "account_locked")
	_, err = f.svc.Login(t.Context(), "Ghost", "x", "10.0.2.1")
	wantErr(t, err, apperr.Locked, "account_locked")
	if n := f.count(t, `SELECT count(*) FROM audit_events WHERE action = 'auth.lockout'`); n != 0 {
		t.Fatalf("%d lockout events for a user that does not exist", n)
	}
}

func TestAddressRateLimit(t *testing.T) {
	t.Parallel()
	f := setup(t, auth.Options{MaxPerAddress: 3})
	f.addUser(t, "lan", "pw-lan-123", access.Member)
	// Successes and failures count alike; the port is not part of the address.
	for i, port := range []string{"1111", "2222", "3333"} {
		pw := "pw-lan-123"
		if i == 1 {
			pw = "wrong"
		}
		_, err := f.svc.Login(t.Context(), "lan", pw, "192.0.2.7:"+port)
		if i != 1 && err != nil {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	f.clock.Advance(time.Minute)
	_, err := f.svc.Login(t.Context(), "lan", "pw-lan-123", "192.0.2.7:4444")
	e := wantErr(t, err, apperr.RateLimited, "rate_limited")
	if e.RetryAfter != 4*time.Minute {
		t.Fatalf("RetryAfter = %v, want the 4m left in the window", e.RetryAfter)
	}
	// The client credentials grant shares the limit.
	_, err = f.svc.ClientToken(t.Context(), "portal", "secret", "192.0.2.7")
	wantErr(t, err, apperr.RateLimited, "rate_limited")
	// Another address is fine.
	if _, err := f.svc.Login(t.Context(), "lan", "pw-lan-123", "192.0.2.8:1111"); err != nil {
		t.Fatalf("other address: %v", err)
	}
	// A new window lets the address in again.
	f.clock.Advance(4*time.Minute + time.Second)
	if _, err := f.svc.Login(t.Context(), "lan", "pw-lan-123", "192.0.2.7:5555"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

func TestClientToken(t *testing.T) {
	t.Parallel()
	f := setup(t, auth.Options{})
	id := f.addClient(t, "portal-tinh", "s3cret-portal", access.Portal, false)
	f.addClient(t, "old-portal", "s3cret-old", access.Portal, true)

	tok, err := f.svc.ClientToken(t.Context(), "portal-tinh", "s3cret-portal", "10.0.3.1")
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken != "" || tok.ExpiresIn != 15*time.Minute {
		t.Fatalf("tokens = %+v, want an access token only", tok)
	}
	p, err := f.issuer.Verify(tok.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != id || p.Kind != access.ClientPrincipal || p.Username != "portal-tinh" ||
		len(p.Roles) != 1 || p.Roles[0].Role != access.Portal || p.Roles[0].UnitPath != f.committee {
		t.Fatalf("principal = %+v", p)
	}

	tests := []struct{ name, clientID, secret string }{
		{"wrong secret", "portal-tinh", "s3cret-portaL"},
		{"unknown client", "portal-x", "s3cret-portal"},
		{"client id is case-sensitive", "PORTAL-TINH", "s3cret-portal"},
		{"disabled client", "old-portal", "s3cret-old"},
		{"a user's credentials", "lan", "pw-lan-123"},
	}
	f.addUser(t, "lan", "pw-lan-123", access.Member)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.svc.ClientToken(t.Context(), tt.clientID, tt.secret, "10.0.3.1")
			wantErr(t, err, apperr.Unauthenticated, "invalid_client")
			if got.AccessToken != "" {
				t.Fatal("a token came with the error")
			}
		})
	}
}

func TestPrincipalForAndDisabledUser(t *testing.T) {
	t.Parallel()
	f := setup(t, auth.Options{})
	id := f.addUser(t, "lan", "pw-lan-123", access.Member)
	admin := f.addUser(t, "root", "pw-root-123", access.Admin)

	p, err := f.svc.PrincipalFor(t.Context(), access.UserPrincipal, admin)
	if err != nil {
		t.Fatal(err)
	}
	if !p.IsAdmin() || len(p.Roles) != 1 || p.Roles[0].UnitPath != "" || p.Roles[0].UnitID != [16]byte{} {
		t.Fatalf("admin principal = %+v", p)
	}

	tok, err := f.svc.Login(t.Context(), "lan", "pw-lan-123", "10.0.4.1")
	if err != nil {
		t.Fatal(err)
	}
	f.grant(t, id, "user", access.CellSecretary)
	p, err = f.svc.PrincipalFor(t.Context(), access.UserPrincipal, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Roles) != 2 {
		t.Fatalf("roles = %+v, want the member and the new cell_secretary role", p.Roles)
	}

	// A user disabled after logging in can neither refresh nor use /me.
	f.exec(t, `UPDATE users SET disabled = true WHERE id = $1`, id)
	_, err = f.svc.Refresh(t.Context(), tok.RefreshToken)
	wantErr(t, err, apperr.Unauthenticated, "invalid_refresh_token")
	_, err = f.svc.PrincipalFor(t.Context(), access.UserPrincipal, id)
	wantErr(t, err, apperr.Unauthenticated, "account_disabled")
	_, err = f.svc.PrincipalFor(t.Context(), access.ClientPrincipal, id) // a user id is no client
	wantErr(t, err, apperr.Unauthenticated, "invalid_token")
	if n := f.count(t, `SELECT count(*) FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`, id); n != 0 {
		t.Fatalf("%d live refresh tokens for a disabled user", n)
	}
}
