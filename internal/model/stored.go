package model

import (
	"encoding/json"
	"fmt"
	"time"
)

// The JSON of a model's measures is written in the API's shape (openapi.yaml's Measures): a
// milestone's date a civil date, the cadence always named, the milestones always a list. The
// store keeps that JSON as it is (migration 0026 rewrote the rows written before), so a list
// passes it through to its answer instead of decoding it only to encode it again (issue #16:
// decoding it was 12% of the committee list's CPU).

// Listed is a model as a list answers it: ReasonsJSON and MeasuresJSON are the JSON of its
// necessity reasons and measures as stored, in the API's shape, and Model's NecessityReasons
// and Measures are left empty (not decoded).
type Listed struct {
	Model
	ReasonsJSON  json.RawMessage
	MeasuresJSON json.RawMessage
}

// milestoneJSON is a milestone in the API's shape.
type milestoneJSON struct {
	Date        string `json:"date"`
	Description string `json:"description"`
}

// MarshalJSON writes the milestone in the API's shape: its date as YYYY-MM-DD.
func (m Milestone) MarshalJSON() ([]byte, error) {
	return json.Marshal(milestoneJSON{Date: m.Date.Format(time.DateOnly), Description: m.Description})
}

// UnmarshalJSON reads a milestone whose date is YYYY-MM-DD, or an RFC 3339 time as rows held
// before migration 0026.
func (m *Milestone) UnmarshalJSON(b []byte) error {
	var v milestoneJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	d, err := civilDate(v.Date)
	if err != nil {
		return err
	}
	*m = Milestone{Date: d, Description: v.Description}
	return nil
}

// measuresJSON is measures in the API's shape, its fields in the generated type's order. Its
// milestones are plain structs: a Marshaler inside would make encoding/json scan each one's
// output again (six times the cost of the measures, which an import writes 100,000 times).
type measuresJSON struct {
	Cadence    Cadence         `json:"evaluation_cadence"`
	Milestones []milestoneJSON `json:"milestones"`
	Monitor    *Monitor        `json:"monitor,omitempty"`
	Plan       string          `json:"plan"`
}

// MarshalJSON writes the measures in the API's shape: the default cadence named (quarterly),
// no milestones as an empty list.
func (m Measures) MarshalJSON() ([]byte, error) {
	out := measuresJSON{Cadence: m.Cadence, Milestones: make([]milestoneJSON, len(m.Milestones)), Monitor: m.Monitor, Plan: m.Plan}
	if out.Cadence == "" {
		out.Cadence = Quarterly
	}
	for i, x := range m.Milestones {
		out.Milestones[i] = milestoneJSON{Date: x.Date.Format(time.DateOnly), Description: x.Description}
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads measures as MarshalJSON writes them (or as rows held them before
// migration 0026), the default cadence as empty, as Normalize leaves it.
func (m *Measures) UnmarshalJSON(b []byte) error {
	var v measuresJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v.Cadence == Quarterly {
		v.Cadence = ""
	}
	out := Measures{Plan: v.Plan, Milestones: make([]Milestone, len(v.Milestones)), Monitor: v.Monitor, Cadence: v.Cadence}
	for i, x := range v.Milestones {
		d, err := civilDate(x.Date)
		if err != nil {
			return err
		}
		out.Milestones[i] = Milestone{Date: d, Description: x.Description}
	}
	*m = out
	return nil
}

// civilDate reads a milestone's date: YYYY-MM-DD, or the date of an RFC 3339 time as rows held
// it before migration 0026 (the date as written, as the API showed it).
func civilDate(s string) (time.Time, error) {
	if len(s) < len(time.DateOnly) {
		return time.Time{}, fmt.Errorf("milestone date %q is not a date", s)
	}
	d, err := time.Parse(time.DateOnly, s[:len(time.DateOnly)])
	if err != nil {
		return time.Time{}, fmt.Errorf("milestone date: %w", err)
	}
	return d, nil
}
