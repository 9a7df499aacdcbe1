package analyse

import (
	"strings"
	"unicode"
)

// A token is one word of a sentence, in lower case, with the apostrophe and
// possessive removed ("children's" is "children"), or one mark of
// punctuation that breaks a phrase.
type token struct {
	text  string
	punct bool // , ; : ( ) and dashes; words never match across these
	pos   int  // index of the token in its sentence
}

// tokenize splits a sentence into tokens. Hyphens join nothing: "multi-agency"
// is "multi" "agency", so that a pattern written with a hyphen or a space
// matches both spellings.
func tokenize(s string) []token {
	var toks []token
	var b strings.Builder
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		b.Reset()
		w = strings.TrimRight(w, "'")
		w = strings.TrimSuffix(w, "'s")
		if w != "" {
			toks = append(toks, token{text: w})
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '‘':
			// An apostrophe inside a word ("don't", "children's") or at the
			// end of a plural possessive ("parents'") belongs to the word;
			// a quote mark does not.
			if b.Len() > 0 {
				b.WriteRune('\'')
			}
		case r == '-' || r == '‐' || r == '/':
			flush()
		case r == '.' && b.Len() > 0 && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1])):
			// "s.47", "e.g": keep together as one word without the stop.
			flush()
		case r == ',' || r == ';' || r == ':' || r == '(' || r == ')' || r == '[' || r == ']' || r == '–' || r == '—':
			flush()
			toks = append(toks, token{text: string(r), punct: true})
		default:
			flush()
		}
	}
	flush()
	return normalizeNegation(toks)
}

// normalizeNegation spells contracted negations out: "don't" becomes "do"
// "not", "can't" and "cannot" become "can" "not".
func normalizeNegation(toks []token) []token {
	var out []token
	for _, t := range toks {
		switch {
		case t.text == "cannot" || t.text == "can't":
			out = append(out, token{text: "can"}, token{text: "not"})
		case t.text == "won't":
			out = append(out, token{text: "will"}, token{text: "not"})
		case strings.HasSuffix(t.text, "n't"):
			out = append(out, token{text: strings.TrimSuffix(t.text, "n't")}, token{text: "not"})
		default:
			out = append(out, t)
		}
	}
	for i := range out {
		out[i].pos = i
	}
	return out
}
