package httpapi

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"lamtheobac/api"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/limits"
)

// TestRulesOfTheSpec: every route the generated code registers finds its rule (the spec's
// paths turned into Echo's as the generator does), the public routes are exactly those whose
// security is empty in the spec, and the upload alone is streamed with the upload's limit.
func TestRulesOfTheSpec(t *testing.T) {
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	rules := rulesOf(spec)
	e := echo.New()
	api.RegisterHandlers(e, nil)
	routes := 0
	for _, r := range e.Routes() {
		if _, ok := rules[r.Method+" "+r.Path]; !ok {
			t.Errorf("no rule for %s %s", r.Method, r.Path)
		}
		routes++
	}
	if routes != len(rules) || routes < 60 {
		t.Fatalf("%d routes, %d rules", routes, len(rules))
	}
	public := map[string]bool{}
	for k, r := range rules {
		if r.public {
			public[k] = true
		}
		if r.streamed != (k == "POST /api/v1/units/:unitId/imports") {
			t.Errorf("%s: streamed %v", k, r.streamed)
		}
		want := int64(limits.Body)
		if r.streamed {
			want = limits.UploadBody
		}
		if r.bodyLimit != want {
			t.Errorf("%s: body limit %d, want %d", k, r.bodyLimit, want)
		}
	}
	for _, k := range []string{"GET /healthz", "GET /readyz", "GET /.well-known/jwks.json", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
		"POST /api/v1/auth/logout", "POST /api/v1/auth/token", "GET /public/exemplars", "GET /public/models", "GET /public/standards", "GET /public/feed.atom",
		"GET /api/v1/units/:unitId/calendar.ics"} { // the calendar feed: its token is in the URL
		if !public[k] {
			t.Errorf("%s should be public", k)
		}
		delete(public, k)
	}
	if len(public) > 0 {
		t.Errorf("public beyond the spec's security: %v", public)
	}
	if r := rules[http.MethodPost+" /api/v1/auth/token"]; len(r.media) != 1 || r.media[0] != "application/x-www-form-urlencoded" {
		t.Errorf("token media: %v", r.media)
	}
}

// TestLimitedBody: a body of exactly the limit reads whole; one byte more is the route's 413.
func TestLimitedBody(t *testing.T) {
	for _, c := range []struct {
		size int
		over bool
	}{{0, false}, {10, false}, {11, true}, {1000, true}} {
		b := &limitedBody{ReadCloser: io.NopCloser(strings.NewReader(strings.Repeat("x", c.size))), left: 10, rule: routeRule{bodyLimit: 10}}
		got, err := io.ReadAll(b)
		if c.over {
			if ae, ok := apperr.As(err); !ok || ae.Code != "body_too_large" || len(got) > 10 {
				t.Errorf("%d bytes: read %d, err %v", c.size, len(got), err)
			}
			continue
		}
		if err != nil || len(got) != c.size {
			t.Errorf("%d bytes: read %d, err %v", c.size, len(got), err)
		}
	}
}
