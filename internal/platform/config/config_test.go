package config

import (
	"strings"
	"testing"
	"time"
)

func TestProductionRefusesToStartWithoutKeys(t *testing.T) {
	t.Setenv("APP_ENV", "production")
	t.Setenv("DATABASE_URL", "postgres://x@localhost/db")
	t.Setenv("JWT_PRIVATE_KEY", "")
	t.Setenv("JWT_PRIVATE_KEY_FILE", "")
	_, err := FromEnv()
	if err == nil || !strings.Contains(err.Error(), "signing keys") {
		t.Fatalf("want a refusal naming the signing keys, got %v", err)
	}
}

func TestProductionNeedsDatabaseURL(t *testing.T) {
	t.Setenv("APP_ENV", "production")
	t.Setenv("DATABASE_URL", "")
	t.Setenv("JWT_PRIVATE_KEY", "pem")
	if _, err := FromEnv(); err == nil || !strings.Contains(err.Error(), "DATABASE_URL") {
		t.Fatalf("want a refusal naming DATABASE_URL, got %v", err)
	}
}

func TestDefaults(t *testing.T) {
	t.Setenv("APP_ENV", "")
	t.Setenv("ADDR", "")
	t.Setenv("CORS_ORIGINS", " https://a.example , https://b.example ")
	t.Setenv("ACCESS_TOKEN_TTL", "")
	c, err := FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if c.Env != "development" || c.Addr != ":8080" || c.AccessTTL.Minutes() != 15 {
		t.Fatalf("defaults: %+v", c)
	}
	if len(c.CORSOrigins) != 2 || c.CORSOrigins[1] != "https://b.example" {
		t.Fatalf("CORS origins: %q", c.CORSOrigins)
	}
}

func TestAccessTTLIsCappedAt15Minutes(t *testing.T) {
	t.Setenv("ACCESS_TOKEN_TTL", "1h")
	if _, err := FromEnv(); err == nil {
		t.Fatal("a 1h access token lifetime was accepted")
	}
}

func TestDBConnectTimeout(t *testing.T) {
	t.Setenv("DB_CONNECT_TIMEOUT", "")
	c, err := FromEnv()
	if err != nil || c.DBConnectTimeout != 60*time.Second {
		t.Fatalf("default: %v, %v", c.DBConnectTimeout, err)
	}
	t.Setenv("DB_CONNECT_TIMEOUT", "0")
	if c, err := FromEnv(); err != nil || c.DBConnectTimeout != 0 {
		t.Fatalf("0: %v, %v", c.DBConnectTimeout, err)
	}
	for _, bad := range []string{"-1s", "soon", "60"} {
		t.Setenv("DB_CONNECT_TIMEOUT", bad)
		if _, err := FromEnv(); err == nil || !strings.Contains(err.Error(), "DB_CONNECT_TIMEOUT") {
			t.Fatalf("%q: want a refusal naming DB_CONNECT_TIMEOUT, got %v", bad, err)
		}
	}
}
