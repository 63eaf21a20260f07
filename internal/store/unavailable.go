package store

import (
	"time"

	"gorm.io/gorm"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/platform/dbconn"
)

// OutageRetryAfter is the Retry-After of a database outage: long enough not to hammer a
// database coming back, short enough that a client retrying sees it soon after.
const OutageRetryAfter = 5 * time.Second

// unavailable wraps an error that says the database cannot be reached (dbconn.Unreachable)
// as the 503 every outage answers, distinguishable from a bug's 500.
func unavailable(err error) error {
	return &apperr.Error{Kind: apperr.Unavailable, Code: "database_unavailable",
		Message: "The database is unavailable; retry shortly.", RetryAfter: OutageRetryAfter, Err: err}
}

// asOutage returns err as unavailable when it is an outage not yet translated, and err
// unchanged otherwise.
func asOutage(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := apperr.As(err); ok {
		return err
	}
	if dbconn.Unreachable(err) {
		return unavailable(err)
	}
	return err
}

// registerOutage translates outages right where GORM records a statement's error, so every
// statement's failure is one, whether or not the method that ran it translates its errors.
// (Row().Scan, transactions' BEGIN and COMMIT, and the pgx connections outside GORM are
// translated where they are used: translate, InTx.)
func registerOutage(gdb *gorm.DB) error {
	const name = "lamtheobac:outage"
	cb := func(db *gorm.DB) { db.Error = asOutage(db.Error) }
	c := gdb.Callback()
	for _, err := range []error{
		c.Query().After("*").Register(name, cb),
		c.Row().After("*").Register(name, cb),
		c.Raw().After("*").Register(name, cb),
		c.Create().After("*").Register(name, cb),
		c.Update().After("*").Register(name, cb),
		c.Delete().After("*").Register(name, cb),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}
