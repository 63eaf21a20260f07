package main

import (
	"context"
	"fmt"
	"time"

	"lamtheobac/bench/scenario"
)

// importResult is the bulk import scenario's line: not a request loop but one job, timed end
// to end and set against COPY of the same rows.
type importResult struct {
	rows   int           // model rows in the file (the issue says 100,000)
	ours   time.Duration // POST /units/{unitId}/imports (202) until GET /imports/{id} says done
	copy   time.Duration // COPY of the same rows into models, in a transaction rolled back after
	rssKB  int64         // the service's highest RSS during the job (svc.takeWindow after it)
	errors int           // rows the job refused (0 for the generated file)
}

// runImport is where the bulk import of 100,000 model rows against COPY plugs in (issue #8,
// after the importer of #7 lands): build the file for ids.Committee's cells, log in as
// ids.CommitteeOfficer (login(svc.base, …)), post it, poll the job, then time COPY of the same
// rows with db.sql, and return the result; run() prints it under the table. Until then it
// measures nothing and says so.
func runImport(ctx context.Context, cfg config, db *database, ids scenario.IDs, svc *process) (*importResult, error) {
	return nil, nil
}

// markdown renders the import's line (or why there is none).
func (r *importResult) markdown() string {
	if r == nil {
		return "- Bulk import of 100,000 model rows against COPY: not measured yet (waits for the importer, #7; bench/loadbench/imports.go)\n"
	}
	ratio := r.copy.Seconds() / r.ours.Seconds()
	return fmt.Sprintf("- Bulk import of %d model rows: %s (%.0f rows/s), COPY of the same rows %s — ratio %.2f; %d rows refused; RSS %d MB\n",
		r.rows, r.ours.Round(time.Millisecond), float64(r.rows)/r.ours.Seconds(), r.copy.Round(time.Millisecond), ratio, r.errors, r.rssKB/1024)
}
