package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ofsted-letters/letters/internal/lazyre"
)

// honorifics are the titles that may stand before a name.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true,
	"prof": true, "professor": true, "sir": true, "dame": true, "lord": true,
	"lady": true, "cllr": true, "councillor": true, "rev": true, "revd": true,
}

// splitHonorific returns the honorific that starts name, if any, and the
// rest of the name.
func splitHonorific(name string) (honorific, rest string) {
	word := firstWord(name)
	if honorifics[strings.ToLower(strings.TrimSuffix(word, "."))] && len(word) < len(name) {
		return word, strings.TrimSpace(name[len(word):])
	}
	return "", name
}

var (
	// inspectorTitle matches the titles that letters put beside
	// inspectors' names.
	inspectorTitle = lazyre.New(`(?i)\(?\b(?:(?:both|all|all of whom (?:are|were)|who (?:is|are|was|were)|each)\s+)?(?:(?:two|three|four|five|both) of\s+)?(?:senior\s+)?(?:(?:his|her) majesty['’]?s\s+)?(?:(?:senior|lead|team|regulatory|social care regulatory|ofsted|deputy|shadow|additional)\s+)*(?:inspectors?|hmis?|ois?)\b(?:\s+designate)?\)?(?:\s*\((?:hmi|oi|lead inspector|lead)\))?(?:\s+(?:for\s+)?(?:social care|schools|early years|further education and skills))?|\((?:lead( inspector)?|hmi|oi)\)`)
	// observer matches a person named as observing, not inspecting.
	observer = lazyre.New(`,?\s*(?:and\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+,?\s+who\s+(?:observed|shadowed|accompanied|quality assured)[^,.;]*`)
	// inspectorTrigger matches the words after which the inspectors are
	// listed: "The inspectors were", "carried out by", "conducted by".
	inspectorTrigger = lazyre.New(`(?i)^.*?\b(?:inspectors?\b[^.]*?\b(?:were|was|are|is)|(?:carried out|conducted|undertaken|led|completed|made)\s+by|were|by)\s+`)
	// nameListSep splits a list of names.
	nameListSep = lazyre.New(`\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|;\s*)`)
)

// inspectorCue matches a sentence that names the inspectors: it speaks
// of inspectors (or HMI) and of who they were or who did the visit.
var inspectorCue = lazyre.New(`(?i)\b(?:inspectors?|hmi)\b.*(?:\b(?:were|was|are|is|by)\b|:)|\b(?:by|were)\b.*\b(?:inspectors?|hmi)\b`)

// inspectorSentence reports whether a sentence names the inspectors of
// the visit.
func inspectorSentence(s string) bool {
	return inspectorCue.MatchString(s) && !chiefInspector.MatchString(s)
}

// chiefInspector matches Her Majesty's Chief Inspector, who leads Ofsted
// but does not visit: sentences about the Chief Inspector name no visitors.
var chiefInspector = lazyre.New(`(?i)\bchief inspector\b`)

// parseInspectors returns the names in a sentence that lists inspectors,
// without their titles: "The inspectors were Nigel Parkes HMI and Pauline
// Higham HMI." gives Nigel Parkes and Pauline Higham. Parts that do not
// look like a name are returned in rejected.
func parseInspectors(sentence string) (names, rejected []string) {
	s := strings.TrimRight(strings.TrimSpace(sentence), ".")
	if loc := inspectorTrigger.FindStringIndex(s); loc != nil {
		if rest := s[loc[1]:]; rest != "" {
			s = rest
		}
	}
	s = observer.ReplaceAllString(s, "")
	s = inspectorTitle.ReplaceAllString(s, ",")
	for _, part := range nameListSep.Split(s, -1) {
		part = strings.Trim(normalizeSpace(part), " ,.;:()")
		for _, lead := range []string{"and ", "the ", "with ", "along with ", "supported by "} {
			part = strings.TrimPrefix(part, lead)
		}
		if part == "" || strings.EqualFold(part, "and") {
			continue
		}
		if looksLikeName(part) {
			names = append(names, part)
		} else {
			rejected = append(rejected, part)
		}
	}
	return names, rejected
}

// nameParticles may stand in lower case inside a name.
var nameParticles = map[string]bool{"de": true, "da": true, "van": true, "von": true, "der": true, "den": true, "la": true, "le": true, "du": true, "di": true, "bin": true, "al": true, "el": true}

// looksLikeName reports whether s looks like a person's name: two to five
// words, each capitalised or a particle ("van", "de"), no digits.
func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) < minNameWords || len(words) > maxNameWords {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if strings.ContainsAny(w, "0123456789@/") {
			return false
		}
		if !unicode.IsUpper(r) && !nameParticles[w] {
			return false
		}
	}
	return true
}

// signatoryTitle splits a signature line into the name and the title
// printed after it on the same line ("Nigel Parkes Her Majesty's
// Inspector").
var signatoryTitle = lazyre.New(`(?i)\s*,?\s*\b((?:his|her) majesty['’]?s\b.*|(?:senior |lead |regulatory )?(?:hmi|inspector)\b.*|(?:deputy |regional |national )?director\b.*)$`)

// splitSignature returns the name and title of a signature line.
func splitSignature(text string) (name, title string) {
	if loc := signatoryTitle.FindStringSubmatchIndex(text); loc != nil && loc[0] > 0 {
		return strings.TrimRight(strings.TrimSpace(text[:loc[0]]), ".,"), strings.TrimSpace(text[loc[2]:loc[3]])
	}
	return strings.TrimRight(text, ".,"), ""
}

// copiedTo matches the sentence of a letter that says to whom it is
// copied, or a "cc" line after the signature.
var copiedTo = lazyre.New(`(?i)\b(?:I am copying|(?:will )?send(?:ing)? a copy of) this letter to (.+?)(?:\.(?:\s|$)| and will\b)|^(?:cc|copy to|copies to)\b:?\s*(.+?)\.?\s$`)

// copySep separates those a letter is copied to.
var copySep = lazyre.New(`,?\s+and\s+`)

// parseCopiedTo returns those a letter is copied to, from "I am copying
// this letter to the Department for Education and the Children's
// Commissioner."
func parseCopiedTo(text string) []string {
	m := copiedTo.FindStringSubmatch(text + " ")
	if m == nil {
		return nil
	}
	if m[2] != "" {
		return []string{strings.TrimSpace(m[2])}
	}
	// Those copied to are separated by "and"; a comma may belong to one
	// of them ("Andy Couldrick, Chief Executive, Birmingham Children's
	// Trust"). A part that starts in lower case once "the" is gone is the
	// sentence going on ("... and have notified the DfE"), not a recipient.
	var out []string
	for _, p := range copySep.Split(m[1], -1) {
		p = strings.TrimPrefix(strings.TrimSpace(p), "the ")
		if p == "" || startsLower(p) {
			break
		}
		out = append(out, p)
	}
	return out
}

// lastWord returns the last space-separated word of s.
func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}
