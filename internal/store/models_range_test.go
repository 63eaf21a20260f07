package store

import (
	"strings"
	"testing"
)

// The subtree's range holds exactly the paths that start with the subtree's path, as the LIKE
// it replaces matched them, byte for byte (text_pattern_ops).
func TestSubtreeRangeIsThePrefix(t *testing.T) {
	const committee = "017cd939-8d00-763a-8e84-27444464161a/017cd93a-7760-7fb2-9ef3-62ac49092f27/"
	lo, hi := subtreeRange(committee)
	for _, tc := range []struct {
		path string
		in   bool
	}{
		{committee, true},
		{committee + "017cd93b-0000-7000-8000-000000000001/", true},
		{committee + "ffffffff-ffff-ffff-ffff-ffffffffffff/", true},
		{strings.TrimSuffix(committee, "/"), false},                                           // the parent's own id without "/"
		{"017cd939-8d00-763a-8e84-27444464161a/", false},                                      // the bloc above
		{"017cd939-8d00-763a-8e84-27444464161a/017cd93a-7760-7fb2-9ef3-62ac49092f28/", false}, // a sibling
		{"017cd939-8d00-763a-8e84-27444464161a/017cd93a-7760-7fb2-9ef3-62ac49092f270", false},
		{"017cd939-8d00-763a-8e84-27444464161a/017cd93a-7760-7fb2-9ef3-62ac49092f27.", false},
	} {
		got := tc.path >= lo && tc.path < hi
		want := strings.HasPrefix(tc.path, committee)
		if got != want || (tc.in != want) {
			t.Errorf("%q: in range %v, prefix %v, expected %v", tc.path, got, want, tc.in)
		}
	}
}
