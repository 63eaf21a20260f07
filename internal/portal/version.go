package portal

import (
	"context"
	"sync"
)

// VersionStore is what the publication version cache reads.
type VersionStore interface {
	PublicationVersion(ctx context.Context) (int64, error)
}

// Versions is the publication version as this instance knows it. Public answers are a function
// of (URL, publication version), so their ETag is the version and a matching If-None-Match can be
// answered from memory. The copy is trusted only while a LISTEN connection is up: every change
// notifies it (migrations/0007_scale.sql; notify.Listener delivers it), and without the
// connection every call reads the database, so an instance never answers 304 for something
// that changed.
type Versions struct {
	store VersionStore

	mu        sync.Mutex
	gen       uint64 // moves at every invalidation, so a read begun before one is not kept
	listening bool
	cached    bool
	v         int64
}

// NewVersions returns a cache over store that reads the database until a notify.Listener
// subscribed it and is listening.
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

// Reset drops the cached version; listening says whether notifications can be trusted
// (notify.Cache).
func (c *Versions) Reset(listening bool) {
	c.mu.Lock()
	c.gen++
	c.cached, c.listening = false, listening
	c.mu.Unlock()
}

// Notify drops the cached version: it moved (notify.Cache).
func (c *Versions) Notify(string) { c.Reset(true) }
