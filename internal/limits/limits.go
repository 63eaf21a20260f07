// Package limits holds the sizes beyond which the service refuses a request, one constant per
// limit, in bytes and binary units (1 MiB = 1<<20). The body-limit middleware, the importer's
// checks, the messages that name a limit and the import client all read them from here, so a
// limit and what is said about it cannot drift apart.
package limits

import "strconv"

// Binary units.
const (
	KiB = 1 << 10
	MiB = 1 << 20
)

const (
	// Body is the largest request body of every route but the file upload.
	Body = 1 * MiB
	// ImportFile is the largest file an import accepts (CSV or XLSX). 100,000 models with
	// three to five sentences of content each make a CSV of about 60 MiB (issue #16): one job,
	// with room to spare. Uploads stream to a temporary file and the database's chunks, so the
	// limit costs disk, not memory.
	ImportFile = 256 * MiB
	// UploadEnvelope is what the upload's multipart form may add around its file: the boundary
	// lines, the part headers (with the file's name) and the kind and dry_run fields. A few
	// hundred bytes in practice; the margin lets a file of exactly ImportFile through with any
	// sensible file name.
	UploadEnvelope = 64 * KiB
	// UploadBody is the largest request body of the upload route: the largest file and its form.
	UploadBody = ImportFile + UploadEnvelope
)

// Format writes a size in binary units as people read it: "256 MiB", "64 KiB", "1.5 MiB",
// "300 bytes".
func Format(n int64) string {
	switch {
	case n >= MiB:
		return trim(float64(n)/MiB) + " MiB"
	case n >= KiB:
		return trim(float64(n)/KiB) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// trim formats f with at most two decimals and no trailing zeros.
func trim(f float64) string {
	return strconv.FormatFloat(float64(int64(f*100+0.5))/100, 'f', -1, 64)
}
