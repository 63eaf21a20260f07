package httpapi_test

import (
	"os"
	"testing"

	"lamtheobac/internal/app/apptest"
)

// TestMain runs the suite and says how many answers were checked against openapi.yaml: every
// full-stack test is also a conformance test (apptest.Conforming).
func TestMain(m *testing.M) { os.Exit(apptest.RunReporting(m, "httpapi")) }
