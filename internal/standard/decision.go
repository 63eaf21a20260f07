package standard

import (
	"time"
	"unicode/utf8"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/textnorm"
)

// normalize cleans the decision and checks it: a number, a date not after today, a signer.
func (d *Decision) normalize(today time.Time) error {
	d.Number, d.Signer = textnorm.Clean(d.Number), textnorm.Clean(d.Signer)
	var c apperr.Checker
	c.Check(d.Number != "" && utf8.RuneCountInString(d.Number) <= 100, "/decision_number", "is required (e.g. 14-QĐ/ĐU)")
	c.Check(!d.Date.IsZero(), "/decision_date", "is required")
	c.Check(d.Date.IsZero() || !d.Date.After(today), "/decision_date", "cannot be in the future")
	c.Check(d.Signer != "" && utf8.RuneCountInString(d.Signer) <= 255, "/signer", "is required")
	return c.Err()
}

func cleanReason(s string) string { return textnorm.Clean(s) }
