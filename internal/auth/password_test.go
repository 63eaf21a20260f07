package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
)

func TestPasswordHashAndCheck(t *testing.T) {
	t.Parallel()
	hash, err := HashPassword("Đúng mật khẩu 123")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not carry the OWASP parameters", hash)
	}
	tests := []struct {
		name string
		pw   string
		want bool
	}{
		{"right password", "Đúng mật khẩu 123", true},
		{"wrong password", "Đúng mật khẩu 124", false},
		{"empty password", "", false},
		{"case differs", "đúng mật khẩu 123", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckPassword(hash, tt.pw)
			if err != nil || got != tt.want {
				t.Fatalf("CheckPassword = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
	again, err := HashPassword("Đúng mật khẩu 123")
	if err != nil {
		t.Fatal(err)
	}
	if again == hash {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
}

func TestCheckPasswordRejectsBadHashes(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, hash string }{
		{"not a hash", "plaintext"},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"memory above bound", "$argon2id$v=19$m=1048576,t=2,p=1$xg7AWkdnYR3K2amrOT7eWQ$HmTt/24sIexNRrgJoSTHbPeelrQeeHuxlXG7Wphbzcg"},
		{"iterations above bound", "$argon2id$v=19$m=19456,t=1000,p=1$xg7AWkdnYR3K2amrOT7eWQ$HmTt/24sIexNRrgJoSTHbPeelrQeeHuxlXG7Wphbzcg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			ok, err := CheckPassword(tt.hash, "x")
			if err == nil || ok {
				t.Fatalf("CheckPassword = %v, %v; want an error", ok, err)
			}
			if time.Since(start) > time.Second {
				t.Fatal("a rejected hash was computed anyway")
			}
		})
	}
}

// DummyCheck only hides timing if it costs what a real check costs: same parameters.
func TestDummyHashHasRealParameters(t *testing.T) {
	t.Parallel()
	p, salt, key, err := argon2id.DecodeHash(dummyHash)
	if err != nil {
		t.Fatal(err)
	}
	if *p != *hashParams() {
		t.Fatalf("dummy hash params %+v differ from %+v", *p, *hashParams())
	}
	if len(salt) != 16 || len(key) != 32 {
		t.Fatalf("dummy salt/key lengths %d/%d, want 16/32", len(salt), len(key))
	}
	DummyCheck() // must not panic
}
