package export

import (
	"bytes"

	"github.com/xuri/excelize/v2"
)

// TemplateColumn is one column of an import template.
type TemplateColumn struct {
	Header   string // written in the first row of the data sheet
	Field    string // the field name, also accepted as a header
	Required bool   // printed in bold red, and marked in the guide
	Help     string // what the column holds, for the guide
}

// Template is an empty workbook to fill for an import: a data sheet whose first row holds the
// headers, and a guide sheet explaining each column.
type Template struct {
	Title     string // the guide's title, e.g. "Nhập danh sách mô hình"
	DataSheet string
	Columns   []TemplateColumn
	Notes     []string // general rules, printed under the column table of the guide
}

// TemplateXLSX renders t.
func TemplateXLSX(t Template) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", t.DataSheet); err != nil {
		return nil, err
	}
	font := excelize.Font{Family: formFont, Size: formFontSize, Bold: true}
	header, err := f.NewStyle(&excelize.Style{Font: &font, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#FFF2CC"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, Border: thinBorder()})
	if err != nil {
		return nil, err
	}
	redFont := font
	redFont.Color = "#C00000"
	required, err := f.NewStyle(&excelize.Style{Font: &redFont, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#FFF2CC"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, Border: thinBorder()})
	if err != nil {
		return nil, err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": cells keep what is typed (codes like 001)
	if err != nil {
		return nil, err
	}
	for i, c := range t.Columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(t.DataSheet, cell, c.Header); err != nil {
			return nil, err
		}
		style := header
		if c.Required {
			style = required
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(t.DataSheet, col, col, 24); err != nil {
			return nil, err
		}
		if err := f.SetColStyle(t.DataSheet, col, text); err != nil {
			return nil, err
		}
		// The column's text style would otherwise replace the header's.
		if err := f.SetCellStyle(t.DataSheet, cell, cell, style); err != nil {
			return nil, err
		}
	}
	if err := f.SetRowHeight(t.DataSheet, 1, 45); err != nil {
		return nil, err
	}
	if err := f.SetPanes(t.DataSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := writeGuide(f, t, header); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeGuide adds the sheet that explains each column.
func writeGuide(f *excelize.File, t Template, header int) error {
	const guide = "Hướng dẫn"
	if _, err := f.NewSheet(guide); err != nil {
		return err
	}
	rows := [][]string{{t.Title}, {}, {"Cột (tiêu đề)", "Tên trường", "Bắt buộc", "Ghi chú"}}
	for _, c := range t.Columns {
		req := ""
		if c.Required {
			req = "x"
		}
		rows = append(rows, []string{c.Header, c.Field, req, c.Help})
	}
	rows = append(rows, []string{})
	for _, n := range t.Notes {
		rows = append(rows, []string{n})
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellStr(guide, cell, v); err != nil {
				return err
			}
		}
	}
	if err := f.SetCellStyle(guide, "A3", "D3", header); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 34, "B": 20, "C": 10, "D": 90} {
		if err := f.SetColWidth(guide, col, col, w); err != nil {
			return err
		}
	}
	return nil
}
