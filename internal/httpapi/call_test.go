package httpapi_test

import (
	"strconv"
	"strings"
)

// versioned is an answer whose ETag names its version: "v" for a write, "v-…" for a GET (the
// representation tag conditionalGET derives from it).
type versioned interface{ tagVersion() int64 }

func (m mdlModel) tagVersion() int64      { return m.Version }
func (n nomNomination) tagVersion() int64 { return n.Version }
func (r rptReport) tagVersion() int64     { return r.Version }
func (s apiStandard) tagVersion() int64   { return s.Version }

// ifMatch is the If-Match header naming version, or none when version is not positive.
func ifMatch(version int64) map[string]string {
	if version <= 0 {
		return nil
	}
	return map[string]string{"If-Match": `"` + strconv.FormatInt(version, 10) + `"`}
}

// call sends r (checked against the spec, as e.do does), fails unless the status is want, and
// decodes the answer into T; when T is versioned, its ETag must name its version.
func call[T any](e *env, want int, r req) T {
	e.t.Helper()
	got := e.do(r)
	if got.Status != want {
		e.t.Fatalf("%s %s as %s: status %d, want %d\n%s", r.Method, r.Path, r.User, got.Status, want, got.Body)
	}
	var out T
	got.Decode(e.t, &out)
	if v, ok := any(out).(versioned); ok {
		tag, n := got.Header.Get("ETag"), strconv.FormatInt(v.tagVersion(), 10)
		if tag != `"`+n+`"` && !strings.HasPrefix(tag, `"`+n+`-`) {
			e.t.Fatalf("ETag %q for version %s", tag, n)
		}
	}
	return out
}
