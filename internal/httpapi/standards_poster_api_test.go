package httpapi_test

import (
	"bytes"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// stdMediaBox finds the page size of a one-page PDF, in points.
func stdMediaBox(t *testing.T, pdf []byte) (w, h float64) {
	t.Helper()
	m := regexp.MustCompile(`/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]`).FindAllSubmatch(pdf, -1)
	if len(m) != 1 {
		t.Fatalf("%d MediaBox entries in the poster", len(m))
	}
	var v [4]float64
	for i := range v {
		f, err := strconv.ParseFloat(string(m[0][i+1]), 64)
		if err != nil {
			t.Fatal(err)
		}
		v[i] = f
	}
	return v[2] - v[0], v[3] - v[1]
}

// stdPDFText extracts a PDF's text with pdftotext, in NFC with white space collapsed; ok is
// false when pdftotext is not installed.
func stdPDFText(t *testing.T, pdf []byte) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", false
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "poster.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(norm.NFC.String(string(out))), " "), true
}

func TestStandardPoster(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	demo := e.stdDemo()
	poster := func(user, id, frame string) resp {
		path := stdPath(id, "poster.pdf")
		if frame != "" {
			path += "?frame=" + url.QueryEscape(frame)
		}
		return e.do(req{Method: "GET", Path: path, User: user})
	}
	cm := func(v float64) float64 { return v * 72 / 2.54 }

	var pdfs [][]byte
	for _, c := range []struct {
		frame string
		w, h  float64
	}{
		{"40x60", 40, 60},
		{"60x90", 60, 90},
		{"45x70", 45, 70},
		{"", 60, 90}, // the default frame
	} {
		t.Run("frame "+c.frame, func(t *testing.T) {
			got := poster("member", demo.ID, c.frame)
			if got.Status != http.StatusOK {
				t.Fatalf("status %d\n%s", got.Status, got.Body)
			}
			if ct := got.Header.Get("Content-Type"); ct != "application/pdf" {
				t.Fatalf("content type %q", ct)
			}
			if !bytes.HasPrefix(got.Body, []byte("%PDF-")) || !bytes.Contains(got.Body[max(0, len(got.Body)-1024):], []byte("%%EOF")) {
				t.Fatalf("not a PDF: %q…", got.Body[:min(len(got.Body), 16)])
			}
			if cl := got.Header.Get("Content-Length"); cl != strconv.Itoa(len(got.Body)) {
				t.Fatalf("Content-Length %q for %d bytes", cl, len(got.Body))
			}
			w, h := stdMediaBox(t, got.Body)
			if math.Abs(w-cm(c.w)) > 0.05 || math.Abs(h-cm(c.h)) > 0.05 {
				t.Fatalf("page %.2fx%.2f pt, want %.2fx%.2f (%gx%g cm)", w, h, cm(c.w), cm(c.h), c.w, c.h)
			}
			pdfs = append(pdfs, got.Body)
		})
	}

	if len(pdfs) != 4 {
		t.Fatalf("%d posters rendered, want 4", len(pdfs))
	}
	// The text, with every diacritic right.
	text, ok := stdPDFText(t, pdfs[0])
	if !ok {
		t.Log("pdftotext is not installed: the poster's text is not checked")
	} else {
		for _, want := range []string{
			"ĐẢNG ỦY SỞ CÔNG THƯƠNG",
			"CHUẨN MỰC ĐẠO ĐỨC",
			"của cán bộ, đảng viên, công chức, viên chức Sở Công Thương",
			"Tuyệt đối trung thành với Đảng",
			"Trung thực, khiêm tốn, tự giác, liêm khiết, tiết kiệm",
			"Quyết định số 14-QĐ/ĐU ngày 16/04/2022",
		} {
			if !strings.Contains(text, norm.NFC.String(want)) {
				t.Errorf("the poster lacks %q; its text is:\n%s", want, text)
			}
		}
		if strings.Contains(text, "DỰ THẢO") || strings.Contains(text, "ƣ") {
			t.Errorf("the issued poster reads:\n%s", text)
		}
	}

	// A picture of it, for a person to look at.
	if bin, err := exec.LookPath("pdftoppm"); err != nil {
		t.Log("pdftoppm is not installed: no PNG rendered")
	} else {
		dir := t.TempDir()
		in := filepath.Join(dir, "poster.pdf")
		if err := os.WriteFile(in, pdfs[0], 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(bin, "-png", "-r", "30", "-singlefile", in, filepath.Join(dir, "poster")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		fi, err := os.Stat(filepath.Join(dir, "poster.png"))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() <= 5*1024 {
			t.Fatalf("the poster's PNG is %d bytes: next to nothing was drawn", fi.Size())
		}
	}

	// A draft prints as one.
	draft := e.stdCreate("cell.secretary", "CB-VP", map[string]any{"title": "Chuẩn mực đạo đức", "items": stdItems(
		"Gương mẫu, thẳng thắn, chân tình.", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.")})
	got := poster("member", draft.ID, "50x75")
	if got.Status != http.StatusOK {
		t.Fatalf("draft poster: %d\n%s", got.Status, got.Body)
	}
	if text, ok := stdPDFText(t, got.Body); ok {
		for _, want := range []string{"DỰ THẢO", "CHI BỘ VĂN PHÒNG", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"} {
			if !strings.Contains(text, want) {
				t.Errorf("the draft poster lacks %q; its text is:\n%s", want, text)
			}
		}
		if strings.Contains(text, "Quyết định") {
			t.Errorf("the draft poster names a decision:\n%s", text)
		}
	}
	empty := e.stdCreate("cell.secretary", "CB-VP", map[string]any{"title": "Chưa có dòng"})
	problem(t, poster("member", empty.ID, ""), 409, "standard_empty")

	// A long standard does not fit a 10x10 frame: 422 poster_too_long naming the frame; it
	// still renders on a large one.
	long := make([]string, 30)
	for i := range long {
		long[i] = strings.Repeat("Nêu cao ý thức tổ chức kỷ luật, trách nhiệm, tận tụy, sáng tạo trong thực hiện nhiệm vụ. ", 8)
	}
	longSt := e.stdCreate("cell.secretary", "CB-VP", map[string]any{"title": "Chuẩn mực rất dài", "items": stdItems(long...)})
	p := problem(t, poster("member", longSt.ID, "10x10"), 422, "poster_too_long")
	stdWantFields(t, p, true, "/frame")
	// The smallest frame is fine for a short standard: the layout scales with the frame.
	if got := poster("member", demo.ID, "10x10"); got.Status != http.StatusOK {
		t.Fatalf("the demo standard on a 10x10 frame: %d\n%s", got.Status, got.Body)
	} else if w, h := stdMediaBox(t, got.Body); math.Abs(w-cm(10)) > 0.05 || math.Abs(h-cm(10)) > 0.05 {
		t.Fatalf("10x10 page is %.2fx%.2f pt", w, h)
	}

	// Malformed frames name the parameter.
	for _, frame := range []string{"abc", "5x5", "400x400", "40x60x80"} {
		p := problem(t, poster("member", demo.ID, frame), 400, "validation")
		stdWantFields(t, p, false, "/frame")
	}
	// Like the standard itself, the poster exists only for those who read it.
	problem(t, poster("cell.secretary2", demo.ID, ""), 404, "not_found")
	problem(t, poster("", demo.ID, ""), 401, "unauthenticated")
}
