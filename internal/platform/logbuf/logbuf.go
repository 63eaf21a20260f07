// Package logbuf buffers the service's log lines in memory and hands them to the operating
// system in batches: a write to stderr is a system call, and with one access-log line per
// request it was 12% of the CPU of a public answer served from memory (issue #16's profile).
//
// Lines reach the underlying writer at most Interval after they were written, at once when the
// buffer is full, when a line at Warn or above is logged (Handler), and on Close. What a hard
// crash (SIGKILL, the OOM killer, a panic in a goroutine, the machine going down) loses is the
// lines written since the last flush: at most Interval's worth and at most Size bytes, which are
// access-log and info lines only (warnings and errors were flushed as they were logged). That
// is acceptable for these logs: they are operational telemetry, and what the service must not
// lose — who changed what — is the audit trail, written to Postgres in each change's own
// transaction.
package logbuf

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

const (
	// DefaultInterval is how long a line may wait in the buffer.
	DefaultInterval = 100 * time.Millisecond
	// DefaultSize is the buffer's capacity: at 5,000 lines a second of ~250 bytes it fills about
	// every 50 ms, so under load it is the size, not the interval, that sets the pace.
	DefaultSize = 64 << 10
)

// Writer is an io.Writer safe for concurrent use that keeps what is written until Interval has
// passed, the buffer is full, Flush or Close is called. Each Write is kept whole, so a log
// handler that writes a line per call (slog's handlers do) never sees a line split by a flush.
type Writer struct {
	out      io.Writer
	interval time.Duration

	mu     sync.Mutex
	buf    []byte
	timer  *time.Timer
	armed  bool // the timer will flush what is in buf
	closed bool // writes go straight to out
}

// New returns a Writer over out that flushes at least every interval and whenever size bytes
// are waiting (DefaultInterval and DefaultSize for zero values).
func New(out io.Writer, interval time.Duration, size int) *Writer {
	if interval <= 0 {
		interval = DefaultInterval
	}
	if size <= 0 {
		size = DefaultSize
	}
	w := &Writer{out: out, interval: interval, buf: make([]byte, 0, size)}
	w.timer = time.AfterFunc(time.Hour, func() { _ = w.Flush() })
	w.timer.Stop()
	return w
}

// Write keeps p for the next flush; a p that does not fit behind what is waiting flushes that
// first, and one larger than the buffer goes straight through. A flush that fails drops its
// lines (a log writer that cannot write must not grow without end); the timer's flush has
// nobody to tell, as slog's loggers tell nobody of a failed write.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return w.out.Write(p)
	}
	if len(w.buf)+len(p) > cap(w.buf) {
		if err := w.flushLocked(); err != nil {
			return 0, err
		}
		if len(p) > cap(w.buf) {
			return w.out.Write(p)
		}
	}
	w.buf = append(w.buf, p...)
	if !w.armed {
		w.armed = true
		w.timer.Reset(w.interval)
	}
	return len(p), nil
}

// Flush writes what is waiting.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.flushLocked()
}

func (w *Writer) flushLocked() error {
	if w.armed {
		w.armed = false
		w.timer.Stop()
	}
	if len(w.buf) == 0 {
		return nil
	}
	_, err := w.out.Write(w.buf)
	w.buf = w.buf[:0]
	return err
}

// Close flushes what is waiting; later writes go straight to the underlying writer, so lines
// logged after it (a deferred function's, the last words of a shutdown) are not lost.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	err := w.flushLocked()
	w.closed = true
	return err
}

// Handler wraps h, which writes to w, so that a record at level or above is flushed as soon as
// it is written: an error's line reaches the log even if the process dies right after it.
func Handler(h slog.Handler, w *Writer, level slog.Level) slog.Handler {
	return &flushing{Handler: h, w: w, level: level}
}

type flushing struct {
	slog.Handler
	w     *Writer
	level slog.Level
}

// Handle writes r and flushes when r's level asks for it.
func (f *flushing) Handle(ctx context.Context, r slog.Record) error {
	err := f.Handler.Handle(ctx, r)
	if r.Level >= f.level {
		if ferr := f.w.Flush(); err == nil {
			err = ferr
		}
	}
	return err
}

// WithAttrs keeps the flushing around the derived handler.
func (f *flushing) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &flushing{Handler: f.Handler.WithAttrs(attrs), w: f.w, level: f.level}
}

// WithGroup keeps the flushing around the derived handler.
func (f *flushing) WithGroup(name string) slog.Handler {
	return &flushing{Handler: f.Handler.WithGroup(name), w: f.w, level: f.level}
}
