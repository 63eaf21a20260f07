package export

import (
	"bytes"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// sctPoster is the standard of Đảng ủy Sở Công Thương from its Hướng dẫn 14-QĐ/ĐU
// (docs/sources.md), with the PDF-extraction artifact "ƣ" (U+01A3) put back to "ư".
func sctPoster() Poster {
	return Poster{
		UnitName: "Đảng ủy Sở Công Thương",
		Title:    "CHUẨN MỰC ĐẠO ĐỨC",
		Subtitle: "của cán bộ, đảng viên, công chức, viên chức Sở Công Thương theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
		Items: []string{
			"Tuyệt đối trung thành với Đảng, với Tổ quốc và lợi ích của Nhân dân, hết lòng phục vụ Nhân dân.",
			"Nêu cao ý thức tổ chức kỷ luật, trách nhiệm, tận tụy, sáng tạo trong thực hiện nhiệm vụ; nắm vững quy định nhà nước, nắm chắc tình hình cơ sở, nâng cao chất lượng tham mưu.",
			"Nâng cao tính đoàn kết, chống chủ nghĩa cá nhân, xây dựng cơ quan ngày càng vững mạnh.",
			"Trung thực, khiêm tốn, tự giác, liêm khiết, tiết kiệm.",
			"Gương mẫu, thẳng thắn, chân tình, trao đổi, hợp tác và giúp đỡ nhau trong công việc và đời sống.",
		},
		Footer: "(Ban hành kèm theo Quyết định số 14-QĐ/ĐU ngày 16/4/2022 của Đảng ủy Sở)",
	}
}

func TestParseFrame(t *testing.T) {
	tests := []struct {
		in      string
		want    Frame
		wantErr bool
	}{
		{"40x60", Frame{40, 60}, false},
		{"50x75", Frame{50, 75}, false},
		{"60x90", Frame{60, 90}, false},
		{"60×90", Frame{60, 90}, false},
		{" 60 X 90 cm ", Frame{60, 90}, false},
		{"60cm x 90cm", Frame{60, 90}, false},
		{"42x59.4", Frame{42, 59.4}, false},
		{"10x300", Frame{10, 300}, false},
		{"120x80", Frame{120, 80}, false},
		{"", Frame{}, true},
		{"60", Frame{}, true},
		{"60x", Frame{}, true},
		{"x90", Frame{}, true},
		{"60x90x2", Frame{}, true},
		{"a4", Frame{}, true},
		{"sixtyxninety", Frame{}, true},
		{"60,5x90", Frame{}, true},
		{"-60x90", Frame{}, true},
		{"NaNxNaN", Frame{}, true},
		{"Infx90", Frame{}, true},
		{"1e2x90", Frame{}, true},
		{"9.9x60", Frame{}, true},
		{"60x300.5", Frame{}, true},
		{"0x0", Frame{}, true},
		{"1000x2000", Frame{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseFrame(tt.in)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidFrame) {
					t.Fatalf("ParseFrame(%q) = %v, %v; want ErrInvalidFrame", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseFrame(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if back, err := ParseFrame(got.String()); err != nil || back != got {
				t.Fatalf("ParseFrame(%q.String()=%q) = %v, %v", tt.in, got.String(), back, err)
			}
		})
	}
}

// mediaBox matches the page's /MediaBox [0 0 w h] in the uncompressed object dictionaries.
var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`)

func TestRenderPosterFrames(t *testing.T) {
	for _, fs := range []string{"40x60", "50x75", "60x90"} {
		t.Run(fs, func(t *testing.T) {
			f, err := ParseFrame(fs)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := RenderPoster(&buf, sctPoster(), f); err != nil {
				t.Fatalf("RenderPoster: %v", err)
			}
			out := buf.Bytes()
			if !bytes.HasPrefix(out, []byte("%PDF-")) {
				t.Fatalf("output does not start with %%PDF-: %q", out[:min(len(out), 16)])
			}
			ms := mediaBox.FindAllSubmatch(out, -1)
			if len(ms) == 0 {
				t.Fatal("no /MediaBox in the PDF")
			}
			wantW, wantH := f.WidthCM*72/2.54, f.HeightCM*72/2.54
			for _, m := range ms {
				w, _ := strconv.ParseFloat(string(m[1]), 64)
				h, _ := strconv.ParseFloat(string(m[2]), 64)
				if math.Abs(w-wantW) > 0.01 || math.Abs(h-wantH) > 0.01 {
					t.Errorf("MediaBox %gx%g pt, want %.2fx%.2f pt", w, h, wantW, wantH)
				}
			}
			if pdfinfo, err := exec.LookPath("pdfinfo"); err == nil {
				info := runTool(t, pdfinfo, out)
				if !strings.Contains(info, "Pages:           1\n") {
					t.Errorf("pdfinfo: want one page:\n%s", info)
				}
				m := pdfinfoSize.FindStringSubmatch(info)
				if m == nil {
					t.Fatalf("pdfinfo: no page size in\n%s", info)
				}
				w, _ := strconv.ParseFloat(m[1], 64)
				h, _ := strconv.ParseFloat(m[2], 64)
				if math.Abs(w-wantW) > 0.01 || math.Abs(h-wantH) > 0.01 {
					t.Errorf("pdfinfo: page %gx%g pt, want %.2fx%.2f pt", w, h, wantW, wantH)
				}
			}
		})
	}
}

// pdfinfoSize matches pdfinfo's "Page size: 1133.86 x 1700.79 pts".
var pdfinfoSize = regexp.MustCompile(`Page size:\s*([0-9.]+) x ([0-9.]+) pts`)

// bodySize returns the items' font size RenderPoster chooses for p on f.
func bodySize(p Poster, f Frame) (float64, error) {
	_, l, err := compose(p, f)
	if err != nil {
		return 0, err
	}
	return l.bodySize, nil
}

// runTool runs a poppler tool (pdfinfo, pdftotext) on the PDF and returns its output.
func runTool(t *testing.T, tool string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "poster.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{path}
	if filepath.Base(tool) == "pdftotext" {
		args = []string{"-enc", "UTF-8", path, "-"}
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
	return string(out)
}

func TestRenderPosterText(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not on PATH (Debian: apt-get install poppler-utils)")
	}
	for _, fs := range []string{"40x60", "60x90"} {
		t.Run(fs, func(t *testing.T) {
			f, _ := ParseFrame(fs)
			var buf bytes.Buffer
			if err := RenderPoster(&buf, sctPoster(), f); err != nil {
				t.Fatal(err)
			}
			text := norm.NFC.String(runTool(t, pdftotext, buf.Bytes()))
			// Lines are wrapped on the poster: compare with white space collapsed.
			flat := strings.Join(strings.Fields(text), " ")
			for _, want := range []string{
				"ĐẢNG ỦY SỞ CÔNG THƯƠNG",
				"CHUẨN MỰC ĐẠO ĐỨC",
				"Tuyệt đối trung thành với Đảng",
				"Trung thực, khiêm tốn, tự giác, liêm khiết, tiết kiệm",
				"Sở Công Thương",
				"tư tưởng, đạo đức, phong cách Hồ Chí Minh",
				"nắm vững quy định nhà nước",
				"14-QĐ/ĐU ngày 16/4/2022",
				"1. Tuyệt đối",
				"5. Gương mẫu",
			} {
				if !strings.Contains(flat, norm.NFC.String(want)) {
					t.Errorf("extracted text lacks %q:\n%s", want, text)
				}
			}
			if strings.ContainsRune(text, 'ƣ') {
				t.Errorf("extracted text has the artifact ƣ:\n%s", text)
			}
		})
	}
}

func TestRenderPosterNormalizesInput(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not on PATH")
	}
	p := sctPoster()
	// NFD input (as typed on some keyboards), a typed number, stray white space.
	p.Items = []string{norm.NFD.String("1.  Trung thực,\n khiêm tốn"), "  ", "2) Gương mẫu"}
	var buf bytes.Buffer
	if err := RenderPoster(&buf, p, Frame{40, 60}); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(norm.NFC.String(runTool(t, pdftotext, buf.Bytes()))), " ")
	for _, want := range []string{"1. Trung thực, khiêm tốn", "2. Gương mẫu"} {
		if !strings.Contains(flat, want) {
			t.Errorf("extracted text lacks %q: %s", want, flat)
		}
	}
	if strings.Contains(flat, "1. 1.") || strings.Contains(flat, "3.") {
		t.Errorf("typed numbers or blank items printed: %s", flat)
	}
}

func TestRenderPosterShrinks(t *testing.T) {
	f := Frame{40, 60}
	p := sctPoster()
	u := math.Min(points(f.WidthCM), points(f.HeightCM)*2/3)
	base, err := bodySize(p, f)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(base-bodyMaxFrac*u) > 1e-6 {
		t.Errorf("seed standard: body size %.2f pt, want the largest, %.2f pt", base, bodyMaxFrac*u)
	}

	// Three times the items: still fits, smaller.
	long := p
	long.Items = slices.Concat(p.Items, p.Items, p.Items)
	size, err := bodySize(long, f)
	if err != nil {
		t.Fatalf("15 items on 40x60: %v", err)
	}
	if size >= base {
		t.Errorf("15 items: body size %.2f pt, want smaller than %.2f pt", size, base)
	}
	if size < bodyMinFrac*u-1e-9 {
		t.Errorf("15 items: body size %.2f pt below the minimum %.2f pt", size, bodyMinFrac*u)
	}
	var buf bytes.Buffer
	if err := RenderPoster(&buf, long, f); err != nil {
		t.Fatalf("RenderPoster(15 items): %v", err)
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		flat := strings.Join(strings.Fields(norm.NFC.String(runTool(t, pdftotext, buf.Bytes()))), " ")
		for _, want := range []string{"1. Tuyệt đối", "15. Gương mẫu", "đời sống.", "14-QĐ/ĐU"} {
			if !strings.Contains(flat, want) {
				t.Errorf("15 items: extracted text lacks %q", want)
			}
		}
	}

	// Proportions: the same standard on 60x90 gets the same body size relative to the width.
	big, err := bodySize(p, Frame{60, 90})
	if err != nil {
		t.Fatal(err)
	}
	if r := big / base; math.Abs(r-1.5) > 1e-6 {
		t.Errorf("60x90 / 40x60 body size = %.4f, want 1.5", r)
	}
}

func TestRenderPosterTooLong(t *testing.T) {
	p := sctPoster()
	p.Items = nil
	for range 300 {
		p.Items = append(p.Items, sctPoster().Items...)
	}
	var buf bytes.Buffer
	err := RenderPoster(&buf, p, Frame{40, 60})
	if !errors.Is(err, ErrPosterTooLong) {
		t.Fatalf("RenderPoster(1500 items) = %v, want ErrPosterTooLong", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes on error, want none", buf.Len())
	}
}

func TestRenderPosterErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := RenderPoster(&buf, sctPoster(), Frame{5, 60}); !errors.Is(err, ErrInvalidFrame) {
		t.Errorf("frame 5x60: %v, want ErrInvalidFrame", err)
	}
	if err := RenderPoster(&buf, sctPoster(), Frame{}); !errors.Is(err, ErrInvalidFrame) {
		t.Errorf("zero frame: %v, want ErrInvalidFrame", err)
	}
	p := sctPoster()
	p.Items = []string{" ", ""}
	if err := RenderPoster(&buf, p, Frame{40, 60}); !errors.Is(err, ErrEmptyPoster) {
		t.Errorf("no items: %v, want ErrEmptyPoster", err)
	}
	p = sctPoster()
	p.Title = "  "
	if err := RenderPoster(&buf, p, Frame{40, 60}); !errors.Is(err, ErrEmptyPoster) {
		t.Errorf("no title: %v, want ErrEmptyPoster", err)
	}
	p = sctPoster()
	p.Items = append(p.Items, "Không có chữ tượng hình 漢字")
	if err := RenderPoster(&buf, p, Frame{40, 60}); !errors.Is(err, ErrUnprintable) {
		t.Errorf("CJK text: %v, want ErrUnprintable", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes on errors, want none", buf.Len())
	}
}

func TestRenderPosterOverlongWord(t *testing.T) {
	p := sctPoster()
	p.Items = []string{strings.Repeat("Đ", 200)}
	var buf bytes.Buffer
	if err := RenderPoster(&buf, p, Frame{40, 60}); err != nil {
		t.Fatal(err)
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		text := runTool(t, pdftotext, buf.Bytes())
		if n := strings.Count(text, "Đ"); n < 200 {
			t.Errorf("overlong word: %d of 200 letters printed", n)
		}
	}
}

// TestWritePosterSamples writes the Sở Công Thương poster for each preset frame into the
// directory named by LAMTHEOBAC_POSTER_DIR, for looking at: pdftoppm -png -r 40 poster-60x90.pdf x.
func TestWritePosterSamples(t *testing.T) {
	dir := os.Getenv("LAMTHEOBAC_POSTER_DIR")
	if dir == "" {
		t.Skip("set LAMTHEOBAC_POSTER_DIR to write sample posters")
	}
	for _, fs := range []string{"40x60", "50x75", "60x90"} {
		f, _ := ParseFrame(fs)
		var buf bytes.Buffer
		if err := RenderPoster(&buf, sctPoster(), f); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "poster-"+fs+".pdf"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The shrinking case: the standard three times over, on the smallest frame.
	long := sctPoster()
	long.Items = slices.Concat(long.Items, long.Items, long.Items)
	var buf bytes.Buffer
	if err := RenderPoster(&buf, long, Frame{40, 60}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "poster-40x60-long.pdf"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
