package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"lamtheobac/api"
)

func jobAt(state api.ImportState, done int, total *int) api.ImportJob {
	return api.ImportJob{State: state, RowsDone: done, RowsTotal: total}
}

// TestBarLine: the terminal line has a bar with rows and percentage once the total is known,
// and a turning spinner with the rows handled before.
func TestBarLine(t *testing.T) {
	total := 200
	got := barLine(jobAt(api.Applying, 50, &total), 1500*time.Millisecond, 0)
	want := "applying   [███████░░░░░░░░░░░░░░░░░░░░░░░] 50/200  25%  1.5s"
	if got != want {
		t.Errorf("bar:\n got %q\nwant %q", got, want)
	}
	a, b := barLine(jobAt(api.Validating, 7, nil), time.Second, 0), barLine(jobAt(api.Validating, 9, nil), time.Second, 1)
	if a == b || !strings.Contains(a, "⠋ 7 rows") || !strings.Contains(b, "⠙ 9 rows") {
		t.Errorf("spinner: %q then %q", a, b)
	}
	zero := 0
	if got := barLine(jobAt(api.Succeeded, 0, &zero), time.Second, 3); got != "succeeded  0 rows  1s" {
		t.Errorf("empty file: %q", got)
	}
}

// TestProgressRedrawsOnATerminal: on a terminal each poll redraws the one line; done clears an
// unfinished bar.
func TestProgressRedrawsOnATerminal(t *testing.T) {
	var w bytes.Buffer
	start := time.Now()
	p := newProgress(&w, true, start)
	p.update(jobAt(api.Validating, 1, nil), start.Add(time.Second))
	p.update(jobAt(api.Validating, 2, nil), start.Add(2*time.Second))
	p.done()
	if out := w.String(); strings.Count(out, "\r\x1b[K") != 3 || strings.Contains(out, "\n") {
		t.Fatalf("interrupted: %q", out)
	}
	// The outcome's line stays, ended by a newline; done then has nothing to clear.
	w.Reset()
	total := 2
	p.update(jobAt(api.Validating, 1, nil), start.Add(time.Second))
	p.update(jobAt(api.Succeeded, 2, &total), start.Add(2*time.Second))
	p.done()
	if out := w.String(); strings.Count(out, "\r\x1b[K") != 2 || !strings.HasSuffix(out, "2/2 100%  2s\n") {
		t.Fatalf("finished: %q", out)
	}
}

// TestProgressPlainLines: off a terminal, a line per state change and at most one every 5 s
// within a state.
func TestProgressPlainLines(t *testing.T) {
	var w bytes.Buffer
	start := time.Now()
	p := newProgress(&w, false, start)
	total := 10
	for _, step := range []struct {
		job api.ImportJob
		at  time.Duration
	}{
		{jobAt(api.Queued, 0, nil), 0},
		{jobAt(api.Validating, 1, nil), time.Second},
		{jobAt(api.Validating, 2, nil), 2 * time.Second},         // held back
		{jobAt(api.Validating, 3, nil), 6500 * time.Millisecond}, // 5 s later: shown
		{jobAt(api.Applying, 4, nil), 7 * time.Second},
		{jobAt(api.Succeeded, 10, &total), 8 * time.Second},
	} {
		p.update(step.job, start.Add(step.at))
	}
	want := "queued: (0s)\nvalidating: 1 rows (1s)\nvalidating: 3 rows (6.5s)\napplying: 4 rows (7s)\nsucceeded: 10/10 rows (100%) (8s)\n"
	if w.String() != want {
		t.Fatalf("lines:\n%s\nwant:\n%s", w.String(), want)
	}
}

// TestParseImportArgs: FILE may come before, between or after the flags.
func TestParseImportArgs(t *testing.T) {
	for _, args := range [][]string{
		{"f.csv", "--kind", "models", "--unit", "DU-SCT", "--dry-run"},
		{"--kind=models", "f.csv", "--unit", "DU-SCT", "--dry-run"},
		{"--dry-run", "--kind", "models", "--unit", "DU-SCT", "f.csv"},
	} {
		o, err := parseImportArgs(args)
		if err != nil || o.file != "f.csv" || o.kind != "models" || o.unit != "DU-SCT" || !o.dryRun {
			t.Errorf("%q: %+v %v", args, o, err)
		}
	}
	if _, err := parseImportArgs([]string{"a.csv", "b.csv", "--kind", "models", "--unit", "X"}); err == nil {
		t.Error("two files accepted")
	}
}
