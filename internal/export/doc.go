// Package export renders the project's printable documents: the framed poster of an ethical
// standard (poster.go), the periodic report as a PDF (report_pdf.go, report_table.go,
// report_chart.go) and as an XLSX workbook (report_xlsx.go), the commendation forms Biểu mẫu
// 1–3 as XLSX and CSV (forms.go), and the import templates (template.go). The PDFs share
// the fonts and text primitives of text.go; the workbooks share the page setup and the
// row-height estimates of xlsx.go.
package export
