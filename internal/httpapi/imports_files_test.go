package httpapi_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"lamtheobac/internal/importer"
)

// sheetXML is a first sheet of inline-string cells, as spreadsheet programs may write it.
func sheetXML(rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, r := range rows {
		fmt.Fprintf(&b, `<row r="%d">`, i+1)
		for j, c := range r {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>`, ref)
			_ = xml.EscapeText(&b, []byte(c))
			b.WriteString(`</t></is></c>`)
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.Bytes()
}

// xlsxWithSheet is a workbook (excelize's empty one) whose first sheet is sheet, deflated and
// stored under a zip header that edit may falsify.
func xlsxWithSheet(t *testing.T, sheet []byte, edit func(h *zip.FileHeader)) []byte {
	t.Helper()
	var base bytes.Buffer
	if err := excelize.NewFile().Write(&base); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.DefaultCompression)
		fw.Write(sheet)
		fw.Close()
		h := &zip.FileHeader{Name: f.Name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(sheet),
			CompressedSize64: uint64(comp.Len()), UncompressedSize64: uint64(len(sheet))}
		if edit != nil {
			edit(h)
		}
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(comp.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// cfRows is a models sheet: the header and n valid rows named prefix N.
func cfRows(prefix string, n int) [][]string {
	rows := [][]string{{"unit_code", "year", "name", "implementer", "category"}}
	for i := range n {
		rows = append(rows, []string{"DU-SCT", "2025", fmt.Sprintf("%s %d", prefix, i), "Đơn vị", "other"})
	}
	return rows
}

// TestImportCorruptXLSX: a damaged or truncated workbook fails as a whole with corrupt_file and
// writes nothing, where excelize alone reads what it can and stops quietly: a sheet entry that
// declares 3 KiB but inflates to megabytes, a checksum that does not hold, a file cut short, a
// zip header over garbage, a sheet cut mid-row or holding bytes that are not UTF-8.
func TestImportCorruptXLSX(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	sound := sheetXML(cfRows("CF", 3))
	bigSheet := sheetXML(cfRows("CF", 25000)) // about 6 MiB of XML, more than the 4 MiB excelize keeps in memory
	whole := xlsxWithSheet(t, sound, nil)
	// Bytes that are not UTF-8 in row 6, written raw (xml.EscapeText would replace them).
	badUTF8 := bytes.Replace(sheetXML(append(cfRows("CF", 4), []string{"DU-SCT", "2025", "CF NOT-UTF-8", "Đơn vị", "other"},
		[]string{"DU-SCT", "2025", "CF 6", "Đơn vị", "other"})), []byte("NOT-UTF-8"), []byte("\xff\xfe"), 1)
	cut := sound[:bytes.Index(sound, []byte(`<row r="4">`))+30]
	cases := []struct {
		name string
		data []byte
	}{
		{"declared size lies", xlsxWithSheet(t, bigSheet, func(h *zip.FileHeader) { h.UncompressedSize64 = 3 << 10 })},
		{"bad checksum", xlsxWithSheet(t, sound, func(h *zip.FileHeader) { h.CRC32 ^= 0x5a5a5a5a })},
		{"truncated file", whole[:len(whole)*2/3]},
		{"not a zip inside", append([]byte("PK\x03\x04"), []byte(strings.Repeat("unit_code,year,name\n", 20))...)},
		{"sheet cut mid-row", xlsxWithSheet(t, cut, nil)},
		{"sheet not UTF-8", xlsxWithSheet(t, badUTF8, nil)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			j := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "hong.xlsx", data: c.data})
			if j.State != "failed" || j.Error == nil || j.Error.Code != "corrupt_file" || !j.hasProblem(0, "", "corrupt_file") || j.Retryable {
				t.Fatalf("job: %+v", j)
			}
			if j.CreatedCount != 0 {
				t.Fatalf("created_count %d", j.CreatedCount)
			}
			if n := e.countModels("CF "); n != 0 {
				t.Fatalf("%d rows of a corrupt file were written", n)
			}
		})
	}
	// The sound sheet of the same build imports: the failures above are the damage's.
	if j := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "lanh.xlsx", data: whole}); j.State != "succeeded" || j.CreatedCount != 3 {
		t.Fatalf("the sound workbook: %+v", j)
	}
}

// TestImportStoredFileDamaged: the stored copy of a file is read back checked against the size
// and digest of the upload: a chunk lost or changed while the job runs (here, between the
// chunks the reader fetches) fails the job as corrupt_file, never reads as a shorter file.
func TestImportStoredFileDamaged(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	damage := map[uuid.UUID]string{} // job → the statement that damages its second chunk
	var e *env
	hook := func(ctx context.Context, id uuid.UUID, state importer.State, row int) {
		mu.Lock()
		defer mu.Unlock()
		if stmt, ok := damage[id]; ok && row == 1 { // the job is applying: its one read writes
			delete(damage, id)
			db, err := e.store.SQL()
			if err == nil {
				_, err = db.ExecContext(ctx, stmt, id)
			}
			if err != nil {
				t.Error(err)
			}
		}
	}
	e = newImportEnv(t, importer.Options{AfterRow: hook})
	data := chunkAlignedModels("DMG")
	for name, stmt := range map[string]string{
		"chunk lost": "DELETE FROM import_file_chunks WHERE job_id = $1 AND seq = 1",
		"chunk changed": `UPDATE import_file_chunks SET data = convert_to(replace(convert_from(data, 'UTF8'), 'DMG tail 7,', 'DMG TAIL 7,'), 'UTF8')
			WHERE job_id = $1 AND seq = 1`,
	} {
		t.Run(name, func(t *testing.T) {
			up := upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "lon.csv", data: data}
			// The worker is not woken until the damage is planned: submit holds the lock.
			mu.Lock()
			job := e.submit(up)
			damage[uuid.MustParse(job.ID)] = stmt
			mu.Unlock()
			j := e.waitJob("committee.officer", job.ID)
			if j.State != "failed" || j.Error == nil || j.Error.Code != "corrupt_file" || !j.hasProblem(0, "", "corrupt_file") {
				t.Fatalf("job: %+v", j)
			}
			if n := e.countModels("DMG "); n != 0 {
				t.Fatalf("%d rows of a damaged file were written", n)
			}
		})
	}
}

// chunkAlignedModels is a models CSV a little over one stored chunk (1 MiB) whose first chunk
// ends exactly at the end of a row, so that losing the second chunk leaves a file of whole,
// valid rows: only the size and digest tell that it is not the file uploaded.
func chunkAlignedModels(prefix string) []byte {
	const chunk = 1 << 20
	var b strings.Builder
	b.WriteString("unit_code,year,name,implementer,category,learning_content\n")
	for i := 0; ; i++ {
		line := fmt.Sprintf("DU-SCT,2025,%s %d,Đơn vị,other,", prefix, i)
		if left := chunk - b.Len() - len(line) - 1; left < 200 {
			b.WriteString(line + strings.Repeat("x", left) + "\n") // this row closes the first chunk
			break
		}
		b.WriteString(line + "Học tập và làm theo tư tưởng đạo đức phong cách Hồ Chí Minh\n")
	}
	for i := range 100 {
		fmt.Fprintf(&b, "DU-SCT,2025,%s tail %d,Đơn vị,other,\n", prefix, i)
	}
	return []byte(b.String())
}

// TestImportExtraCells: cells in columns without a header are not dropped: a separator typed
// unquoted in a list column, a row longer than its header, a cell under an empty header cell.
// Each is an extra_cells problem at its row naming the column, and nothing is written (a dry
// run reports the same). Empty cells past the header are not a problem.
func TestImportExtraCells(t *testing.T) {
	t.Parallel()
	e := newImportEnv(t, importer.Options{})
	csv := []byte("unit_code,year,name,necessity_reasons,implementer,category\r\n" +
		"DU-SCT,2025,EX một,political_task,Đơn vị,other\r\n" +
		"DU-SCT,2025,EX hai,political_task,care_for_people,Đơn vị,other\r\n" + // the list's comma is unquoted
		"DU-SCT,2025,EX ba,,Đơn vị,other,ghi chú thêm\r\n" + // a note past the header
		"DU-SCT,2025,EX bốn,,Đơn vị,other,,\r\n") // trailing separators: nothing lost
	for _, dry := range []bool{true, false} {
		j := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "thua.csv", data: csv, dryRun: dry})
		if j.State != "failed" || j.Error == nil || j.Error.Code != "invalid_rows" || j.CreatedCount != 0 {
			t.Fatalf("dry run %v: %+v", dry, j)
		}
		for _, row := range []int{3, 4} {
			if !extraCellsAt(j, row, "G") {
				t.Errorf("dry run %v: no extra_cells in column G at row %d: %+v", dry, row, j.Problems)
			}
		}
		if j.hasProblem(2, "", "") || j.hasProblem(5, "", "") {
			t.Errorf("dry run %v: a problem on a sound row: %+v", dry, j.Problems)
		}
	}

	f := excelize.NewFile()
	for cell, v := range map[string]string{"A1": "unit_code", "B1": "year", "C1": "name", "E1": "implementer", "F1": "category",
		"A2": "DU-SCT", "B2": "2025", "C2": "EX năm", "E2": "Đơn vị", "F2": "other",
		"A3": "DU-SCT", "B3": "2025", "C3": "EX sáu", "D3": "dưới cột không tên", "E3": "Đơn vị", "F3": "other",
		"A4": "DU-SCT", "B4": "2025", "C4": "EX bảy", "E4": "Đơn vị", "F4": "other", "H4": "ngoài bảng"} {
		if err := f.SetCellStr("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	j := e.run(upload{user: "committee.officer", unit: "DU-SCT", kind: "models", name: "thua.xlsx", data: buf.Bytes()})
	if j.State != "failed" || !extraCellsAt(j, 3, "D") || !extraCellsAt(j, 4, "H") || j.hasProblem(2, "", "") {
		t.Fatalf("xlsx: %+v", j)
	}
	if n := e.countModels("EX "); n != 0 {
		t.Fatalf("%d models written from files with extra cells", n)
	}
}

// extraCellsAt reports whether j has an extra_cells problem at row naming column.
func extraCellsAt(j importJob, row int, column string) bool {
	for _, p := range j.Problems {
		if p.Row == row && p.Code == "extra_cells" && p.Column == column && strings.Contains(p.Message, column+" (") {
			return true
		}
	}
	return false
}
