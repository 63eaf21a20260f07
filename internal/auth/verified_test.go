package auth

import (
	"testing"
	"time"

	"lamtheobac/internal/apperr"
)

// A remembered token answers as Verify did, keeps answering token_expired once it runs out, and
// never lends one request's principal to another.
func TestVerifiedTokensRememberOnlyWhatVerified(t *testing.T) {
	iss := testIssuer(t)
	issued := time.Now()
	clock := issued
	iss.now = func() time.Time { return clock }
	tok, ttl, err := iss.Issue(testPrincipal())
	if err != nil {
		t.Fatal(err)
	}
	first, err := iss.Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	if _, hit, _ := iss.verified.lookup(tok, clock); !hit {
		t.Fatal("a verified token is not remembered")
	}
	first.Name, first.Roles = "changed by a handler", nil
	second, err := iss.Verify(tok)
	if err != nil || second.Name == first.Name || len(second.Roles) != 2 {
		t.Fatalf("second verify = %+v, %v: the cache handed out a shared principal", second, err)
	}

	// One flipped signature byte is another token: verified in full, refused, not remembered.
	forged := tok[:len(tok)-2] + flip(tok[len(tok)-2]) + tok[len(tok)-1:]
	if _, err := iss.Verify(forged); err == nil {
		t.Fatal("a forged token verified")
	}
	if _, hit, _ := iss.verified.lookup(forged, clock); hit {
		t.Fatal("a refused token was remembered")
	}

	clock = issued.Add(ttl + 45*time.Second)
	if _, err := iss.Verify(tok); !hasCode(err, "token_expired") {
		t.Fatalf("expired remembered token = %v, want token_expired", err)
	}
	clock = issued.Add(-2 * time.Minute)
	if _, err := iss.Verify(tok); !hasCode(err, "invalid_token") {
		t.Fatalf("remembered token before its nbf = %v, want invalid_token", err)
	}
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}

func hasCode(err error, code string) bool {
	e, ok := apperr.As(err)
	return ok && e.Code == code && e.Kind == apperr.Unauthenticated
}

// BenchmarkVerify compares a token's first verification (Ed25519 and the claims) with the ones
// after it, which every request of a session makes.
func BenchmarkVerify(b *testing.B) {
	k, err := GenerateKeys()
	if err != nil {
		b.Fatal(err)
	}
	iss := NewIssuer(k, 0)
	tok, _, err := iss.Issue(testPrincipal())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			iss.verified.lru.Purge()
			if _, err := iss.Verify(tok); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("remembered", func(b *testing.B) {
		for b.Loop() {
			if _, err := iss.Verify(tok); err != nil {
				b.Fatal(err)
			}
		}
	})
}
