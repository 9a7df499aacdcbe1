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
	var vp VisitPicker
	for _, r := range recs {
		i, keep, reason := vp.Pick(r)
		switch {
		case reason == "":
			kept = append(kept, r)
		case keep:
			aside = append(aside, SetAside{Record: kept[i], Kept: r, Reason: reason})
			kept[i] = r
		default:
			aside = append(aside, SetAside{Record: r, Kept: kept[i], Reason: reason})
		}
	}
	return kept, aside
}

// A VisitPicker keeps one letter per visit of letters given one at a
// time, as OneVisitEach does of a slice, holding no letter: a command
// reading a large corpus keeps what it needs of each. The zero value is
// ready to use.
type VisitPicker struct {
	at  map[string]int // visit key: place
	pdf []bool         // per place: whether its letter is a PDF
}

// Pick places rec among the letters kept so far. When rec reports a
// visit not seen before (or has no visit key), it takes a new place, the
// next one, and reason is "". Otherwise place is that of the letter of
// its visit kept before, and reason says why one of the two is set
// aside: rec, when keep is false, or the letter kept before, whose place
// rec takes.
func (vp *VisitPicker) Pick(rec *record.Record) (place int, keep bool, reason string) {
	k := VisitKey(rec)
	i, seen := vp.at[k]
	isPDF := rec.Source.Format == record.FormatPDF
	if k == "" || !seen {
		if k != "" {
			if vp.at == nil {
				vp.at = map[string]int{}
			}
			vp.at[k] = len(vp.pdf)
		}
		vp.pdf = append(vp.pdf, isPDF)
		return len(vp.pdf) - 1, true, ""
	}
	if isPDF && !vp.pdf[i] {
		vp.pdf[i] = true
		return i, true, ReasonPDF
	}
	reason = ReasonFirst
	if vp.pdf[i] && !isPDF {
		reason = ReasonPDF
	}
	return i, false, reason
}
