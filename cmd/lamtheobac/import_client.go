package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"lamtheobac/api"
)

// apiClient speaks to the service as a service client (client_credentials). It logs in again
// by itself when its token is about to expire: a large import outlives a 15-minute token.
type apiClient struct {
	base         string // e.g. http://localhost:8080, no trailing slash
	clientID     string
	clientSecret string
	http         *http.Client
	token        string
	expires      time.Time
}

// apiError is an answer of the service that is not a success: its problem+json, as far as the
// service sent one.
type apiError struct {
	Status   int
	Problem  api.Problem
	Raw      []byte // the body as received, for --json
	Replayed bool   // the answer is the stored answer of an earlier request with the same Idempotency-Key
}

// Error is the status, title, code, detail and field errors, as the service sent them.
func (e *apiError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s", e.Status, e.Problem.Title)
	if e.Problem.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Problem.Code)
	}
	if e.Problem.Detail != nil && *e.Problem.Detail != "" && *e.Problem.Detail != e.Problem.Title {
		fmt.Fprintf(&b, ": %s", *e.Problem.Detail)
	}
	if e.Problem.Errors != nil {
		for _, f := range *e.Problem.Errors {
			fmt.Fprintf(&b, "\n  %s: %s", f.Field, f.Message)
		}
	}
	return b.String()
}

// problemCode is the problem's stable code, or "" for an error that is not an apiError.
func problemCode(err error) string {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.Problem.Code
	}
	return ""
}

// newAPIClient checks the service's address; no request is made yet.
func newAPIClient(base, clientID, clientSecret string) (*apiClient, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("LAMTHEOBAC_URL %q is not an http(s) address like http://localhost:8080", base)
	}
	// No overall timeout: an upload of 256 MiB over a slow link takes what it takes; each call
	// that should be quick gets its own deadline (quickCall).
	return &apiClient{base: strings.TrimRight(base, "/"), clientID: clientID, clientSecret: clientSecret, http: &http.Client{}}, nil
}

// quickCall bounds a request that carries no file.
const quickCall = 30 * time.Second

// login gets an access token with the client's credentials.
func (c *apiClient) login(ctx context.Context) error {
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {c.clientID}, "client_secret": {c.clientSecret}}
	ctx, cancel := context.WithTimeout(ctx, quickCall)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/api/v1/auth/token", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var tok api.TokenResponse
	if _, err := c.send(req, &tok); err != nil {
		var ae *apiError
		if errors.As(err, &ae) && ae.Status == http.StatusUnauthorized {
			return fmt.Errorf("login refused for client %q: check LAMTHEOBAC_CLIENT_ID and LAMTHEOBAC_CLIENT_SECRET (%w)", c.clientID, err)
		}
		return fmt.Errorf("login: %w", err)
	}
	c.token = tok.AccessToken
	// Log in again a little before the token runs out rather than meet a 401 mid-poll.
	c.expires = time.Now().Add(time.Duration(tok.ExpiresIn)*time.Second - 30*time.Second)
	return nil
}

// authorize puts a live token on req, logging in again when the current one is about to end.
func (c *apiClient) authorize(req *http.Request) error {
	if c.token == "" || time.Now().After(c.expires) {
		if err := c.login(req.Context()); err != nil {
			return err
		}
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	return nil
}

// get fetches path (with its query) into out and returns the raw body.
func (c *apiClient) get(ctx context.Context, path string, out any) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, quickCall)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	if err := c.authorize(req); err != nil {
		return nil, err
	}
	return c.send(req, out)
}

// unitByCode resolves a unit's code to the unit.
func (c *apiClient) unitByCode(ctx context.Context, code string) (api.UnitDetail, error) {
	var u api.UnitDetail
	_, err := c.get(ctx, "/api/v1/unit-by-code/"+url.PathEscape(code), &u)
	var ae *apiError
	if errors.As(err, &ae) && ae.Status == http.StatusNotFound {
		// 404 also means "exists but outside what this client reads": say both.
		return u, fmt.Errorf("unit %q not found (or not readable by client %q)", code, c.clientID)
	}
	return u, err
}

// job fetches an import job, returning the raw JSON too (printed by --json).
func (c *apiClient) job(ctx context.Context, id string) (api.ImportJob, []byte, error) {
	var j api.ImportJob
	raw, err := c.get(ctx, "/api/v1/imports/"+id, &j)
	return j, raw, err
}

// problems pages through every problem of a job.
func (c *apiClient) problems(ctx context.Context, id string) ([]api.ImportProblem, error) {
	var all []api.ImportProblem
	cursor := ""
	for {
		q := url.Values{"limit": {"200"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page api.ImportProblemList
		if _, err := c.get(ctx, "/api/v1/imports/"+id+"/problems?"+q.Encode(), &page); err != nil {
			return all, err
		}
		all = append(all, page.Items...)
		if page.NextCursor == nil || *page.NextCursor == "" {
			return all, nil
		}
		cursor = *page.NextCursor
	}
}

// uploadRequest is one upload: the file at path, as kind, into unit.
type uploadRequest struct {
	path, kind, unitID, key string
	dryRun                  bool
}

// upload sends the file as a multipart form streamed through a pipe, so that a file of 256 MiB
// is never held in memory, and returns the job the service answered (or replayed).
func (c *apiClient) upload(ctx context.Context, u uploadRequest) (api.ImportJob, bool, error) {
	var j api.ImportJob
	f, err := os.Open(u.path)
	if err != nil {
		return j, false, err
	}
	defer f.Close()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	written := make(chan error, 1)
	go func() {
		// The fields keep one order: the service hashes the parts for Idempotency-Key.
		err := writeForm(mw, f, u)
		pw.CloseWithError(err)
		written <- err
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/api/v1/units/"+u.unitID+"/imports", pr)
	if err != nil {
		pr.Close()
		<-written
		return j, false, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Idempotency-Key", u.key)
	if err := c.authorize(req); err != nil {
		pr.Close()
		<-written
		return j, false, err
	}
	replayed := false
	_, err = c.sendReplay(req, &j, &replayed)
	pr.Close() // an early answer (401, 413) leaves the writer blocked: release it
	if werr := <-written; err == nil && werr != nil && !errors.Is(werr, io.ErrClosedPipe) {
		err = fmt.Errorf("reading %s: %w", u.path, werr)
	}
	return j, replayed, err
}

// writeForm writes the upload's fields, then the file, and closes the form.
func writeForm(mw *multipart.Writer, f io.Reader, u uploadRequest) error {
	if err := mw.WriteField("kind", u.kind); err != nil {
		return err
	}
	if err := mw.WriteField("dry_run", strconv.FormatBool(u.dryRun)); err != nil {
		return err
	}
	fw, err := mw.CreateFormFile("file", filepath.Base(u.path))
	if err != nil {
		return err
	}
	if _, err := io.Copy(fw, f); err != nil {
		return err
	}
	return mw.Close()
}

// send does req and decodes a 2xx JSON answer into out; any other answer is an *apiError.
func (c *apiClient) send(req *http.Request, out any) ([]byte, error) {
	return c.sendReplay(req, out, nil)
}

// sendReplay is send that also tells whether the answer was an idempotent replay.
func (c *apiClient) sendReplay(req *http.Request, out any, replayed *bool) ([]byte, error) {
	req.Header.Set("Accept", "application/json, application/problem+json")
	req.Header.Set("User-Agent", "lamtheobac-import")
	res, err := c.http.Do(req)
	if err != nil {
		if ctxErr := req.Context().Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("cannot reach %s: %w", c.base, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("reading the answer of %s %s: %w", req.Method, req.URL.Path, err)
	}
	rep := res.Header.Get("Idempotent-Replayed") == "true"
	if replayed != nil {
		*replayed = rep
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		ae := &apiError{Status: res.StatusCode, Raw: body, Replayed: rep}
		if json.Unmarshal(body, &ae.Problem) != nil || ae.Problem.Title == "" {
			ae.Problem.Title = http.StatusText(res.StatusCode) // not our service, or a proxy's page
		}
		return body, ae
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			return body, fmt.Errorf("%s %s answered something else than the API's JSON: %w", req.Method, req.URL.Path, err)
		}
	}
	return body, nil
}
