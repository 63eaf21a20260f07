package importer

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"lamtheobac/internal/textnorm"
)

// parseDate reads a civil date written dd/mm/yyyy (d/m/yyyy too) or yyyy-mm-dd, or stored by a
// spreadsheet as a date serial number.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"02/01/2006", "2/1/2006", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n > 0 && n < 2958466 && n == float64(int(n)) {
		if t, err := excelize.ExcelDateToTime(n, false); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// parseBool reads the ways a spreadsheet says yes or no; "" is no.
func parseBool(s string) (value, ok bool) {
	switch headerKey(s) {
	case "", "không", "khong", "no", "false", "0", "-":
		return false, true
	case "có", "co", "x", "yes", "true", "1", "đảng viên", "✓":
		return true, true
	}
	return false, false
}

// parseYear reads a year (a spreadsheet may store it as "2024.0").
func parseYear(s string) (int, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".0")
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// pick maps a cell to one of the codes, by the code itself or one of its labels; labels are
// matched ignoring case and spacing.
func pick[T ~string](s string, labels map[T][]string) (T, bool) {
	key := headerKey(s)
	for code, ls := range labels {
		if key == labelKey(string(code)) {
			return code, true
		}
		for _, l := range ls {
			if key == labelKey(l) {
				return code, true
			}
		}
	}
	return "", false
}

// labelKeys memoizes headerKey of the codes and labels pick compares cells with: they are a
// few dozen literals, and normalizing each of them again for every cell of a 100,000-row file
// was a quarter of an import's CPU (NFC and unaccenting in headerKey).
var labelKeys sync.Map // string → string

// labelKey is headerKey(l), computed once per label.
func labelKey(l string) string {
	if k, ok := labelKeys.Load(l); ok {
		return k.(string)
	}
	k := headerKey(l)
	labelKeys.Store(l, k)
	return k
}

// splitList splits a cell holding several entries, one per line or separated by ';'.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ';' }) {
		if p := textnorm.Clean(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}
