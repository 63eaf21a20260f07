package httpapi

import "testing"

// TestAcceptsGzip: gzip is served when named with a q above 0, or through "*" when not named.
func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"": false, "identity": false, "gzip": true, "GZIP": true, "gzip, deflate, br": true, "br;q=1.0, gzip;q=0.8": true,
		"gzip;q=0": false, "gzip; q=0.0, identity": false, "*": true, "*;q=0": false, "gzip;q=0, *": false, "deflate, *;q=0.1": true,
		"x-gzip": true, "deflate": false,
	} {
		if got := acceptsGzip(header); got != want {
			t.Errorf("Accept-Encoding %q: %v, want %v", header, got, want)
		}
	}
}
