package httpapi_test

import (
	"fmt"
	"os"
	"testing"

	"lamtheobac/internal/app/apptest"
)

// TestMain runs the suite and says how many answers were checked against openapi.yaml: every
// full-stack test is also a conformance test (apptest.Conforming).
func TestMain(m *testing.M) {
	code := m.Run()
	fmt.Printf("conformance: %d answers validated against openapi.yaml\n", apptest.Validated())
	os.Exit(code)
}
