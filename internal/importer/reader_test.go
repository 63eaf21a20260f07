package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"
)

// flakyReader hands out data, then one error, then claims the end: a reader whose error, if
// swallowed once, makes the rest of the file look absent.
type flakyReader struct {
	data   []byte
	failed bool
}

var errFlaky = errors.New("connection reset")

func (f *flakyReader) Read(p []byte) (int, error) {
	if len(f.data) > 0 {
		n := copy(p, f.data)
		f.data = f.data[n:]
		return n, nil
	}
	if !f.failed {
		f.failed = true
		return 0, errFlaky
	}
	return 0, io.EOF
}

// TestCSVReadErrorIsNotTheEnd: an error reading a CSV fails the file wherever it comes, also
// while the reader peeks at the first line for the separator.
func TestCSVReadErrorIsNotTheEnd(t *testing.T) {
	data := []byte("unit_code,year,name\nDU-SCT,2025,một\nDU-SCT,2025,hai\n")
	rr, err := openCSV(&flakyReader{data: data})
	if err != nil {
		if !errors.Is(err, errFlaky) {
			t.Fatalf("open: %v", err)
		}
		return
	}
	for {
		_, _, err := rr.next()
		if errors.Is(err, io.EOF) {
			t.Fatal("the read error was taken for the end of the file")
		}
		if err != nil {
			if !errors.Is(err, errFlaky) {
				t.Fatalf("next: %v", err)
			}
			return
		}
	}
}

// TestCheckedFile: the stored copy reads through only when it is the upload, byte for byte.
func TestCheckedFile(t *testing.T) {
	upload := []byte(strings.Repeat("DU-SCT,2025,một mô hình\n", 1000))
	sum := sha256.Sum256(upload)
	digest := hex.EncodeToString(sum[:])
	changed := bytes.Clone(upload)
	changed[500] ^= 1
	for _, c := range []struct {
		name    string
		stored  []byte
		corrupt bool
	}{
		{"intact", upload, false},
		{"cut short", upload[:len(upload)-24], true},
		{"a byte changed", changed, true},
		{"longer", append(bytes.Clone(upload), "DU-SCT,2025,thêm\n"...), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := io.ReadAll(checkedFile(bytes.NewReader(c.stored), int64(len(upload)), digest))
			var fe *fileError
			switch {
			case c.corrupt && (!errors.As(err, &fe) || fe.code != CodeCorruptFile):
				t.Fatalf("read %d bytes, err %v: want corrupt_file", len(got), err)
			case !c.corrupt && (err != nil || !bytes.Equal(got, upload)):
				t.Fatalf("read %d bytes, err %v", len(got), err)
			}
		})
	}
}

// TestExtraCells: a cell with something in it and no header over it is an extra_cells problem
// of its row naming its column; empty cells past the header and ignored columns are not.
func TestExtraCells(t *testing.T) {
	header := []string{"unit_code", "year", "", "name", "Ghi chú"}
	l, problems := readHeader(Models, append(header, "implementer", "category"))
	if len(problems) > 0 {
		t.Fatalf("header: %+v", problems)
	}
	for _, c := range []struct {
		name   string
		cells  []string
		column string // "" for no problem
	}{
		{"sound", []string{"DU-SCT", "2025", "", "A", "ghi chú", "Đơn vị", "other"}, ""},
		{"empty cells past the header", []string{"DU-SCT", "2025", "", "A", "", "Đơn vị", "other", "", " ", "\u00a0"}, ""},
		{"short row", []string{"DU-SCT", "2025"}, ""},
		{"past the header", []string{"DU-SCT", "2025", "", "A", "", "Đơn vị", "other", "", "lost"}, "I"},
		{"under an empty header", []string{"DU-SCT", "2025", "lost", "A", "", "Đơn vị", "other"}, "C"},
		{"both", []string{"DU-SCT", "2025", "lost", "A", "", "Đơn vị", "other", "lost too"}, "C"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := &row{l: l, cells: c.cells, n: 7}
			r.checkExtraCells()
			switch {
			case c.column == "" && len(r.problems) > 0:
				t.Fatalf("problems: %+v", r.problems)
			case c.column != "" && (len(r.problems) != 1 || r.problems[0].Code != CodeExtraCells || r.problems[0].Column != c.column || r.problems[0].Row != 7):
				t.Fatalf("problems: %+v, want one extra_cells in column %s", r.problems, c.column)
			case c.name == "both" && !strings.Contains(r.problems[0].Message, `H ("lost too")`):
				t.Fatalf("the message does not name every extra cell: %s", r.problems[0].Message)
			}
		})
	}
}
