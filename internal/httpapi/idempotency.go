package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"strings"

	"github.com/labstack/echo/v4"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/store"
)

// IdempotencyStore keeps the Idempotency-Key claims and their first answers, shared by every
// replica (store.Store is the one in use).
type IdempotencyStore interface {
	// ClaimIdempotencyKey records a new claim and returns nil, or returns the earlier claim.
	ClaimIdempotencyKey(ctx context.Context, principal, key, method, path string, hash []byte) (*store.IdempotentResponse, error)
	// CompleteIdempotencyKey stores the answer to replay.
	CompleteIdempotencyKey(ctx context.Context, principal, key string, r store.IdempotentResponse) error
	// ReleaseIdempotencyKey forgets a claim, so a retry runs again.
	ReleaseIdempotencyKey(ctx context.Context, principal, key string) error
}

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
func idempotency(st IdempotencyStore) echo.MiddlewareFunc {
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
			body, hash, err := digestBody(req)
			if err != nil {
				return err
			}
			defer body.Close()
			req.Body = body

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

// digestBody reads the request body aside, into memory when small and into a temporary file
// when large (a file upload), and hashes it with the method and URI. A multipart form is hashed
// by its parts, not its bytes: a client re-sending the same file picks a new boundary.
func digestBody(req *http.Request) (io.ReadCloser, []byte, error) {
	body, err := spool(req.Body, 1<<20)
	if err != nil {
		return nil, nil, err
	}
	h := sha256.New()
	h.Write([]byte(req.Method + " " + req.URL.RequestURI() + "\n"))
	if mt, params, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType)); err == nil && mt == "multipart/form-data" && params["boundary"] != "" {
		if hashParts(h, multipart.NewReader(body, params["boundary"])) == nil {
			_, err = body.Seek(0, io.SeekStart)
			return body, h.Sum(nil), err
		}
		h.Reset() // not a readable form: hash its bytes like any other body
		h.Write([]byte(req.Method + " " + req.URL.RequestURI() + "\n"))
	}
	if _, err := body.Seek(0, io.SeekStart); err != nil {
		return nil, nil, err
	}
	if _, err := io.Copy(h, body); err != nil {
		return nil, nil, err
	}
	_, err = body.Seek(0, io.SeekStart)
	return body, h.Sum(nil), err
}

// hashParts writes each part's name, file name and content into h.
func hashParts(h io.Writer, mr *multipart.Reader) error {
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%q %q\n", part.FormName(), part.FileName())
		if _, err := io.Copy(h, part); err != nil {
			return err
		}
	}
}

// spooledBody is a request body read aside; Close removes its temporary file, if any.
type spooledBody struct {
	io.ReadSeeker
	file *os.File
}

func (b *spooledBody) Close() error {
	if b.file == nil {
		return nil
	}
	b.file.Close()
	return os.Remove(b.file.Name())
}

// spool reads r into memory up to inMemory bytes, and into a temporary file beyond.
func spool(r io.Reader, inMemory int64) (*spooledBody, error) {
	head, err := io.ReadAll(io.LimitReader(r, inMemory+1))
	if err != nil {
		return nil, err
	}
	if int64(len(head)) <= inMemory {
		return &spooledBody{ReadSeeker: bytes.NewReader(head)}, nil
	}
	f, err := os.CreateTemp("", "lamtheobac-body-*")
	if err != nil {
		return nil, err
	}
	b := &spooledBody{ReadSeeker: f, file: f}
	if _, err := f.Write(head); err != nil {
		b.Close()
		return nil, err
	}
	if _, err := io.Copy(f, r); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}
