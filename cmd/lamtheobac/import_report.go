package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"lamtheobac/api"
)

// writeSummary prints what became of the job, one fact a line, aligned.
func writeSummary(w io.Writer, j api.ImportJob, unit api.UnitDetail, elapsed time.Duration) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "import\t%s\n", j.Id)
	fmt.Fprintf(tw, "state\t%s\n", j.State)
	kind := string(j.Kind)
	if j.DryRun {
		kind += " (dry run: nothing written)"
	}
	fmt.Fprintf(tw, "kind\t%s\n", kind)
	fmt.Fprintf(tw, "unit\t%s %s\n", unit.Code, unit.Name)
	fmt.Fprintf(tw, "file\t%s (%s, %s)\n", j.FileName, j.FileFormat, byteSize(j.FileSize))
	rows := strconv.Itoa(j.RowsDone)
	if j.RowsTotal != nil {
		rows = strconv.Itoa(*j.RowsTotal)
	}
	fmt.Fprintf(tw, "rows\t%s\n", rows)
	switch {
	case j.State == api.Failed:
		// A failed job wrote nothing, whatever its count of records it had readied.
		fmt.Fprintf(tw, "created\t0 (nothing written)\n")
	case j.DryRun:
		fmt.Fprintf(tw, "would create\t%d\n", j.CreatedCount)
	default:
		fmt.Fprintf(tw, "created\t%d\n", j.CreatedCount)
	}
	fmt.Fprintf(tw, "problems\t%d\n", j.ProblemCount)
	if j.Error != nil {
		fmt.Fprintf(tw, "error\t%s: %s\n", j.Error.Code, j.Error.Message)
	}
	fmt.Fprintf(tw, "duration\t%s\n", roundDuration(jobDuration(j, elapsed)))
	tw.Flush()
	if j.Retryable {
		// Re-running the command would replay this job (same Idempotency-Key): say what does work.
		fmt.Fprintf(w, "\nThe job failed without a fault in the file; queue it again with POST /api/v1/imports/%s/retry\n", j.Id)
	}
}

// jobDuration is the job's own time from upload to end, which is right even when the answer
// was replayed from an earlier run; elapsed (this run's wall time) when the job lacks it.
func jobDuration(j api.ImportJob, elapsed time.Duration) time.Duration {
	if j.FinishedAt != nil && !j.CreatedAt.IsZero() {
		return j.FinishedAt.Sub(j.CreatedAt)
	}
	return elapsed
}

// writeProblems prints every problem as an aligned table: row, column, code, message.
func writeProblems(w io.Writer, ps []api.ImportProblem) {
	fmt.Fprintf(w, "\n%d problem(s):\n", len(ps))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ROW\tCOLUMN\tCODE\tMESSAGE")
	for _, p := range ps {
		row := strconv.Itoa(p.Row)
		if p.Row == 0 {
			row = "file" // row 0 is the file as a whole
		}
		col := "-"
		switch {
		case p.Column != nil && *p.Column != "":
			col = *p.Column
		case p.Field != nil && *p.Field != "":
			col = *p.Field
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", row, cell(col), p.Code, cell(p.Message))
	}
	tw.Flush()
}

// cell keeps a value on one line of the table: a tab or newline from the file would break it.
func cell(s string) string {
	return strings.NewReplacer("\t", " ", "\r", " ", "\n", " ").Replace(s)
}

// byteSize is a size for people: 512 B, 1.5 KiB, 42.0 MiB.
func byteSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
