package analyse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A token is one word of a sentence, in lower case, with the apostrophe and
// possessive removed ("children's" is "children"), or one mark of
// punctuation that breaks a phrase.
type token struct {
	text  string
	punct bool // , ; : ( ) and dashes; words never match across these
	pos   int  // index of the token in its sentence
}

// bytesPerToken is a guess at the bytes of prose per token, to size a
// sentence's tokens at once.
const bytesPerToken = 5

// tokenize splits a sentence into tokens. Hyphens join nothing: "multi-agency"
// is "multi" "agency", so that a pattern written with a hyphen or a space
// matches both spellings. Contracted negations are spelled out: "don't"
// is "do" "not", "can't" and "cannot" are "can" "not".
//
// A word written as it stands in the sentence (lower case, no curly
// apostrophe) is a part of the sentence's string, not a copy.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/bytesPerToken+1)
	var buf []byte   // the word being read, in lower case
	start := -1      // where the word starts in s; -1 when buf is empty
	verbatim := true // buf is s[start:] so far
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		if !verbatim {
			w = string(buf)
		}
		buf, start, verbatim = buf[:0], -1, true
		w = strings.TrimRight(w, "'")
		w = strings.TrimSuffix(w, "'s")
		switch {
		case w == "":
		case w == "cannot" || w == "can't":
			toks = append(toks, token{text: "can"}, token{text: "not"})
		case w == "won't":
			toks = append(toks, token{text: "will"}, token{text: "not"})
		case strings.HasSuffix(w, "n't"):
			toks = append(toks, token{text: strings.TrimSuffix(w, "n't")}, token{text: "not"})
		default:
			toks = append(toks, token{text: w})
		}
	}
	for i, r := range s {
		size := utf8.RuneLen(r) // of a letter, a digit or a mark below
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
			lr := unicode.ToLower(r)
			buf = utf8.AppendRune(buf, lr)
			verbatim = verbatim && lr == r
		case r == '\'' || r == '’' || r == '‘':
			// An apostrophe inside a word ("don't", "children's") or at the
			// end of a plural possessive ("parents'") belongs to the word;
			// a quote mark does not.
			if start >= 0 {
				buf = append(buf, '\'')
				if r != '\'' {
					verbatim = false
				}
			}
		case r == '-' || r == '‐' || r == '/':
			flush(i)
		case r == '.' && start >= 0 && startsWord(s[i+size:]):
			// "s.47", "e.g": keep together as one word without the stop.
			flush(i)
		case r == ',' || r == ';' || r == ':' || r == '(' || r == ')' || r == '[' || r == ']' || r == '–' || r == '—':
			flush(i)
			toks = append(toks, token{text: s[i : i+size], punct: true})
		default:
			flush(i)
		}
	}
	flush(len(s))
	for i := range toks {
		toks[i].pos = i
	}
	return toks
}

// startsWord reports whether s starts with a letter or a digit.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
