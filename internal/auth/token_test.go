package auth

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

func testIssuer(t *testing.T) *Issuer {
	t.Helper()
	k, err := GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	return NewIssuer(k, 0)
}

func testPrincipal() *access.Principal {
	bloc, committee := uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7())
	return &access.Principal{
		ID: uuid.Must(uuid.NewV7()), Kind: access.UserPrincipal, Name: "Nguyễn Văn A", Username: "nva",
		Roles: []access.Assignment{
			{Role: access.CommitteeOfficer, UnitID: committee, UnitPath: bloc.String() + "/" + committee.String() + "/"},
			{Role: access.Inspector, UnitID: bloc, UnitPath: bloc.String() + "/"},
		},
	}
}

// validClaims are claims Verify would accept at now, to be broken one field at a time.
func validClaims(p *access.Principal, now time.Time) claims {
	return claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: IssuerName, Audience: jwt.ClaimStrings{Audience}, Subject: p.ID.String(),
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(time.Minute)), ID: "x",
		},
		Kind: p.Kind, Name: p.Name, Username: p.Username, Roles: p.Roles,
	}
}

func sign(t *testing.T, m jwt.SigningMethod, c claims, kid string, key any) string {
	t.Helper()
	tok := jwt.NewWithClaims(m, c)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestIssueVerifyRoundTrip(t *testing.T) {
	t.Parallel()
	iss := testIssuer(t)
	p := testPrincipal()
	tok, ttl, err := iss.Issue(p)
	if err != nil {
		t.Fatal(err)
	}
	if ttl != 15*time.Minute {
		t.Fatalf("ttl = %v, want 15m", ttl)
	}
	got, err := iss.Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != p.ID || got.Kind != p.Kind || got.Name != p.Name || got.Username != p.Username {
		t.Fatalf("principal = %+v, want %+v", got, p)
	}
	if len(got.Roles) != 2 || got.Roles[0] != p.Roles[0] || got.Roles[1] != p.Roles[1] {
		t.Fatalf("roles = %+v, want %+v", got.Roles, p.Roles)
	}

	// The header names the key; the payload carries the registered claims.
	parts := strings.Split(tok, ".")
	var header map[string]any
	var payload map[string]any
	decodeSegment(t, parts[0], &header)
	decodeSegment(t, parts[1], &payload)
	if header["alg"] != "EdDSA" || header["kid"] != iss.Keys().Kid() {
		t.Fatalf("header = %v", header)
	}
	for _, c := range []string{"iss", "aud", "sub", "iat", "nbf", "exp", "jti", "kind", "name", "username", "roles"} {
		if _, ok := payload[c]; !ok {
			t.Errorf("claim %q missing from %v", c, payload)
		}
	}
	if exp, iat := payload["exp"].(float64), payload["iat"].(float64); exp-iat != 900 {
		t.Errorf("exp - iat = %v, want 900", exp-iat)
	}
}

func decodeSegment(t *testing.T, seg string, v any) {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyRejects(t *testing.T) {
	t.Parallel()
	iss := testIssuer(t)
	other := testIssuer(t)
	p := testPrincipal()
	now := time.Now()
	kid := iss.Keys().Kid()
	priv := iss.Keys().signing
	pub := priv.Public().(ed25519.PublicKey)

	good, _, err := iss.Issue(p)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, ".")

	// A payload swapped for one granting admin, under the original signature.
	escalated := validClaims(p, now)
	escalated.Roles = []access.Assignment{{Role: access.Admin}}
	escalatedPayload := strings.Split(sign(t, jwt.SigningMethodEdDSA, escalated, kid, other.Keys().signing), ".")[1]

	// A signature with one bit flipped.
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	sig[0] ^= 1

	mutate := func(f func(*claims)) string {
		c := validClaims(p, now)
		f(&c)
		return sign(t, jwt.SigningMethodEdDSA, c, kid, priv)
	}
	otherToken, _, err := other.Issue(p)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		token string
		code  string
	}{
		{"empty", "", "invalid_token"},
		{"garbage", "not.a.jwt", "invalid_token"},
		{"tampered payload", parts[0] + "." + escalatedPayload + "." + parts[2], "invalid_token"},
		{"tampered signature", parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(sig), "invalid_token"},
		{"alg none", sign(t, jwt.SigningMethodNone, validClaims(p, now), kid, jwt.UnsafeAllowNoneSignatureType), "invalid_token"},
		{"HS256 keyed with the public key", sign(t, jwt.SigningMethodHS256, validClaims(p, now), kid, []byte(pub)), "invalid_token"},
		{"unknown kid", otherToken, "invalid_token"},
		{"our kid, another key", sign(t, jwt.SigningMethodEdDSA, validClaims(p, now), kid, other.Keys().signing), "invalid_token"},
		{"no kid", sign(t, jwt.SigningMethodEdDSA, validClaims(p, now), "", priv), "invalid_token"},
		{"wrong issuer", mutate(func(c *claims) { c.Issuer = "someone-else" }), "invalid_token"},
		{"wrong audience", mutate(func(c *claims) { c.Audience = jwt.ClaimStrings{"other-api"} }), "invalid_token"},
		{"no exp", mutate(func(c *claims) { c.ExpiresAt = nil }), "invalid_token"},
		{"not yet valid", mutate(func(c *claims) { c.NotBefore = jwt.NewNumericDate(now.Add(time.Hour)) }), "invalid_token"},
		{"subject not a uuid", mutate(func(c *claims) { c.Subject = "root" }), "invalid_token"},
		{"unknown kind", mutate(func(c *claims) { c.Kind = "robot" }), "invalid_token"},
		{"unknown role", mutate(func(c *claims) { c.Roles = []access.Assignment{{Role: "god"}} }), "invalid_token"},
		{"expired", mutate(func(c *claims) { c.ExpiresAt = jwt.NewNumericDate(now.Add(-time.Minute)) }), "token_expired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := iss.Verify(tt.token)
			if got != nil {
				t.Fatalf("accepted: %+v", got)
			}
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.Unauthenticated || e.Code != tt.code || e.Message == "" {
				t.Fatalf("err = %v, want Unauthenticated %s", err, tt.code)
			}
		})
	}
}

func TestVerifyExpiryAndLeeway(t *testing.T) {
	t.Parallel()
	iss := testIssuer(t)
	issued := time.Now()
	iss.now = func() time.Time { return issued }
	tok, ttl, err := iss.Issue(testPrincipal())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		at   time.Duration // after issue
		code string        // "" for accepted
	}{
		{"fresh", 0, ""},
		{"within leeway after exp", ttl + 20*time.Second, ""},
		{"past leeway", ttl + 45*time.Second, "token_expired"},
		{"hours later", 5 * time.Hour, "token_expired"},
		{"issued in the future beyond leeway", -2 * time.Minute, "invalid_token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := NewIssuer(iss.Keys(), 0)
			v.now = func() time.Time { return issued.Add(tt.at) }
			_, err := v.Verify(tok)
			if tt.code == "" {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				return
			}
			if e, ok := apperr.As(err); !ok || e.Code != tt.code || e.Kind != apperr.Unauthenticated {
				t.Fatalf("err = %v, want %s", err, tt.code)
			}
		})
	}
}

// After a key rotation, tokens signed by the previous key verify until they expire.
func TestVerifyAfterRotation(t *testing.T) {
	t.Parallel()
	old := testIssuer(t)
	tok, _, err := old.Issue(testPrincipal())
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	freshPEM, _ := fresh.PrivatePEM()
	oldPub, _ := old.Keys().PublicPEM()
	rotated, err := LoadKeys(freshPEM, oldPub)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewIssuer(rotated, 0).Verify(tok); err != nil {
		t.Fatalf("old token rejected after rotation: %v", err)
	}
	if _, err := NewIssuer(fresh, 0).Verify(tok); err == nil {
		t.Fatal("old token accepted without the old key")
	}
	newTok, _, err := NewIssuer(rotated, 0).Issue(testPrincipal())
	if err != nil {
		t.Fatal(err)
	}
	var header map[string]any
	decodeSegment(t, strings.Split(newTok, ".")[0], &header)
	if header["kid"] != fresh.Kid() {
		t.Fatalf("rotated issuer signs with kid %v, want %s", header["kid"], fresh.Kid())
	}
}

// compact builds a JWS from a header and claims signed with priv, segment by segment, so a test
// can spell each segment as it likes (edit, then resign with resign).
func compact(t *testing.T, header map[string]any, c any, priv ed25519.PrivateKey) string {
	t.Helper()
	h, err := json.Marshal(header)
	if err != nil {
		t.Fatal(err)
	}
	p, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return resign(base64.RawURLEncoding.EncodeToString(h)+"."+base64.RawURLEncoding.EncodeToString(p), priv)
}

// unsigned returns header.payload. with an empty signature.
func unsigned(t *testing.T, header map[string]any, c any) string {
	t.Helper()
	tok := compact(t, header, c, ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)))
	return tok[:strings.LastIndexByte(tok, '.')+1]
}

// resign appends a valid Ed25519 signature over signingInput (header.payload as spelled).
func resign(signingInput string, priv ed25519.PrivateKey) string {
	return signingInput + "." + base64.RawURLEncoding.EncodeToString(ed25519.Sign(priv, []byte(signingInput)))
}

// flipUnusedBit returns seg with its last character's lowest bit flipped: when the segment's
// length leaves unused bits in that character (length % 4 of 2 or 3), the bytes it decodes to
// leniently are the same, and only a strict decoder tells the two spellings apart.
func flipUnusedBit(t *testing.T, seg string) string {
	t.Helper()
	if len(seg)%4 == 0 || len(seg)%4 == 1 {
		t.Fatalf("segment of length %d has no unused bits", len(seg))
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	i := strings.IndexByte(alphabet, seg[len(seg)-1])
	out := seg[:len(seg)-1] + string(alphabet[i^1])
	lenient := base64.RawURLEncoding // ignores unused bits
	a, errA := lenient.DecodeString(seg)
	b, errB := lenient.DecodeString(out)
	if errA != nil || errB != nil || string(a) != string(b) {
		t.Fatalf("flipping the unused bit changed the bytes: %v %v", errA, errB)
	}
	return out
}

// padPayload returns c with its payload made len%3 != 0 long, so that its base64url has unused bits.
func padPayload(c claims) claims {
	for {
		b, _ := json.Marshal(c)
		if len(b)%3 != 0 {
			return c
		}
		c.ID += "x"
	}
}

// TestVerifyRejectsMalformedTokens covers the token attacks beyond a wrong key: other spellings
// of a valid token (non-canonical base64url, padding, whitespace, trailing data), headers we must
// not honor, and claims a token of ours never has.
func TestVerifyRejectsMalformedTokens(t *testing.T) {
	t.Parallel()
	iss := testIssuer(t)
	attacker := testIssuer(t)
	p := testPrincipal()
	now := time.Now()
	kid := iss.Keys().Kid()
	priv := iss.Keys().signing
	hdr := func(extra map[string]any) map[string]any {
		h := map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": kid}
		for k, v := range extra {
			if v == nil {
				delete(h, k)
			} else {
				h[k] = v
			}
		}
		return h
	}
	good := compact(t, hdr(nil), padPayload(validClaims(p, now)), priv)
	if _, err := iss.Verify(good); err != nil {
		t.Fatalf("the well-formed token is refused: %v", err)
	}
	parts := strings.Split(good, ".")
	mutate := func(f func(*claims)) string {
		c := validClaims(p, now)
		f(&c)
		return compact(t, hdr(nil), c, priv)
	}
	attackerPub := attacker.Keys().signing.Public().(ed25519.PublicKey)

	tests := []struct {
		name  string
		token string
	}{
		// Other spellings of the same token.
		{"signature with a non-canonical last character", parts[0] + "." + parts[1] + "." + flipUnusedBit(t, parts[2])},
		{"payload with a non-canonical last character (resigned)", resign(parts[0]+"."+flipUnusedBit(t, parts[1]), priv)},
		{"padded signature", good + "=="},
		{"padded payload (resigned)", resign(parts[0]+"."+parts[1]+strings.Repeat("=", (4-len(parts[1])%4)%4), priv)},
		{"standard base64 alphabet in the signature", parts[0] + "." + parts[1] + "." + strings.NewReplacer("-", "+", "_", "/").Replace(parts[2]) + "+/"},
		{"newline inside the signature", parts[0] + "." + parts[1] + "." + parts[2][:10] + "\n" + parts[2][10:]},
		{"CRLF inside the payload", parts[0] + "." + parts[1][:5] + "\r\n" + parts[1][5:] + "." + parts[2]},
		{"trailing space", good + " "},
		{"leading space", " " + good},
		{"trailing dot", good + "."},
		{"fourth segment", good + ".AAAA"},
		{"JWE-shaped, five segments", good + ".AAAA.AAAA"},
		{"empty signature", parts[0] + "." + parts[1] + "."},
		{"empty header", "." + parts[1] + "." + parts[2]},
		// Headers.
		{"alg None (capitalized), no signature", unsigned(t, hdr(map[string]any{"alg": "None"}), validClaims(p, now))},
		{"alg Ed25519 (not pinned)", compact(t, hdr(map[string]any{"alg": "Ed25519"}), validClaims(p, now), priv)},
		{"no alg", compact(t, hdr(map[string]any{"alg": nil}), validClaims(p, now), priv)},
		{"kid not a string", compact(t, hdr(map[string]any{"kid": 1}), validClaims(p, now), priv)},
		{"no kid", compact(t, hdr(map[string]any{"kid": nil}), validClaims(p, now), priv)},
		{"embedded jwk with the attacker's key", compact(t, hdr(map[string]any{"kid": attacker.Keys().Kid(),
			"jwk": map[string]any{"kty": "OKP", "crv": "Ed25519", "x": base64.RawURLEncoding.EncodeToString(attackerPub)}}),
			validClaims(p, now), attacker.Keys().signing)},
		{"crit extension we do not implement", compact(t, hdr(map[string]any{"crit": []string{"exp"}}), validClaims(p, now), priv)},
		// Claims a token of ours never has.
		{"no iat", mutate(func(c *claims) { c.IssuedAt = nil })},
		{"no nbf", mutate(func(c *claims) { c.NotBefore = nil })},
		{"iat in the future beyond the leeway", mutate(func(c *claims) { c.IssuedAt = jwt.NewNumericDate(now.Add(2 * time.Minute)) })},
		{"nbf in the future beyond the leeway", mutate(func(c *claims) { c.NotBefore = jwt.NewNumericDate(now.Add(2 * time.Minute)) })},
		{"lifetime beyond 15 minutes", mutate(func(c *claims) { c.ExpiresAt = jwt.NewNumericDate(now.Add(24 * time.Hour)) })},
		{"exp as a quoted number, years ahead", compact(t, hdr(nil), map[string]any{
			"iss": IssuerName, "aud": Audience, "sub": p.ID.String(), "iat": now.Unix(), "nbf": now.Unix(),
			"exp": "9999999999", "kind": p.Kind, "name": p.Name, "roles": p.Roles}, priv)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := iss.Verify(tt.token)
			if got != nil {
				t.Fatalf("accepted: %+v", got)
			}
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.Unauthenticated || e.Code != "invalid_token" {
				t.Fatalf("err = %v, want Unauthenticated invalid_token", err)
			}
		})
	}
}
