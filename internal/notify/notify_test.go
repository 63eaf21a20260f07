package notify_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"lamtheobac/internal/notify"
)

// recorder is a cache that writes down what it is told.
type recorder struct{ events []string }

func (r *recorder) Reset(listening bool) {
	if listening {
		r.events = append(r.events, "listening")
	} else {
		r.events = append(r.events, "lost")
	}
}

func (r *recorder) Notify(payload string) { r.events = append(r.events, "notify "+payload) }

// source listens once: it becomes ready, delivers its notifications and fails.
type source struct {
	channels []string
	deliver  [][2]string // channel, payload
}

func (s *source) Listen(_ context.Context, channels []string, ready func(), notified func(channel, payload string)) error {
	s.channels = channels
	ready()
	for _, n := range s.deliver {
		notified(n[0], n[1])
	}
	return errors.New("connection lost")
}

// TestListenerFansOut: one connection listens on every subscribed channel; each cache hears
// its own channel's notifications, is reset when the connection comes up (what it read before
// may have missed one) and told when it is lost.
func TestListenerFansOut(t *testing.T) {
	src := &source{deliver: [][2]string{{"a", "1"}, {"b", "2"}, {"a", "3"}}}
	l := notify.New(src)
	a1, a2, b := &recorder{}, &recorder{}, &recorder{}
	l.Subscribe("a", a1)
	l.Subscribe("a", a2)
	l.Subscribe("b", b)
	ctx, cancel := context.WithCancel(context.Background())
	var failures []error
	l.Run(ctx, func(err error) { failures = append(failures, err); cancel() })

	if !slices.Equal(src.channels, []string{"a", "b"}) {
		t.Fatalf("listened on %v", src.channels)
	}
	wantA := []string{"listening", "notify 1", "notify 3", "lost"}
	for _, r := range []*recorder{a1, a2} {
		if !slices.Equal(r.events, wantA) {
			t.Fatalf("a: %v, want %v", r.events, wantA)
		}
	}
	if want := []string{"listening", "notify 2", "lost"}; !slices.Equal(b.events, want) {
		t.Fatalf("b: %v, want %v", b.events, want)
	}
	if len(failures) != 1 {
		t.Fatalf("failures reported: %v", failures)
	}
}
