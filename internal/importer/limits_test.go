package importer

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lamtheobac/internal/limits"
)

// TestUnzipLimitFitsTheLargestUpload: the decompressed-size limit of an XLSX and the upload
// limit agree for the files the upload limit was sized for (limits.ImportFile: model rows with
// contents of a few sentences): a workbook of the rows of the largest such CSV unpacks within
// maxUnzipped (measured here: its XML against its CSV), while the limit stays a bound against
// zip bombs (at most a few times the upload limit) and the error states it as it is.
//
// Rows of short cells carry ~7× their CSV in XML markup: a workbook of millions of them (a
// CSV near the upload limit, 30 times the 100,000 rows the limits are sized for) may be refused
// where its CSV would not. Accepting that too would let any upload unpack to 2 GiB.
func TestUnzipLimitFitsTheLargestUpload(t *testing.T) {
	long := strings.Repeat("Chi bộ tổ chức cho đảng viên học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. ", 5)
	for _, c := range []struct {
		name string
		row  []string
	}{
		{"a model with a long content", []string{"B01-C001", "2026", "Mô hình dân vận khéo ở khu dân cư", "Đơn vị", "other", long}},
	} {
		var csvBuf bytes.Buffer
		w := csv.NewWriter(&csvBuf)
		f := excelize.NewFile()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 2000; i++ {
			_ = w.Write(c.row)
			cells := make([]any, len(c.row))
			for j, v := range c.row {
				cells[j] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, i)
			if err := sw.SetRow(cell, cells); err != nil {
				t.Fatal(err)
			}
		}
		w.Flush()
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		var xlsx bytes.Buffer
		if err := f.Write(&xlsx); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(xlsx.Bytes()), int64(xlsx.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var sheets uint64 // the sheet's XML: the rest of the package does not grow with the rows
		for _, e := range zr.File {
			if strings.HasPrefix(e.Name, "xl/worksheets/") || e.Name == "xl/sharedStrings.xml" {
				sheets += e.UncompressedSize64
			}
		}
		ratio := float64(sheets) / float64(csvBuf.Len())
		if need := ratio * limits.ImportFile; need > maxUnzipped {
			t.Errorf("%s: the rows of a %s CSV unpack to %s as a workbook (%.2f×), over the limit of %s",
				c.name, limits.Format(limits.ImportFile), limits.Format(int64(need)), ratio, limits.Format(maxUnzipped))
		}
	}
	if maxUnzipped > 4*limits.ImportFile {
		t.Errorf("an XLSX may unpack to %s, more than 4× the upload limit: no longer a bound worth the name", limits.Format(maxUnzipped))
	}
	if !strings.Contains(errTooLarge.message, limits.Format(maxUnzipped)) {
		t.Errorf("the error %q does not state the limit %s", errTooLarge.message, limits.Format(maxUnzipped))
	}
}
