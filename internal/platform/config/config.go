// Package config reads the service's settings from the environment, with development defaults.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is every setting the service reads.
type Config struct {
	Env            string        // APP_ENV: development (default) or production
	Addr           string        // ADDR: listen address, default :8080
	DatabaseURL    string        // DATABASE_URL: empty in development means "find or start one"
	DatabaseName   string        // DATABASE_NAME: the database created on a found server, default lamtheobac
	JWTPrivateKey  string        // JWT_PRIVATE_KEY: PEM (PKCS#8 Ed25519); or JWT_PRIVATE_KEY_FILE
	JWTPublicKeys  []string      // JWT_PREVIOUS_PUBLIC_KEY_FILES: comma-separated PEM files still accepted (rotation)
	AccessTTL      time.Duration // ACCESS_TOKEN_TTL, default 15m, at most 15m
	CORSOrigins    []string      // CORS_ORIGINS: comma-separated SPA origins
	TrustProxy     bool          // TRUST_PROXY: take the client address from X-Forwarded-For
	PublicBaseURL  string        // PUBLIC_BASE_URL: the service's address seen from outside (feed links)
	LogLevel       string        // LOG_LEVEL: debug, info (default), warn, error
	ShutdownPeriod time.Duration // SHUTDOWN_TIMEOUT, default 20s
	ImportWorkers  int           // IMPORT_WORKERS: import jobs run at once by one process, default 2
	// MetricsAddr (METRICS_ADDR) is where /metrics is served, on a listener of its own so the
	// public port never shows it; default 127.0.0.1:9090, set empty to serve no metrics.
	MetricsAddr string
	// PprofAddr (PPROF_ADDR) is where net/http/pprof is served; empty (the default) means
	// nowhere, and only a loopback address is accepted.
	PprofAddr string
	// DBConnectTimeout (DB_CONNECT_TIMEOUT, default 60s) is how long start-up keeps retrying a
	// database that is not reachable yet (one starting beside the service); 0 tries once.
	DBConnectTimeout time.Duration
	// PublicRate (PUBLIC_RATE_LIMIT, default 10) is how many public requests per second one
	// address may make that reach the database (answers served from memory are free); 0 turns
	// the limit off. PublicBurst (PUBLIC_RATE_BURST, default 30) is how many at once.
	PublicRate  float64
	PublicBurst int
}

// DefaultPublicBaseURL is PUBLIC_BASE_URL when it is not set: the development address.
const DefaultPublicBaseURL = "http://localhost:8080"

// DefaultMetricsAddr is METRICS_ADDR when it is not set: loopback, for a scraper on the host
// (or a sidecar); set it to an internal interface to scrape from elsewhere.
const DefaultMetricsAddr = "127.0.0.1:9090"

// Production reports whether the service runs in production mode.
func (c Config) Production() bool { return c.Env == "production" }

// FromEnv reads the configuration from the environment.
func FromEnv() (Config, error) {
	c := Config{
		Env:              get("APP_ENV", "development"),
		Addr:             get("ADDR", ":8080"),
		DatabaseURL:      os.Getenv("DATABASE_URL"),
		DatabaseName:     get("DATABASE_NAME", "lamtheobac"),
		JWTPrivateKey:    os.Getenv("JWT_PRIVATE_KEY"),
		CORSOrigins:      list(os.Getenv("CORS_ORIGINS")),
		TrustProxy:       os.Getenv("TRUST_PROXY") == "true",
		PublicBaseURL:    strings.TrimSuffix(get("PUBLIC_BASE_URL", DefaultPublicBaseURL), "/"),
		LogLevel:         get("LOG_LEVEL", "info"),
		AccessTTL:        15 * time.Minute,
		ShutdownPeriod:   20 * time.Second,
		ImportWorkers:    2,
		MetricsAddr:      DefaultMetricsAddr,
		PprofAddr:        strings.TrimSpace(os.Getenv("PPROF_ADDR")),
		DBConnectTimeout: 60 * time.Second,
		PublicRate:       10,
		PublicBurst:      30,
	}
	if v := os.Getenv("PUBLIC_RATE_LIMIT"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1e6 {
			return c, errors.New("PUBLIC_RATE_LIMIT must be a number of requests per second (0 for no limit)")
		}
		c.PublicRate = f
	}
	if v := os.Getenv("PUBLIC_RATE_BURST"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1e6 {
			return c, errors.New("PUBLIC_RATE_BURST must be a whole number of requests, at least 1")
		}
		c.PublicBurst = n
	}
	if v, ok := os.LookupEnv("METRICS_ADDR"); ok { // set but empty disables the listener
		c.MetricsAddr = strings.TrimSpace(v)
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return c, fmt.Errorf("METRICS_ADDR must be host:port (or empty for none): %w", err)
		}
	}
	if c.PprofAddr != "" && !Loopback(c.PprofAddr) {
		return c, errors.New("PPROF_ADDR must be a loopback host:port such as 127.0.0.1:6060: profiles show memory contents")
	}
	if f := os.Getenv("JWT_PRIVATE_KEY_FILE"); f != "" && c.JWTPrivateKey == "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return c, err
		}
		c.JWTPrivateKey = string(b)
	}
	for _, f := range list(os.Getenv("JWT_PREVIOUS_PUBLIC_KEY_FILES")) {
		b, err := os.ReadFile(f)
		if err != nil {
			return c, err
		}
		c.JWTPublicKeys = append(c.JWTPublicKeys, string(b))
	}
	if v := os.Getenv("ACCESS_TOKEN_TTL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 || d > 15*time.Minute {
			return c, errors.New("ACCESS_TOKEN_TTL must be a duration up to 15m")
		}
		c.AccessTTL = d
	}
	if v := os.Getenv("SHUTDOWN_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return c, errors.New("SHUTDOWN_TIMEOUT must be a duration")
		}
		c.ShutdownPeriod = d
	}
	if v := os.Getenv("DB_CONNECT_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return c, errors.New("DB_CONNECT_TIMEOUT must be a duration of 0 or more (e.g. 60s; 0 tries once)")
		}
		c.DBConnectTimeout = d
	}
	if v := os.Getenv("IMPORT_WORKERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 32 {
			return c, errors.New("IMPORT_WORKERS must be a number from 1 to 32")
		}
		c.ImportWorkers = n
	}
	if c.Env != "development" && c.Env != "production" && c.Env != "test" {
		return c, errors.New("APP_ENV must be development, test or production")
	}
	if c.Production() {
		if c.JWTPrivateKey == "" {
			return c, errors.New("production needs signing keys: set JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE (an Ed25519 PKCS#8 PEM; `lamtheobac keygen` makes one)")
		}
		if c.DatabaseURL == "" {
			return c, errors.New("production needs DATABASE_URL")
		}
	}
	return c, nil
}

// Loopback reports whether addr (host:port) names a loopback host: localhost or a loopback IP.
// An empty host (":6060") listens on every interface, so it is not.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

func get(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
