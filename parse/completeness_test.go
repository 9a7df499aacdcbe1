package parse_test

import (
	"github.com/ofsted-letters/letters/record"
)

// completenessFields name, in the order reports list them, what every
// letter's record must have; the corpus checks count records without each.
var completenessFields = []string{"letter date", "local authority", "visit dates", "inspectors", "findings"}

// missingFields returns the completeness fields that rec lacks.
func missingFields(rec *record.Record) []string {
	has := map[string]bool{
		"letter date":     rec.Letter.Date != "",
		"local authority": rec.Visit.LocalAuthority != "",
		"visit dates":     len(rec.Visit.Dates) > 0,
		"inspectors":      len(rec.Visit.Inspectors) > 0,
		"findings":        len(rec.Findings)+len(rec.HeadlineFindings) > 0,
	}
	var missing []string
	for _, f := range completenessFields {
		if !has[f] {
			missing = append(missing, f)
		}
	}
	return missing
}
