package limits

import "testing"

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{Body, "1 MiB"},
		{ImportFile, "256 MiB"},
		{UploadEnvelope, "64 KiB"},
		{UploadBody, "256.06 MiB"},
		{3 * MiB / 2, "1.5 MiB"},
		{300, "300 bytes"},
	} {
		if got := Format(c.n); got != c.want {
			t.Errorf("Format(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

// TestLimitsAreBinary pins the values the documentation states: a decimal "M" (10^6) once made
// files between 48.6 and 50 MiB unreachable.
func TestLimitsAreBinary(t *testing.T) {
	if Body != 1_048_576 || ImportFile != 268_435_456 || UploadBody != 268_435_456+65_536 {
		t.Fatalf("limits: body %d, file %d, upload %d", Body, ImportFile, UploadBody)
	}
}
