package httpapi_test

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"lamtheobac/internal/app"
	"lamtheobac/internal/importer"
)

// TestImportUnitsUsersNominations: the other kinds, each with the rules of creating it through
// the API, and rows that refer to units created by earlier rows of the same file.
func TestImportUnitsUsersNominations(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})

	units := csvOf(",", []string{"Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Cấp"},
		[]string{"IU-DU1", "Đảng ủy Công ty Điện lực", "KHOI-CQDN", "Đảng ủy cơ sở"},
		[]string{"IU-CB1", "Chi bộ Phòng Kỹ thuật", "IU-DU1", ""},
		[]string{"IU-CB2", "Chi bộ Phòng Kinh doanh", "IU-DU1", "cell"},
	)
	j := e.run(upload{user: "bloc.officer", unit: "KHOI-CQDN", kind: "units", name: "don-vi.csv", data: units})
	if j.State != "succeeded" || j.CreatedCount != 3 {
		t.Fatalf("units: %+v", j)
	}
	if n := e.count("units", "code LIKE 'IU-CB%' AND parent_id = (SELECT id FROM units WHERE code = 'IU-DU1')"); n != 2 {
		t.Fatalf("%d cells under the imported committee, want 2", n)
	}
	bad := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "units", name: "x.csv",
		data: csvOf(",", []string{"code", "name", "parent_code"},
			[]string{"CB-VP", "Trùng mã", "DU-SCT"},          // the code exists
			[]string{"IU-X1", "Chi bộ mới", "KHOI-CQDN"},     // the parent is above the subtree
			[]string{"IU-X2", "Chi bộ dưới chi bộ", "CB-VP"}, // a cell has no units under it
			[]string{"IU-X3", "Chi bộ A", "DU-SCT"},
			[]string{"IU-X3", "Chi bộ A lặp", "DU-SCT"}, // repeats the row above
		)})
	for _, c := range []struct {
		row         int
		field, code string
	}{{2, "code", "duplicate"}, {3, "parent_code", "unit_outside_subtree"}, {4, "parent_code", "wrong_parent_kind"}, {6, "code", "duplicate"}} {
		if !bad.hasProblem(c.row, c.field, c.code) {
			t.Errorf("units: no %s on %s at row %d: %+v", c.code, c.field, c.row, bad.Problems)
		}
	}

	users := csvOf(",", []string{"username", "full_name", "unit_code", "email", "role", "password"},
		[]string{"iu.bithu", "Ngô Văn Bình", "IU-CB1", "binh@example.vn", "cell_secretary", "mat-khau-2025"},
		[]string{"iu.dangvien", "Đỗ Thị Mai", "IU-CB1", "", "member", ""},
	)
	j = e.run(upload{user: "bloc.officer", unit: "KHOI-CQDN", kind: "users", name: "u.csv", data: users})
	if j.State != "succeeded" || j.CreatedCount != 2 {
		t.Fatalf("users: %+v", j)
	}
	if n := e.count("role_assignments", "role = 'cell_secretary' AND principal_id = (SELECT id FROM users WHERE username = 'iu.bithu')"); n != 1 {
		t.Fatal("the imported secretary has no role")
	}
	// The imported password works; a user imported without one cannot log in.
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"username": "iu.bithu", "password": "mat-khau-2025"}})
	problem(t, e.do(req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"username": "iu.dangvien", "password": ""}}), 400, "validation")
	bad = e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "users", name: "u.csv",
		data: csvOf(",", []string{"username", "full_name", "unit_code", "role"},
			[]string{"iu.bithu", "Trùng tên", "CB-VP", ""},             // taken
			[]string{"iu.sep", "Cấp trên", "DU-SCT", "bloc_officer"},   // a role above the officer's own
			[]string{"iu.lap", "Lặp lại", "CB-VP", ""},                 //
			[]string{"IU.LAP", "Lặp lại chữ hoa", "CB-VP", ""},         // the same username in other case
			[]string{"iu.ngoai", "Ngoài cây", "CB-BTTP", "member"},     // outside DU-SCT
			[]string{"iu.la", "Vai trò lạ", "CB-VP", "chief_of_staff"}, // unknown role
		)})
	for _, c := range []struct {
		row         int
		field, code string
	}{{2, "username", "duplicate"}, {3, "unit_code", "not_permitted"}, {5, "username", "duplicate"}, {6, "unit_code", "unit_outside_subtree"}, {7, "role", "unknown_role"}} {
		if !bad.hasProblem(c.row, c.field, c.code) {
			t.Errorf("users: no %s on %s at row %d: %+v", c.code, c.field, c.row, bad.Problems)
		}
	}

	noms := csvOf(",", []string{"Mã đơn vị đề nghị", "Năm", "Tập thể/ cá nhân", "Mã đơn vị được đề nghị", "Họ và tên", "Chức vụ", "Đảng viên", "Cán bộ lãnh đạo, quản lý", "Thành tích tiêu biểu"},
		[]string{"DU-SCT", "2025", "Cá nhân", "CB-VP", "Phan Văn Hùng", "Chánh Văn phòng", "x", "có", "Hoàn thành xuất sắc nhiệm vụ"},
		[]string{"DU-SCT", "2025", "Tập thể", "CB-QLTM", "", "", "", "", "Tập thể tiêu biểu"},
		[]string{"DU-SCT", "2025", "Cá nhân", "", "Lý Thị Thu", "Chuyên viên", "không", "", ""},
	)
	j = e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "nominations", name: "n.csv", data: noms})
	if j.State != "succeeded" || j.CreatedCount != 3 {
		t.Fatalf("nominations: %+v", j)
	}
	if n := e.count("nominations", "person_name = 'Phan Văn Hùng' AND party_member AND leader AND status = 'draft'"); n != 1 {
		t.Fatal("the individual nomination lost its flags")
	}
	if n := e.count("nominations", "person_name = 'Lý Thị Thu' AND subject_unit_id = (SELECT id FROM units WHERE code = 'DU-SCT')"); n != 1 {
		t.Fatal("an individual without a unit code should work in the nominating unit")
	}
	bad = e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "nominations", name: "n.csv",
		data: csvOf(",", []string{"unit_code", "year", "subject_kind", "full_name", "party_member"},
			[]string{"DU-SCT", "2025", "Cá nhân", "", "có"},
			[]string{"DU-SCT", "2025", "Ai", "A", "có"},
			[]string{"DU-SCT", "2025", "Cá nhân", "B", "chắc vậy"},
		)})
	for _, c := range []struct {
		row         int
		field, code string
	}{{2, "full_name", "validation"}, {3, "subject_kind", "unknown_subject_kind"}, {4, "party_member", "invalid_boolean"}} {
		if !bad.hasProblem(c.row, c.field, c.code) {
			t.Errorf("nominations: no %s on %s at row %d: %+v", c.code, c.field, c.row, bad.Problems)
		}
	}
}

// TestImportXLSX: the template downloads with the Vietnamese headers, and filled in it imports;
// a formula cell gives its stored value, never evaluated; a zip bomb is refused.
func TestImportXLSX(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	got := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/import-templates/models.xlsx", User: "committee.officer"})
	if cd := got.Header.Get("Content-Disposition"); cd != `attachment; filename="mau-nhap-models.xlsx"` {
		t.Fatalf("Content-Disposition %q", cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader(got.Body))
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if len(sheets) != 2 || sheets[0] != "Dữ liệu" || sheets[1] != "Hướng dẫn" {
		t.Fatalf("sheets %v", sheets)
	}
	header, _ := f.GetRows("Dữ liệu")
	if len(header) != 1 || header[0][2] != "Tên mô hình/ cách làm hay" || header[0][4] != "Tập thể/ cá nhân/ đơn vị thực hiện" {
		t.Fatalf("template header %v", header)
	}
	// Fill it as an officer would: the year of the second row is a formula with its cached value.
	cols := map[string]string{}
	for i, h := range header[0] {
		c, _ := excelize.ColumnNumberToName(i + 1)
		cols[h] = c
	}
	set := func(row int, h string, v any) {
		if err := f.SetCellValue("Dữ liệu", cols[h]+itoa(row), v); err != nil {
			t.Fatal(err)
		}
	}
	for i, name := range []string{"XL Thư viện sách Bác Hồ", "XL Mỗi tháng một công trình"} {
		row := i + 2
		set(row, "Mã đơn vị", "DU-SCT")
		set(row, "Năm", 2025)
		set(row, "Tên mô hình/ cách làm hay", name)
		set(row, "Tập thể/ cá nhân/ đơn vị thực hiện", "Đơn vị")
		set(row, "Nhóm mô hình", "other")
	}
	if err := f.SetCellFormula("Dữ liệu", cols["Năm"]+"3", "=2024+1"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	j := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "mau.xlsx", data: buf.Bytes()})
	if j.State != "succeeded" || j.CreatedCount != 2 {
		t.Fatalf("filled template: %+v", j)
	}
	if n := e.count("models", "name LIKE 'XL %' AND year = 2025"); n != 2 {
		t.Fatalf("%d models of 2025 from the template, want 2", n)
	}

	// A formula with no stored value reads as empty: the required year is reported missing.
	f2 := excelize.NewFile()
	for i, v := range []string{"unit_code", "year", "name", "implementer", "category"} {
		c, _ := excelize.CoordinatesToCellName(i+1, 1)
		f2.SetCellStr("Sheet1", c, v)
	}
	for i, v := range []string{"DU-SCT", "", "XL công thức", "Đơn vị", "other"} {
		c, _ := excelize.CoordinatesToCellName(i+1, 2)
		f2.SetCellStr("Sheet1", c, v)
	}
	f2.SetCellFormula("Sheet1", "B2", "=YEAR(TODAY())")
	buf.Reset()
	f2.Write(&buf)
	j = e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "f.xlsx", data: buf.Bytes()})
	if j.State != "failed" || !j.hasProblem(2, "year", "") {
		t.Fatalf("formula without a value: %+v", j)
	}

	// A zip bomb: an entry declaring 600 MiB is refused before anything is unpacked.
	buf.Reset()
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CompressedSize64: 2, UncompressedSize64: 600 << 20})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte{0x03, 0x00})
	zw.Close()
	j = e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "bomb.xlsx", data: buf.Bytes()})
	if j.State != "failed" || !j.hasProblem(0, "", "xlsx_too_large") {
		t.Fatalf("zip bomb: %+v", j)
	}
}

// TestImportStopDuringApplying: a stop while a job writes rolls everything back; the job is
// failed as interrupted and, retried, imports every row once. A job left running by a process
// that died (its heartbeat stopped) is failed the same way by the sweeper of another process.
func TestImportStopDuringApplying(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var stopWorkers context.CancelFunc
	var e *env
	var whileApplying *importer.Job // what clients read of the job in the middle of writing
	hook := func(ctx context.Context, id uuid.UUID, state importer.State, row int) {
		mu.Lock()
		defer mu.Unlock()
		if state == importer.Applying && row == 500 && stopWorkers != nil {
			if j, err := e.store.GetImportJob(ctx, id, 0); err == nil {
				whileApplying = &j
			}
			stopWorkers() // the process is told to stop in the middle of writing
			stopWorkers = nil
		}
	}
	e = newEnvWith(t, app.Options{Imports: importer.Options{Poll: 20 * time.Millisecond, AfterRow: hook}})
	ctx, cancel := context.WithCancel(context.Background())
	mu.Lock()
	stopWorkers = cancel
	mu.Unlock()
	done := make(chan struct{})
	go func() { e.app.Imports.Run(ctx); close(done) }()

	job := e.submit(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "a.csv", data: modelRows("DU-SCT", "STOP", 3000)})
	<-done
	var j importJob
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/imports/" + job.ID, User: "committee.officer"}).Decode(t, &j)
	if j.State != "failed" || j.Error == nil || j.Error.Code != "interrupted" || !j.Retryable {
		t.Fatalf("after the stop: %+v", j)
	}
	if n := e.countModels("STOP"); n != 0 || j.CreatedCount != 0 {
		t.Fatalf("%d rows of an interrupted job were kept (created_count %d)", n, j.CreatedCount)
	}
	// The file is read once, written as it is read: the job is applying from its claim, and
	// its total is known once it has been read through.
	if mu.Lock(); whileApplying == nil || whileApplying.State != importer.Applying || whileApplying.RowsTotal != nil {
		t.Errorf("while applying, the job was %+v, want applying without a total", whileApplying)
	}
	mu.Unlock()
	startImports(t, e)
	var retried importJob
	e.must(http.StatusAccepted, req{Method: "POST", Path: "/api/v1/imports/" + job.ID + "/retry", User: "committee.officer"}).Decode(t, &retried)
	if retried.State != "queued" {
		t.Fatalf("retried job: %+v", retried)
	}
	j = e.waitJob("committee.officer", job.ID)
	if j.State != "succeeded" || j.CreatedCount != 3000 || j.Attempts != 2 {
		t.Fatalf("after the retry: %+v", j)
	}
	if n := e.countModels("STOP"); n != 3000 {
		t.Fatalf("%d rows after the retry, want 3000", n)
	}

	// A process that died while applying: its job keeps state applying with a lapsed lease.
	dead := e.submit(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "a.csv", data: modelRows("DU-SCT", "DEAD", 1), dryRun: true})
	e.waitJob("committee.officer", dead.ID)
	db, err := e.store.SQL()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE import_jobs SET state = 'applying', heartbeat_at = now() - interval '10 minutes', lease_until = now() - interval '1 second', error_code = NULL WHERE id = $1", dead.ID); err != nil {
		t.Fatal(err)
	}
	other := app.Options{Imports: importer.Options{Lease: 100 * time.Millisecond, SweepEvery: 20 * time.Millisecond, Poll: 20 * time.Millisecond}}
	e2 := newEnvSharing(t, e, other)
	startImports(t, e2)
	j = e.waitJob("committee.officer", dead.ID)
	if j.State != "failed" || j.Error == nil || j.Error.Code != "interrupted" || !j.Retryable {
		t.Fatalf("the dead process's job: %+v", j)
	}
}

// TestImportHundredThousandModels: a 100,000-row file (about 10 MB) is validated and applied in
// constant memory, in one read: the live heap (after a collection) at row 90,000 is within a
// few MB of what it was at row 10,000. Not parallel, so that no other test's memory is measured.
func TestImportHundredThousandModels(t *testing.T) {
	if testing.Short() {
		t.Skip("large import")
	}
	var mu sync.Mutex
	live := map[importer.State]map[int]uint64{importer.Applying: {}}
	measure := func(_ context.Context, _ uuid.UUID, state importer.State, row int) {
		// Two samples early and two late: a single sample can catch another goroutine of the
		// test binary mid-allocation, a leak shows in every late one.
		if row != 10000 && row != 20000 && row != 80000 && row != 90000 {
			return
		}
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		mu.Lock()
		live[state][row] = m.HeapAlloc
		mu.Unlock()
	}
	e := newImportEnv(t, importer.Options{AfterRow: measure})
	j := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "big.csv", data: modelRows("DU-SCT", "BIG", 100000)})
	if j.State != "succeeded" || j.CreatedCount != 100000 || j.RowsTotal == nil || *j.RowsTotal != 100000 {
		t.Fatalf("job: %+v", j)
	}
	if n := e.countModels("BIG"); n != 100000 {
		t.Fatalf("%d models, want 100000", n)
	}
	if n := e.count("audit_events, jsonb_array_elements_text(after->'ids') AS id", "import_id = $1", j.ID); n != 100000 {
		t.Fatalf("the audit events name %d models, want 100000", n)
	}
	if n := e.count("audit_events", "import_id = $1", j.ID); n != 100000/2000 {
		t.Fatalf("%d audit events name the job, want one per 2,000 models", n)
	}
	mu.Lock()
	defer mu.Unlock()
	for state, at := range live {
		early, late := max(at[10000], at[20000]), min(at[80000], at[90000])
		t.Logf("%s: live heap %d–%d MB at rows 10,000–20,000, %d–%d MB at rows 80,000–90,000", state,
			at[10000]>>20, at[20000]>>20, at[80000]>>20, at[90000]>>20)
		if at[10000] == 0 || at[20000] == 0 || late == 0 || late > early+4<<20 {
			t.Errorf("%s: the live heap grew from %d to %d bytes over 60,000 rows", state, early, late)
		}
	}
}

// TestImportJobsAreTheirUploaders: a job is read by its uploader and those who read its unit's
// audit trail; the list shows each caller only those.
func TestImportJobsAreTheirUploaders(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	j := e.run(upload{user: "cell.secretary", unit: "CB-VP", kind: "models", name: "a.csv", data: modelRows("CB-VP", "OWN", 1), dryRun: true})
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/imports/" + j.ID, User: "committee.officer"})
	e.must(http.StatusNotFound, req{Method: "GET", Path: "/api/v1/imports/" + j.ID, User: "member"})
	e.must(http.StatusNotFound, req{Method: "GET", Path: "/api/v1/imports/" + j.ID, User: "cell.secretary2"})
	for user, want := range map[string]int{"cell.secretary": 1, "committee.officer": 1, "member": 0, "cell.secretary2": 0} {
		l := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/imports", User: user}).JSON(t)
		if n := len(l["items"].([]any)); n != want {
			t.Errorf("%s lists %d jobs, want %d", user, n, want)
		}
	}
	l := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/imports?state=failed", User: "committee.officer"}).JSON(t)
	if n := len(l["items"].([]any)); n != 0 {
		t.Errorf("state filter: %d failed jobs listed", n)
	}
}
