package portal

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The feed's fixed parts. Its author is the service itself; each entry's author is the unit
// the item belongs to.
const (
	feedID       = "urn:lamtheobac:public-feed"
	feedTitle    = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
	feedSubtitle = "Điển hình tiêu biểu, mô hình làm theo Bác và chuẩn mực đạo đức đã công bố"
	feedAuthor   = "lamtheobac"
	feedLang     = "vi"
	feedPath     = "/public/feed.atom"
)

// feedEpoch is the feed's updated time while nothing is published: RFC 4287 requires one, and
// a fixed instant keeps the body a function of what is published.
var feedEpoch = time.Unix(0, 0).UTC()

// Feed renders everything published, newest first, as an Atom feed (RFC 4287) for portals and
// readers. Every text a user wrote (names, summaries, contents, unit names) is an Atom text
// construct of type "text", so a reader shows it as characters and never as markup.
func (s *Service) Feed(ctx context.Context, f Filter, baseURL string) ([]byte, error) {
	exemplars, err := s.Exemplars(ctx, f)
	if err != nil {
		return nil, err
	}
	models, err := s.Models(ctx, f)
	if err != nil {
		return nil, err
	}
	standards, err := s.Standards(ctx, f)
	if err != nil {
		return nil, err
	}
	events, err := s.store.PublicEvents(ctx, f)
	if err != nil {
		return nil, err
	}
	var entries []FeedEntry
	for _, e := range exemplars {
		entries = append(entries, FeedEntry{Kind: "exemplar", ID: e.ID.String(), Title: "Điển hình tiêu biểu: " + e.Name + " (" + e.Unit.Name + ")",
			Summary: e.Summary, Author: e.Unit.Name, At: e.PublishedAt, List: "/public/exemplars"})
	}
	for _, m := range models {
		entries = append(entries, FeedEntry{Kind: "model", ID: m.ID.String(),
			Title:   "Mô hình \"làm theo Bác\": " + m.Name + " — " + m.Unit.Name + " (" + strconv.Itoa(m.Year) + ")",
			Summary: m.Content, Author: m.Unit.Name, At: m.PublishedAt, List: "/public/models"})
	}
	for _, st := range standards {
		entries = append(entries, FeedEntry{Kind: "standard", ID: st.ID.String(), Title: st.Title + " — " + st.Unit.Name,
			Summary: strings.Join(st.Items, "\n"), Author: st.Unit.Name, At: st.PublishedAt, List: "/public/standards"})
	}
	for _, ev := range events {
		entries = append(entries, FeedEntry{Kind: "event", ID: ev.ID.String(),
			Title:   ev.Title + " — " + ev.Unit.Name + " (" + ev.HeldOn.Format("02/01/2006") + ")",
			Summary: ev.Summary, Author: ev.Unit.Name, At: ev.PublishedAt, List: feedPath})
	}
	return RenderFeed(baseURL, feedQuery(f), entries)
}

// FeedEntry is one published item as the feed shows it.
type FeedEntry struct {
	Kind    string // exemplar, model, standard, event: the id's namespace and the entry's category
	ID      string
	Title   string // user text
	Summary string // user text
	Author  string // the unit's name (user text)
	At      time.Time
	List    string // the public list the item is in, e.g. /public/models (events: the feed itself)
}

// feedQuery is the query of the feed's own address under f (its rel="self" link).
func feedQuery(f Filter) url.Values {
	q := url.Values{}
	if f.BlocID != nil {
		q.Set("bloc_id", f.BlocID.String())
	}
	if f.CommitteeID != nil {
		q.Set("committee_id", f.CommitteeID.String())
	}
	if f.Year != 0 {
		q.Set("year", strconv.Itoa(f.Year))
	}
	return q
}

// The Atom vocabulary we emit. encoding/xml escapes every character datum and attribute, and
// text constructs say type="text", so no user text can become an element.
type (
	atomFeed struct {
		XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		ID       string      `xml:"id"`
		Title    atomText    `xml:"title"`
		Subtitle atomText    `xml:"subtitle"`
		Updated  string      `xml:"updated"`
		Author   atomPerson  `xml:"author"`
		Links    []atomLink  `xml:"link"`
		Entries  []atomEntry `xml:"entry"`
	}
	atomEntry struct {
		ID        string       `xml:"id"`
		Title     atomText     `xml:"title"`
		Updated   string       `xml:"updated"`
		Published string       `xml:"published"`
		Author    atomPerson   `xml:"author"`
		Link      atomLink     `xml:"link"`
		Category  atomCategory `xml:"category"`
		Summary   atomText     `xml:"summary"`
	}
	atomText struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	}
	atomPerson struct {
		Name string `xml:"name"`
		URI  string `xml:"uri,omitempty"`
	}
	atomLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	atomCategory struct {
		Term string `xml:"term,attr"`
	}
)

func text(s string) atomText { return atomText{Type: "text", Text: s} }

// atomTime is an RFC 3339 date in UTC, as RFC 4287 §3.3 wants.
func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// RenderFeed writes entries, newest first, as the Atom document found at baseURL's
// /public/feed.atom with query.
func RenderFeed(baseURL string, query url.Values, entries []FeedEntry) ([]byte, error) {
	self := baseURL + feedPath
	if len(query) > 0 {
		self += "?" + query.Encode()
	}
	entries = slices.Clone(entries)
	slices.SortStableFunc(entries, func(a, b FeedEntry) int { return b.At.Compare(a.At) })
	updated := feedEpoch
	if len(entries) > 0 {
		updated = entries[0].At
	}
	f := atomFeed{Lang: feedLang, ID: feedID, Title: text(feedTitle), Subtitle: text(feedSubtitle), Updated: atomTime(updated),
		Author: atomPerson{Name: feedAuthor, URI: baseURL + "/"},
		Links:  []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}}}
	for _, e := range entries {
		f.Entries = append(f.Entries, atomEntry{
			ID: "urn:lamtheobac:" + e.Kind + ":" + e.ID, Title: text(e.Title), Updated: atomTime(e.At), Published: atomTime(e.At),
			Author: atomPerson{Name: e.Author},
			// Items have no page of their own: the alternate is the public list holding them.
			Link:     atomLink{Rel: "alternate", Type: "application/json", Href: baseURL + e.List + "#" + url.PathEscape(e.ID)},
			Category: atomCategory{Term: e.Kind}, Summary: text(e.Summary)})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(f); err != nil {
		return nil, fmt.Errorf("portal: encode feed: %w", err)
	}
	return buf.Bytes(), nil
}
