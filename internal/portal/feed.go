package portal

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
)

// Feed renders everything published, newest first, as an Atom feed for portals and readers.
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
	feed := &feeds.Feed{Title: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
		Link: &feeds.Link{Href: baseURL + "/public/feed.atom"}, Id: "urn:lamtheobac:public-feed",
		Description: "Điển hình tiêu biểu, mô hình làm theo Bác và chuẩn mực đạo đức đã công bố"}
	for _, e := range exemplars {
		title := "Điển hình tiêu biểu: " + e.Name + " (" + e.Unit.Name + ")"
		feed.Items = append(feed.Items, item("exemplar", e.ID.String(), title, e.Summary, e.PublishedAt, baseURL+"/public/exemplars"))
	}
	for _, m := range models {
		title := "Mô hình \"làm theo Bác\": " + m.Name + " — " + m.Unit.Name + " (" + strconv.Itoa(m.Year) + ")"
		feed.Items = append(feed.Items, item("model", m.ID.String(), title, m.Content, m.PublishedAt, baseURL+"/public/models"))
	}
	for _, st := range standards {
		title := st.Title + " — " + st.Unit.Name
		feed.Items = append(feed.Items, item("standard", st.ID.String(), title, strings.Join(st.Items, "\n"), st.PublishedAt, baseURL+"/public/standards"))
	}
	sortNewestFirst(feed.Items)
	if len(feed.Items) > 0 {
		feed.Updated = feed.Items[0].Updated
	}
	var buf bytes.Buffer
	if err := feed.WriteAtom(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func item(kind, id, title, content string, at time.Time, link string) *feeds.Item {
	return &feeds.Item{Id: "urn:lamtheobac:" + kind + ":" + id, Title: title, Description: content, Created: at, Updated: at,
		Link: &feeds.Link{Href: link}}
}

func sortNewestFirst(items []*feeds.Item) {
	slices.SortStableFunc(items, func(a, b *feeds.Item) int { return b.Updated.Compare(a.Updated) })
}
