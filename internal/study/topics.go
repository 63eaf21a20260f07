package study

import (
	"context"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
)

// CreateTopic issues a topic at the unit, for it and every unit below. Cells study topics but
// do not issue them (409 topic_issuer): the documents have them come from the province, the
// bloc or the committee.
func (s *Service) CreateTopic(ctx context.Context, unitID uuid.UUID, in TopicInput) (Topic, error) {
	if err := in.Normalize(); err != nil {
		return Topic{}, err
	}
	u, p, err := s.ownUnit(ctx, unitID)
	if err != nil {
		return Topic{}, err
	}
	if u.Kind == org.Cell {
		return Topic{}, apperr.New(apperr.Conflict, "topic_issuer", "Topics are issued by a province, a bloc or a committee, not by a cell.")
	}
	now := s.now()
	t := Topic{ID: uuid.Must(uuid.NewV7()), Unit: u.Ref(), UnitPath: u.Path, BlocID: u.BlocID, CreatedBy: p.ActorID(),
		Version: 1, CreatedAt: now, UpdatedAt: now}
	in.apply(&t)
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateStudyTopic(ctx, t); err != nil {
			return err
		}
		return s.store.Record(ctx, event("study_topic.create", "study_topic", t.ID, u.ID, u.Path, u.BlocID, nil, t))
	})
	return t, err
}

func (in TopicInput) apply(t *Topic) {
	t.Title, t.YearFrom, t.YearTo, t.Summary, t.Links = in.Title, in.YearFrom, in.YearTo, in.Summary, in.Links
}

// GetTopic returns a topic the caller reads.
func (s *Service) GetTopic(ctx context.Context, id uuid.UUID) (Topic, error) {
	return s.readableTopic(ctx, id, false)
}

// ListTopics lists the topics in force for the unit: issued by it or by a unit above it, of
// year when year is not 0.
func (s *Service) ListTopics(ctx context.Context, unitID uuid.UUID, year, limit int, cursor string) ([]Topic, string, error) {
	u, p, err := org.ReadableUnit(ctx, s.store, unitID)
	if err != nil {
		return nil, "", err
	}
	if p.OnlyHolds(access.Portal) {
		return []Topic{}, "", nil
	}
	return s.store.ListStudyTopics(ctx, ancestorPaths(u.Path), year, limit, cursor)
}

// UpdateTopic rewrites a topic.
func (s *Service) UpdateTopic(ctx context.Context, id uuid.UUID, ifMatch *int64, in TopicInput) (Topic, error) {
	if err := in.Normalize(); err != nil {
		return Topic{}, err
	}
	return s.topics.Change(ctx, id, ifMatch, ActUpdate, func(_ context.Context, t *Topic) error {
		in.apply(t)
		return nil
	})
}

// DeleteTopic removes a topic no session studied.
func (s *Service) DeleteTopic(ctx context.Context, id uuid.UUID, ifMatch *int64) error {
	return s.topics.Remove(ctx, id, ifMatch, ActDelete)
}
