package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"lamtheobac/bench/scenario"
)

// The upload memory scenario (issue #12, item 1): what large uploads cost the service in
// memory. Four authenticated uploads of 48 MiB at once must raise its RSS by no more than
// ~50 MB in total (each was read whole into memory before: +110 MB apiece); then eight
// uploads of 60 MB without a token must be refused (401) without reading them (they took the
// service from 169 to 783 MB).
const (
	uploadsAuthenticated   = 4
	uploadSize             = 48 << 20
	uploadsUnauthenticated = 8
	unauthenticatedSize    = 60 << 20
	uploadRiseTargetMB     = 50
)

// uploadResult is the scenario's line.
type uploadResult struct {
	took           time.Duration // until the last authenticated upload was answered 202
	baseKB, peakKB int64         // the service's RSS before, and its highest during the uploads
	// refusals counts the answers to the unauthenticated uploads by status ("cut off": the
	// server closed the connection before its answer was read)
	refusals      map[string]int
	refusedBaseKB int64 // the service's RSS before the unauthenticated uploads
	refusedPeakKB int64 // its highest during them
	refusedTook   time.Duration
}

// runUploadMemory sends the uploads as dry runs of a file whose header names no known column:
// the whole file is streamed, hashed and stored (the upload's full path), and the job then
// fails at its first row instead of validating 48 MiB of rows. The jobs are deleted after.
func runUploadMemory(ctx context.Context, db *database, ids scenario.IDs, svc *process) (*uploadResult, error) {
	token, err := login(svc.base, ids.CommitteeOfficer, ids.Password)
	if err != nil {
		return nil, err
	}
	url := svc.base + "/api/v1/units/" + ids.Committee + "/imports"
	res := &uploadResult{}

	logf("upload memory: %d uploads of %d MiB at once as %s", uploadsAuthenticated, uploadSize>>20, ids.CommitteeOfficer)
	svc.takeWindow()
	res.baseKB = svc.status("VmRSS")
	start := time.Now()
	var jobsMu sync.Mutex
	var jobs []string
	statuses, errs := uploadAll(ctx, uploadsAuthenticated, func() (*http.Request, error) {
		return uploadRequest(ctx, url, token, uploadSize)
	}, func(body []byte) {
		var j struct{ ID string }
		if json.Unmarshal(body, &j) == nil && j.ID != "" {
			jobsMu.Lock()
			jobs = append(jobs, j.ID)
			jobsMu.Unlock()
		}
	})
	res.took, res.peakKB = time.Since(start), svc.takeWindow()
	for _, id := range jobs {
		if _, err := waitImport(ctx, svc.base, token, id); err != nil {
			return nil, err
		}
		if err := forgetImport(ctx, db.sql, id); err != nil {
			return nil, err
		}
	}
	for i, st := range statuses {
		if st != http.StatusAccepted {
			return nil, fmt.Errorf("an upload was answered %d (%v)", st, errs[i])
		}
	}

	logf("upload memory: %d unauthenticated uploads of %d MB at once", uploadsUnauthenticated, unauthenticatedSize>>20)
	svc.takeWindow()
	res.refusedBaseKB = svc.status("VmRSS")
	start = time.Now()
	statuses, errs = uploadAll(ctx, uploadsUnauthenticated, func() (*http.Request, error) { return uploadRequest(ctx, url, "", unauthenticatedSize) })
	res.refusedTook, res.refusedPeakKB = time.Since(start), svc.takeWindow()
	res.refusals = map[string]int{}
	for i, st := range statuses {
		// The server answers 401 and closes the connection it did not read; a client still
		// writing may see the close before the answer.
		switch {
		case st == 0 && errs[i] != nil:
			res.refusals["cut off"]++
			logf("upload memory: an unauthenticated upload was cut off: %v", errs[i])
		default:
			res.refusals[strconv.Itoa(st)]++
		}
	}
	return res, nil
}

// uploadAll sends n requests at once and returns their statuses (0 when the request failed)
// and errors; onBody, when given, reads each answer's body.
func uploadAll(ctx context.Context, n int, build func() (*http.Request, error), onBody ...func([]byte)) ([]int, []error) {
	statuses, errs := make([]int, n), make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			req, err := build()
			if err != nil {
				errs[i] = err
				return
			}
			// A connection of its own each, as separate clients would have.
			client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			resp, err := client.Do(req)
			if err != nil {
				errs[i] = err
				return
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			statuses[i] = resp.StatusCode
			if resp.StatusCode >= 300 {
				errs[i] = fmt.Errorf("%s", body)
			}
			for _, f := range onBody {
				f(body)
			}
		})
	}
	wg.Wait()
	return statuses, errs
}

// uploadRequest is a dry-run upload of size bytes, generated as it is sent (multipart through a
// pipe, no Content-Length, as `lamtheobac import` streams a file), with a fresh Idempotency-Key
// so the body also goes through the idempotency digest. No token when token is "".
func uploadRequest(ctx context.Context, url, token string, size int64) (*http.Request, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		err := func() error {
			if err := mw.WriteField("kind", "models"); err != nil {
				return err
			}
			if err := mw.WriteField("dry_run", "true"); err != nil {
				return err
			}
			fw, err := mw.CreateFormFile("file", "tai-len.csv")
			if err != nil {
				return err
			}
			if _, err := io.Copy(fw, io.LimitReader(uploadRows{}, size)); err != nil {
				return err
			}
			return mw.Close()
		}()
		pw.CloseWithError(err)
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, pr)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Idempotency-Key", "bench-upload-"+uuid.NewString())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req, nil
}

// uploadRows is an endless CSV whose header names no known column, generated as it is read.
type uploadRows struct{}

const uploadLine = "cot_khong_co,gia_tri\r\nMô hình tải lên,1\r\n"

func (uploadRows) Read(p []byte) (int, error) {
	for i := 0; i < len(p); {
		i += copy(p[i:], uploadLine)
	}
	return len(p), nil
}

// markdown renders the scenario's line (or why there is none), against the target.
func (r *uploadResult) markdown() string {
	if r == nil {
		return "- Upload memory (4 authenticated uploads of 48 MiB at once): not measured in this run\n"
	}
	rise := (r.peakKB - r.baseKB) / 1024
	verdict := "PASS"
	if rise > uploadRiseTargetMB {
		verdict = "**MISS**"
	}
	refused, answers := "PASS", []string{}
	for k, n := range r.refusals {
		answers = append(answers, fmt.Sprintf("%d %s", n, k))
		if k != "401" && k != "cut off" {
			refused = "**MISS**"
		}
	}
	sort.Strings(answers)
	return fmt.Sprintf("- Upload memory: %d authenticated uploads of %d MiB at once (dry runs, streamed multipart with an Idempotency-Key): all 202 in %s; service RSS %d MB before, %d MB at the highest, a rise of %d MB in total (target ≤ %d MB) — %s. Then %d uploads of %d MB without a token at once: answered %s in %s; service RSS %d MB before, %d MB at the highest (target: all 401) — %s\n",
		uploadsAuthenticated, uploadSize>>20, r.took.Round(time.Millisecond), r.baseKB/1024, r.peakKB/1024, rise, uploadRiseTargetMB, verdict,
		uploadsUnauthenticated, unauthenticatedSize>>20, strings.Join(answers, ", "), r.refusedTook.Round(time.Millisecond), r.refusedBaseKB/1024, r.refusedPeakKB/1024, refused)
}
