// Package notify keeps one LISTEN connection per instance and hands every notification to the
// in-memory caches subscribed to its channel, so that a commit on any instance reaches what
// every other one remembers. A cache is trusted only while the connection is up: a lost
// connection resets every cache to "read the database", never to "keep what you had".
package notify

import (
	"context"
	"sort"
	"time"
)

// Source is the database side: a connection of its own listening on channels (store.Store).
// It calls ready once listening, notified for each notification, and returns when ctx ends or
// the connection fails.
type Source interface {
	Listen(ctx context.Context, channels []string, ready func(), notified func(channel, payload string)) error
}

// Cache is memory kept in step with the database by notifications.
type Cache interface {
	// Reset drops everything cached. listening is true once the connection is (again) up and
	// notifications can be trusted, false when it is lost and every read must go to the
	// database.
	Reset(listening bool)
	// Notify handles one notification of the channel the cache subscribed to.
	Notify(payload string)
}

// Listener fans the notifications of one connection out to the caches subscribed to them.
type Listener struct {
	src  Source
	subs map[string][]Cache
}

// New returns a Listener over src; subscribe the caches, then Run it.
func New(src Source) *Listener { return &Listener{src: src, subs: map[string][]Cache{}} }

// Subscribe has c told of every notification on channel. Call it before Run.
func (l *Listener) Subscribe(channel string, c Cache) {
	l.subs[channel] = append(l.subs[channel], c)
}

// reset resets every subscribed cache.
func (l *Listener) reset(listening bool) {
	for _, cs := range l.subs {
		for _, c := range cs {
			c.Reset(listening)
		}
	}
}

// Run listens until ctx ends, reconnecting after a failure (a second apart, at most 30 s after
// repeated ones) and reporting each failure to onErr. Caches read the database until the first
// connection is up and whenever it is down.
func (l *Listener) Run(ctx context.Context, onErr func(error)) {
	channels := make([]string, 0, len(l.subs))
	for ch := range l.subs {
		channels = append(channels, ch)
	}
	sort.Strings(channels)
	notified := func(channel, payload string) {
		for _, c := range l.subs[channel] {
			c.Notify(payload)
		}
	}
	backoff := time.Second
	for ctx.Err() == nil {
		started := time.Now()
		// Reset on ready too: whatever was read before the connection was up may have missed
		// a notification.
		err := l.src.Listen(ctx, channels, func() { l.reset(true) }, notified)
		l.reset(false)
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
