package httpapi

import (
	"testing"

	"lamtheobac/api"
)

// TestIDOnlyOperations: the reads by id skip the validator; an operation with a query
// parameter, a body, or a path parameter that is not a plain uuid does not.
func TestIDOnlyOperations(t *testing.T) {
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	routes, err := routesOf(spec)
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]bool{
		"GET /api/v1/models/:modelId":              true,
		"GET /api/v1/nominations/:nominationId":    true,
		"GET /api/v1/reports/:reportId":            true,
		"GET /api/v1/units/:unitId/model-coverage": false, // query parameters
		"PATCH /api/v1/models/:modelId":            false, // a body and If-Match
		"GET /public/feed.atom":                    false, // filters
		"GET /api/v1/units/:unitId/models":         false, // filters
	} {
		if _, ok := routes.ops[key]; !ok {
			t.Errorf("%s: no such operation", key)
		}
		if _, got := routes.idOnly[key]; got != want {
			t.Errorf("%s: id-only %v, want %v", key, got, want)
		}
	}
	if h := routes.idOnly["GET /api/v1/models/:modelId"]; len(h) != 1 || h[0] != "If-None-Match" {
		t.Errorf("GET a model: headers %v, want If-None-Match", h)
	}
	if len(routes.idOnly) == 0 || len(routes.idOnly) == len(routes.ops) {
		t.Fatalf("%d of %d operations id-only", len(routes.idOnly), len(routes.ops))
	}
}

// TestCanonicalUUID: only the 8-4-4-4-12 hexadecimal form passes without the validator.
func TestCanonicalUUID(t *testing.T) {
	for s, want := range map[string]bool{
		"0190a5e2-7c1b-7def-8abc-0123456789ab": true, "0190A5E2-7C1B-7DEF-8ABC-0123456789AB": true,
		"": false, "0190a5e27c1b7def8abc0123456789ab": false, "{0190a5e2-7c1b-7def-8abc-0123456789ab}": false,
		"urn:uuid:0190a5e2-7c1b-7def-8abc-0123456789ab": false, "0190a5e2-7c1b-7def-8abc-0123456789ag": false,
		"0190a5e2x7c1b-7def-8abc-0123456789ab": false, "0190a5e2-7c1b-7def-8abc-0123456789a": false,
	} {
		if got := canonicalUUID(s); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}
