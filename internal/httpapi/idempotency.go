package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/store"
)

// teeWriter sends the response and keeps a copy of it.
type teeWriter struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (w *teeWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }
func (w *teeWriter) Write(b []byte) (int, error) {
	w.buf.Write(b)
	return w.ResponseWriter.Write(b)
}

// replayedHeaders are the response headers worth replaying besides the body.
func replayedHeaders() []string { return []string{"ETag", "Location"} }

// validIdempotencyKey accepts 1–200 printable ASCII characters: the key is stored and indexed.
func validIdempotencyKey(k string) bool {
	if len(k) == 0 || len(k) > 200 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// idempotency implements Idempotency-Key on POST: the first answer (below 500) is stored in the
// database, shared by every replica; a retry with the same key replays it; the same key with
// another request is 422; a retry while the first is still running is 409. Token endpoints are
// left out (their answers are credentials), and an answer marked Cache-Control: no-store (a
// client secret shown once) is never stored: its retry is told it already succeeded.
func idempotency(st *store.Store) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			key := req.Header.Get("Idempotency-Key")
			p := access.FromContext(req.Context())
			if req.Method != http.MethodPost || key == "" || p == nil || strings.HasPrefix(req.URL.Path, "/api/v1/auth/") {
				return next(c)
			}
			if !validIdempotencyKey(key) {
				return &apperr.Error{Kind: apperr.Invalid, Code: "validation", Message: "The Idempotency-Key is not valid.",
					Fields: []apperr.FieldError{{Field: "header:Idempotency-Key", Message: "must be 1–200 printable ASCII characters"}}}
			}
			body, err := io.ReadAll(req.Body)
			if err != nil {
				return err
			}
			req.Body = io.NopCloser(bytes.NewReader(body))
			h := sha256.New()
			h.Write([]byte(req.Method + " " + req.URL.RequestURI() + "\n"))
			h.Write(body)
			hash := h.Sum(nil)

			// The bookkeeping must outlive a client that hangs up: that client is the one retrying.
			bg, principal := context.WithoutCancel(req.Context()), p.ID.String()
			prev, err := st.ClaimIdempotencyKey(bg, principal, key, req.Method, req.URL.Path, hash)
			if err != nil {
				return err
			}
			if prev != nil {
				return replay(c, prev, hash)
			}
			released := false
			defer func() {
				if !released { // the handler panicked: let a retry run again
					_ = st.ReleaseIdempotencyKey(bg, principal, key)
				}
			}()
			tee := &teeWriter{ResponseWriter: c.Response().Writer, status: http.StatusOK}
			c.Response().Writer = tee
			if err := next(c); err != nil {
				c.Error(err) // write the problem through the tee so a 4xx is replayed too
			}
			released = true
			if tee.status >= 500 {
				return st.ReleaseIdempotencyKey(bg, principal, key)
			}
			saved := store.IdempotentResponse{Status: tee.status, ContentType: c.Response().Header().Get(echo.HeaderContentType),
				Headers: map[string]string{}, Body: append([]byte{}, tee.buf.Bytes()...)}
			if strings.Contains(c.Response().Header().Get("Cache-Control"), "no-store") {
				saved.Body, saved.NotStored = nil, true
			}
			for _, k := range replayedHeaders() {
				if v := c.Response().Header().Get(k); v != "" {
					saved.Headers[k] = v
				}
			}
			return st.CompleteIdempotencyKey(bg, principal, key, saved)
		}
	}
}

// replay answers a retry from the stored first answer.
func replay(c echo.Context, prev *store.IdempotentResponse, hash []byte) error {
	switch {
	case !bytes.Equal(prev.RequestHash, hash):
		return apperr.New(apperr.Unprocessable, "idempotency_key_reused", "This Idempotency-Key was used with a different request.")
	case !prev.Done:
		return apperr.New(apperr.Conflict, "idempotency_in_progress", "A request with this Idempotency-Key is still running; retry shortly.")
	case prev.NotStored:
		return apperr.New(apperr.Conflict, "idempotent_not_replayable",
			"This request already succeeded; its answer held a secret shown only once, so it is not replayed.")
	}
	for k, v := range prev.Headers {
		c.Response().Header().Set(k, v)
	}
	c.Response().Header().Set("Idempotent-Replayed", "true")
	return c.Blob(prev.Status, prev.ContentType, prev.Body)
}
