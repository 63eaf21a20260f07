package httpapi_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// hostile is user text written to become markup wherever it is pasted unescaped, or to end an
// escaping context early.
const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)> &lt;b&gt;bold&lt;/b&gt; &amp; ]]> <![CDATA[<i>x</i>]]>`

// atomVocabulary is every element the feed may hold (RFC 4287 names); anything else in it came
// from user text.
var atomVocabulary = []string{"feed", "id", "title", "subtitle", "updated", "author", "name", "uri", "link", "entry",
	"published", "category", "summary"}

// TestPublicFeedIsAtomAndUserTextStaysText: what a secretary or a unit typed reaches a feed
// reader as the same characters, never as elements; the document carries what RFC 4287 requires
// of a feed and of each entry.
func TestPublicFeedIsAtomAndUserTextStaysText(t *testing.T) {
	t.Parallel()
	e, _, year := nomEnv(t)
	today := nomToday(year)

	// A unit whose name is hostile owns an approved model; a nomination's public summary and
	// subject are hostile; all of it published, with an issued standard beside them.
	hostileUnit := "Chi bộ " + hostile
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/cells/" + e.units["CB-BTTP"].String(), User: "admin", Body: map[string]any{"name": hostileUnit}})
	modelID, _ := e.nomModel("CB-BTTP", "Ba không")
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/models/" + modelID + "/publication", User: "admin", Body: map[string]any{"published": true}})
	dept := "Tổ " + hostile
	summary := "Tóm tắt " + hostile + "\nDòng hai"
	n := e.nomDrive("cell.secretary", "committee.officer", e.nomCreate("cell.secretary", "CB-VP", nomBody(year, nomDepartment(dept), summary)), "honored", today)
	e.must(http.StatusOK, req{Method: "PUT", Path: nomPath(n.ID, "publication"), User: "committee.officer", Body: map[string]any{"published": true}})
	var stds struct {
		Items []struct{ ID string } `json:"items"`
	}
	e.must(http.StatusOK, req{Method: "GET", Path: e.nomUnitPath("DU-SCT", "standards") + "?status=issued", User: "committee.officer"}).Decode(t, &stds)
	e.must(http.StatusOK, req{Method: "PUT", Path: "/api/v1/standards/" + stds.Items[0].ID + "/publication", User: "committee.officer", Body: map[string]any{"published": true}})

	for _, query := range []string{"", "?year=" + strconv.Itoa(year) + "&bloc_id=" + e.units["KHOI-CQDN"].String()} {
		got := e.nomPublic("/public/feed.atom"+query, nil)
		if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
			t.Fatalf("content type %q", ct)
		}
		checkAtom(t, got.Body, "http://localhost:8080/public/feed.atom"+sortedQuery(t, query))

		// A real feed reader gets the user's characters back as text.
		f, err := gofeed.NewParser().Parse(bytes.NewReader(got.Body))
		if err != nil {
			t.Fatalf("gofeed: %v\n%s", err, got.Body)
		}
		if f.FeedType != "atom" || f.Language != "vi" || len(f.Authors) == 0 || f.UpdatedParsed == nil {
			t.Fatalf("gofeed reads type %q, language %q, authors %v, updated %v", f.FeedType, f.Language, f.Authors, f.Updated)
		}
		var sawNom, sawModel bool
		for _, it := range f.Items {
			if len(it.Authors) == 0 || it.Authors[0].Name == "" || it.UpdatedParsed == nil || it.PublishedParsed == nil || it.Link == "" {
				t.Errorf("entry %q lacks author, dates or link: %+v", it.GUID, it)
			}
			switch it.GUID {
			case "urn:lamtheobac:exemplar:" + n.ID:
				sawNom = true
				if it.Description != summary || !strings.Contains(it.Title, dept) {
					t.Errorf("exemplar reads back as\n title %q\n summary %q\nwant the typed text", it.Title, it.Description)
				}
				if it.Authors[0].Name != "Chi bộ Văn phòng" {
					t.Errorf("exemplar author %q", it.Authors[0].Name)
				}
			case "urn:lamtheobac:model:" + modelID:
				sawModel = true
				if it.Authors[0].Name != hostileUnit || !strings.Contains(it.Title, hostileUnit) {
					t.Errorf("model reads back with author %q, title %q", it.Authors[0].Name, it.Title)
				}
			}
		}
		if !sawNom || !sawModel {
			t.Fatalf("feed lacks the published exemplar (%v) or model (%v)", sawNom, sawModel)
		}
	}
}

// sortedQuery is query ("" or "?a=b&…") with its parameters in the order url.Values encodes them.
func sortedQuery(t *testing.T, query string) string {
	t.Helper()
	if query == "" {
		return ""
	}
	v, err := url.ParseQuery(strings.TrimPrefix(query, "?"))
	if err != nil {
		t.Fatal(err)
	}
	return "?" + v.Encode()
}

const atomNS = "http://www.w3.org/2005/Atom"

// The feed as encoding/xml reads it, namespaces included, for the RFC 4287 checks.
type (
	xText struct {
		Type  string `xml:"type,attr"`
		Inner string `xml:",innerxml"`
	}
	xPerson struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	}
	xLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	}
	xEntry struct {
		ID        string    `xml:"http://www.w3.org/2005/Atom id"`
		Title     *xText    `xml:"http://www.w3.org/2005/Atom title"`
		Updated   string    `xml:"http://www.w3.org/2005/Atom updated"`
		Published string    `xml:"http://www.w3.org/2005/Atom published"`
		Authors   []xPerson `xml:"http://www.w3.org/2005/Atom author"`
		Links     []xLink   `xml:"http://www.w3.org/2005/Atom link"`
		Summary   *xText    `xml:"http://www.w3.org/2005/Atom summary"`
	}
	xFeed struct {
		XMLName xml.Name  `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string    `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		ID      string    `xml:"http://www.w3.org/2005/Atom id"`
		Title   *xText    `xml:"http://www.w3.org/2005/Atom title"`
		Updated string    `xml:"http://www.w3.org/2005/Atom updated"`
		Authors []xPerson `xml:"http://www.w3.org/2005/Atom author"`
		Links   []xLink   `xml:"http://www.w3.org/2005/Atom link"`
		Entries []xEntry  `xml:"http://www.w3.org/2005/Atom entry"`
	}
)

// checkAtom asserts what RFC 4287 requires of the feed and its entries (ids as IRIs, text
// titles, RFC 3339 dates, an author, a self link equal to self, an alternate link per entry
// since entries carry no content), newest entry first, and that the document holds no element
// outside the Atom vocabulary and none inside a text construct.
func checkAtom(t *testing.T, body []byte, self string) {
	t.Helper()
	var f xFeed
	if err := xml.Unmarshal(body, &f); err != nil {
		t.Fatalf("feed is not XML: %v\n%s", err, body)
	}
	date := func(what, s string) time.Time {
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Errorf("%s %q is not an RFC 3339 date", what, s)
		}
		return d
	}
	iri := func(what, s string, web bool) {
		u, err := url.Parse(s)
		if err != nil || u.Scheme == "" || (web && (u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"))) {
			t.Errorf("%s %q is not an absolute IRI", what, s)
		}
	}
	textConstruct := func(what string, x *xText) {
		if x == nil || x.Type != "text" || strings.TrimSpace(x.Inner) == "" {
			t.Errorf("%s: %+v, want a non-empty type=\"text\" construct", what, x)
		}
	}
	author := func(what string, ps []xPerson) {
		if len(ps) == 0 || strings.TrimSpace(ps[0].Name) == "" {
			t.Errorf("%s has no author name", what)
		}
	}
	if f.Lang != "vi" {
		t.Errorf("xml:lang %q", f.Lang)
	}
	iri("feed id", f.ID, false)
	textConstruct("feed title", f.Title)
	updated := date("feed updated", f.Updated)
	author("the feed", f.Authors)
	var selves []string
	for _, l := range f.Links {
		if l.Rel == "self" {
			selves = append(selves, l.Href)
		}
	}
	if !slices.Equal(selves, []string{self}) {
		t.Errorf("self links %q, want %q", selves, self)
	}
	ids := map[string]bool{}
	var prev time.Time
	for i, en := range f.Entries {
		what := "entry " + en.ID
		iri(what+" id", en.ID, false)
		if ids[en.ID] {
			t.Errorf("%s repeated", what)
		}
		ids[en.ID] = true
		textConstruct(what+" title", en.Title)
		textConstruct(what+" summary", en.Summary)
		at := date(what+" updated", en.Updated)
		date(what+" published", en.Published)
		author(what, en.Authors)
		alternate := false
		for _, l := range en.Links {
			if l.Rel == "alternate" {
				alternate = true
				iri(what+" link", l.Href, true)
			}
		}
		if !alternate {
			t.Errorf("%s has no alternate link (and no content)", what)
		}
		if at.After(updated) || (i > 0 && at.After(prev)) {
			t.Errorf("%s updated %s: not newest first under the feed's %s", what, en.Updated, f.Updated)
		}
		prev = at
	}

	// Every element is Atom's, and text constructs hold characters only.
	dec := xml.NewDecoder(bytes.NewReader(body))
	inText := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("token: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Space != atomNS || !slices.Contains(atomVocabulary, el.Name.Local) {
				t.Errorf("element {%s}%s in the feed", el.Name.Space, el.Name.Local)
			}
			if inText != "" {
				t.Errorf("element %s inside a %s", el.Name.Local, inText)
			}
			if slices.Contains([]string{"title", "subtitle", "summary"}, el.Name.Local) {
				inText = el.Name.Local
			}
		case xml.EndElement:
			if el.Name.Local == inText {
				inText = ""
			}
		}
	}
}
