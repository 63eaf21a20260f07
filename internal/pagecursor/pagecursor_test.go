package pagecursor

import (
	"testing"

	"lamtheobac/internal/apperr"
)

func TestRoundTripAndRefusal(t *testing.T) {
	t.Parallel()
	pos := "0192aaaa/0192bbbb/"
	got, err := Decode(Encode(pos))
	if err != nil || got != pos {
		t.Fatalf("round trip: %q, %v", got, err)
	}
	if got, err := Decode(""); err != nil || got != "" {
		t.Fatalf("no cursor: %q, %v", got, err)
	}
	for _, bad := range []string{"not-a-cursor", "%%%", "cGM"} {
		if _, err := Decode(bad); apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("Decode(%q) = %v, want a 400", bad, err)
		}
	}
}
