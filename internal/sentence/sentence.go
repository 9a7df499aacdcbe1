// Package sentence splits the prose of a letter into sentences: the one
// splitter that package parse (the facts of a letter's opening, closing
// sentences run into the findings) and package analyse (every finding)
// both use.
package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a full stop that does not end a sentence. They are
// compared in lower case without the final stop.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "eg": true, "ie": true, "cf": true, "viz": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"no": true, "nos": true, "para": true, "paras": true, "s": true, "ss": true,
	"sec": true, "approx": true, "vs": true, "v": true, "fig": true, "ref": true,
	"inc": true, "ltd": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "hmi": false,
}

// Paragraph splits one paragraph of letter prose into sentences, as Split
// does, after normalising its whitespace and dropping the paragraph number
// or bullet mark at its start ("1.", "(a)", "•"). A paragraph without a
// full stop, such as a bullet that is a noun phrase, is one sentence;
// empty input gives none.
func Paragraph(paragraph string) []string {
	return Split(stripMarker(strings.Join(strings.Fields(paragraph), " ")))
}

// Split splits text whose whitespace is normalised (single spaces, as in
// a record's paragraphs) into sentences. A full stop, question mark or
// exclamation mark ends a sentence when a space and then the start of a
// new sentence (a capital, a digit, an opening quote or bracket) follow
// it, and it does not close an abbreviation ("e.g.", "i.e.", "Mr.",
// "s.47", "No. 3") or an initial. A full stop with no space after it
// ends one too where a letter lost the space ("adulthood.However", see
// runOn). Closing quotes and brackets after the stop stay with the
// sentence they close.
func Split(s string) []string {
	var out []string
	start := 0
	// emit adds s[start:end] as a sentence, unless it is blank.
	emit := func(end int) {
		if t := strings.TrimSpace(s[start:end]); t != "" {
			out = append(out, t)
		}
	}
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r != '.' && r != '?' && r != '!' {
			i += w
			continue
		}
		// Take in any further stops and closing punctuation: "?)" or ".’".
		end := i + w
		for end < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[end:])
			if !isCloser(r2) && r2 != '.' && r2 != '?' && r2 != '!' {
				break
			}
			end += w2
		}
		if end < len(s) && s[end] != ' ' && r == '.' && end == i+w && runOn(s[start:i], s[end:]) {
			// "... to adulthood.However, for ...": the space after the
			// stop is missing in the letter.
			emit(end)
			start = end
			i = end
			continue
		}
		if end >= len(s) || s[end] != ' ' {
			i = end
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[end+1:])
		if !startsSentence(next) || (r == '.' && !endsSentence(s[start:i])) {
			i = end
			continue
		}
		emit(end)
		start = end + 1
		i = end + 1
	}
	emit(len(s))
	return out
}

// minRunOnWord is the shortest word (in letters) that a full stop with
// no space after it may end a sentence after (runOn): shorter ones are
// the parts of abbreviations such as "e.g.", "a.m." or "i.e.".
const minRunOnWord = 3

// runOn reports whether a full stop between before and after ends a
// sentence although no space follows it: the word before it is a word
// of lower-case letters, at least minRunOnWord long, and after it comes
// a capitalised word ("adulthood.However,"). A web or e-mail address
// ("ofsted.gov.uk", "name.Surname@") or a dotted abbreviation does not
// look so: its parts are short, or run on past the word without a space.
func runOn(before, after string) bool {
	j := strings.LastIndexAny(before, " (")
	word := before[j+1:]
	if utf8.RuneCountInString(word) < minRunOnWord {
		return false
	}
	for _, r := range word {
		if !unicode.IsLower(r) {
			return false
		}
	}
	first, w := utf8.DecodeRuneInString(after)
	if !unicode.IsUpper(first) {
		return false
	}
	next := after[w:]
	k := strings.IndexAny(next, " ,;:")
	if k < 0 {
		k = len(next)
	}
	rest := next[:k]
	if rest == "" {
		return false
	}
	for _, r := range rest {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// isCloser reports whether r closes a quotation or a bracket.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', ')', ']', '»':
		return true
	}
	return false
}

// startsSentence reports whether r can begin a sentence.
func startsSentence(r rune) bool {
	switch r {
	case '"', '\'', '‘', '“', '(', '[', '«':
		return true
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// endsSentence reports whether a full stop after text ends a sentence:
// it does not when it closes an abbreviation or an initial.
func endsSentence(text string) bool {
	j := strings.LastIndexAny(text, " (")
	word := text[j+1:]
	if word == "" {
		return true
	}
	if abbreviations[strings.ToLower(word)] {
		return false
	}
	// An initial: one capital letter ("J. Smith"); but a closing bracket or
	// a lower-case word before the stop ends the sentence.
	if r, w := utf8.DecodeRuneInString(word); w == len(word) && unicode.IsUpper(r) {
		return false
	}
	// Dotted abbreviations such as "e.g" or "a.m" contain a stop already.
	if strings.Contains(word, ".") && len(word) <= maxDotted && !strings.ContainsAny(word, ")’”\"'") {
		lw := strings.ToLower(word)
		if strings.Count(lw, ".") >= 1 && unicode.IsLetter(rune(lw[len(lw)-1])) {
			return false
		}
	}
	return true
}

// maxDotted is the longest dotted abbreviation ("e.g", "a.m", "i.e"),
// in bytes, that a full stop after it does not end a sentence with; and
// maxMarker the longest paragraph number ("12)", "(iv)", "iv.") that
// stripMarker removes.
const (
	maxDotted = 5
	maxMarker = 6
)

// stripMarker removes a paragraph number or bullet mark at the start of s.
func stripMarker(s string) string {
	for _, m := range []string{"•", "◼", "▪", "■", "●", "◦", "‣", "–", "-", "*"} {
		if strings.HasPrefix(s, m+" ") {
			return strings.TrimSpace(s[len(m):])
		}
	}
	// "1. ", "12) ", "(a) ", "a) ", "iv. "
	j := strings.IndexByte(s, ' ')
	if j <= 0 || j > maxMarker {
		return s
	}
	head := s[:j]
	body := strings.TrimLeft(head, "(")
	if body == head && !strings.HasSuffix(head, ".") && !strings.HasSuffix(head, ")") {
		return s
	}
	body = strings.TrimRight(body, ".)")
	if body == "" || len(body) == len(head) {
		return s
	}
	allDigits := true
	for _, r := range body {
		if !unicode.IsDigit(r) {
			allDigits = false
		}
	}
	roman := strings.Trim(strings.ToLower(body), "ivx") == ""
	letter := len(body) == 1 && unicode.IsLower(rune(body[0]))
	if allDigits || roman || letter {
		return strings.TrimSpace(s[j:])
	}
	return s
}
