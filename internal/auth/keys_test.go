package auth

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"testing"
)

// RFC 8037 appendix A.3 gives the thumbprint of the key of appendix A.2.
func TestThumbprintRFC8037(t *testing.T) {
	t.Parallel()
	x, err := base64.RawURLEncoding.DecodeString("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := thumbprint(ed25519.PublicKey(x)), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"; got != want {
		t.Fatalf("thumbprint = %s, want %s", got, want)
	}
}

func TestLoadKeysRoundTripAndRotation(t *testing.T) {
	t.Parallel()
	oldKeys, err := GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	newKeys, err := GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	privPEM, err := newKeys.PrivatePEM()
	if err != nil {
		t.Fatal(err)
	}
	oldPub, err := oldKeys.PublicPEM()
	if err != nil {
		t.Fatal(err)
	}
	oldPriv, err := oldKeys.PrivatePEM()
	if err != nil {
		t.Fatal(err)
	}
	// The old key given twice (as public and as private PEM) is listed once.
	k, err := LoadKeys(privPEM, oldPub, oldPriv)
	if err != nil {
		t.Fatal(err)
	}
	if k.Kid() != newKeys.Kid() {
		t.Fatalf("kid after reload = %s, want %s", k.Kid(), newKeys.Kid())
	}
	jwks := k.JWKS()
	if len(jwks) != 2 {
		t.Fatalf("JWKS has %d keys, want 2: %+v", len(jwks), jwks)
	}
	if jwks[0].Kid != newKeys.Kid() || jwks[1].Kid != oldKeys.Kid() {
		t.Fatalf("JWKS kids = %s, %s; want signing key first", jwks[0].Kid, jwks[1].Kid)
	}
	for _, j := range jwks {
		if j.Kty != "OKP" || j.Crv != "Ed25519" || j.Use != "sig" || j.Alg != "EdDSA" {
			t.Fatalf("JWK %+v has wrong constant members", j)
		}
		x, err := base64.RawURLEncoding.DecodeString(j.X)
		if err != nil || thumbprint(ed25519.PublicKey(x)) != j.Kid {
			t.Fatalf("JWK x %q does not match its kid %s", j.X, j.Kid)
		}
	}
}

func TestLoadKeysRejects(t *testing.T) {
	t.Parallel()
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(ec)
	if err != nil {
		t.Fatal(err)
	}
	ecPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	good, err := GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	goodPEM, err := good.PrivatePEM()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		priv  []byte
		extra [][]byte
	}{
		{"empty", nil, nil},
		{"not PEM", []byte("hello"), nil},
		{"ECDSA signing key", ecPEM, nil},
		{"wrong block type", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), nil},
		{"bad extra key", goodPEM, [][]byte{[]byte("garbage")}},
		{"ECDSA extra key", goodPEM, [][]byte{ecPEM}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := LoadKeys(tt.priv, tt.extra...); err == nil {
				t.Fatal("LoadKeys accepted it")
			}
		})
	}
}

// TestCursorKey: replicas loading the same signing key derive the same cursor key; another
// signing key gives another one; neither is the signing key itself.
func TestCursorKey(t *testing.T) {
	t.Parallel()
	a, err := GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	pemA, err := a.PrivatePEM()
	if err != nil {
		t.Fatal(err)
	}
	replica, err := LoadKeys(pemA)
	if err != nil {
		t.Fatal(err)
	}
	b, err := GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	ka := a.CursorKey()
	if len(ka) != 32 || !bytes.Equal(ka, replica.CursorKey()) {
		t.Fatalf("replica derives another key: %x vs %x", ka, replica.CursorKey())
	}
	if bytes.Equal(ka, b.CursorKey()) || bytes.Equal(ka, a.signing.Seed()) {
		t.Fatal("the cursor key is not specific to, and apart from, the signing key")
	}
}
