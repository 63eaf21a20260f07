// Package vntime answers calendar questions in Vietnam's time zone: due dates, closing dates
// and "today" are civil dates in Asia/Ho_Chi_Minh, whatever zone the server runs in.
package vntime

import "time"

// Zone is Asia/Ho_Chi_Minh. Vietnam keeps UTC+7 all year (no daylight saving), so a fixed zone
// is exact and needs no tz database on the machine.
func Zone() *time.Location { return time.FixedZone("ICT", 7*60*60) }

// Date returns the civil date (at 00:00 UTC) that instant t falls on in Vietnam.
func Date(t time.Time) time.Time {
	y, m, d := t.In(Zone()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// StartOfDay returns the first instant of the civil date d in Vietnam.
func StartOfDay(d time.Time) time.Time {
	y, m, day := d.Date()
	return time.Date(y, m, day, 0, 0, 0, 0, Zone())
}

// EndOfDay returns the last instant of the civil date d in Vietnam: a deadline "on d" holds
// until then.
func EndOfDay(d time.Time) time.Time {
	y, m, day := d.Date()
	return time.Date(y, m, day+1, 0, 0, 0, 0, Zone()).Add(-time.Nanosecond)
}

// Passed reports whether the whole civil date d is over at instant now.
func Passed(d, now time.Time) bool { return now.After(EndOfDay(d)) }
