package testkit

import (
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
)

// Proxy is a TCP proxy in front of a test database that a test cuts and restores to play a
// database outage: cut, every connection through it drops and new ones are closed as soon as
// they are accepted; restored, it forwards again. Its port stays the same throughout.
type Proxy struct {
	ln     net.Listener
	target string

	mu       sync.Mutex
	down     bool
	conns    map[net.Conn]struct{}
	accepted int
	notify   chan struct{} // closed and replaced at every accepted connection
}

// NewProxy starts a proxy to the server of dbURL, forwarding (up) or not yet (down), closed
// when the test ends.
func NewProxy(t testing.TB, dbURL string, up bool) *Proxy {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("proxy: %v", err)
	}
	target := u.Host
	if u.Port() == "" {
		target = net.JoinHostPort(u.Hostname(), "5432")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("proxy: %v", err)
	}
	p := &Proxy{ln: ln, target: target, down: !up, conns: map[net.Conn]struct{}{}, notify: make(chan struct{})}
	done := make(chan struct{})
	go func() { p.serve(); close(done) }()
	t.Cleanup(func() {
		ln.Close()
		<-done
		p.Cut()
	})
	return p
}

// URL returns dbURL pointed at the proxy instead of its server.
func (p *Proxy) URL(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return dbURL
	}
	u.Host = p.ln.Addr().String()
	return u.String()
}

// Cut drops every connection through the proxy and refuses new ones until Restore.
func (p *Proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

// Restore makes the proxy forward new connections again.
func (p *Proxy) Restore() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}

// Accepted returns how many connections the proxy has accepted so far (forwarded or refused),
// and a channel closed at the next one: a test waits on it for a client's next attempt.
func (p *Proxy) Accepted() (int, <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.accepted, p.notify
}

func (p *Proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		p.accepted++
		close(p.notify)
		p.notify = make(chan struct{})
		down := p.down
		p.mu.Unlock()
		if down {
			c.Close()
			continue
		}
		go p.forward(c)
	}
}

// forward pipes c to the target both ways until either side closes or the proxy is cut.
func (p *Proxy) forward(c net.Conn) {
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	if p.down { // cut while dialing
		p.mu.Unlock()
		c.Close()
		s.Close()
		return
	}
	p.conns[c], p.conns[s] = struct{}{}, struct{}{}
	p.mu.Unlock()
	var wg sync.WaitGroup
	wg.Add(2)
	pipe := func(dst, src net.Conn) {
		defer wg.Done()
		_, _ = io.Copy(dst, src)
		// One side is done: close both so the other copy ends too.
		dst.Close()
		src.Close()
	}
	go pipe(s, c)
	go pipe(c, s)
	wg.Wait()
	p.mu.Lock()
	delete(p.conns, c)
	delete(p.conns, s)
	p.mu.Unlock()
}
