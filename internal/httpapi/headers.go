package httpapi

import "net/http"

// Header values made once and put into answers' header maps as they are: Header.Set makes a
// new one-element slice and canonicalizes the key on every call, which was most of the
// allocations of an answer served from memory (#16). A value is a slice whose capacity is its
// length, so a later Header.Add appends to a copy and never into the shared array; nothing
// writes into a header value in place.

// headerValue is a header's value to share between answers.
func headerValue(v string) []string { return []string{v}[:1:1] }

// The canonical forms (http.CanonicalHeaderKey) of the keys set this way: a header map is
// read and written with them.
var (
	headerCacheControl    = http.CanonicalHeaderKey("Cache-Control")
	headerContentEncoding = http.CanonicalHeaderKey("Content-Encoding")
	headerContentLength   = http.CanonicalHeaderKey("Content-Length")
	headerContentType     = http.CanonicalHeaderKey("Content-Type")
	headerETag            = http.CanonicalHeaderKey("ETag")
	headerVary            = http.CanonicalHeaderKey("Vary")
)

var (
	publicCacheValue   = headerValue(publicCache)
	gzipValue          = headerValue("gzip")
	acceptEncodingVary = headerValue("Accept-Encoding")
)

// addVaryAcceptEncoding adds Accept-Encoding to Vary (public answers have a gzip copy).
func addVaryAcceptEncoding(h http.Header) {
	if len(h[headerVary]) == 0 {
		h[headerVary] = acceptEncodingVary
		return
	}
	h[headerVary] = append(h[headerVary], acceptEncodingVary[0])
}

// securityHeaderValues are the headers every API answer carries (securityHeaders); the
// documentation's pages get all but the last two.
var securityHeaderValues = []struct {
	key   string
	value []string
}{
	{http.CanonicalHeaderKey("X-Content-Type-Options"), headerValue("nosniff")},
	{http.CanonicalHeaderKey("X-Frame-Options"), headerValue("DENY")},
	{http.CanonicalHeaderKey("Referrer-Policy"), headerValue("no-referrer")},
	{http.CanonicalHeaderKey("Strict-Transport-Security"), headerValue("max-age=31536000")},
	{http.CanonicalHeaderKey("Content-Security-Policy"), headerValue("default-src 'none'; frame-ancestors 'none'")},
	{headerCacheControl, headerValue("private, no-cache")}, // revalidate with ETag; never shared caches
}
