package main

import (
	"math/rand/v2"
	"strings"
)

// importRow is one model of the import scenario: a name as units write them and a learning
// content of three to five sentences, about 600 bytes of CSV in all (issue #16: a short
// repeated phrase hid what indexing long Vietnamese text costs).
type importRow struct {
	name, content string
}

// realisticRows returns n model rows drawn from a fixed seed, so every run imports the same
// text and the import and the plain COPY it is set against write the same rows.
func realisticRows(n int) []importRow {
	r := rand.New(rand.NewPCG(16, 2026))
	rows := make([]importRow, n)
	var b strings.Builder
	for i := range rows {
		b.Reset()
		for s := range 3 + r.IntN(3) {
			if s > 0 {
				b.WriteByte(' ')
			}
			writeSentence(&b, r)
		}
		rows[i] = importRow{name: realisticName(r), content: b.String()}
	}
	return rows
}

// realisticName is a model's name: a kind of model and what it is about.
func realisticName(r *rand.Rand) string {
	kinds := []string{"Mô hình", "Mô hình điểm", "Phong trào", "Câu lạc bộ", "Tổ", "Điểm sáng", "Sáng kiến", "Công trình"}
	topics := []string{"“Ngày thứ bảy tình nguyện”", "“Dân vận khéo”", "“Cơ quan không khói thuốc”", "“Chi bộ bốn tốt”",
		"tiết kiệm điện, nước và văn phòng phẩm", "cải cách thủ tục hành chính một cửa", "“Mỗi tuần một lời Bác dạy”",
		"giúp đỡ gia đình chính sách", "số hóa hồ sơ lưu trữ", "“Nụ cười công sở”", "nêu gương của người đứng đầu",
		"đọc sách và làm theo sách Bác", "phân loại rác tại nguồn", "“Nghe dân nói, nói dân hiểu, làm dân tin”",
		"đồng hành cùng doanh nghiệp", "“Tiếp sức mùa thi”", "hiến máu nhân đạo", "vườn cây Bác Hồ", "“Áo ấm vùng cao”",
		"sinh hoạt chuyên đề chất lượng", "ứng dụng công nghệ thông tin trong chỉ đạo, điều hành", "xây dựng nếp sống văn minh"}
	places := []string{"", "", " của chi bộ", " tại cơ quan", " ở khu dân cư", " trong đoàn viên thanh niên", " của phòng chuyên môn",
		" năm " + []string{"2024", "2025", "2026"}[r.IntN(3)]}
	return pick(r, kinds) + " " + pick(r, topics) + pick(r, places)
}

// writeSentence writes one sentence: who, what they did, to what end, and how it went.
func writeSentence(b *strings.Builder, r *rand.Rand) {
	subjects := []string{"Chi bộ", "Đảng ủy cơ quan", "Ban chấp hành", "Cán bộ, đảng viên", "Đoàn viên thanh niên", "Công đoàn cơ sở",
		"Tập thể phòng", "Người đứng đầu đơn vị", "Mỗi đảng viên", "Hội cựu chiến binh", "Tổ công tác", "Ban thường vụ"}
	verbs := []string{"đã tổ chức", "thường xuyên duy trì", "chủ động triển khai", "xây dựng kế hoạch", "phối hợp thực hiện",
		"đăng ký và thực hiện", "tích cực hưởng ứng", "kiên trì thực hành", "nghiên cứu, quán triệt", "đưa vào nghị quyết",
		"tuyên truyền, vận động", "kiểm tra, giám sát"}
	objects := []string{"việc làm theo tấm gương đạo đức Hồ Chí Minh",
		"các chuyên đề về cần, kiệm, liêm, chính, chí công vô tư", "phong trào thi đua yêu nước",
		"sinh hoạt chi bộ định kỳ với nội dung thiết thực", "việc giải quyết hồ sơ đúng hạn",
		"các buổi đối thoại trực tiếp với nhân dân", "chương trình tiết kiệm điện, nước, văn phòng phẩm",
		"quy chế dân chủ ở cơ sở", "công tác từ thiện, nhân đạo", "việc nêu gương của cán bộ chủ chốt",
		"chuyển đổi số trong quản lý văn bản", "các phần việc cụ thể gắn với nhiệm vụ chuyên môn", "lời Bác dạy về đoàn kết",
		"văn hóa công sở và quy tắc ứng xử", "việc thăm hỏi đoàn viên khó khăn"}
	ends := []string{"nhằm nâng cao chất lượng phục vụ nhân dân", "góp phần xây dựng tổ chức đảng trong sạch, vững mạnh",
		"để mỗi người tự soi, tự sửa", "gắn với Kết luận số 01-KL/TW của Bộ Chính trị", "theo đúng kế hoạch đã đề ra",
		"với sự tham gia của toàn thể cán bộ, công chức", "trong suốt năm", "hằng tháng và hằng quý",
		"tạo sự lan tỏa sâu rộng trong cơ quan", "theo tinh thần “nói đi đôi với làm”", "ở tất cả các phòng, ban, đơn vị trực thuộc"}
	results := []string{"", "", "", "", "", "", "", "", ", được cấp trên ghi nhận và biểu dương", ", qua đó tiết kiệm được hàng chục triệu đồng mỗi năm",
		", tỷ lệ người dân hài lòng đạt trên 95%", ", thu hút hơn 200 lượt người tham gia", ", tạo chuyển biến rõ nét về nhận thức",
		", được nhân rộng ra các chi bộ khác", ", khắc phục được tình trạng chậm trễ, hình thức"}
	b.WriteString(pick(r, subjects))
	b.WriteByte(' ')
	b.WriteString(pick(r, verbs))
	b.WriteByte(' ')
	b.WriteString(pick(r, objects))
	if r.IntN(3) == 0 {
		b.WriteByte(' ')
		b.WriteString(pick(r, ends))
	}
	b.WriteString(pick(r, results))
	b.WriteByte('.')
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }
