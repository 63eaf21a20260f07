package httpapi

import (
	"bytes"
	"crypto/sha256"
	"io"
	"net/http"

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
var replayedHeaders = []string{"ETag", "Location"}

// idempotency implements Idempotency-Key on POST: the first answer (below 500) is stored in the
// database, shared by every replica; a retry with the same key replays it; the same key with
// another request is 422; a retry while the first is still running is 409.
func idempotency(st *store.Store) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			key := c.Request().Header.Get("Idempotency-Key")
			p := access.FromContext(c.Request().Context())
			if c.Request().Method != http.MethodPost || key == "" || p == nil {
				return next(c)
			}
			req := c.Request()
			body, err := io.ReadAll(req.Body)
			if err != nil {
				return err
			}
			req.Body = io.NopCloser(bytes.NewReader(body))
			h := sha256.New()
			h.Write([]byte(req.Method + " " + req.URL.RequestURI() + "\n"))
			h.Write(body)
			hash := h.Sum(nil)

			ctx, principal := req.Context(), p.ID.String()
			prev, err := st.ClaimIdempotencyKey(ctx, principal, key, req.Method, req.URL.Path, hash)
			if err != nil {
				return err
			}
			if prev != nil {
				switch {
				case !bytes.Equal(prev.RequestHash, hash):
					return apperr.New(apperr.Unprocessable, "idempotency_key_reused", "This Idempotency-Key was used with a different request.")
				case !prev.Done:
					return apperr.New(apperr.Conflict, "idempotency_in_progress", "A request with this Idempotency-Key is still running; retry shortly.")
				}
				for k, v := range prev.Headers {
					c.Response().Header().Set(k, v)
				}
				c.Response().Header().Set("Idempotent-Replayed", "true")
				return c.Blob(prev.Status, prev.ContentType, prev.Body)
			}

			tee := &teeWriter{ResponseWriter: c.Response().Writer, status: http.StatusOK}
			c.Response().Writer = tee
			err = next(c)
			if err != nil {
				c.Error(err) // write the problem through the tee so a 4xx is replayed too
			}
			if tee.status >= 500 {
				return st.ReleaseIdempotencyKey(ctx, principal, key)
			}
			saved := store.IdempotentResponse{Status: tee.status, ContentType: c.Response().Header().Get(echo.HeaderContentType),
				Headers: map[string]string{}, Body: tee.buf.Bytes()}
			for _, k := range replayedHeaders {
				if v := c.Response().Header().Get(k); v != "" {
					saved.Headers[k] = v
				}
			}
			return st.CompleteIdempotencyKey(ctx, principal, key, saved)
		}
	}
}
