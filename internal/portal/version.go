package portal

import (
	"context"
	"sync"
	"time"
)

// VersionStore is what the publication version cache reads and listens to.
type VersionStore interface {
	PublicationVersion(ctx context.Context) (int64, error)
	ListenPublications(ctx context.Context, ready, changed func()) error
}

// Versions is the publication version as this instance knows it. Public answers are a function
// of (URL, publication version), so their ETag is the version and a matching If-None-Match can be
// answered from memory. The copy is trusted only while a LISTEN connection is up: every change
// notifies it (migrations/0007_scale.sql), and without the connection every call reads the
// database, so an instance never answers 304 for something that changed.
type Versions struct {
	store VersionStore

	mu        sync.Mutex
	gen       uint64 // moves at every invalidation, so a read begun before one is not kept
	listening bool
	cached    bool
	v         int64
}

// NewVersions returns a cache over store that reads the database until Watch is listening.
func NewVersions(store VersionStore) *Versions { return &Versions{store: store} }

// Current returns the publication version, from memory when it can be trusted.
func (c *Versions) Current(ctx context.Context) (int64, error) {
	c.mu.Lock()
	if c.cached {
		v := c.v
		c.mu.Unlock()
		return v, nil
	}
	gen, listening := c.gen, c.listening
	c.mu.Unlock()
	v, err := c.store.PublicationVersion(ctx)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	// Keep it only if no notification (or connection loss) came while we read: the read may
	// predate the change it announced.
	if listening && c.listening && gen == c.gen {
		c.v, c.cached = v, true
	}
	c.mu.Unlock()
	return v, nil
}

// invalidate drops the cached version; listening says whether notifications can be trusted.
func (c *Versions) invalidate(listening bool) {
	c.mu.Lock()
	c.gen++
	c.cached, c.listening = false, listening
	c.mu.Unlock()
}

// Watch listens for version changes until ctx ends, reconnecting after a failure (a second
// apart, at most 30 s after repeated ones) and reporting each failure to onErr.
func (c *Versions) Watch(ctx context.Context, onErr func(error)) {
	backoff := time.Second
	for ctx.Err() == nil {
		started := time.Now()
		err := c.store.ListenPublications(ctx, func() { c.invalidate(true) }, func() { c.invalidate(true) })
		c.invalidate(false)
		if ctx.Err() != nil {
			return
		}
		if onErr != nil {
			onErr(err)
		}
		if time.Since(started) > time.Minute {
			backoff = time.Second
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 30*time.Second)
	}
}
