package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "no": true,
	"e.g": true, "i.e": true, "etc": true, "prof": true, "cllr": true, "vs": true,
}

// sentences splits a paragraph into sentences: at a full stop, question
// or exclamation mark (and any closing quote or bracket) followed by a
// space and a capital, digit or opening quote, except after a common
// abbreviation. It is enough for finding the facts of a letter's opening;
// the analyse package has its own, fuller splitter.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r != '.' && r != '?' && r != '!' {
			continue
		}
		j := i
		for j < len(text) {
			c, n := utf8.DecodeRuneInString(text[j:])
			if !strings.ContainsRune("’”\"')", c) {
				break
			}
			j += n
		}
		if j >= len(text) || text[j] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[j+1:])
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune("‘“\"'(", next) {
			continue
		}
		if r == '.' {
			word := strings.ToLower(lastWord(text[start : i-1]))
			if abbreviations[word] || (len(word) == 1 && unicode.IsLetter(rune(word[0]))) {
				continue
			}
		}
		out = append(out, strings.TrimSpace(text[start:j]))
		start = j + 1
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, rest)
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
