package store

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm/schema"
)

// splitColumns splits a SELECT list at its top-level commas (not those inside a subquery).
func splitColumns(list string) []string {
	var out []string
	depth, start := 0, 0
	for i, c := range list {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(list[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(list[start:]))
}

// columnName is the name a SELECT item gives its column: its alias, or the column without its
// table.
func columnName(item string) string {
	if i := strings.LastIndex(item, " AS "); i >= 0 {
		return strings.TrimSpace(item[i+4:])
	}
	if i := strings.LastIndex(item, "."); i >= 0 {
		return item[i+1:]
	}
	return item
}

// checkColumnsCoverRow fails t unless columnsCoverRow holds.
func checkColumnsCoverRow(t *testing.T, row any, cols string, fields []any) {
	t.Helper()
	if err := columnsCoverRow(row, cols, fields); err != nil {
		t.Fatal(err)
	}
}

// columnsCoverRow says whether cols names, in order, every column of row's type and fields
// points at each of row's fields in the same order. A column added to the row but not to the
// list would be read as empty and written back empty by the next update.
func columnsCoverRow(row any, cols string, fields []any) error {
	sch, err := schema.Parse(row, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		return err
	}
	items := splitColumns(cols)
	if len(sch.Fields) != len(fields) || len(fields) != len(items) {
		return fmt.Errorf("%s has %d fields, its fields function %d, its columns %d", sch.Name, len(sch.Fields), len(fields), len(items))
	}
	base := reflect.ValueOf(row).Elem()
	var errs []error
	for i, f := range sch.Fields {
		if got := columnName(items[i]); got != f.DBName {
			errs = append(errs, fmt.Errorf("%s: column %d is %q, the row's field %d is %q", sch.Name, i, got, i, f.DBName))
		}
		if fields[i] != base.FieldByIndex(f.StructField.Index).Addr().Interface() {
			errs = append(errs, fmt.Errorf("%s: destination %d is not the field %s", sch.Name, i, f.Name))
		}
	}
	return errors.Join(errs...)
}

// TestStandardColumnsCoverTheRow: standardColumns and standardFields read every field of a
// standard's row, in one order.
func TestStandardColumnsCoverTheRow(t *testing.T) {
	var r standardRow
	checkColumnsCoverRow(t, &r, standardColumns, standardFields(&r))
}

// TestNominationColumnsCoverTheRow: nominationColumns and nominationFields read every field of
// a nomination's row, in one order.
func TestNominationColumnsCoverTheRow(t *testing.T) {
	var r nominationRow
	checkColumnsCoverRow(t, &r, nominationColumns, nominationFields(&r))
}

// TestReportColumnsCoverTheRow: reportColumns and reportFields read every field of a report's
// row, in one order.
func TestReportColumnsCoverTheRow(t *testing.T) {
	var r reportRow
	checkColumnsCoverRow(t, &r, reportColumns, reportFields(&r))
}

// TestColumnCheckFails: the check notices destinations out of order and a missing column.
func TestColumnCheckFails(t *testing.T) {
	var r standardRow
	fields := standardFields(&r)
	fields[1], fields[2] = fields[2], fields[1]
	if columnsCoverRow(&r, standardColumns, fields) == nil {
		t.Error("swapped destinations passed")
	}
	if columnsCoverRow(&r, strings.TrimSuffix(standardColumns, ", u.name AS unit_name"), standardFields(&r)) == nil {
		t.Error("a missing column passed")
	}
	cols := strings.Replace(standardColumns, "standards.title, standards.subtitle", "standards.subtitle, standards.title", 1)
	if columnsCoverRow(&r, cols, standardFields(&r)) == nil {
		t.Error("columns out of order passed")
	}
}
