package httpapi_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// nomPublic GETs a public path without a token and fails unless the status is 200.
func (e *env) nomPublic(path string, header map[string]string) resp {
	e.t.Helper()
	return e.must(http.StatusOK, req{Method: "GET", Path: path, Header: header})
}

// nomPublicNames lists the names (or titles) of the items of a public list.
func (e *env) nomPublicNames(path string) []string {
	e.t.Helper()
	var l struct {
		Items []map[string]any `json:"items"`
	}
	e.nomPublic(path, nil).Decode(e.t, &l)
	out := []string{}
	for _, it := range l.Items {
		if n, ok := it["name"].(string); ok {
			out = append(out, n)
		} else if n, ok := it["title"].(string); ok {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// nomAtom is the part of an Atom feed the tests read.
type nomAtom struct {
	XMLName xml.Name `xml:"feed"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Summary string `xml:"summary"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

// nomFeed GETs and parses the Atom feed (query already encoded, with its "?").
func (e *env) nomFeed(query string) (nomAtom, resp) {
	e.t.Helper()
	got := e.nomPublic("/public/feed.atom"+query, nil)
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
		e.t.Fatalf("feed content type %q", ct)
	}
	var f nomAtom
	if err := xml.Unmarshal(got.Body, &f); err != nil {
		e.t.Fatalf("feed is not XML: %v\n%s", err, got.Body)
	}
	return f, got
}

// nomFeedHas reports whether an entry title of the feed contains s.
func nomFeedHas(f nomAtom, s string) bool {
	for _, en := range f.Entries {
		if strings.Contains(en.Title, s) {
			return true
		}
	}
	return false
}

// nomFields lists the fields a problem names, sorted.
func nomFields(p map[string]any) []string {
	out := []string{}
	errs, _ := p["errors"].([]any)
	for _, x := range errs {
		if m, ok := x.(map[string]any); ok {
			f, _ := m["field"].(string)
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nomWantFields asserts that a problem names exactly the fields of want.
func nomWantFields(t *testing.T, p map[string]any, want ...string) {
	t.Helper()
	w := slices.Clone(want)
	slices.Sort(w)
	if got := nomFields(p); !slices.Equal(got, w) {
		t.Fatalf("problem names fields %q, want %q\n%v", got, w, p)
	}
}

// nomUnchanged asserts that a nomination is still in status at version.
func (e *env) nomUnchanged(id, status string, version int64) {
	e.t.Helper()
	if n := e.nomGet("admin", id); n.Status != status || n.Version != version {
		e.t.Fatalf("nomination %s is %s v%d, want %s v%d unchanged", id, n.Status, n.Version, status, version)
	}
}

// TestPublicFeedRules checks what the portal sees: only what an officer published, public
// fields only, filters, and cheap polling.
func TestPublicFeedRules(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	today := nomToday(year)

	// The demo publishes two exemplars; nothing in any other state shows.
	wantExemplars := []string{"Chi bộ Quản lý thương mại", "Nguyễn Thị Thu"}
	if got := e.nomPublicNames("/public/exemplars"); !slices.Equal(got, wantExemplars) {
		t.Fatalf("public exemplars %q, want %q", got, wantExemplars)
	}
	hidden := []string{"Tổ Văn thư - Lưu trữ", "Trần Văn Bình", "Lê Thị Hoa", "Phạm Minh Đức", "Đỗ Văn Sơn", "Đề xuất chưa đủ căn cứ", "Đang hoàn thiện hồ sơ"}
	feed, fr := e.nomFeed("")
	for _, s := range hidden {
		if strings.Contains(string(fr.Body), s) || strings.Contains(string(e.nomPublic("/public/exemplars", nil).Body), s) {
			t.Fatalf("the public side shows %q", s)
		}
	}
	if len(feed.Entries) != 2 || !nomFeedHas(feed, "Nguyễn Thị Thu") || !nomFeedHas(feed, "Chi bộ Quản lý thương mại") {
		t.Fatalf("feed entries %+v", feed.Entries)
	}
	if got := e.nomPublicNames("/public/models"); len(got) != 0 {
		t.Fatalf("unpublished models show: %q", got)
	}
	if got := e.nomPublicNames("/public/standards"); len(got) != 0 {
		t.Fatalf("unpublished standards show: %q", got)
	}

	// Polling: ETag, Cache-Control, 304 on If-None-Match.
	first := e.nomPublic("/public/exemplars", nil)
	etag := first.Header.Get("ETag")
	if etag == "" || first.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, first.Header.Get("Cache-Control"))
	}
	notModified := e.do(req{Method: "GET", Path: "/public/exemplars", Header: map[string]string{"If-None-Match": etag}})
	if notModified.Status != http.StatusNotModified || len(notModified.Body) != 0 {
		t.Fatalf("If-None-Match: %d\n%s", notModified.Status, notModified.Body)
	}
	feedTag := fr.Header.Get("ETag")
	if feedTag == "" || fr.Header.Get("Cache-Control") != "public, max-age=300" || feedTag == etag {
		t.Fatalf("feed ETag %q (list %q), Cache-Control %q", feedTag, etag, fr.Header.Get("Cache-Control"))
	}
	if got := e.do(req{Method: "GET", Path: "/public/feed.atom", Header: map[string]string{"If-None-Match": feedTag}}); got.Status != http.StatusNotModified || len(got.Body) != 0 {
		t.Fatalf("feed If-None-Match: %d", got.Status)
	}
	modelsTag := e.nomPublic("/public/models", nil).Header.Get("ETag")

	// An honored collective stays off the portal until an officer publishes it.
	const dept = "Tổ Tiếp dân"
	n := e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
		nomBody(year, nomDepartment(dept), "Tiếp dân tận tình")), "honored", today)
	// An honored individual with consent, not published.
	p := e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
		nomBody(year, nomPerson("Chưa Công Bố", "Chuyên viên", e.units["CB-VP"], false), "Chưa công bố")), "honored", today)
	call[nomNomination](e, http.StatusOK, req{Method: "POST", Path: nomPath(p.ID, "consent"), User: "cell.secretary", Header: ifMatch(p.Version), Body: map[string]any{"given": true}})
	// A submitted and a rejected one.
	e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
		nomBody(year, nomPerson("Đang Xét", "Chuyên viên", e.units["CB-VP"], false), "Đang xét")), "submitted", today)
	e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP",
		nomBody(year, nomPerson("Bị Từ Chối", "Chuyên viên", e.units["CB-VP"], false), "Bị từ chối")), "rejected", today)
	if got := e.nomPublicNames("/public/exemplars"); !slices.Equal(got, wantExemplars) {
		t.Fatalf("public exemplars %q, want %q", got, wantExemplars)
	}
	if got := e.do(req{Method: "GET", Path: "/public/exemplars", Header: map[string]string{"If-None-Match": etag}}); got.Status != http.StatusNotModified {
		t.Fatalf("nothing was published, yet the ETag changed: %d", got.Status)
	}
	// Only officers over the holder publish.
	problem(t, e.do(req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "cell.secretary", Body: map[string]any{"published": true}}),
		http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "member", Body: map[string]any{"published": true}}),
		http.StatusForbidden, "forbidden")
	pub := e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "committee.officer", Body: map[string]any{"published": true}}).JSON(t)
	if pub["published"] != true || pub["approved_by"] != "Lê Minh Tuấn" {
		t.Fatalf("publication %v", pub)
	}
	// Publishing twice is not an error.
	e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "committee.officer", Body: map[string]any{"published": true}})
	wantNow := append(slices.Clone(wantExemplars), dept)
	slices.Sort(wantNow)
	if got := e.nomPublicNames("/public/exemplars"); !slices.Equal(got, wantNow) {
		t.Fatalf("public exemplars %q, want %q", got, wantNow)
	}
	// The old ETag no longer matches: the list is served again, with a new tag.
	again := e.do(req{Method: "GET", Path: "/public/exemplars", Header: map[string]string{"If-None-Match": etag}})
	if again.Status != http.StatusOK || again.Header.Get("ETag") == etag || len(again.Body) == 0 {
		t.Fatalf("after a publication: %d, ETag %q (old %q)", again.Status, again.Header.Get("ETag"), etag)
	}
	if got := e.do(req{Method: "GET", Path: "/public/feed.atom", Header: map[string]string{"If-None-Match": feedTag}}); got.Status != http.StatusOK {
		t.Fatalf("the feed did not change after a publication: %d", got.Status)
	}
	if f, _ := e.nomFeed(""); !nomFeedHas(f, dept) || nomFeedHas(f, "Chưa Công Bố") || nomFeedHas(f, "Đang Xét") || nomFeedHas(f, "Bị Từ Chối") {
		t.Fatalf("feed entries %+v", f.Entries)
	}
	// Unpublishing takes it off again.
	e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "committee.officer", Body: map[string]any{"published": false}})
	if got := e.nomPublicNames("/public/exemplars"); !slices.Equal(got, wantExemplars) {
		t.Fatalf("after unpublishing: %q", got)
	}
	if e.nomGet("cell.secretary", n.ID).Published {
		t.Fatalf("still published")
	}
	e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "committee.officer", Body: map[string]any{"published": true}})

	// Models: only approved or later, only once published.
	for _, m := range [][2]string{{"CB-KTAT", "Ngày chủ nhật xanh"}, {"CB-QLTM", "Mỗi tháng một việc tốt"}} {
		id, status := e.nomModel(m[0], m[1])
		problem(t, e.do(req{Method: "PUT", Path: "/api/v1/models/" + id + "/publication", User: "committee.officer", Body: map[string]any{"published": true}}),
			http.StatusConflict, "not_publishable")
		if e.count("models", "id = $1 AND published_at IS NOT NULL", id) != 0 {
			t.Fatalf("a %s model was published", status)
		}
	}
	smile, _ := e.nomModel("CB-VP", "Nụ cười công sở") // in progress, this year
	baKhong, _ := e.nomModel("CB-BTTP", "Ba không")    // approved, this year
	bonKhong, _ := e.nomModel("CB-BTTP", "4 không")    // completed, last year
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/models/" + smile + "/publication", User: "cell.secretary", Body: map[string]any{"published": true}}),
		http.StatusForbidden, "forbidden")
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/models/" + baKhong + "/publication", User: "committee.officer", Body: map[string]any{"published": true}}),
		http.StatusNotFound, "not_found")
	mp := e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + smile + "/publication", User: "committee.officer", Body: map[string]any{"published": true}}).JSON(t)
	if mp["published"] != true || mp["approved_by"] != "Lê Minh Tuấn" || mp["published_at"] == nil {
		t.Fatalf("model publication %v", mp)
	}
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + baKhong + "/publication", User: "bloc.officer", Body: map[string]any{"published": true}})
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + bonKhong + "/publication", User: "bloc.officer", Body: map[string]any{"published": true}})
	if got, want := e.nomPublicNames("/public/models"), []string{"4 không", "Ba không", "Nụ cười công sở"}; !slices.Equal(got, want) {
		t.Fatalf("public models %q, want %q", got, want)
	}
	if got := e.do(req{Method: "GET", Path: "/public/models", Header: map[string]string{"If-None-Match": modelsTag}}); got.Status != http.StatusOK {
		t.Fatalf("the models ETag did not change: %d", got.Status)
	}
	var models struct {
		Items []map[string]any `json:"items"`
	}
	e.nomPublic("/public/models", nil).Decode(t, &models)
	for _, m := range models.Items {
		for k := range m {
			if !slices.Contains([]string{"id", "name", "year", "category", "unit", "content", "published_at"}, k) {
				t.Fatalf("public model has field %q", k)
			}
		}
	}

	// Standards: only issued ones, once published.
	var stds struct {
		Items []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
			Title  string `json:"title"`
		} `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath("DU-SCT", "standards") + "?status=issued", User: "committee.officer"}).Decode(t, &stds)
	if len(stds.Items) != 1 {
		t.Fatalf("demo standards: %+v", stds.Items)
	}
	issued := stds.Items[0]
	var draft struct {
		ID string `json:"id"`
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: e.nomUnitPath("CB-VP", "standards"), User: "cell.secretary",
		Body: map[string]any{"title": "Dự thảo chuẩn mực", "items": []map[string]any{{"text": "Trung thực, khiêm tốn.", "relation": "fatherland_party"}}}}).Decode(t, &draft)
	problem(t, e.do(req{Method: "PUT", Path: "/api/v1/standards/" + draft.ID + "/publication", User: "committee.officer", Body: map[string]any{"published": true}}),
		http.StatusConflict, "not_publishable")
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/standards/" + issued.ID + "/publication", User: "committee.officer", Body: map[string]any{"published": true}})
	var pstd struct {
		Items []map[string]any `json:"items"`
	}
	e.nomPublic("/public/standards", nil).Decode(t, &pstd)
	if len(pstd.Items) != 1 || pstd.Items[0]["id"] != issued.ID || pstd.Items[0]["title"] != issued.Title ||
		pstd.Items[0]["decision"] != "Quyết định số 14-QĐ/ĐU ngày 16/04/2022" || len(pstd.Items[0]["items"].([]any)) == 0 {
		t.Fatalf("public standards %v", pstd.Items)
	}
	for k := range pstd.Items[0] {
		if !slices.Contains([]string{"id", "title", "subtitle", "items", "unit", "decision", "published_at"}, k) {
			t.Fatalf("public standard has field %q", k)
		}
	}

	// Filters.
	q := func(path string, kv ...string) []string {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return e.nomPublicNames(path + "?" + v.Encode())
	}
	sct, stp, khoi := e.units["DU-SCT"].String(), e.units["DU-STP"].String(), e.units["KHOI-CQDN"].String()
	if got := q("/public/exemplars", "bloc_id", khoi); !slices.Equal(got, wantNow) {
		t.Fatalf("bloc filter: %q", got)
	}
	if got := q("/public/exemplars", "bloc_id", uuid.NewString()); len(got) != 0 {
		t.Fatalf("another bloc's exemplars: %q", got)
	}
	if got := q("/public/exemplars", "committee_id", sct); !slices.Equal(got, wantNow) {
		t.Fatalf("DU-SCT filter: %q", got)
	}
	if got := q("/public/exemplars", "committee_id", stp); len(got) != 0 {
		t.Fatalf("DU-STP exemplars: %q", got)
	}
	if got := q("/public/exemplars", "year", strconv.Itoa(year)); !slices.Equal(got, wantNow) {
		t.Fatalf("this year's exemplars: %q", got)
	}
	if got := q("/public/exemplars", "year", strconv.Itoa(year-1)); len(got) != 0 {
		t.Fatalf("last year's exemplars: %q", got)
	}
	if got := q("/public/models", "committee_id", stp); !slices.Equal(got, []string{"4 không", "Ba không"}) {
		t.Fatalf("DU-STP models: %q", got)
	}
	if got := q("/public/models", "committee_id", sct); !slices.Equal(got, []string{"Nụ cười công sở"}) {
		t.Fatalf("DU-SCT models: %q", got)
	}
	if got := q("/public/models", "committee_id", stp, "year", strconv.Itoa(year-1)); !slices.Equal(got, []string{"4 không"}) {
		t.Fatalf("DU-STP models of last year: %q", got)
	}
	if got := q("/public/models", "bloc_id", khoi, "year", strconv.Itoa(year)); !slices.Equal(got, []string{"Ba không", "Nụ cười công sở"}) {
		t.Fatalf("this year's models: %q", got)
	}
	if got := q("/public/standards", "committee_id", stp); len(got) != 0 {
		t.Fatalf("DU-STP standards: %q", got)
	}
	if got := q("/public/standards", "year", "2022", "committee_id", sct); len(got) != 1 {
		t.Fatalf("standards of 2022: %q", got)
	}
	if got := q("/public/standards", "year", strconv.Itoa(year)); len(got) != 0 {
		t.Fatalf("standards decided this year: %q", got)
	}
	if f, _ := e.nomFeed("?committee_id=" + stp); len(f.Entries) != 2 || !nomFeedHas(f, "Ba không") || !nomFeedHas(f, "4 không") {
		t.Fatalf("DU-STP feed: %+v", f.Entries)
	}
	if f, _ := e.nomFeed("?committee_id=" + sct); len(f.Entries) != 5 || nomFeedHas(f, "Ba không") || !nomFeedHas(f, dept) {
		t.Fatalf("DU-SCT feed: %+v", f.Entries)
	}
	if got := e.do(req{Method: "GET", Path: "/public/exemplars?committee_id=not-a-uuid"}); got.Status != http.StatusBadRequest {
		t.Fatalf("a bad filter: %d", got.Status)
	}
	// Nothing the portal lists is a draft, a rejected or unpublished nomination.
	var ex struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	e.nomPublic("/public/exemplars", nil).Decode(t, &ex)
	for _, it := range ex.Items {
		if e.count("nominations", "id = $1 AND status = 'honored' AND published_at IS NOT NULL", it.ID) != 1 {
			t.Fatalf("the portal lists %s, not an honored, published nomination", it.ID)
		}
	}
}
