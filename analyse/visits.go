package analyse

import (
	"strings"

	"github.com/ofsted-letters/letters/record"
)

// VisitKey returns what identifies the visit a letter reports: its
// authority key and the days of the visit, or, when the letter gives no
// visit dates, its letter date. Two letters with the same key report one
// visit (the same letter as PDF and as text, or two renderings of it).
// It returns "" when the letter names no authority key or no date: such
// a letter is never taken for another.
func VisitKey(rec *record.Record) string {
	key := rec.Visit.AuthorityKey
	if key == "" {
		return ""
	}
	if days := strings.Join(rec.Visit.Dates, ","); strings.Trim(days, ",") != "" {
		return key + " " + days
	}
	if rec.Letter.Date != "" {
		return key + " letter " + rec.Letter.Date
	}
	return ""
}

// A SetAside is a letter left out because another letter reports the
// same visit.
type SetAside struct {
	// Record is the letter set aside; Kept the letter of the same visit
	// that stands for it.
	Record, Kept *record.Record
	// Reason says why Kept was kept rather than Record.
	Reason string
}

// Reasons for keeping one letter of a visit rather than another.
const (
	ReasonPDF   = "the PDF is kept: it is the letter as published"
	ReasonFirst = "the first given is kept"
)

// OneVisitEach returns recs with one letter per visit (see VisitKey), in
// the order of recs, and the letters it set aside. Of the letters of one
// visit it keeps a PDF over a text, and otherwise the first given; the
// kept letter takes the place of the first letter of its visit.
func OneVisitEach(recs []*record.Record) (kept []*record.Record, aside []SetAside) {
	at := map[string]int{} // visit key: index in kept
	for _, r := range recs {
		k := VisitKey(r)
		i, seen := at[k]
		if k == "" || !seen {
			if k != "" {
				at[k] = len(kept)
			}
			kept = append(kept, r)
			continue
		}
		first := kept[i]
		if r.Source.Format == record.FormatPDF && first.Source.Format != record.FormatPDF {
			kept[i] = r
			aside = append(aside, SetAside{Record: first, Kept: r, Reason: ReasonPDF})
			continue
		}
		reason := ReasonFirst
		if first.Source.Format == record.FormatPDF && r.Source.Format != record.FormatPDF {
			reason = ReasonPDF
		}
		aside = append(aside, SetAside{Record: r, Kept: first, Reason: reason})
	}
	return kept, aside
}
