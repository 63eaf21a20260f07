package pagecursor

import (
	"strings"
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

// TestSealer: a sealed cursor opens only for the list it was sealed for, under the key that
// sealed it, spelled exactly as it was given out.
func TestSealer(t *testing.T) {
	t.Parallel()
	key := []byte("0123456789abcdef0123456789abcdef")
	s := NewSealer(key)
	const list, pos = "GET /api/v1/units/:unitId/models\nunitId=1\n?scope=subtree", "eyJpZCI6IngifQ"
	c := s.Seal(list, pos)
	if got, err := s.Open(list, c); err != nil || got != pos {
		t.Fatalf("Open(Seal) = %q, %v", got, err)
	}
	if s.Seal(list, "") != "" {
		t.Fatal("no position sealed into a cursor")
	}
	if got, err := s.Open(list, ""); err != nil || got != "" {
		t.Fatalf("no cursor: %q, %v", got, err)
	}
	dot := strings.LastIndexByte(c, '.')
	lastSealChar := c[len(c)-1]
	other := byte('A')
	if lastSealChar == 'A' {
		other = 'B'
	}
	refused := map[string]struct{ list, cursor string }{
		"garbage":                     {list, "%%%"},
		"unsealed position":           {list, pos},
		"empty position":              {list, c[dot:]},
		"altered position":            {list, "f" + c[1:]},
		"altered seal":                {list, c[:len(c)-1] + string(other)},
		"seal with trailing data":     {list, c + "A"},
		"padded seal":                 {list, c + "=="},
		"another list":                {list + "&q=x", c},
		"list and position shifted":   {list + "e", c[1:]},
		"sealed by another key":       {list, NewSealer([]byte("another key, another deployment.")).Seal(list, pos)},
		"seal of another position":    {list, "x" + c[dot:]},
		"standard base64 in the seal": {list, strings.NewReplacer("-", "+", "_", "/").Replace(c[:dot+1]) + strings.NewReplacer("-", "+", "_", "/").Replace(c[dot+1:]) + "+"},
	}
	for name, tt := range refused {
		t.Run(name, func(t *testing.T) {
			if got, err := s.Open(tt.list, tt.cursor); err != ErrInvalid {
				t.Fatalf("Open = %q, %v; want ErrInvalid", got, err)
			}
		})
	}
	// Another replica with the same key accepts the cursor.
	if got, err := NewSealer(append([]byte(nil), key...)).Open(list, c); err != nil || got != pos {
		t.Fatalf("a replica refused the cursor: %v", err)
	}
}
