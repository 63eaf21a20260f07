package importer

import (
	"strings"

	"lamtheobac/internal/textnorm"
)

// column is one column a kind of file may have: its field name (accepted as a header too), the
// Vietnamese header of the template, and what it holds.
type column struct {
	field    string
	header   string
	required bool
	help     string
	aliases  []string // other headers seen on the official forms
}

// ignored are columns of the official forms that carry nothing to import.
var ignored = []column{
	{field: "no", header: "Số thứ tự", aliases: []string{"STT", "TT"}},
	{field: "note", header: "Ghi chú"},
}

// columnsOf lists the columns of a kind, in template order.
func columnsOf(k Kind) []column {
	switch k {
	case Units:
		return []column{
			{field: "code", header: "Mã đơn vị", required: true, help: "Mã duy nhất của đơn vị mới (chữ, số, '.', '_', '-'). Ví dụ: CB-PKH."},
			{field: "name", header: "Tên đơn vị", required: true, help: "Ví dụ: Chi bộ Phòng Kế hoạch – Tài chính."},
			{field: "parent_code", header: "Mã đơn vị cấp trên", required: true, help: "Mã của Đảng bộ Khối hoặc Đảng ủy cơ sở (có sẵn, hoặc ở một dòng phía trên)."},
			{field: "kind", header: "Cấp", help: "bloc (Đảng bộ Khối), committee (Đảng bộ cơ sở), partial_committee (Đảng bộ bộ phận), base_cell (Chi bộ cơ sở) hoặc cell (Chi bộ); bỏ trống thì suy ra từ cấp trên (Khối → Đảng bộ cơ sở, Đảng bộ cơ sở/bộ phận → Chi bộ)."},
		}
	case Users:
		return []column{
			{field: "username", header: "Tên đăng nhập", required: true, help: "3–64 chữ, số, '.', '_', '-'; duy nhất."},
			{field: "full_name", header: "Họ và tên", required: true},
			{field: "unit_code", header: "Mã đơn vị", required: true, help: "Đơn vị của người dùng."},
			{field: "email", header: "Thư điện tử"},
			{field: "role", header: "Vai trò", help: "Vai trò tại đơn vị: bloc_officer, committee_officer, cell_secretary, inspector, member."},
			{field: "password", header: "Mật khẩu", help: "Ít nhất 8 ký tự. Bỏ trống: người quản lý đặt mật khẩu sau; đến lúc đó chưa đăng nhập được."},
		}
	case Models:
		return []column{
			{field: "unit_code", header: "Mã đơn vị", required: true, help: "Đơn vị đăng ký mô hình."},
			{field: "year", header: "Năm", required: true, help: "Năm đăng ký, từ 2016."},
			{field: "name", header: "Tên mô hình/ cách làm hay", required: true},
			{field: "learning_content", header: "Nội dung", help: "Nội dung học tập và làm theo Bác."},
			{field: "implementer", header: "Tập thể/ cá nhân/ đơn vị thực hiện", required: true,
				help: "Tập thể, Cá nhân hoặc Đơn vị; có thể kèm tên: \"Cá nhân: Nguyễn Văn A\" (như Biểu mẫu)."},
			{field: "implementer_name", header: "Tên tập thể/ cá nhân thực hiện", help: "Bỏ trống: lấy tên ở cột trên, hoặc tên đơn vị."},
			{field: "category", header: "Nhóm mô hình", required: true, help: "Mã nhóm hoặc tên nhóm theo danh mục gợi ý (GET /model-suggestions)."},
			{field: "necessity_reasons", header: "Lý do xây dựng", help: "Các mã, cách nhau bởi dấu ';': political_task, overcome_weakness, care_for_people, self_cultivation, improve_public_service, other."},
			{field: "necessity_text", header: "Sự cần thiết"},
			{field: "plan", header: "Biện pháp thực hiện"},
			{field: "milestones", header: "Các mốc thực hiện", help: "Mỗi mốc một dòng (hoặc cách nhau bởi ';'): \"dd/mm/yyyy: việc cần làm\" hoặc \"yyyy-mm-dd: việc cần làm\"."},
			{field: "monitor", header: "Người theo dõi"},
			{field: "expected_results", header: "Kết quả dự kiến"},
			{field: "replicability", header: "Khả năng nhân rộng"},
			{field: "status", header: "Trạng thái", help: "Bỏ trống: nháp. draft (Nháp), registered (Đã đăng ký) — do chính đơn vị nhập; approved (Đã duyệt), in_progress (Đang thực hiện), completed (Đã hoàn thành) — do cấp trên trực tiếp nhập hồ sơ các năm trước."},
		}
	case Nominations:
		return []column{
			{field: "unit_code", header: "Mã đơn vị đề nghị", required: true},
			{field: "year", header: "Năm", required: true},
			{field: "subject_kind", header: "Tập thể/ cá nhân", required: true, help: "Tập thể hoặc Cá nhân."},
			{field: "subject_unit_code", header: "Mã đơn vị được đề nghị", help: "Tập thể là một đơn vị: mã của đơn vị ấy. Cá nhân: đơn vị công tác (bỏ trống: đơn vị đề nghị)."},
			{field: "department_name", header: "Tên tập thể (phòng, ban, tổ)", help: "Tập thể không phải là một đơn vị trong hệ thống."},
			{field: "full_name", header: "Họ và tên", help: "Bắt buộc với cá nhân."},
			{field: "position", header: "Chức vụ"},
			{field: "party_member", header: "Đảng viên", help: "Có/Không (x, có, yes, true, 1)."},
			{field: "leader", header: "Cán bộ lãnh đạo, quản lý", help: "Có/Không."},
			{field: "achievements", header: "Thành tích tiêu biểu"},
			{field: "public_summary", header: "Tóm tắt công bố", help: "Đoạn duy nhất được đăng lên cổng thông tin, khi được phép."},
		}
	case Members:
		return []column{
			{field: "unit_code", header: "Mã chi bộ", required: true, help: "Chi bộ của đảng viên."},
			{field: "full_name", header: "Họ và tên", required: true},
			{field: "birth_date", header: "Ngày sinh", help: "dd/mm/yyyy hoặc yyyy-mm-dd."},
			{field: "position", header: "Chức vụ"},
			{field: "workplace", header: "Nơi công tác"},
			{field: "joined_party_on", header: "Ngày vào Đảng", help: "dd/mm/yyyy hoặc yyyy-mm-dd."},
			{field: "party_card_number", header: "Số thẻ đảng viên", help: "Không bắt buộc; duy nhất."},
		}
	}
	return nil
}

// headerKey is how headers are compared: NFC, case and spacing ignored.
func headerKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(textnorm.Clean(s))), " ")
}

// layout maps the columns of a file to fields.
type layout struct {
	index  map[string]int    // field → cell index
	header map[string]string // field → the header as written in the file
	read   []bool            // cell index → whether a column (of the kind or ignored) is read there
}

// reads reports whether the cell at index i is in a column with a header.
func (l layout) reads(i int) bool { return i < len(l.read) && l.read[i] }

// cell returns the trimmed value of field in cells ("" when the column is absent or short).
func (l layout) cell(cells []string, field string) string {
	i, ok := l.index[field]
	if !ok || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}

// readHeader maps a header row to the kind's columns. Unknown, repeated and missing required
// columns are file problems: a file whose columns cannot be trusted is not read further.
func readHeader(k Kind, cells []string) (layout, []Problem) {
	byKey := map[string]column{}
	for _, c := range append(columnsOf(k), ignored...) {
		byKey[headerKey(c.field)] = c
		byKey[headerKey(c.header)] = c
		for _, a := range c.aliases {
			byKey[headerKey(a)] = c
		}
	}
	l := layout{index: map[string]int{}, header: map[string]string{}, read: make([]bool, len(cells))}
	var problems []Problem
	for i, h := range cells {
		if strings.TrimSpace(h) == "" {
			continue
		}
		c, ok := byKey[headerKey(h)]
		switch {
		case !ok:
			problems = append(problems, Problem{Row: 1, Column: h, Code: "unknown_column",
				Message: "Unknown column \"" + h + "\" (column " + columnLetter(i) + "): use the headers of the template or their field names."})
		case hasIndex(l, c.field):
			problems = append(problems, Problem{Row: 1, Column: h, Field: c.field, Code: "duplicate_column",
				Message: "The column \"" + h + "\" appears twice."})
		default:
			l.index[c.field], l.header[c.field], l.read[i] = i, h, true
		}
	}
	for _, c := range columnsOf(k) {
		if _, ok := l.index[c.field]; c.required && !ok {
			problems = append(problems, Problem{Row: 1, Field: c.field, Code: "missing_column",
				Message: "The required column \"" + c.header + "\" (" + c.field + ") is missing."})
		}
	}
	return l, problems
}

func hasIndex(l layout, field string) bool { _, ok := l.index[field]; return ok }

// columnLetter is the spreadsheet letter of a 0-based column index (0 → A, 26 → AA).
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
