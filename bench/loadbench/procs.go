package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// process is a server the run started, with its RSS sampled while it runs.
type process struct {
	name string
	cmd  *exec.Cmd
	base string // http://127.0.0.1:port

	mu      sync.Mutex
	window  int64 // highest VmRSS (kB) since the last takeWindow
	stopRSS chan struct{}
}

// startService starts `lamtheobac serve` as production would run it, except for a throwaway
// signing key: TRUST_PROXY so the login scenario's X-Forwarded-For spreads the per-address
// throttle, info logging (one line per request, to a file) as in production. The metrics
// listener is off unless METRICS_ADDR is set: its fixed default port may be held by another
// service on the machine, and nothing scrapes it during a run (the metrics are still counted).
func startService(ctx context.Context, bins binaries, url, dir string) (*process, error) {
	env := []string{"DATABASE_URL=" + url, "TRUST_PROXY=true", "LOG_LEVEL=info"}
	if _, set := os.LookupEnv("METRICS_ADDR"); !set {
		env = append(env, "METRICS_ADDR=")
	}
	return start(ctx, "service", bins.service, []string{"serve"}, dir, "/readyz", env...)
}

// startBaseline starts the baseline server.
func startBaseline(ctx context.Context, bins binaries, url, dir string) (*process, error) {
	return start(ctx, "baseline", bins.baseline, nil, dir, "/healthz", "DATABASE_URL="+url)
}

func start(ctx context.Context, name, bin string, args []string, dir, ready string, env ...string) (*process, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	logFile, err := os.Create(filepath.Join(dir, name+".log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append(os.Environ(), env...), "ADDR="+addr, "PUBLIC_BASE_URL=http://"+addr)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &process{name: name, cmd: cmd, base: "http://" + addr, stopRSS: make(chan struct{})}
	go p.sample()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(p.base + ready)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				logf("%s up at %s (pid %d)", name, addr, cmd.Process.Pid)
				return p, nil
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			p.stop()
			return nil, fmt.Errorf("%s did not become ready (see %s)", name, logFile.Name())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop ends the process gracefully.
func (p *process) stop() {
	close(p.stopRSS)
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}

// sample reads VmRSS every 50 ms and keeps the highest since the last takeWindow.
func (p *process) sample() {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.stopRSS:
			return
		case <-tick.C:
		}
		if rss := p.status("VmRSS"); rss > 0 {
			p.mu.Lock()
			p.window = max(p.window, rss)
			p.mu.Unlock()
		}
	}
}

// takeWindow returns the highest RSS (kB) seen since the last call, and starts a new window.
func (p *process) takeWindow() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	w := p.window
	p.window = p.status("VmRSS")
	return max(w, p.window)
}

// peakRSS is the kernel's high-water mark of the process's RSS (kB), over its whole life.
func (p *process) peakRSS() int64 { return p.status("VmHWM") }

// status reads one kB field of /proc/<pid>/status (0 when unreadable).
func (p *process) status(field string) int64 {
	f, err := os.Open("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if k, v, ok := strings.Cut(s.Text(), ":"); ok && k == field {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
