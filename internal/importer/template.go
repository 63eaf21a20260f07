package importer

import (
	"strings"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/export"
	"lamtheobac/internal/limits"
)

// titles are the guide titles of the templates.
var titles = map[Kind]string{
	Units:       "Nhập danh sách đơn vị (Đảng ủy cơ sở, chi bộ)",
	Users:       "Nhập danh sách người dùng",
	Models:      "Nhập danh sách mô hình, cách làm hay (theo Biểu mẫu 2 và mẫu đăng ký mô hình)",
	Nominations: "Nhập danh sách đề nghị biểu dương điển hình tiêu biểu",
	Members:     "Nhập danh sách đảng viên của chi bộ",
}

// Template returns the XLSX template of file ("models.xlsx", …) and its file name.
func Template(file string) ([]byte, string, error) {
	kind := Kind(strings.TrimSuffix(file, ".xlsx"))
	if !kind.Valid() || !strings.HasSuffix(file, ".xlsx") {
		return nil, "", apperr.Fields("validation", "Unknown template.", apperr.FieldError{Field: "/file", Message: "must be units, users, models, nominations or members with .xlsx"})
	}
	t := export.Template{Title: titles[kind], DataSheet: "Dữ liệu", Notes: []string{
		"Dòng 1 là tiêu đề cột: giữ tiêu đề tiếng Việt ở trên hoặc dùng tên trường (cột B). Cột in đỏ là bắt buộc; thứ tự cột tùy ý.",
		"Có thể thêm cột \"Số thứ tự\" và \"Ghi chú\" như trên biểu mẫu: hai cột này không được nhập.",
		"Ngày viết dd/mm/yyyy hoặc yyyy-mm-dd. Chỉ đọc giá trị ô, không tính công thức.",
		"Lưu dạng .xlsx (trang tính đầu tiên) hoặc CSV UTF-8 (dấu phẩy hoặc chấm phẩy), tối đa " + limits.Format(limits.ImportFile) + ".",
		"Nhập thử (dry run) để kiểm tra trước: hệ thống báo từng lỗi theo dòng và cột. Chỉ cần một dòng lỗi là không dòng nào được ghi.",
	}}
	for _, c := range columnsOf(kind) {
		t.Columns = append(t.Columns, export.TemplateColumn{Header: c.header, Field: c.field, Required: c.required, Help: c.help})
	}
	data, err := export.TemplateXLSX(t)
	return data, "mau-nhap-" + string(kind) + ".xlsx", err
}
