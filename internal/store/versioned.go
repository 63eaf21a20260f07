package store

import (
	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"lamtheobac/internal/apperr"
)

// takeByID reads the row of table with id through q (which may join other tables), locking only
// that table's row when forUpdate: the joined units and rounds stay free for other writers.
func takeByID[R any](q *gorm.DB, table string, id uuid.UUID, forUpdate bool) (R, error) {
	q = q.Where(table+".id = ?", id)
	if forUpdate {
		q = q.Clauses(clause.Locking{Strength: "UPDATE", Table: clause.Table{Name: table}})
	}
	var row R
	return row, translate(q.Take(&row).Error)
}

// updateVersioned writes columns of row (a pointer to a row struct) if the stored version is
// still version — the optimistic lock behind If-Match — and reports apperr.ErrStale otherwise.
func updateVersioned(db *gorm.DB, row any, id uuid.UUID, version int64, columns ...string) error {
	res := db.Model(row).Where("id = ? AND version = ?", id, version).Select(columns).Updates(row)
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected == 0 {
		return apperr.ErrStale
	}
	return nil
}
