package importer

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"

	"golang.org/x/net/html/charset"

	"lamtheobac/internal/limits"
)

// A damaged file must fail as a whole, never be read as a shorter one: the readers below stop
// at the first error of their input, and excelize does not (it ignores the errors of unzipping
// and of XML decoding, so a sheet cut short reads as a sheet that ends there). Hence an XLSX is
// checked through before excelize opens it, and the stored copy of every file is checked
// against the size and digest taken at upload.

// errCorrupt is the file problem of a damaged file; what names the damage.
func errCorrupt(what string) *fileError {
	return &fileError{CodeCorruptFile, "The file is damaged or incomplete (" + what + "); nothing was read from it. " +
		"Open it in its program, save it again and upload it again."}
}

// checkedFile reads r and, at its end, checks that it had size bytes with the SHA-256 digest
// sum (hex), as the upload had: a stored copy that lost or changed a chunk is corrupt, not a
// shorter file. Reading past size fails at once. An empty sum checks nothing.
func checkedFile(r io.Reader, size int64, sum string) io.Reader {
	if sum == "" {
		return r
	}
	return &digestReader{r: r, want: size, sum: sum, h: sha256.New()}
}

type digestReader struct {
	r    io.Reader
	want int64
	sum  string
	h    hash.Hash
	n    int64
	err  error
}

func (d *digestReader) Read(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	n, err := d.r.Read(p)
	d.n += int64(n)
	d.h.Write(p[:n])
	switch {
	case d.n > d.want:
		d.err = errCorrupt("the stored copy is longer than the upload")
		return 0, d.err
	case errors.Is(err, io.EOF) && (d.n != d.want || hex.EncodeToString(d.h.Sum(nil)) != d.sum):
		d.err = errCorrupt("the stored copy does not match the upload")
		return n, d.err
	case err != nil:
		d.err = err // sticky: a reader that failed once is not read further
	}
	return n, err
}

// checkArchive reads every entry of the XLSX at path through before excelize opens it: the
// archive must open, the sizes it declares must stay within maxUnzipped, every entry must
// unpack to exactly its declared size with its checksum, and every XML part must be
// well-formed to its end. It returns the file problem found, or nil.
func checkArchive(path string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return errCorrupt("not a readable zip archive, which an XLSX workbook is")
	}
	defer zr.Close()
	var declared uint64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if declared > maxUnzipped || f.UncompressedSize64 > maxUnzipped {
			return errTooLarge
		}
	}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		if err := checkEntry(f); err != nil {
			return errCorrupt(fmt.Sprintf("the part %q %s", f.Name, err))
		}
	}
	return nil
}

// errTooLarge refuses a workbook that would unpack to more than maxUnzipped.
var errTooLarge = &fileError{"xlsx_too_large", "The workbook unpacks to more than " + limits.Format(maxUnzipped) + ": it is refused as a possible zip bomb."}

// checkEntry reads one entry through; archive/zip fails when the data outgrows or falls short
// of the declared size or does not match the checksum, and flate when the data is cut.
func checkEntry(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("cannot be opened: %w", err) // an unknown compression method, say
	}
	defer rc.Close()
	name := strings.ToLower(f.Name)
	if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
		_, err := io.Copy(io.Discard, rc)
		return unpackError(err)
	}
	// The same decoder excelize reads with: a part it would stop reading early fails here.
	dec := xml.NewDecoder(rc)
	dec.CharsetReader = charset.NewReaderLabel
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("is not well-formed XML at line %d: %s", se.Line, se.Msg)
		}
		if err != nil {
			return unpackError(err)
		}
	}
}

// unpackError says what went wrong unpacking an entry.
func unpackError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, zip.ErrChecksum):
		return errors.New("does not match its checksum")
	case errors.Is(err, zip.ErrFormat):
		return errors.New("unpacks to more than the size it declares")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("is cut short")
	}
	return fmt.Errorf("cannot be unpacked: %w", err)
}
