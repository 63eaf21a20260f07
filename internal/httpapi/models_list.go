package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/model"
)

// The list of models is written by hand rather than through api.ModelList and encoding/json
// (issue #16: decoding the stored JSON of each model's reasons and measures only to encode it
// again was 12% of the committee list's CPU, and the reflective encoding of the page 13%). The
// stored JSON is already in the API's shape (model.Listed) and is copied into the answer as it
// is; every other field is written as encoding/json writes api.Model, field for field and in
// its order, so the answer is the generated one (TestModelListJSONIsTheGeneratedOne holds the
// two together; every full-stack test validates the answer against openapi.yaml).

// modelListJSON is a 200 answer to ListModels: a ModelList, encoded.
type modelListJSON []byte

// VisitListModelsResponse writes the answer as the generated 200 response does.
func (r modelListJSON) VisitListModelsResponse(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(r)
	return err
}

// encodeModelList writes a ModelList of ms, with their allowed actions for the caller in ctx
// and the next page's cursor.
func (s *Server) encodeModelList(ctx context.Context, ms []model.Listed, next *string) modelListJSON {
	return encodeModelList(ms, func(m model.Model) []string { return s.d.Models.AllowedActions(ctx, m) }, next)
}

// encodeModelList writes a ModelList of ms, with the allowed actions of each and the next
// page's cursor.
func encodeModelList(ms []model.Listed, actions func(model.Model) []string, next *string) modelListJSON {
	b := make([]byte, 0, 64+len(ms)*2048)
	b = append(b, `{"items":[`...)
	for i := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendListedModel(b, &ms[i], actions(ms[i].Model))
	}
	b = append(b, `],"next_cursor":`...)
	if next == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, *next)
	}
	return append(b, "}\n"...) // json.Encoder ends its value with a newline
}

// appendListedModel writes m as encoding/json writes the api.Model that toAPIModel makes of it
// (no figures, no reviewer evaluations: a list has neither).
func appendListedModel(b []byte, m *model.Listed, actions []string) []byte {
	return appendModel(b, m, actions, nil, nil)
}

// appendModel writes m as encoding/json writes the api.Model that toAPIModel makes of it, with
// figures and reviews as the encoded JSON of its figures (none: an empty list) and of its
// reviewer evaluations (none: the field is left out, as a nil ReviewerEvaluations is).
func appendModel(b []byte, m *model.Listed, actions []string, figures, reviews []byte) []byte {
	b = append(b, `{"allowed_actions":[`...)
	for i, a := range actions {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, a)
	}
	b = append(b, ']')
	if m.CarriedOverFrom != nil {
		b = appendUUID(append(b, `,"carried_over_from":`...), *m.CarriedOverFrom)
	}
	b = appendJSONString(append(b, `,"category":`...), string(m.Category))
	b = appendTime(append(b, `,"created_at":`...), m.CreatedAt)
	b = appendJSONString(append(b, `,"expected_results":`...), m.ExpectedResults)
	b = appendRaw(append(b, `,"figures":`...), figures, `[]`)
	b = appendUUID(append(b, `,"id":`...), m.ID)
	b = appendJSONString(append(b, `,"implementer":{"kind":`...), string(m.Implementer.Kind))
	b = appendJSONString(append(b, `,"name":`...), m.Implementer.Name)
	b = append(b, '}')
	if m.LatestRating != nil {
		b = appendJSONString(append(b, `,"latest_rating":`...), string(*m.LatestRating))
	}
	b = appendJSONString(append(b, `,"learning_content":`...), m.LearningContent)
	b = appendRaw(append(b, `,"measures":`...), m.MeasuresJSON, `{"evaluation_cadence":"quarterly","milestones":[],"plan":""}`)
	b = appendJSONString(append(b, `,"name":`...), m.Name)
	b = appendRaw(append(b, `,"necessity_reasons":`...), m.ReasonsJSON, `[]`)
	b = appendJSONString(append(b, `,"necessity_text":`...), m.NecessityText)
	if m.RegisteredAt != nil {
		b = appendTime(append(b, `,"registered_at":`...), *m.RegisteredAt)
	}
	b = appendJSONString(append(b, `,"replicability":`...), m.Replicability)
	if m.ReplicatedFrom != nil {
		b = appendUUID(append(b, `,"replicated_from":`...), *m.ReplicatedFrom)
	}
	if reviews != nil {
		b = append(append(b, `,"reviewer_evaluations":`...), reviews...)
	}
	b = appendJSONString(append(b, `,"status":`...), string(m.Status))
	if m.StatusReason != nil {
		b = appendJSONString(append(b, `,"status_reason":`...), *m.StatusReason)
	}
	b = appendJSONString(append(b, `,"unit":{"code":`...), m.Unit.Code)
	b = appendUUID(append(b, `,"id":`...), m.Unit.ID)
	b = appendJSONString(append(b, `,"kind":`...), string(m.Unit.Kind))
	b = appendJSONString(append(b, `,"name":`...), m.Unit.Name)
	b = appendTime(append(b, `},"updated_at":`...), m.UpdatedAt)
	b = strconv.AppendInt(append(b, `,"version":`...), m.Version, 10)
	b = strconv.AppendInt(append(b, `,"year":`...), int64(m.Year), 10)
	return append(b, '}')
}

// appendRaw copies stored JSON, or none when there is none (a row cannot hold none: the
// columns are NOT NULL).
func appendRaw(b, raw []byte, none string) []byte {
	if len(raw) == 0 {
		return append(b, none...)
	}
	return append(b, raw...)
}

// appendTime writes t as time.Time's MarshalJSON does (RFC 3339 with nanoseconds, trailing
// zeros dropped).
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// appendUUID writes id as its MarshalText does, quoted.
func appendUUID(b []byte, id uuid.UUID) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	for i, c := range id {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hexDigits[c>>4], hexDigits[c&0xf])
	}
	return append(b, '"')
}

// appendJSONString writes s as encoding/json writes a string with HTML escaping on (as
// json.Encoder does by default): <, > and & as \u003c, \u003e, \u0026, invalid UTF-8 as
// \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	valid := utf8.ValidString(s)
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		if valid {
			// Valid UTF-8 needs no decoding: of its runes only U+2028 and U+2029 (E2 80 A8/A9) are
			// escaped (a tenth of the page's CPU went to decoding the Vietnamese text's runes).
			if c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9) {
				b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xf])
				i += 3
				start = i
				continue
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(append(b, s[start:i]...), `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
