package httpapi_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"lamtheobac/internal/store"
)

// waitGuard bounds every wait of this file: a guard that fails a test whose event never comes,
// not a delay (each wait returns as soon as its event or state is there).
const waitGuard = time.Minute

// eventually retries check until it holds, failing after waitGuard: for states reached by
// another goroutine or process (a request blocked on a lock, a pool reconnecting), not for
// notifications, which heard waits on.
func eventually(t *testing.T, what string, check func() bool) {
	t.Helper()
	for deadline := time.Now().Add(waitGuard); !check(); {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// heard observes one instance's notification listener from the test. Subscribed to every
// channel after the service's own caches, it learns of each notification once they have
// handled it, and of each (re)connection once they have been reset: waiting on it is waiting on
// the event itself.
type heard struct {
	mu      sync.Mutex
	changed chan struct{}       // closed at every event, then replaced
	ready   map[string]bool     // by channel: listening since the last reset
	got     map[string][]string // payloads by channel, in order of arrival
	stop    func()              // stops the listener (see listen)
}

// heardChannel is heard's cache for one channel (notify.Cache).
type heardChannel struct {
	h       *heard
	channel string
}

func (c heardChannel) Reset(listening bool) {
	c.h.event(func() { c.h.ready[c.channel] = listening })
}

func (c heardChannel) Notify(payload string) {
	c.h.event(func() { c.h.got[c.channel] = append(c.h.got[c.channel], payload) })
}

// event applies change and wakes the waiters.
func (h *heard) event(change func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	change()
	close(h.changed)
	h.changed = make(chan struct{})
}

// await blocks until holds (run under h's lock) is true.
func (h *heard) await(t *testing.T, what string, holds func() bool) {
	t.Helper()
	guard := time.After(waitGuard)
	for {
		h.mu.Lock()
		ok, changed := holds(), h.changed
		h.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-changed:
		case <-guard:
			t.Fatalf("never heard: %s", what)
		}
	}
}

// listening waits until the listener is connected and the caches trust it.
func (h *heard) listening(t *testing.T) {
	t.Helper()
	h.await(t, "the listener connected", func() bool {
		return h.ready[store.PublicationChannel] && h.ready[store.TokenEpochChannel]
	})
}

// count is how many notifications channel brought so far.
func (h *heard) count(channel string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.got[channel])
}

// after waits until channel has brought more than n notifications (n a count taken before the
// change that notifies).
func (h *heard) after(t *testing.T, channel string, n int) {
	t.Helper()
	h.await(t, "a notification on "+channel, func() bool { return len(h.got[channel]) > n })
}

// payload waits until channel has brought payload.
func (h *heard) payload(t *testing.T, channel, payload string) {
	t.Helper()
	h.await(t, channel+" "+payload, func() bool { return slices.Contains(h.got[channel], payload) })
}

// listen runs e's notification listener until the test ends or the stop of what it returns is
// called; stop returns once the listener has stopped (and its caches have stopped trusting
// memory).
func listen(t *testing.T, e *env) *heard {
	t.Helper()
	h := &heard{changed: make(chan struct{}), ready: map[string]bool{}, got: map[string][]string{}}
	for _, ch := range []string{store.PublicationChannel, store.TokenEpochChannel} {
		e.app.Listener.Subscribe(ch, heardChannel{h: h, channel: ch})
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		e.app.Listener.Run(ctx, func(err error) { t.Errorf("listener: %v", err) })
		close(done)
	}()
	var once sync.Once
	h.stop = func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(h.stop)
	return h
}
