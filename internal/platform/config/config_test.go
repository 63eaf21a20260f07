package config

import (
	"os"
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

// unsetenv removes key for the test and puts it back after.
func unsetenv(t *testing.T, key string) {
	t.Helper()
	t.Setenv(key, "") // registers the restore
	if err := os.Unsetenv(key); err != nil {
		t.Fatal(err)
	}
}

func TestMetricsAndPprofAddresses(t *testing.T) {
	tests := []struct {
		name           string
		metrics, pprof *string // nil: unset
		wantMetrics    string
		wantPprof      string
		wantErr        string
	}{
		{name: "defaults: metrics on loopback, no pprof", wantMetrics: "127.0.0.1:9090"},
		{name: "metrics set empty: none", metrics: ptr(""), wantMetrics: ""},
		{name: "metrics elsewhere", metrics: ptr("10.0.0.5:9100"), wantMetrics: "10.0.0.5:9100"},
		{name: "metrics not an address", metrics: ptr("9090"), wantErr: "METRICS_ADDR"},
		{name: "pprof on loopback", pprof: ptr("127.0.0.1:6060"), wantMetrics: "127.0.0.1:9090", wantPprof: "127.0.0.1:6060"},
		{name: "pprof on localhost", pprof: ptr("localhost:6060"), wantMetrics: "127.0.0.1:9090", wantPprof: "localhost:6060"},
		{name: "pprof on IPv6 loopback", pprof: ptr("[::1]:6060"), wantMetrics: "127.0.0.1:9090", wantPprof: "[::1]:6060"},
		{name: "pprof on every interface", pprof: ptr(":6060"), wantErr: "PPROF_ADDR"},
		{name: "pprof on a public interface", pprof: ptr("0.0.0.0:6060"), wantErr: "PPROF_ADDR"},
		{name: "pprof on a host name", pprof: ptr("example.org:6060"), wantErr: "PPROF_ADDR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for key, v := range map[string]*string{"METRICS_ADDR": tt.metrics, "PPROF_ADDR": tt.pprof} {
				if v == nil {
					unsetenv(t, key)
				} else {
					t.Setenv(key, *v)
				}
			}
			c, err := FromEnv()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.MetricsAddr != tt.wantMetrics || c.PprofAddr != tt.wantPprof {
				t.Fatalf("metrics %q pprof %q, want %q %q", c.MetricsAddr, c.PprofAddr, tt.wantMetrics, tt.wantPprof)
			}
		})
	}
}

func ptr(s string) *string { return &s }

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
