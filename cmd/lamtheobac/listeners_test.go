package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"lamtheobac/internal/app"
	"lamtheobac/internal/app/apptest"
	"lamtheobac/internal/platform/config"
	"lamtheobac/internal/testkit"
)

// get fetches url and returns the status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return r.StatusCode, string(b)
}

// TestListenersKeepMetricsAndPprofOffTheAPI: /metrics and /debug/pprof/ answer only on their
// own listeners, the API's answers 404 for both, and all of them stop together when serve does.
func TestListenersKeepMetricsAndPprofOffTheAPI(t *testing.T) {
	t.Parallel()
	a := apptest.Open(t, testkit.DatabaseURL(t), app.Options{})
	cfg := config.Config{Addr: "127.0.0.1:0", MetricsAddr: "127.0.0.1:0", PprofAddr: "127.0.0.1:0"}
	servers, err := listenAll(cfg, a.Router, a.Metrics)
	if err != nil {
		t.Fatal(err)
	}
	base := map[string]string{}
	for _, s := range servers {
		base[s.name] = "http://" + s.ln.Addr().String()
	}
	if len(base) != 3 {
		t.Fatalf("listeners %v, want api, metrics and pprof", base)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveAll(ctx, slog.New(slog.DiscardHandler), 10*time.Second, servers) }()

	if code, _ := get(t, base["api"]+"/healthz"); code != http.StatusOK {
		t.Fatalf("api /healthz: %d", code)
	}
	for _, path := range []string{"/metrics", "/debug/pprof/"} {
		if code, body := get(t, base["api"]+path); code != http.StatusNotFound {
			t.Errorf("api %s: %d, want 404\n%s", path, code, body)
		}
	}
	code, body := get(t, base["metrics"]+"/metrics")
	if code != http.StatusOK || !strings.Contains(body, `http_requests_total{method="GET",route="/healthz",status="200"} 1`) ||
		!strings.Contains(body, "go_goroutines") {
		t.Fatalf("metrics listener /metrics: %d\n%s", code, body)
	}
	if code, _ := get(t, base["metrics"]+"/healthz"); code != http.StatusNotFound {
		t.Errorf("metrics listener serves /healthz: %d", code)
	}
	if code, body := get(t, base["pprof"]+"/debug/pprof/"); code != http.StatusOK || !strings.Contains(body, "goroutine") {
		t.Fatalf("pprof listener: %d\n%.200s", code, body)
	}
	if code, _ := get(t, base["pprof"]+"/metrics"); code != http.StatusNotFound {
		t.Errorf("pprof listener serves /metrics: %d", code)
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve after shutdown: %v", err)
	}
	for name, b := range base {
		if _, err := http.Get(b + "/"); err == nil {
			t.Errorf("%s still answers after shutdown", name)
		}
	}
}

// TestListenersOptional: an empty METRICS_ADDR and PPROF_ADDR start only the API; a taken
// metrics port fails the start, naming the variable, and releases the API's socket.
func TestListenersOptional(t *testing.T) {
	t.Parallel()
	servers, err := listenAll(config.Config{Addr: "127.0.0.1:0"}, http.NotFoundHandler(), http.NotFoundHandler())
	if err != nil {
		t.Fatal(err)
	}
	if len(servers) != 1 || servers[0].name != "api" {
		t.Fatalf("servers %+v, want the api alone", servers)
	}
	_ = servers[0].ln.Close()

	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	api, err := net.Listen("tcp", "127.0.0.1:0") // a free port for the API, released for listenAll
	if err != nil {
		t.Fatal(err)
	}
	apiAddr := api.Addr().String()
	_ = api.Close()
	_, err = listenAll(config.Config{Addr: apiAddr, MetricsAddr: taken.Addr().String()}, http.NotFoundHandler(), http.NotFoundHandler())
	if err == nil || !strings.Contains(err.Error(), "METRICS_ADDR") {
		t.Fatalf("err = %v, want one naming METRICS_ADDR", err)
	}
	again, err := net.Listen("tcp", apiAddr)
	if err != nil {
		t.Fatalf("the API's socket was kept after the failed start: %v", err)
	}
	_ = again.Close()
}

// TestServeAllDrainsRequestsInFlight: when serve is told to stop, a request already running
// finishes with its answer before serveAll returns.
func TestServeAllDrainsRequestsInFlight(t *testing.T) {
	t.Parallel()
	entered, release := make(chan struct{}), make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		_, _ = io.WriteString(w, "finished")
	})
	servers, err := listenAll(config.Config{Addr: "127.0.0.1:0", MetricsAddr: "127.0.0.1:0"}, slow, http.NotFoundHandler())
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + servers[0].ln.Addr().String() + "/"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveAll(ctx, slog.New(slog.DiscardHandler), 10*time.Second, servers) }()
	answer := make(chan string, 1)
	go func() {
		r, err := http.Get(url)
		if err != nil {
			answer <- "error: " + err.Error()
			return
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		answer <- string(b)
	}()
	<-entered
	cancel()
	select {
	case err := <-done:
		t.Fatalf("serveAll returned with a request in flight: %v", err)
	default:
	}
	close(release)
	if got := <-answer; got != "finished" {
		t.Fatalf("request in flight got %q", got)
	}
	if err := <-done; err != nil {
		t.Fatalf("serveAll: %v", err)
	}
}
