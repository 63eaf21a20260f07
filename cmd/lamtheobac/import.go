package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"lamtheobac/api"
	"lamtheobac/internal/limits"
)

const importUsage = `usage: lamtheobac import FILE --kind units|users|models|nominations --unit CODE [--dry-run] [--json] [--idempotency-key KEY]

Uploads a CSV or XLSX file as a service client, follows the job and prints its outcome; exits
non-zero when the upload is refused or the job fails. Environment: LAMTHEOBAC_URL (default
http://localhost:8080), LAMTHEOBAC_CLIENT_ID, LAMTHEOBAC_CLIENT_SECRET.`

// pollEvery is how often a running job is asked for its progress.
const pollEvery = 500 * time.Millisecond

// importOptions are the command line of `lamtheobac import`.
type importOptions struct {
	file, kind, unit, key string
	dryRun, json          bool
}

// cmdImport is `lamtheobac import` on the process's streams and environment.
func cmdImport(ctx context.Context, args []string) error {
	return runImport(ctx, args, os.Stdout, os.Stderr, os.LookupEnv)
}

// runImport is `lamtheobac import` without the process around it: tests drive it with their
// own writers and environment. A non-nil error means a non-zero exit status.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer, lookupEnv func(string) (string, bool)) error {
	o, err := parseImportArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, importUsage)
		return nil
	}
	if err != nil {
		return err
	}
	c, err := clientFromEnv(lookupEnv)
	if err != nil {
		return err
	}
	if err := checkImportFile(o.file); err != nil {
		return err
	}
	unit, err := c.unitByCode(ctx, o.unit)
	if err != nil {
		return err
	}
	if o.key == "" {
		if o.key, err = importKey(o.file, o.kind, unit.Id.String(), o.dryRun); err != nil {
			return err
		}
	}
	start := time.Now()
	prog := newProgress(stderr, isTerminal(stderr), start)
	job, err := submitImport(ctx, c, uploadRequest{path: o.file, kind: o.kind, unitID: unit.Id.String(), key: o.key, dryRun: o.dryRun}, prog)
	if err != nil {
		if ctx.Err() != nil {
			// The service either never saw the whole file, or made the job: the same key covers both.
			return errors.New("interrupted during the upload; run the same command again: the file is imported at most once")
		}
		var ae *apiError
		if o.json && errors.As(err, &ae) {
			fmt.Fprintf(stdout, "%s\n", ae.Raw)
		}
		return err
	}
	job, raw, err := followImport(ctx, c, job, prog)
	prog.done()
	if err != nil {
		return err
	}
	if o.json {
		fmt.Fprintf(stdout, "%s\n", raw)
	} else if err := report(ctx, c, stdout, job, unit, time.Since(start)); err != nil {
		return err
	}
	if job.State == api.Failed {
		code := "failed"
		if job.Error != nil {
			code = job.Error.Code
		}
		return fmt.Errorf("import %s failed: %s", job.Id, code)
	}
	return nil
}

// parseImportArgs reads FILE and the flags in any order (flag alone stops at the first
// argument that is not a flag, and the usage puts FILE first).
func parseImportArgs(args []string) (importOptions, error) {
	var o importOptions
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.kind, "kind", "", "units, users, models or nominations")
	fs.StringVar(&o.unit, "unit", "", "the code of the unit to import into")
	fs.BoolVar(&o.dryRun, "dry-run", false, "validate everything, write nothing")
	fs.BoolVar(&o.json, "json", false, "print the final job as JSON instead of the summary and table")
	fs.StringVar(&o.key, "idempotency-key", "", "the Idempotency-Key to send (default: derived from the file, kind, unit and --dry-run)")
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return o, err
			}
			return o, fmt.Errorf("%v\n%s", err, importUsage)
		}
		if fs.NArg() == 0 {
			break
		}
		files, args = append(files, fs.Arg(0)), fs.Args()[1:]
	}
	var missing []string
	if len(files) != 1 {
		missing = append(missing, "exactly one FILE")
	}
	if o.kind == "" {
		missing = append(missing, "--kind")
	}
	if o.unit == "" {
		missing = append(missing, "--unit")
	}
	if len(missing) > 0 {
		return o, fmt.Errorf("import needs %s\n%s", strings.Join(missing, ", "), importUsage)
	}
	o.file = files[0]
	switch api.ImportKind(o.kind) {
	case api.Units, api.Users, api.Models, api.Nominations:
	default:
		return o, fmt.Errorf("--kind %q: must be units, users, models or nominations", o.kind)
	}
	return o, nil
}

// clientFromEnv makes the API client from LAMTHEOBAC_URL and the service client's credentials.
func clientFromEnv(lookupEnv func(string) (string, bool)) (*apiClient, error) {
	get := func(k string) string { v, _ := lookupEnv(k); return strings.TrimSpace(v) }
	id, secret, base := get("LAMTHEOBAC_CLIENT_ID"), get("LAMTHEOBAC_CLIENT_SECRET"), get("LAMTHEOBAC_URL")
	var missing []string
	for k, v := range map[string]string{"LAMTHEOBAC_CLIENT_ID": id, "LAMTHEOBAC_CLIENT_SECRET": secret} {
		if v == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		if len(missing) == 2 {
			missing = []string{"LAMTHEOBAC_CLIENT_ID", "LAMTHEOBAC_CLIENT_SECRET"} // a map's order is random
		}
		return nil, fmt.Errorf("%s not set: import logs in as a service client; an officer registers one "+
			"with POST /api/v1/clients and gives you its client_id and client_secret", strings.Join(missing, " and "))
	}
	if base == "" {
		base = "http://localhost:8080"
	}
	return newAPIClient(base, id, secret)
}

// checkImportFile refuses, before any network call, what the service would refuse anyway.
func checkImportFile(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	}
	if st.Size() > limits.ImportFile { // the service's limit: a larger file is not sent for nothing
		return fmt.Errorf("%s is %s, more than the %s an import takes: split it into several files", path, byteSize(st.Size()), limits.Format(limits.ImportFile))
	}
	return nil
}

// importKey derives the Idempotency-Key from what the upload is: the file's content, kind,
// unit and dry run. Running the same command again then answers the first job instead of
// importing twice (for the 24 hours the service keeps keys).
func importKey(path, kind, unitID string, dryRun bool) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	k := sha256.Sum256([]byte(hex.EncodeToString(h.Sum(nil)) + "\n" + kind + "\n" + unitID + "\n" + strconv.FormatBool(dryRun)))
	return "lamtheobac-import-" + hex.EncodeToString(k[:]), nil
}

// isTerminal reports whether w is a terminal, where the progress bar can redraw its line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// submitImport uploads the file. While another run with the same key is still uploading, it
// waits for that one to finish and then follows its job.
func submitImport(ctx context.Context, c *apiClient, u uploadRequest, prog *progress) (api.ImportJob, error) {
	for attempt := 0; ; attempt++ {
		job, replayed, err := c.upload(ctx, u)
		if err == nil {
			if replayed {
				prog.note("This file was uploaded before (Idempotency-Key %s): following job %s, not importing again.", u.key, job.Id)
			} else {
				prog.note("Uploaded %s: job %s", u.path, job.Id)
			}
			return job, nil
		}
		switch code := problemCode(err); {
		case code == "idempotency_in_progress" && attempt < 60:
			if attempt == 0 {
				prog.note("Another upload with the same Idempotency-Key is still running; waiting for it.")
			}
			if err := sleepCtx(ctx, time.Second); err != nil {
				return job, err
			}
			continue
		case code == "idempotency_key_reused":
			return job, fmt.Errorf("upload refused: %w\n(the key %s was used for another upload: the same content under another file name, "+
				"or a key given with --idempotency-key; to upload again on purpose, pass a new --idempotency-key)", err, u.key)
		}
		var ae *apiError
		if errors.As(err, &ae) && ae.Replayed {
			return job, fmt.Errorf("upload refused: %w\n(the stored answer of an earlier upload with the Idempotency-Key %s; "+
				"pass a new --idempotency-key to send it anew)", err, u.key)
		}
		if errors.As(err, &ae) {
			return job, fmt.Errorf("upload refused: %w", err)
		}
		return job, err
	}
}

// followImport polls the job until it has finished, showing its progress. A few failed polls
// in a row are borne (a restart of the service, a network blip); the job goes on regardless.
func followImport(ctx context.Context, c *apiClient, job api.ImportJob, prog *progress) (api.ImportJob, []byte, error) {
	var raw []byte
	failures := 0
	for {
		if err := ctx.Err(); err != nil {
			prog.done()
			return job, raw, fmt.Errorf("interrupted: job %s goes on in the service; run the same command again to follow it", job.Id)
		}
		j, body, err := c.job(ctx, job.Id.String())
		var ae *apiError
		switch {
		case err == nil:
			job, raw, failures = j, body, 0
			prog.update(job, time.Now())
			if isFinished(job.State) {
				return job, raw, nil
			}
		case ctx.Err() != nil:
			continue
		case errors.As(err, &ae) && ae.Status == http.StatusUnauthorized && failures == 0:
			c.token, failures = "", failures+1 // revoked or rotated keys: log in again once
			continue
		case (!errors.As(err, &ae) || ae.Status >= 500) && failures < 10:
			failures++
		default:
			return job, raw, fmt.Errorf("following job %s: %w", job.Id, err)
		}
		_ = sleepCtx(ctx, pollEvery)
	}
}

// sleepCtx waits d, or less when ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// report prints the summary and, when the file had problems, every one of them.
func report(ctx context.Context, c *apiClient, w io.Writer, job api.ImportJob, unit api.UnitDetail, elapsed time.Duration) error {
	writeSummary(w, job, unit, elapsed)
	if job.ProblemCount == 0 {
		return nil
	}
	ps, err := c.problems(ctx, job.Id.String())
	if err != nil {
		return fmt.Errorf("listing the problems of job %s: %w", job.Id, err)
	}
	writeProblems(w, ps)
	return nil
}
