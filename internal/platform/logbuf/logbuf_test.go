package logbuf

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// sink records every write the Writer makes to it.
type sink struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	writes int
}

func (s *sink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes++
	return s.buf.Write(p)
}

func (s *sink) state() (string, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String(), s.writes
}

// TestWriterHoldsLinesUntilAFlush: lines wait in memory until the interval, a full buffer,
// Flush or Close; each of those writes everything waiting in one write.
func TestWriterHoldsLinesUntilAFlush(t *testing.T) {
	cases := []struct {
		name       string
		size       int
		lines      []string
		then       func(w *Writer)
		want       string
		wantWrites int
	}{
		{"nothing until a flush", 64, []string{"a\n", "b\n"}, func(*Writer) {}, "", 0},
		{"flush writes all at once", 64, []string{"a\n", "b\n"}, func(w *Writer) { _ = w.Flush() }, "a\nb\n", 1},
		{"close writes all at once", 64, []string{"a\n", "b\n"}, func(w *Writer) { _ = w.Close() }, "a\nb\n", 1},
		{"a full buffer is written before the line that does not fit", 8, []string{"aaa\n", "bbb\n", "ccc\n"}, func(*Writer) {},
			"aaa\nbbb\n", 1},
		{"a line larger than the buffer goes straight through, after what waits", 8, []string{"aa\n", "0123456789\n"},
			func(*Writer) {}, "aa\n0123456789\n", 2},
		{"after close, writes go straight through", 64, nil, func(w *Writer) { _ = w.Close(); _, _ = w.Write([]byte("late\n")) },
			"late\n", 1},
		{"an empty flush writes nothing", 64, nil, func(w *Writer) { _ = w.Flush() }, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var s sink
			w := New(&s, time.Hour, c.size)
			for _, l := range c.lines {
				if n, err := w.Write([]byte(l)); err != nil || n != len(l) {
					t.Fatalf("Write(%q) = %d, %v", l, n, err)
				}
			}
			c.then(w)
			if got, writes := s.state(); got != c.want || writes != c.wantWrites {
				t.Fatalf("underlying writer got %q in %d writes, want %q in %d", got, writes, c.want, c.wantWrites)
			}
		})
	}
}

// TestWriterFlushesAfterTheInterval: a line written and left alone reaches the underlying
// writer after the interval, and the timer is armed again by the next line.
func TestWriterFlushesAfterTheInterval(t *testing.T) {
	var s sink
	w := New(&s, 20*time.Millisecond, 1<<10)
	for i, line := range []string{"first\n", "second\n"} {
		_, _ = w.Write([]byte(line))
		if got, _ := s.state(); strings.Contains(got, line) {
			t.Fatalf("line %d written at once", i)
		}
		deadline := time.Now().Add(2 * time.Second)
		for {
			if got, _ := s.state(); strings.Contains(got, line) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("line %d not flushed after the interval", i)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// TestHandlerFlushesWarningsAndErrors: info lines wait; a warning or an error is written at
// once, with everything before it, in order; WithAttrs and WithGroup keep the flushing.
func TestHandlerFlushesWarningsAndErrors(t *testing.T) {
	var s sink
	w := New(&s, time.Hour, 1<<10)
	log := slog.New(Handler(slog.NewJSONHandler(w, nil), w, slog.LevelWarn))
	log.Info("one")
	if got, _ := s.state(); got != "" {
		t.Fatalf("an info line was written at once: %q", got)
	}
	log.With("k", "v").WithGroup("g").Warn("two")
	got, writes := s.state()
	if writes != 1 || !strings.Contains(got, `"msg":"one"`) || !strings.Contains(got, `"msg":"two","k":"v"`) {
		t.Fatalf("after a warning: %d writes of %q", writes, got)
	}
	log.Info("three")
	log.Error("four")
	if got, _ := s.state(); !strings.Contains(got, `"msg":"four"`) || strings.Index(got, "three") > strings.Index(got, "four") {
		t.Fatalf("after an error: %q", got)
	}
}

// TestWriterKeepsConcurrentLinesWhole: lines logged from many goroutines through a small buffer
// (many flushes while others write) all arrive, each a whole JSON line. Run with -race.
func TestWriterKeepsConcurrentLinesWhole(t *testing.T) {
	var s sink
	w := New(&s, time.Millisecond, 512)
	log := slog.New(Handler(slog.NewJSONHandler(w, nil), w, slog.LevelError))
	const goroutines, each = 8, 500
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if i%100 == 99 {
					log.Error("request failed", "g", g, "i", i)
				} else {
					log.Info("request", "g", g, "i", i, "path", strings.Repeat("x", i%40))
				}
			}
		}()
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, _ := s.state()
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(got))
	for sc.Scan() {
		var line struct{ G, I int }
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("not a JSON line: %q: %v", sc.Text(), err)
		}
		seen[fmt.Sprint(line.G, line.I)] = true
	}
	if len(seen) != goroutines*each {
		t.Fatalf("%d distinct lines, want %d", len(seen), goroutines*each)
	}
}
