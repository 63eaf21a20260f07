package portal

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// TestRenderFeedKeepsUserTextAsText: whatever a user typed into any field the feed shows comes
// back from a feed reader as the same characters, and the document has no element but Atom's.
func TestRenderFeedKeepsUserTextAsText(t *testing.T) {
	t.Parallel()
	hostile := []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror="alert(1)">`,
		`]]><script>alert(1)</script><![CDATA[`,
		`&lt;b&gt;already escaped&lt;/b&gt; &amp;amp; &#60;i&#62;`,
		`</summary><entry><title>injected</title></entry>`,
		`"quotes" 'apostrophes' & ampersands`,
		"tiếng Việt\nnhiều dòng\ttab",
	}
	at := time.Date(2025, 5, 19, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	for _, h := range hostile {
		t.Run(h, func(t *testing.T) {
			entry := FeedEntry{Kind: "model", ID: "0197-x", Title: "Tiêu đề " + h, Summary: "Tóm tắt " + h, Author: "Chi bộ " + h,
				At: at, List: "/public/models"}
			b, err := RenderFeed("https://portal.example", url.Values{"year": {"2025"}}, []FeedEntry{entry})
			if err != nil {
				t.Fatal(err)
			}
			noForeignElements(t, b)
			f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("gofeed: %v\n%s", err, b)
			}
			if len(f.Items) != 1 {
				t.Fatalf("%d items\n%s", len(f.Items), b)
			}
			it := f.Items[0]
			// gofeed trims text constructs; the service stores text trimmed anyway.
			if it.Title != entry.Title || it.Description != entry.Summary || len(it.Authors) != 1 || it.Authors[0].Name != entry.Author {
				t.Fatalf("read back as title %q, summary %q, authors %+v\n%s", it.Title, it.Description, it.Authors, b)
			}
			if it.Updated != "2025-05-19T01:00:00Z" || it.GUID != "urn:lamtheobac:model:0197-x" ||
				it.Link != "https://portal.example/public/models#0197-x" {
				t.Fatalf("updated %q, id %q, link %q", it.Updated, it.GUID, it.Link)
			}
			if f.FeedLink != "https://portal.example/public/feed.atom?year=2025" {
				t.Fatalf("self link %q", f.FeedLink)
			}
		})
	}
}

// noForeignElements fails on any element outside the Atom namespace and on any element inside
// a text construct.
func noForeignElements(t *testing.T, b []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	inText := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, b)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Space != "http://www.w3.org/2005/Atom" || inText != "" {
				t.Fatalf("element %v (inside %q)\n%s", el.Name, inText, b)
			}
			if el.Name.Local == "title" || el.Name.Local == "subtitle" || el.Name.Local == "summary" {
				inText = el.Name.Local
			}
		case xml.EndElement:
			if el.Name.Local == inText {
				inText = ""
			}
		}
	}
}

// TestRenderFeedEmptyAndOrder: a feed with nothing published still has its id, title, author
// and an updated date; entries come newest first and the feed's updated is the newest entry's.
func TestRenderFeedEmptyAndOrder(t *testing.T) {
	t.Parallel()
	b, err := RenderFeed("http://h", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">`, "<id>urn:lamtheobac:public-feed</id>",
		`<title type="text">`, "<updated>1970-01-01T00:00:00Z</updated>", "<author><name>lamtheobac</name>",
		`<link rel="self" type="application/atom+xml" href="http://h/public/feed.atom">`} {
		if !strings.Contains(s, want) {
			t.Errorf("empty feed lacks %s\n%s", want, s)
		}
	}
	old := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	b, err = RenderFeed("http://h", nil, []FeedEntry{
		{Kind: "model", ID: "old", Title: "a", Summary: "a", Author: "u", At: old, List: "/public/models"},
		{Kind: "standard", ID: "new", Title: "b", Summary: "b", Author: "u", At: old.AddDate(1, 0, 0), List: "/public/standards"},
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 2 || f.Items[0].GUID != "urn:lamtheobac:standard:new" || f.Updated != "2025-01-01T00:00:00Z" {
		t.Fatalf("order %q, %q; updated %q", f.Items[0].GUID, f.Items[1].GUID, f.Updated)
	}
}
