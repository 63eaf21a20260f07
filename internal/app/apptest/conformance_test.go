package apptest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestCheckResponse: the checker refuses what the spec does not declare, and only that.
func TestCheckResponse(t *testing.T) {
	const unit = "/api/v1/units/01a23b02-ee68-7310-b6c0-aac1cfb0f372"
	problem := func(status, code string) string {
		return `{"type":"https://lamtheobac.invalid/problems/` + code + `","title":"t","status":` + status + `,"code":"` + code + `"}`
	}
	h := func(kv ...string) http.Header {
		out := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	pj := "application/problem+json"
	for _, c := range []struct {
		name, method, path string
		status             int
		header             http.Header
		body, wantErr      string
	}{
		{"declared 404", "GET", unit, 404, h("Content-Type", pj), problem("404", "not_found"), ""},
		{"undeclared status", "GET", unit, 418, h("Content-Type", pj), problem("418", "teapot"), "status 418 is not declared"},
		{"500 is never declared", "GET", unit, 500, h("Content-Type", pj), problem("500", "internal"), "status 500 is not declared"},
		{"401 with its challenge", "GET", unit, 401, h("Content-Type", pj, "WWW-Authenticate", `Bearer realm="lamtheobac"`), problem("401", "unauthenticated"), ""},
		{"401 without WWW-Authenticate", "GET", unit, 401, h("Content-Type", pj), problem("401", "unauthenticated"), `"WWW-Authenticate" missing`},
		{"problem without its code", "GET", unit, 404, h("Content-Type", pj), `{"type":"x","title":"t","status":404}`, "doesn't match schema"},
		{"wrong content type", "GET", unit, 404, h("Content-Type", "text/plain"), "not found", "Content-Type"},
		{"304 with its ETag", "GET", unit, 304, h("ETag", `"1-abc"`), "", ""},
		{"304 without ETag", "GET", unit, 304, h(), "", "required header ETag missing"},
		{"304 with a body", "GET", unit, 304, h("ETag", `"1-abc"`), "x", "a 304 has a body"},
		{"undeclared header", "DELETE", unit, 204, h("Location", "/x"), "", "header Location"},
		{"503 without Retry-After", "GET", unit, 503, h("Content-Type", pj), problem("503", "database_unavailable"), `"Retry-After" missing`},
		{"an Atom feed", "GET", "/public/feed.atom", 200, h("Content-Type", "application/atom+xml", "ETag", `"pub-1"`, "Cache-Control", "public, max-age=300"),
			`<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, ""},
		{"not an Atom feed", "GET", "/public/feed.atom", 200, h("Content-Type", "application/atom+xml", "ETag", `"pub-1"`, "Cache-Control", "public, max-age=300"),
			`<rss></rss>`, "not an Atom feed"},
		{"not a PDF", "GET", "/api/v1/standards/01a23b02-ee68-7310-b6c0-aac1cfb0f372/poster.pdf", 200,
			h("Content-Type", "application/pdf"), "<html>", "not a PDF"},
		{"outside the spec", "GET", "/docs/", 200, h("Content-Type", "text/html"), "<html>", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckResponse(httptest.NewRequest(c.method, c.path, nil), c.status, c.header, []byte(c.body))
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.wantErr != "" && err == nil:
				t.Fatalf("accepted, want an error with %q", c.wantErr)
			case c.wantErr != "" && !strings.Contains(err.Error(), c.wantErr):
				t.Fatalf("error %v, want one with %q", err, c.wantErr)
			}
		})
	}
}
