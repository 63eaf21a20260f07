package main

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/importer"
)

// TestImportCommandImportsAFile: a valid models file is uploaded, followed to the end and
// summed up on stdout; the command exits 0 and the rows are in the database.
func TestImportCommandImportsAFile(t *testing.T) {
	t.Parallel()
	e := newCLIEnv(t, importer.Options{})
	file := writeFile(t, "mo-hinh.csv", modelsCSV("CLI ok", 3))
	r := e.run(file, "--kind", "models", "--unit", "DU-SCT")
	if r.err != nil {
		t.Fatalf("import: %v\n%s%s", r.err, r.stdout, r.stderr)
	}
	for _, want := range []string{"state     succeeded", "kind      models\n", "unit      DU-SCT ", "file      mo-hinh.csv (csv, ",
		"rows      3\n", "created   3\n", "problems  0\n", "duration  "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "ROW") {
		t.Errorf("a problem table without problems:\n%s", r.stdout)
	}
	if n := e.count("models", "name LIKE 'CLI ok %'"); n != 3 {
		t.Fatalf("%d models imported, want 3", n)
	}
}

// TestImportCommandDryRun: a dry run exits 0, says nothing was written, and writes nothing.
func TestImportCommandDryRun(t *testing.T) {
	t.Parallel()
	e := newCLIEnv(t, importer.Options{})
	file := writeFile(t, "m.csv", modelsCSV("CLI dry", 2))
	r := e.run("--dry-run", "--kind=models", file, "--unit", "DU-SCT") // flags on either side of FILE
	if r.err != nil || !strings.Contains(r.stdout, "dry run: nothing written") || !strings.Contains(r.stdout, "would create  2") {
		t.Fatalf("dry run: %v\n%s", r.err, r.stdout)
	}
	if n := e.count("models", "name LIKE 'CLI dry %'"); n != 0 {
		t.Fatalf("a dry run wrote %d models", n)
	}
}

// TestImportCommandListsEveryProblem: a file with bad rows fails with a non-zero exit, and the
// table lists every problem, past the 100 the job carries and the 200 of one page.
func TestImportCommandListsEveryProblem(t *testing.T) {
	t.Parallel()
	e := newCLIEnv(t, importer.Options{})
	var b strings.Builder
	b.WriteString("unit_code,Năm,name,implementer,category\n")
	b.WriteString("DU-XYZ,2025,CLI bad unit,Đơn vị,other\n") // row 2
	b.WriteString("DU-SCT,2025,CLI bad category,Đơn vị,nhóm lạ\n")
	for i := range 250 { // rows 4–253
		b.WriteString("DU-SCT,hai nghìn,CLI bad year " + strconv.Itoa(i) + ",Đơn vị,other\n")
	}
	r := e.run(writeFile(t, "bad.csv", b.String()), "--kind", "models", "--unit", "DU-SCT")
	if r.err == nil || !strings.Contains(r.err.Error(), "failed: invalid_rows") {
		t.Fatalf("err %v, want the job's failure", r.err)
	}
	if !strings.Contains(r.stdout, "state     failed") || !strings.Contains(r.stdout, "problems  252") ||
		!strings.Contains(r.stdout, "created   0 (nothing written)") ||
		!strings.Contains(r.stdout, "error     invalid_rows: ") {
		t.Fatalf("summary:\n%s", r.stdout)
	}
	if !regexp.MustCompile(`(?m)^ROW +COLUMN +CODE +MESSAGE$`).MatchString(r.stdout) {
		t.Fatalf("no table header:\n%s", r.stdout)
	}
	for _, want := range []string{`(?m)^2 +unit_code +unknown_unit +\S`, `(?m)^3 +category +unknown_category +\S`} {
		if !regexp.MustCompile(want).MatchString(r.stdout) {
			t.Errorf("no line matching %s", want)
		}
	}
	for row := 4; row <= 253; row++ {
		if !regexp.MustCompile(`(?m)^` + strconv.Itoa(row) + ` +Năm +invalid_year +\S`).MatchString(r.stdout) {
			t.Fatalf("row %d is not in the table", row)
		}
	}
	// The columns line up: every message starts where the MESSAGE header does.
	lines := strings.Split(strings.TrimSpace(r.stdout[strings.Index(r.stdout, "ROW"):]), "\n")
	at := strings.Index(lines[0], "MESSAGE")
	for _, l := range lines[1:] {
		if rs := []rune(l); len(rs) <= at || rs[at-1] != ' ' || rs[at] == ' ' {
			t.Fatalf("line not aligned on MESSAGE (%d): %q", at, l)
		}
	}
	if n := e.count("models", "name LIKE 'CLI bad %'"); n != 0 {
		t.Fatalf("%d models written by a failed import", n)
	}
}

// TestImportCommandTwiceImportsOnce: running the same command again follows the first job
// instead of importing again; a dry run is another upload; the same content under another
// name is refused with a way out.
func TestImportCommandTwiceImportsOnce(t *testing.T) {
	t.Parallel()
	e := newCLIEnv(t, importer.Options{})
	content := modelsCSV("CLI twice", 2)
	file := writeFile(t, "a.csv", content)
	first := e.run(file, "--kind", "models", "--unit", "DU-SCT")
	second := e.run(file, "--kind", "models", "--unit", "DU-SCT")
	if first.err != nil || second.err != nil {
		t.Fatalf("runs: %v / %v", first.err, second.err)
	}
	if !strings.Contains(second.stderr, "This file was uploaded before") || !strings.Contains(second.stdout, "created   2") {
		t.Fatalf("second run:\n%s%s", second.stderr, second.stdout)
	}
	if id := jobID(t, first.stdout); id != jobID(t, second.stdout) {
		t.Fatalf("two jobs: %s and %s", id, jobID(t, second.stdout))
	}
	if n := e.count("import_jobs", ""); n != 1 {
		t.Fatalf("%d jobs, want 1", n)
	}
	if n := e.count("models", "name LIKE 'CLI twice %'"); n != 2 {
		t.Fatalf("%d models, want 2", n)
	}
	// A dry run of the same file is another request, so another job (which writes nothing).
	if r := e.run(file, "--kind", "models", "--unit", "DU-SCT", "--dry-run"); r.err != nil || e.count("import_jobs", "") != 2 {
		t.Fatalf("dry run after the import: %v, %d jobs", r.err, e.count("import_jobs", ""))
	}
	// The same content under another name: the derived key is the same, the request is not.
	r := e.run(writeFile(t, "b.csv", content), "--kind", "models", "--unit", "DU-SCT")
	if r.err == nil || !strings.Contains(r.err.Error(), "idempotency_key_reused") || !strings.Contains(r.err.Error(), "--idempotency-key") {
		t.Fatalf("renamed file: %v", r.err)
	}
	// …and --idempotency-key sends it on purpose (here, rows that now exist are refused).
	if r := e.run(writeFile(t, "b.csv", content), "--kind", "models", "--unit", "DU-SCT", "--idempotency-key", "again-1"); e.count("import_jobs", "") != 3 {
		t.Fatalf("explicit key: %v, %d jobs", r.err, e.count("import_jobs", ""))
	}
}

// jobID is the job id the summary names.
func jobID(t *testing.T, stdout string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^import +(\S+)$`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no job id in:\n%s", stdout)
	}
	return m[1]
}

// TestImportCommandRefusals: what stops the command before a job exists says why.
func TestImportCommandRefusals(t *testing.T) {
	t.Parallel()
	e := newCLIEnv(t, importer.Options{})
	file := writeFile(t, "m.csv", modelsCSV("CLI refused", 1))
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"unknown unit", []string{file, "--kind", "models", "--unit", "DU-NOPE"}, []string{`unit "DU-NOPE" not found`}},
		// The client reads its bloc as an ancestor but may not import there: the service's problem.
		{"refused upload", []string{file, "--kind", "models", "--unit", "KHOI-CQDN"}, []string{"upload refused: 403", "(forbidden)"}},
		{"bad kind", []string{file, "--kind", "model", "--unit", "DU-SCT"}, []string{`--kind "model"`}},
		{"no unit", []string{file, "--kind", "models"}, []string{"import needs --unit", "usage: lamtheobac import FILE"}},
		{"no file", []string{"--kind", "models", "--unit", "DU-SCT"}, []string{"import needs exactly one FILE"}},
		{"missing file", []string{file + ".nope", "--kind", "models", "--unit", "DU-SCT"}, []string{"no such file"}},
	} {
		r := e.run(c.args...)
		for _, w := range c.want {
			if r.err == nil || !strings.Contains(r.err.Error(), w) {
				t.Errorf("%s: err %v, want %q", c.name, r.err, w)
			}
		}
	}
	if n := e.count("import_jobs", ""); n != 0 {
		t.Fatalf("%d jobs after refusals", n)
	}
	// A wrong secret is a failed login, named as such.
	wrong := func(k string) (string, bool) {
		if k == "LAMTHEOBAC_CLIENT_SECRET" {
			return "not-the-secret", true
		}
		return e.lookup(k)
	}
	if r := runWith(t, wrong, file, "--kind", "models", "--unit", "DU-SCT"); r.err == nil || !strings.Contains(r.err.Error(), "login refused") {
		t.Fatalf("wrong secret: %v", r.err)
	}
	// With --json a refusal is the service's problem+json on stdout, for scripts.
	r := e.run(file, "--kind", "models", "--unit", "KHOI-CQDN", "--json")
	var p struct{ Code string }
	if r.err == nil || json.Unmarshal([]byte(r.stdout), &p) != nil || p.Code != "forbidden" {
		t.Fatalf("--json refusal: %v\n%s", r.err, r.stdout)
	}
}

// TestImportCommandNeedsCredentials: without a client's credentials the command says which
// variables to set, before reading the file or calling the service.
func TestImportCommandNeedsCredentials(t *testing.T) {
	t.Parallel()
	file := writeFile(t, "m.csv", modelsCSV("x", 1))
	none := func(string) (string, bool) { return "", false }
	r := runWith(t, none, file, "--kind", "models", "--unit", "DU-SCT")
	if r.err == nil || !strings.Contains(r.err.Error(), "LAMTHEOBAC_CLIENT_ID and LAMTHEOBAC_CLIENT_SECRET not set") {
		t.Fatalf("err %v", r.err)
	}
	onlyID := func(k string) (string, bool) {
		return map[string]string{"LAMTHEOBAC_CLIENT_ID": "cl_x"}[k], k == "LAMTHEOBAC_CLIENT_ID"
	}
	if r := runWith(t, onlyID, file, "--kind", "models", "--unit", "DU-SCT"); r.err == nil || !strings.Contains(r.err.Error(), "LAMTHEOBAC_CLIENT_SECRET not set") {
		t.Fatalf("err %v", r.err)
	}
	badURL := func(k string) (string, bool) {
		return map[string]string{"LAMTHEOBAC_CLIENT_ID": "a", "LAMTHEOBAC_CLIENT_SECRET": "b", "LAMTHEOBAC_URL": "localhost:8080"}[k], true
	}
	if r := runWith(t, badURL, file, "--kind", "models", "--unit", "DU-SCT"); r.err == nil || !strings.Contains(r.err.Error(), "LAMTHEOBAC_URL") {
		t.Fatalf("err %v", r.err)
	}
}

// TestImportCommandPlainProgress: off a terminal, progress is plain lines on stderr, one per
// state the command saw (no redrawing, no escape codes), and --json prints the final job.
func TestImportCommandPlainProgress(t *testing.T) {
	t.Parallel()
	// Each row takes a while, so that the job is seen applying before its end.
	slow := func(ctx context.Context, _ uuid.UUID, _ importer.State, _ int) {
		select {
		case <-ctx.Done():
		case <-time.After(250 * time.Millisecond):
		}
	}
	e := newCLIEnv(t, importer.Options{AfterRow: slow})
	r := e.run(writeFile(t, "m.csv", modelsCSV("CLI slow", 6)), "--kind", "models", "--unit", "DU-SCT", "--json")
	if r.err != nil {
		t.Fatalf("import: %v\n%s", r.err, r.stderr)
	}
	if strings.ContainsAny(r.stderr, "\r\x1b") {
		t.Fatalf("terminal codes off a terminal: %q", r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if !strings.HasPrefix(lines[0], "Uploaded ") {
		t.Fatalf("first line %q", lines[0])
	}
	var states []string
	line := regexp.MustCompile(`^(queued|validating|applying|succeeded|failed): (\d+ rows|\d+/\d+ rows \(\d+%\))? ?\(\d[\d.msh]*\)$`)
	for _, l := range lines[1:] {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("not a progress line: %q\n%s", l, r.stderr)
		}
		states = append(states, m[1])
	}
	got := strings.Join(states, " ")
	// A clean file is read once, written as it is checked: applying, then the end (validating
	// appears only after a problem, when the rest of the file is read for the other problems).
	if strings.Contains(got, "validating") || !strings.Contains(got, "applying") || !strings.HasSuffix(got, "succeeded") || len(states) > 6 {
		t.Fatalf("states %q, want applying and the end (the 5 s throttle holds the rest back)\n%s", got, r.stderr)
	}
	if !strings.Contains(r.stderr, "succeeded: 6/6 rows (100%)") {
		t.Fatalf("no final line:\n%s", r.stderr)
	}
	var job struct {
		State        string `json:"state"`
		CreatedCount int    `json:"created_count"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &job); err != nil || job.State != "succeeded" || job.CreatedCount != 6 {
		t.Fatalf("--json: %v %+v\n%s", err, job, r.stdout)
	}
}
