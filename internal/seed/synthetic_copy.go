package seed

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"iter"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// copyRows streams rows into table with COPY FROM STDIN: rows is a push iterator the generator
// writes with plain loops; iter.Pull turns it into the pull source pgx asks for, so exactly one
// row exists at a time and memory stays flat however large the table.
func copyRows(ctx context.Context, tx pgx.Tx, table string, cols []string, rows iter.Seq[[]any]) (int64, error) {
	next, stop := iter.Pull(rows)
	defer stop()
	n, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromFunc(func() ([]any, error) {
		row, ok := next()
		if !ok {
			return nil, nil
		}
		return row, nil
	}))
	if err != nil {
		return n, fmt.Errorf("copy %s: %w", table, err)
	}
	return n, nil
}

// rng returns a generator seeded by the run's seed and a key naming what it generates (a unit's
// models, a bloc's users…). Each part of the dataset has its own stream, so it can be generated
// again, identically, in every COPY pass that needs it, and the order of passes never shifts
// another part's values.
func rng(seed uint64, key ...any) *rand.Rand {
	h := fnv.New64a()
	_, _ = fmt.Fprint(h, key...)
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// newID returns a UUIDv7 whose timestamp is at and whose random bits come from r: the same
// layout uuid.NewV7 gives the API's rows (so ids sort by creation time, as lists expect), but
// reproducible from the seed.
func newID(r *rand.Rand, at time.Time) uuid.UUID {
	var id uuid.UUID
	ms := uint64(at.UnixMilli())
	id[0], id[1], id[2], id[3], id[4], id[5] = byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms)
	binary.BigEndian.PutUint64(id[8:], r.Uint64())
	b := r.Uint32()
	id[6], id[7] = 0x70|byte(b>>8)&0x0f, byte(b) // version 7
	id[8] = 0x80 | id[8]&0x3f                    // RFC 4122 variant
	return id
}

// timeline returns n ordered instants after start, each gap a random number of days in
// [minDays, maxDays] plus some working hours, none later than limit: a record's history (created,
// registered, approved…) as the API would have stamped it. Steps that would pass limit are
// squeezed just before it, a minute apart, so the order holds.
func timeline(r *rand.Rand, start time.Time, n, minDays, maxDays int, limit time.Time) []time.Time {
	out := make([]time.Time, n)
	t := start
	for i := range out {
		if i > 0 {
			t = t.AddDate(0, 0, minDays+r.IntN(maxDays-minDays+1))
		}
		t = t.Add(time.Duration(r.IntN(8*3600)) * time.Second)
		out[i] = t
	}
	for i := n - 1; i >= 0; i-- {
		max := limit.Add(-time.Duration(n-i) * time.Minute)
		if i < n-1 && out[i+1].Add(-time.Minute).Before(max) {
			max = out[i+1].Add(-time.Minute)
		}
		if out[i].After(max) {
			out[i] = max
		}
	}
	return out
}

// dayIn returns an instant in year on a random day between months from and to (1–12), during
// office hours in Vietnam (UTC+7).
func dayIn(r *rand.Rand, year, from, to int) time.Time {
	start := time.Date(year, time.Month(from), 1, 1, 0, 0, 0, time.UTC) // 08:00 in Vietnam
	end := time.Date(year, time.Month(to)+1, 1, 1, 0, 0, 0, time.UTC)
	days := int(end.Sub(start).Hours() / 24)
	return start.AddDate(0, 0, r.IntN(days)).Add(time.Duration(r.IntN(9*3600)) * time.Second)
}

// mustJSON marshals v, which is always marshalable here (maps, slices and structs of plain
// values), as the jsonb the store writes.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
