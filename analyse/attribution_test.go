package analyse

import (
	"maps"
	"testing"
)

// TestAttribute checks the part each theme phrase plays in invented
// sentences (see Attribution in attribution.go): heads, list members,
// prepositional modifiers and purposes, the themes' ranks and the side of
// the first negative cue they stand on.
func TestAttribute(t *testing.T) {
	c := mustBuiltin(t).compiled
	type tp = themePart
	for _, tc := range []struct {
		sentence string
		want     map[string]themePart
	}{
		{"Supervision records for care leavers do not show clear actions.", map[string]tp{
			"supervision-oversight": {partHead, 0, "before"},
			"care-leavers":          {partModifier, 1, "before"},
		}},
		{"Management oversight of assessments is not consistently evident.", map[string]tp{
			"supervision-oversight": {partHead, 0, "before"},
			"assessment-quality":    {partModifier, 1, "before"},
		}},
		// A list shares its part: every member is what the clause judges.
		{"Assessments, plans and core groups are not timely.", map[string]tp{
			"assessment-quality": {partHead, 0, "before"},
			"planning":           {partHead, 1, "before"},
		}},
		{"The timeliness of assessments and care plans is variable.", map[string]tp{
			"assessment-quality": {partHead, 0, "before"},
			"planning":           {partHead, 1, "before"},
		}},
		// What the subject is for.
		{"Supervision takes place weekly to improve the quality of care plans.", map[string]tp{
			"supervision-oversight": {partHead, 0, "none"},
			"planning":              {partPurpose, 1, "none"},
		}},
		// A modifier after the cue, an object after it.
		{"Life-story work is rarely completed for children in long-term foster care.", map[string]tp{
			"voice-of-child": {partHead, 0, "before"},
			"permanence":     {partModifier, 1, "after"},
		}},
		{"Strategy discussions do not always include the police and health partners.", map[string]tp{
			"strategy-s47": {partHead, 0, "before"},
			"partnership":  {partHead, 1, "after"},
		}},
		{"Audits do not consider the quality of supervision.", map[string]tp{
			"quality-assurance":     {partHead, 0, "before"},
			"supervision-oversight": {partModifier, 1, "after"},
		}},
		// Each clause has its own head.
		{"Caseloads are manageable, but supervision is not regular.", map[string]tp{
			"workforce-caseloads":   {partHead, 0, "at"},
			"supervision-oversight": {partHead, 1, "before"},
		}},
		// A theme modifying only its own phrases stays a head.
		{"Care plans for children in care are not specific.", map[string]tp{
			"planning": {partHead, 0, "before"},
		}},
	} {
		toks := tokenize(tc.sentence)
		got := attribute(toks, splitClauses(toks), c.themeHits(toks), c.cues)
		if !maps.Equal(got, tc.want) {
			t.Errorf("%q:\n got %v\nwant %v", tc.sentence, got, tc.want)
		}
	}
}
