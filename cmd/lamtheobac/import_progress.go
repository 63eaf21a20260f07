package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"lamtheobac/api"
)

// progress shows a running job on stderr: a bar redrawn in place on a terminal, plain lines
// elsewhere (a log file, CI), where redrawing would leave a line per poll.
type progress struct {
	w        io.Writer
	terminal bool
	start    time.Time
	every    time.Duration // plain lines: at most one this often, besides state changes
	lastLine time.Time
	last     api.ImportState
	frame    int
	drawn    bool // the terminal line holds a bar to be cleared
}

// newProgress reports on w, as a bar when w is a terminal, timing from start.
func newProgress(w io.Writer, terminal bool, start time.Time) *progress {
	return &progress{w: w, terminal: terminal, start: start, every: 5 * time.Second}
}

// update reports the job as last polled.
func (p *progress) update(j api.ImportJob, now time.Time) {
	if p.terminal {
		p.frame++
		fmt.Fprint(p.w, "\r\x1b[K"+barLine(j, now.Sub(p.start), p.frame))
		// The last line stays: it is the outcome, shown even when stdout goes to a file.
		p.drawn = !isFinished(j.State)
		if !p.drawn {
			fmt.Fprintln(p.w)
		}
		return
	}
	if j.State == p.last && now.Sub(p.lastLine) < p.every {
		return
	}
	p.last, p.lastLine = j.State, now
	fmt.Fprintln(p.w, plainLine(j, now.Sub(p.start)))
}

// done clears a bar left unfinished (an interruption, an error) for what follows.
func (p *progress) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// note prints a line of its own, above the bar on a terminal.
func (p *progress) note(format string, args ...any) {
	p.done()
	fmt.Fprintf(p.w, format+"\n", args...)
}

// plainLine is one line of terminal-less progress.
func plainLine(j api.ImportJob, elapsed time.Duration) string {
	s := string(j.State) + ":"
	if j.State != api.Queued {
		s += " " + rowsText(j)
	}
	return s + fmt.Sprintf(" (%s)", roundDuration(elapsed))
}

// rowsText is "120/5000 rows (2%)" once the total is known, "120 rows" before.
func rowsText(j api.ImportJob) string {
	if j.RowsTotal == nil {
		return fmt.Sprintf("%d rows", j.RowsDone)
	}
	return fmt.Sprintf("%d/%d rows (%d%%)", j.RowsDone, *j.RowsTotal, percent(j.RowsDone, *j.RowsTotal))
}

// percent is done of total in whole percent, 100 for an empty file.
func percent(done, total int) int {
	if total <= 0 {
		return 100
	}
	return min(100, done*100/total)
}

// spinner turns a step a poll while the number of rows is unknown.
var spinner = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// barWidth fits the line in 80 columns with the longest state and 6-digit counts.
const barWidth = 30

// barLine is the terminal line: state, then a bar with rows and percentage when the total is
// known, or a spinner with the rows handled while it is not (the service learns the total
// only once it has read the whole file).
func barLine(j api.ImportJob, elapsed time.Duration, frame int) string {
	state := fmt.Sprintf("%-10s", j.State)
	if j.RowsTotal == nil || isFinished(j.State) && *j.RowsTotal == 0 {
		if isFinished(j.State) {
			return fmt.Sprintf("%s %d rows  %s", state, j.RowsDone, roundDuration(elapsed))
		}
		return fmt.Sprintf("%s %s %d rows  %s", state, spinner[frame%len(spinner)], j.RowsDone, roundDuration(elapsed))
	}
	pct := percent(j.RowsDone, *j.RowsTotal)
	full := pct * barWidth / 100
	bar := strings.Repeat("█", full) + strings.Repeat("░", barWidth-full)
	return fmt.Sprintf("%s [%s] %d/%d %3d%%  %s", state, bar, j.RowsDone, *j.RowsTotal, pct, roundDuration(elapsed))
}

// isFinished reports whether a job in state s will change no more.
func isFinished(s api.ImportState) bool { return s == api.Succeeded || s == api.Failed }

// roundDuration keeps what a person reads: milliseconds below a second, tenths of a second
// below a minute, seconds above.
func roundDuration(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	if d < time.Minute {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Second)
}
