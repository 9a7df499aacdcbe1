package parse

import (
	"strings"

	"github.com/ofsted-letters/letters/internal/lazyre"
)

// Ofsted publishes other documents about the same authorities that look
// like letters to a reader in a hurry: inspection reports of local
// authority children's services (ILACS), area SEND inspection reports and
// outcome letters, and school inspection reports. letters reads none of
// them; lookalike names what such a document is, so that the refusal says
// so rather than blame a missing salutation or visit.

// A lookalikeKind is a kind of document that letters does not read, and
// the words of its opening that give it away.
type lookalikeKind struct {
	what string         // what the refusal calls it
	cue  *lazyre.Regexp // matched against the opening in lower case
}

// lookalikes are checked in order: an area SEND report also names the
// local authority, and a school report may name children's services.
var lookalikes = []lookalikeKind{
	{"an area SEND inspection report or letter, not a letter about children's social care",
		lazyre.New(`\b(?:area send|send inspection|local area send|special educational needs and/or disabilit(?:y|ies)|local area partnership)\b`)},
	{"a school inspection report, not a letter",
		lazyre.New(`\bschool (?:inspection )?report\b|\bunique reference number\b|\burn:?\s*\d{6}\b|\bheadteacher\b|\binspection of (?:a |an )?(?:good |outstanding )?(?:[a-z'’-]+ )*(?:school|academy|college)\b`)},
	{"an inspection report (ILACS), not a letter",
		lazyre.New(`\binspection of (?:[a-z'’&,-]+ )*local authority children['’]s services\b|\boverall effectiveness\b|\binspection dates?:|\bjudgements? and what (?:it|they) mean`)},
}

// lookaheadLines is how many lines of text lookalike reads: the title
// page and summary of a report.
const lookaheadLines = 60

// lookalike returns what a document that is not a letter letters reads
// looks like, from the text of its first lines, or "" when it looks like
// none of the kinds above.
func lookalike(lines []line) string {
	var b strings.Builder
	n := 0
	for _, l := range lines {
		if l.kind == lineBlank {
			continue
		}
		b.WriteString(strings.ToLower(l.text))
		b.WriteByte(' ')
		if n++; n == lookaheadLines {
			break
		}
	}
	text := normalizeSpace(b.String())
	for _, k := range lookalikes {
		if k.cue.MatchString(text) {
			return k.what
		}
	}
	return ""
}
