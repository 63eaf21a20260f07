package auth

import (
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
)

// JWK is one public key of the JWKS served at /.well-known/jwks.json (RFC 8037 OKP form).
type JWK struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Kid string `json:"kid"`
	Use string `json:"use"`
	Alg string `json:"alg"`
}

// Keys holds the Ed25519 key that signs access tokens and the public keys that verify them:
// the signing key's own plus, during a rotation, the previous keys, so tokens signed before
// the switch stay valid until they expire.
type Keys struct {
	signing ed25519.PrivateKey
	kid     string
	verify  map[string]ed25519.PublicKey // by kid, the signing key's included
	order   []string                     // kids in JWKS order, signing key first
}

// GenerateKeys returns a fresh signing key, for development and tests; production loads a
// key from configuration so that tokens survive restarts and are valid on every replica.
func GenerateKeys() (*Keys, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate ed25519 key: %w", err)
	}
	return newKeys(priv), nil
}

// LoadKeys reads the signing key from a PKCS#8 PEM ("PRIVATE KEY") and, for rotation, extra
// verification-only keys, each a PKIX public key PEM ("PUBLIC KEY") or a retired private key.
func LoadKeys(pemPrivate []byte, extraPublicPEM ...[]byte) (*Keys, error) {
	block, _ := pem.Decode(pemPrivate)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, errors.New("signing key: want a PKCS#8 PEM block \"PRIVATE KEY\"")
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	priv, ok := parsed.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("signing key: want Ed25519, got %T", parsed)
	}
	k := newKeys(priv)
	for i, b := range extraPublicPEM {
		pub, err := parsePublicPEM(b)
		if err != nil {
			return nil, fmt.Errorf("verification key %d: %w", i+1, err)
		}
		k.add(pub)
	}
	return k, nil
}

// parsePublicPEM reads an Ed25519 public key from a PKIX or PKCS#8 PEM block.
func parsePublicPEM(b []byte) (ed25519.PublicKey, error) {
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, errors.New("no PEM block")
	}
	var parsed any
	var err error
	switch block.Type {
	case "PUBLIC KEY":
		parsed, err = x509.ParsePKIXPublicKey(block.Bytes)
	case "PRIVATE KEY":
		parsed, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	default:
		return nil, fmt.Errorf("unexpected PEM block %q", block.Type)
	}
	if err != nil {
		return nil, err
	}
	switch key := parsed.(type) {
	case ed25519.PublicKey:
		return key, nil
	case ed25519.PrivateKey:
		return key.Public().(ed25519.PublicKey), nil
	}
	return nil, fmt.Errorf("want Ed25519, got %T", parsed)
}

func newKeys(priv ed25519.PrivateKey) *Keys {
	pub := priv.Public().(ed25519.PublicKey)
	k := &Keys{signing: priv, kid: thumbprint(pub), verify: map[string]ed25519.PublicKey{}}
	k.add(pub)
	return k
}

// add registers a verification key; a key given twice is kept once.
func (k *Keys) add(pub ed25519.PublicKey) {
	kid := thumbprint(pub)
	if _, ok := k.verify[kid]; ok {
		return
	}
	k.verify[kid] = pub
	k.order = append(k.order, kid)
}

// thumbprint is the RFC 7638 JWK thumbprint: SHA-256 over the required members in
// lexicographic order with no whitespace, base64url. Deriving the kid from the key means
// every replica loading the same key names it the same way, with nothing to configure.
func thumbprint(pub ed25519.PublicKey) string {
	canonical := `{"crv":"Ed25519","kty":"OKP","x":"` + base64.RawURLEncoding.EncodeToString(pub) + `"}`
	sum := sha256.Sum256([]byte(canonical))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// Kid is the key id of the signing key, written in the header of every token issued.
func (k *Keys) Kid() string { return k.kid }

// CursorKey is the HMAC key that seals list cursors, derived (HKDF-SHA256) from the signing
// key: every replica holds that key already, so each accepts the others' cursors with nothing
// more to configure or store, and the derivation keeps the two uses apart. Rotating the
// signing key voids cursors in flight; a client then gets 400 invalid_cursor and starts over.
func (k *Keys) CursorKey() []byte {
	key, err := hkdf.Key(sha256.New, k.signing.Seed(), nil, "lamtheobac list cursors v1", 32)
	if err != nil { // only for lengths HKDF cannot give; 32 bytes of SHA-256 it always can
		panic(fmt.Sprintf("auth: derive the cursor key: %v", err))
	}
	return key
}

// publicKey returns the verification key named kid.
func (k *Keys) publicKey(kid string) (ed25519.PublicKey, bool) {
	pub, ok := k.verify[kid]
	return pub, ok
}

// JWKS lists every verification key, signing key first, for /.well-known/jwks.json.
func (k *Keys) JWKS() []JWK {
	out := make([]JWK, 0, len(k.order))
	for _, kid := range k.order {
		out = append(out, JWK{Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(k.verify[kid]),
			Kid: kid, Use: "sig", Alg: "EdDSA"})
	}
	return out
}

// PrivatePEM returns the signing key as PKCS#8 PEM, the form LoadKeys reads, so tooling can
// save a generated development key.
func (k *Keys) PrivatePEM() ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(k.signing)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// PublicPEM returns the signing key's public half as PKIX PEM, the form to pass to LoadKeys as
// an extra verification key after rotating to a new signing key.
func (k *Keys) PublicPEM() ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(k.signing.Public())
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}
