package httpapi_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"lamtheobac/internal/importer"
	"lamtheobac/internal/limits"
)

var modelHeader = []string{"Mã đơn vị", "Năm", "Tên mô hình/ cách làm hay", "Nội dung", "Tập thể/ cá nhân/ đơn vị thực hiện",
	"Nhóm mô hình", "Các mốc thực hiện", "Trạng thái"}

// TestImportModelsDryRunThenApply: a committee officer imports its own drafts and its cells'
// approved records of past years, from a semicolon CSV with a BOM and Vietnamese headers. The dry
// run writes nothing; the real run writes every row once, audited with the job id.
func TestImportModelsDryRunThenApply(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	data := append([]byte("\xEF\xBB\xBF"), csvOf(";", modelHeader,
		[]string{"DU-SCT", "2025", "NK Mô hình dân vận khéo", "Học tác phong gần dân", "Tập thể: Phòng Tổ chức", "Xây dựng nông thôn mới, đô thị văn minh", "15/03/2025: Khảo sát; 2025-06-30: Sơ kết", ""},
		[]string{"CB-VP", "2023", "NK Tiết kiệm điện văn phòng", "Thực hành tiết kiệm", "Đơn vị", "workplace_environment", "", "Đã hoàn thành"},
		[]string{"CB-QLTM", "2024", "NK Một việc tốt mỗi tuần", "", "Cá nhân: Nguyễn Thị Hoa", "other", "", "approved"},
	)...)
	before := e.count("models", "")
	dry := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "mo-hinh.csv", data: data, dryRun: true})
	if dry.State != "succeeded" || !dry.DryRun || dry.CreatedCount != 3 || dry.ProblemCount != 0 || dry.RowsTotal == nil || *dry.RowsTotal != 3 {
		t.Fatalf("dry run: %+v", dry)
	}
	if n := e.count("models", ""); n != before {
		t.Fatalf("a dry run wrote %d models", n-before)
	}
	j := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "mo-hinh.csv", data: data})
	if j.State != "succeeded" || j.CreatedCount != 3 || j.Error != nil {
		t.Fatalf("import: %+v", j)
	}
	if n := e.countModels("NK "); n != 3 {
		t.Fatalf("%d models imported, want 3", n)
	}
	if n := e.count("models", "name = 'NK Tiết kiệm điện văn phòng' AND status = 'completed' AND year = 2023"); n != 1 {
		t.Fatal("the completed record of 2023 is not there as completed")
	}
	if n := e.count("models", "name = 'NK Mô hình dân vận khéo' AND status = 'draft' AND category = 'new_rural_civilized_urban' AND jsonb_array_length(measures->'milestones') = 2"); n != 1 {
		t.Fatal("the draft lost its category or its two milestones (dd/mm/yyyy and yyyy-mm-dd)")
	}
	// One event per unit names the job and the records it created from the file's rows.
	if n := e.count("audit_events, jsonb_array_elements_text(after->'ids') AS id", "action = 'model.import' AND import_id = $1", j.ID); n != 3 {
		t.Fatalf("the job's model.import audit events name %d models, want 3", n)
	}
	// Who created a record, and from which import: the trail's search by resource finds it.
	db, err := e.store.SQL()
	if err != nil {
		t.Fatal(err)
	}
	var id string
	if err := db.QueryRow("SELECT id FROM models WHERE name = 'NK Tiết kiệm điện văn phòng'").Scan(&id); err != nil {
		t.Fatal(err)
	}
	trail := e.auditEvents("committee.officer", "DU-SCT", "?resource_id="+id)
	if len(trail.Items) != 1 {
		t.Fatalf("the trail of the imported model: %+v", trail.Items)
	}
	if ev := trail.Items[0]; ev.Action != "model.import" || ev.ImportID == nil || *ev.ImportID != j.ID || ev.ActorName == "" || ev.ActorKind != "user" ||
		ev.UnitID == nil || *ev.UnitID != e.units["CB-VP"].String() || !slices.Contains(ev.After["ids"].([]any), any(id)) {
		t.Fatalf("the import's event of the model: %+v", ev)
	}
	// The records read back through the API like any other.
	list := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/units/" + e.units["DU-SCT"].String() + "/models?scope=subtree&q=NK", User: "committee.officer"}).JSON(t)
	if items := list["items"].([]any); len(items) != 3 {
		t.Fatalf("the API lists %d imported models, want 3", len(items))
	}
}

// TestImportAllOrNothing: one bad row and nothing is written; every problem names its row,
// column and field.
func TestImportAllOrNothing(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	data := csvOf(",", []string{"unit_code", "year", "name", "implementer", "category", "milestones"},
		[]string{"DU-SCT", "2025", "AON một", "Tập thể", "other", ""},
		[]string{"DU-SCT", "hai nghìn", "AON hai", "Tập thể", "other", "31/02/2025: ngày không có"},
		[]string{"DU-SCT", "2025", "AON ba", "Ai đó", "nhóm lạ", ""},
		[]string{"DU-XYZ", "2025", "AON bốn", "Đơn vị", "other", ""},
		[]string{"DU-STP", "2025", "AON năm", "Đơn vị", "other", ""},
		[]string{"DU-SCT", "2025", "=HYPERLINK(\"x\")", "Đơn vị", "other", ""},
		[]string{"DU-SCT", "2025", "AON bảy", "Đơn vị", "other", ""},
	)
	j := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "x.csv", data: data})
	if j.State != "failed" || j.Error == nil || j.Error.Code != "invalid_rows" || j.Retryable || j.CreatedCount != 0 {
		t.Fatalf("job: %+v", j)
	}
	for _, c := range []struct {
		row         int
		field, code string
	}{{3, "year", "invalid_year"}, {3, "milestones", "invalid_date"}, {4, "implementer", "unknown_implementer"},
		{4, "category", "unknown_category"}, {5, "unit_code", "unknown_unit"}, {6, "unit_code", "unit_outside_subtree"}, {7, "name", "formula"}} {
		if !j.hasProblem(c.row, c.field, c.code) {
			t.Errorf("no problem %s on %s at row %d: %+v", c.code, c.field, c.row, j.Problems)
		}
	}
	for _, p := range j.Problems {
		if p.Field == "year" && p.Column != "year" {
			t.Errorf("the problem names column %q, want the header as written", p.Column)
		}
	}
	if n := e.countModels("AON"); n != 0 {
		t.Fatalf("%d models written by a failed import", n)
	}
	// Every problem is also paged through /problems.
	page := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/imports/" + j.ID + "/problems?limit=2", User: "committee.officer"}).JSON(t)
	if items := page["items"].([]any); len(items) != 2 || page["next_cursor"] == nil {
		t.Fatalf("problems page: %s", jsonString(page))
	}
	all := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/imports/" + j.ID + "/problems?limit=200", User: "committee.officer"}).JSON(t)
	if n := len(all["items"].([]any)); n != j.ProblemCount {
		t.Fatalf("%d problems listed, job counts %d", n, j.ProblemCount)
	}
	// A job with problems in its file is not retried: the file must be fixed.
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/imports/" + j.ID + "/retry", User: "committee.officer"}), 409, "not_retryable")
}

// TestImportRowRights: rows are checked against the rules of creating each record: a committee
// officer writes its own unit's drafts and its cells' approved records, never a cell's draft.
func TestImportRowRights(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	data := csvOf(",", []string{"unit_code", "year", "name", "implementer", "category", "status"},
		[]string{"CB-VP", "2025", "RR nháp của chi bộ", "Đơn vị", "other", ""},
		[]string{"DU-SCT", "2025", "RR của đảng ủy đã duyệt", "Đơn vị", "other", "approved"},
		[]string{"DU-SCT", "2025", "RR trả lại", "Đơn vị", "other", "returned"},
	)
	j := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "x.csv", data: data})
	if j.State != "failed" || !j.hasProblem(2, "unit_code", "not_permitted") || !j.hasProblem(3, "unit_code", "not_permitted") ||
		!j.hasProblem(4, "status", "unknown_status") {
		t.Fatalf("job: %+v", j)
	}
	// The cell secretary imports the cell's drafts.
	ok := e.run(upload{user: "cell.secretary", unit: "CB-VP", kind: "models", name: "x.csv",
		data: csvOf(",", []string{"unit_code", "year", "name", "implementer", "category", "status"},
			[]string{"CB-VP", "2025", "RR nháp của chi bộ", "Đơn vị", "other", "registered"})})
	if ok.State != "succeeded" || e.count("models", "name = 'RR nháp của chi bộ' AND status = 'registered' AND registered_by IS NOT NULL") != 1 {
		t.Fatalf("cell import: %+v", ok)
	}
	// Uploading into a unit one only reads as an ancestor is refused outright.
	problem(t, e.send(upload{user: "cell.secretary", unit: "DU-SCT", kind: "models", name: "x.csv", data: []byte("a")}), 403, "forbidden")
	problem(t, e.send(upload{user: "inspector", unit: "KHOI-CQDN", kind: "models", name: "x.csv", data: []byte("a")}), 403, "forbidden")
}

// TestImportBadFiles: every kind of bad file gets a clear answer, at upload or as a job-level
// problem, never a 500, and nothing is written.
func TestImportBadFiles(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	up := func(name string, data []byte) upload {
		return upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: name, data: data}
	}
	t.Run("refused at upload", func(t *testing.T) {
		problem(t, e.send(up("empty.csv", []byte{})), 422, "empty_file")
		problem(t, e.send(upload{user: "committee.officer", unit: "DU-SCT", kind: "wages", name: "a.csv", data: []byte("x")}), 400, "validation")
		problem(t, e.send(upload{user: "committee.officer", unit: "DU-SCT", name: "a.csv", data: []byte("x")}), 400, "validation")
		problem(t, e.send(upload{user: "committee.officer", unit: "DU-SCT", kind: "models"}), 400, "validation")
		problem(t, e.send(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "a.csv", data: []byte("x"), extra: map[string]string{"dry_run": "maybe"}}), 400, "validation")
		problem(t, e.send(up("fake.xlsx", []byte("unit_code,year\n"))), 422, "invalid_xlsx")
		problem(t, e.send(up("old.xls", []byte{0xD0, 0xCF, 0x11, 0xE0})), 422, "unsupported_format")
		// Streamed rather than built in memory: the limit is 256 MiB.
		big, _ := e.uploadRequest(uploadForm{kind: "models", file: limits.ImportFile + 10}, "DU-SCT", "committee.officer", false)
		got := e.serve(big)
		if got.Status != http.StatusRequestEntityTooLarge {
			t.Fatalf("a file over %d bytes: %d %s", limits.ImportFile, got.Status, got.Body)
		}
		if n := e.count("import_jobs", ""); n != 0 {
			t.Fatalf("%d jobs left by refused uploads", n)
		}
	})
	cases := []struct {
		name, file string
		data       []byte
		row        int
		code       string
	}{
		{"unknown column", "a.csv", csvOf(",", []string{"unit_code", "year", "name", "implementer", "category", "lương"}, []string{"DU-SCT", "2025", "B", "Đơn vị", "other", "1"}), 1, "unknown_column"},
		{"missing required column", "a.csv", csvOf(",", []string{"unit_code", "name", "implementer", "category"}, []string{"DU-SCT", "B", "Đơn vị", "other"}), 1, "missing_column"},
		{"header only", "a.csv", csvOf(",", []string{"unit_code", "year", "name", "implementer", "category"}), 0, "no_rows"},
		{"broken UTF-8", "a.csv", append(csvOf(",", []string{"unit_code", "year", "name", "implementer", "category"}), []byte("DU-SCT,2025,B\xff\xfe,Đơn vị,other\r\n")...), 2, "invalid_utf8"},
		{"not a workbook inside", "a.bin", append([]byte("PK\x03\x04"), make([]byte, 100)...), 0, "corrupt_file"},
		{"csv garbage quoting", "a.csv", []byte("unit_code,year,name,implementer,category\n\"DU-SCT\"x\"\n"), 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			j := e.run(up(c.file, c.data))
			if j.State != "failed" || j.Error == nil || j.ProblemCount == 0 {
				t.Fatalf("job: %+v", j)
			}
			if c.code != "" && !j.hasProblem(c.row, "", c.code) {
				t.Fatalf("no %s problem at row %d: %+v", c.code, c.row, j.Problems)
			}
		})
	}
	if n := e.count("audit_events", "import_id IS NOT NULL"); n != 0 {
		t.Fatalf("bad files wrote %d records", n)
	}
}

// TestImportNFDAndDates: Vietnamese typed in NFD (headers too) is stored as NFC; dates are read
// as dd/mm/yyyy or yyyy-mm-dd.
func TestImportNFDAndDates(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	nfd := func(s string) string { return norm.NFD.String(s) }
	header := []string{nfd("Mã đơn vị"), nfd("Năm"), nfd("Tên mô hình/ cách làm hay"), nfd("Tập thể/ cá nhân/ đơn vị thực hiện"), "category", "milestones"}
	data := csvOf(",", header, []string{"DU-SCT", "2025", nfd("NFD Học tập và làm theo"), nfd("Cá nhân: Trần Văn Đức"), "other", "1/2/2025: bắt đầu\n2025-12-31: tổng kết"})
	j := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "nfd.csv", data: data})
	if j.State != "succeeded" {
		t.Fatalf("job: %+v", j)
	}
	if n := e.count("models", "name = $1 AND implementer_name = $2 AND measures->'milestones'->0->>'date' LIKE '2025-02-01%'",
		"NFD Học tập và làm theo", "Trần Văn Đức"); n != 1 {
		t.Fatal("the NFD row was not stored as NFC with its dates")
	}
}

// TestImportIdempotentRetry: the same file with the same Idempotency-Key (a new multipart
// boundary each time, as real clients send) answers the first job and imports once.
func TestImportIdempotentRetry(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	data := csvOf(",", []string{"unit_code", "year", "name", "implementer", "category"}, []string{"DU-SCT", "2025", "IDEM một", "Đơn vị", "other"})
	u := upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "a.csv", data: data, header: map[string]string{"Idempotency-Key": "import-2025-01"}}
	first := e.submit(u)
	second := e.send(u)
	if second.Status != http.StatusAccepted || second.Header.Get("Idempotent-Replayed") != "true" || !strings.Contains(string(second.Body), first.ID) {
		t.Fatalf("retry: %d %v %s", second.Status, second.Header, second.Body)
	}
	e.waitJob("committee.officer", first.ID)
	if n := e.count("import_jobs", ""); n != 1 {
		t.Fatalf("%d jobs for one file", n)
	}
	if n := e.countModels("IDEM"); n != 1 {
		t.Fatalf("%d models, want 1", n)
	}
	// The same key with another file is refused.
	u.data = csvOf(",", []string{"unit_code", "year", "name", "implementer", "category"}, []string{"DU-SCT", "2025", "IDEM hai", "Đơn vị", "other"})
	problem(t, e.send(u), 422, "idempotency_key_reused")
}

// modelRows is a models CSV of n valid draft rows of the unit with code.
func modelRows(code, prefix string, n int) []byte {
	var b strings.Builder
	b.WriteString("unit_code,year,name,implementer,category,learning_content\n")
	for i := range n {
		b.WriteString(code + ",2025," + prefix + " " + strconv.Itoa(i) + ",Đơn vị,other,Học tập và làm theo tư tưởng đạo đức phong cách Hồ Chí Minh\n")
	}
	return []byte(b.String())
}
