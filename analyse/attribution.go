package analyse

import "slices"

// Attribution: which of the themes a clause names its judgement falls on.
//
// A clause judges what it is about, and names other themes on the way:
// whose work it is, for which children, to what end ("Supervision records
// for care leavers lack detail" is supervision's shortfall, not the care
// leavers' service's). attribute reads a sentence's structure with its
// theme phrases as its noun phrases, clause by clause:
//
//   - The theme phrases of a clause are read in order. The first is a
//     head: the clause is about it.
//   - A phrase joined to the phrase before it by "and", "or" or a comma
//     only is a member of the same list and shares its part: in "the
//     quality of assessments and plans" both are what is judged, in
//     "Assessments, plans and reviews are late" all three are.
//   - A later phrase inside a purpose ("to improve outcomes for care
//     leavers", "in order to ...") says what the clause's subject is for.
//   - A later phrase in a prepositional phrase ("of", "for", "in", "by",
//     "at" ... at most ppWindow words before it, with no verb or
//     punctuation between) modifies the noun phrase before it: "the
//     reliability of quality assurance arrangements of decisions at the
//     front door", "life-story work is not evidenced for children in
//     long-term foster care".
//   - Any other later phrase (a subject after a verb, an object: "do not
//     consider plans") is a head too.
//
// Besides the part, a theme's place is its rank among the themes the
// sentence names and the side of the clause's first negative cue its
// first phrase stands on (the subject before "not ...", a complement
// after it).
//
// These are features of the sentence model, not rules that silence a
// theme: the coders give a judgement to a theme named in a modifier or a
// purpose about as often as to a head. On the development set, of the
// negative marks the rules give to a theme named in a prepositional
// phrase after another theme's, 0.74 are the coders' too (0.67 for heads);
// a theme named after the negative cue with another before it, 0.61; a
// theme ranked third or later, 0.53. Made Neutral by rule, modifiers and
// purposes lost 15 status cells and gained 13 (rules alone, 50 letters).
// The model learns, per theme and polarity, how much each part weighs.

// prepositions open a phrase that modifies the noun phrase before it.
var prepositions = []string{"of", "for", "in", "by", "with", "within", "from", "about", "at", "on", "into", "outside", "across", "between", "among", "through", "during", "under", "towards", "around", "regarding", "concerning"}

// ppStops end the search for a preposition before a phrase: a verb or a
// word that opens a clause stands between them, so the phrase is an object
// or a subject, not a modifier.
var ppStops = []string{"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "not", "can", "could", "will", "would", "should", "may", "might", "must", "that", "which", "who", "whose", "where", "when", "to", "than", "but"}

// ppWindow is how many words before a phrase its preposition may stand
// ("for those children who ..." is too far; "for children in long-term
// foster care" is not).
const ppWindow = 4

// coordinators join the members of a list: a phrase after one of these
// (and nothing else but determiners) shares the part of the phrase before.
var coordinators = []string{"and", "or", ",", "the", "their", "its", "as", "well", "both", "also"}

// purposeOpeners open a purpose: the themes after them in their clause are
// what the clause's subject is for.
var purposeOpeners = [][]string{{"in", "order", "to"}, {"so", "that"}, {"to", "ensure"}, {"to", "improve"}, {"to", "support"}, {"to", "help"}, {"to", "enable"}, {"to", "inform"}, {"to", "promote"}, {"to", "make", "sure"}, {"to", "keep"}, {"to", "protect"}, {"to", "prevent"}, {"to", "meet"}, {"to", "drive"}, {"to", "assist"}, {"to", "achieve"}, {"to", "strengthen"}, {"to", "develop"}, {"to", "safeguard"}}

// A phrase is one theme phrase of a sentence: its theme and its span.
type phrase struct {
	theme string
	span
}

// The parts a theme phrase plays in its clause (see Attribution).
const (
	partHead     = "head"     // what the clause is about, or a member of its list
	partModifier = "modifier" // in a prepositional phrase after another theme's
	partPurpose  = "purpose"  // in a purpose after another theme's
)

// A themePart is where a theme stands in the structure of its sentence:
// the part its phrases play (the most central of them), the order of its
// first phrase among the themes the sentence names (0 for the first), and
// where that phrase stands from the first negative cue of its clause
// ("before", "at", "after", or "none" when the clause has none).
type themePart struct {
	part string
	rank int
	side string
}

// attribute returns, for each theme a sentence names, the part it plays
// (see Attribution); cues finds the judging phrases of a clause that
// judge has not scored (a condition).
func attribute(toks []token, clauses []clause, hits []themeHit, cues func([]token) []cue) map[string]themePart {
	if len(hits) == 0 {
		return nil
	}
	var all []phrase
	for _, h := range hits {
		for _, s := range h.spans {
			all = append(all, phrase{h.id, s})
		}
	}
	slices.SortFunc(all, func(a, b phrase) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	out := make(map[string]themePart, len(hits))
	rank := 0
	for _, p := range all {
		if _, ok := out[p.theme]; !ok {
			out[p.theme] = themePart{rank: rank, side: "none"}
			rank++
		}
	}
	for _, cl := range clauses {
		if len(cl.toks) == 0 {
			continue
		}
		lo, hi := cl.toks[0].pos, cl.toks[len(cl.toks)-1].pos
		var in []phrase
		for _, p := range all {
			if p.start >= lo && p.start <= hi {
				in = append(in, p)
			}
		}
		if len(in) == 0 {
			continue
		}
		purpose := purposeStart(toks, lo, hi)
		found := cl.cues
		if found == nil {
			found = cues(cl.toks)
		}
		cue := firstNegative(cl.toks, found)
		parts := make([]string, len(in))
		parts[0] = partHead
		for k := 1; k < len(in); k++ {
			switch {
			case joined(toks, in[k-1], in[k]):
				parts[k] = parts[k-1]
			case inPurpose(toks, purpose, in[k].start):
				parts[k] = partPurpose
			case inPrepPhrase(toks, in[k].start, lo):
				parts[k] = partModifier
			default:
				parts[k] = partHead
			}
			// A modifier of its own theme's phrases only is no other theme's.
			if parts[k] != partHead && !slices.ContainsFunc(in[:k], func(o phrase) bool { return o.theme != in[k].theme }) {
				parts[k] = partHead
			}
		}
		for k, p := range in {
			tp := out[p.theme]
			if tp.part == "" || central(parts[k]) < central(tp.part) {
				tp.part = parts[k]
			}
			if tp.side == "none" && cue >= 0 {
				switch {
				case p.end <= cue:
					tp.side = "before"
				case p.start > cue:
					tp.side = "after"
				default:
					tp.side = "at"
				}
			}
			out[p.theme] = tp
		}
	}
	for id, tp := range out {
		if tp.part == "" { // named outside every clause (a dropped opener)
			tp.part = partHead
			out[id] = tp
		}
	}
	return out
}

// central orders the parts: a head is more central than a modifier, a
// modifier than a purpose.
func central(part string) int {
	return slices.Index([]string{partHead, partModifier, partPurpose}, part)
}

// firstNegative returns the sentence position of the first negative or
// burden cue or negator of a clause, or -1.
func firstNegative(toks []token, cs []cue) int {
	at := -1
	for _, c := range cs {
		if c.value < 0 || c.burden {
			at = toks[c.start].pos
			break
		}
	}
	for k, t := range toks {
		if slices.Contains(negators, t.text) && matchWords(toks, k, notNegations) == 0 {
			if at < 0 || t.pos < at {
				at = t.pos
			}
			break
		}
	}
	return at
}

// joined reports whether phrase b is a member of the same list as phrase a:
// they overlap, or only coordinators stand between them.
func joined(toks []token, a, b phrase) bool {
	if b.start < a.end {
		return true
	}
	for j := a.end; j < b.start; j++ {
		if !slices.Contains(coordinators, toks[j].text) {
			return false
		}
	}
	return true
}

// inPrepPhrase reports whether a preposition stands at most ppWindow words
// before position at, not before lo, with no verb or punctuation between.
func inPrepPhrase(toks []token, at, lo int) bool {
	for j := at - 1; j >= max(lo, at-ppWindow); j-- {
		t := toks[j]
		if t.punct || slices.Contains(ppStops, t.text) {
			return false
		}
		if slices.Contains(prepositions, t.text) {
			return true
		}
	}
	return false
}

// purposeStart returns the position of the first purpose opener between lo
// and hi, or -1.
func purposeStart(toks []token, lo, hi int) int {
	for i := lo; i <= hi && i < len(toks); i++ {
		if matchWords(toks, i, purposeOpeners) > 0 {
			return i
		}
	}
	return -1
}

// inPurpose reports whether position at stands in the purpose that opens
// at purpose (-1: none), which runs to the next punctuation.
func inPurpose(toks []token, purpose, at int) bool {
	if purpose < 0 || at <= purpose {
		return false
	}
	for j := purpose; j < at; j++ {
		if toks[j].punct {
			return false
		}
	}
	return true
}
