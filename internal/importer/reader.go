package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"lamtheobac/internal/limits"
)

// Formats of an import file.
const (
	CSV  = "csv"
	XLSX = "xlsx"
)

// Limits on what a file may hold; beyond them the file is refused before anything is written.
const (
	// maxUnzipped caps what an XLSX may unpack to, against zip bombs: twice the largest upload.
	// The rows a workbook carries are what the upload limit bounds, and their XML is about
	// 1.5× the CSV of the same rows (realistic models: 62 MB of CSV, 91 MB unpacked, from a
	// 6 MB workbook), so a workbook of the rows of the largest CSV fits; one that unpacks to
	// more would hold more rows than any CSV may, whatever its own size (text compresses 15×,
	// so a 256 MiB workbook could unpack to gigabytes), and is refused before it is read.
	maxUnzipped = 2 * limits.ImportFile
	// maxSheetXMLInMemory is the part of a sheet excelize keeps in memory; the rest it spools
	// to a temporary file, so a large sheet is read in constant memory.
	maxSheetXMLInMemory = 4 << 20
	// maxCell is the longest cell accepted (a model's content runs to a few thousand characters).
	maxCell = 20000
)

// fileError is a problem with the file as a whole: the job fails with it and reads no rows.
type fileError struct{ code, message string }

func (e *fileError) Error() string { return e.code + ": " + e.message }

// rowReader yields the rows of a file in order: each row's cells and its 1-based line number
// (the row number a spreadsheet shows).
type rowReader interface {
	next() (cells []string, row int, err error) // io.EOF after the last row
	close() error
}

var zipMagic = []byte("PK\x03\x04")

// DetectFormat tells the format from the file's name and first bytes. A name ending in .xlsx
// must hold a zip; .csv or no known extension with text content is CSV.
func DetectFormat(name string, head []byte) (string, error) {
	lower := strings.ToLower(name)
	isZip := bytes.HasPrefix(head, zipMagic)
	switch {
	case strings.HasSuffix(lower, ".xlsx"):
		if !isZip {
			return "", &fileError{"invalid_xlsx", "The file is named .xlsx but is not an XLSX workbook (not a zip archive)."}
		}
		return XLSX, nil
	case strings.HasSuffix(lower, ".xls"):
		return "", &fileError{"unsupported_format", "Old Excel 97–2003 (.xls) files are not read: save the sheet as .xlsx or CSV UTF-8."}
	case isZip:
		return XLSX, nil
	case strings.HasSuffix(lower, ".csv"), strings.HasSuffix(lower, ".txt"), !strings.Contains(lower, "."):
		return CSV, nil
	}
	return "", &fileError{"unsupported_format", "Only CSV and XLSX files are read."}
}

// openRows opens the rows of a file of format read from r. An XLSX is first copied to a
// temporary file, since a zip is read from its end, and checked through unless archiveChecked
// (the same bytes passed the check already); a CSV is streamed.
func openRows(r io.Reader, format string, archiveChecked bool) (rowReader, error) {
	if format == XLSX {
		return openXLSX(r, archiveChecked)
	}
	return openCSV(r)
}

// csvRows reads CSV: UTF-8 with or without a BOM, comma- or semicolon-separated (the separator
// is whichever the header line holds more of, as Excel writes semicolons in some locales).
type csvRows struct {
	r   *csv.Reader
	row int
}

func openCSV(r io.Reader) (rowReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	// A read error while peeking must fail the file: bufio hands it out once only, and the
	// rows after it would otherwise read as the end of the file.
	bom, err := br.Peek(3)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	}
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	c := csv.NewReader(br)
	if bytes.Count(head, []byte{';'}) > bytes.Count(head, []byte{','}) {
		c.Comma = ';'
	}
	c.FieldsPerRecord = -1 // rows may be short (missing cells read as empty) or long (cells beyond the header are not read)
	c.LazyQuotes = true
	c.ReuseRecord = true
	return &csvRows{r: c}, nil
}

func (c *csvRows) next() ([]string, int, error) {
	rec, err := c.r.Read()
	c.row++
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, c.row, &fileError{"invalid_csv", fmt.Sprintf("Row %d cannot be read as CSV: %v.", pe.StartLine, pe.Err)}
		}
		return nil, c.row, err
	}
	line, _ := c.r.FieldPos(0)
	c.row = line
	for _, cell := range rec {
		if !utf8.ValidString(cell) {
			return nil, c.row, &rowError{code: "invalid_utf8", message: "The row is not valid UTF-8: save the file as CSV UTF-8."}
		}
	}
	return rec, c.row, nil
}

func (c *csvRows) close() error { return nil }

// rowError is a row that cannot be read at all; the file goes on with the next row.
type rowError struct{ code, message string }

func (e *rowError) Error() string { return e.code + ": " + e.message }

// xlsxRows reads the first sheet of a workbook with excelize's streaming row iterator. Cell
// values are read as stored: a formula's last computed value, never evaluated here.
type xlsxRows struct {
	f    *excelize.File
	rows *excelize.Rows
	tmp  string
	row  int
}

func openXLSX(r io.Reader, checked bool) (rowReader, error) {
	tmp, err := os.CreateTemp("", "lamtheobac-import-*.xlsx")
	if err != nil {
		return nil, err
	}
	name := tmp.Name()
	_, err = io.Copy(tmp, r)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return nil, err
	}
	// excelize reads past the errors of a damaged archive: it is checked through first.
	if !checked {
		if err := checkArchive(name); err != nil {
			os.Remove(name)
			return nil, err
		}
	}
	f, err := excelize.OpenFile(name, excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxSheetXMLInMemory, RawCellValue: true})
	if err != nil {
		os.Remove(name)
		if strings.Contains(err.Error(), "unzip size exceeds") { // excelize has no sentinel for it
			return nil, errTooLarge
		}
		return nil, &fileError{"invalid_xlsx", "The file is a sound zip archive but not a readable XLSX workbook."}
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		os.Remove(name)
		return nil, &fileError{"invalid_xlsx", "The workbook has no sheet."}
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		os.Remove(name)
		return nil, &fileError{"invalid_xlsx", "The first sheet of the workbook cannot be read."}
	}
	return &xlsxRows{f: f, rows: rows, tmp: name}, nil
}

func (x *xlsxRows) next() ([]string, int, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, x.row, &fileError{"invalid_xlsx", "The sheet cannot be read to the end."}
		}
		return nil, x.row, io.EOF
	}
	x.row++
	cells, err := x.rows.Columns()
	if err != nil {
		return nil, x.row, &fileError{"invalid_xlsx", fmt.Sprintf("Row %d of the sheet cannot be read.", x.row)}
	}
	for _, cell := range cells {
		if !utf8.ValidString(cell) {
			return nil, x.row, &rowError{code: "invalid_utf8", message: "The row holds text that is not valid UTF-8."}
		}
	}
	return cells, x.row, nil
}

func (x *xlsxRows) close() error {
	x.rows.Close()
	err := x.f.Close()
	os.Remove(x.tmp)
	return err
}
