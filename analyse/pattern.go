package analyse

import (
	"fmt"
	"strings"
)

// maxGap is how many words "..." in a pattern may stand for.
const maxGap = 4

// A pattern is a compiled codebook phrase: a sequence of word matchers,
// some of which may be gaps.
type pattern struct {
	src   string
	words []wordMatcher
	gaps  int // how many of words are gaps
}

// A wordMatcher matches one word: any of alts, each exact or, ending in
// "*", a prefix. A gap matches 0 to maxGap words.
type wordMatcher struct {
	alts []string
	gap  bool
}

// compilePattern compiles a codebook phrase. The grammar, one phrase per
// line of the codebook:
//
//	phrase = word { " " word }
//	word   = alt { "|" alt } | "..."
//	alt    = letters-and-digits [ "*" ]
//
// Words are compared in lower case after the same tokenisation as the
// text, so "multi-agency" in a pattern is the two words "multi agency".
func compilePattern(src string) (pattern, error) {
	p := pattern{src: src}
	for _, field := range strings.Fields(src) {
		if field == "..." {
			if len(p.words) == 0 {
				return p, fmt.Errorf("pattern %q: a gap cannot start a phrase", src)
			}
			p.words = append(p.words, wordMatcher{gap: true})
			p.gaps++
			continue
		}
		// A field may hold alternatives and hyphens: "step-up|step-down".
		// Hyphenated alternatives are not supported; hyphens inside one
		// alternative split it into several words.
		if strings.ContainsAny(field, "-/") && !strings.Contains(field, "|") {
			for _, part := range strings.FieldsFunc(field, func(r rune) bool { return r == '-' || r == '/' }) {
				m, err := compileWord(src, part)
				if err != nil {
					return p, err
				}
				p.words = append(p.words, m)
			}
			continue
		}
		m, err := compileWord(src, field)
		if err != nil {
			return p, err
		}
		p.words = append(p.words, m)
	}
	if len(p.words) == 0 {
		return p, fmt.Errorf("empty pattern")
	}
	if p.words[len(p.words)-1].gap {
		return p, fmt.Errorf("pattern %q: a gap cannot end a phrase", src)
	}
	return p, nil
}

func compileWord(src, field string) (wordMatcher, error) {
	var m wordMatcher
	for _, alt := range strings.Split(strings.ToLower(field), "|") {
		alt = strings.ReplaceAll(alt, "’", "'")
		alt = strings.TrimSuffix(alt, "'s")
		core := strings.TrimSuffix(alt, "*")
		if core == "" {
			return m, fmt.Errorf("pattern %q: empty word in %q", src, field)
		}
		for _, r := range core {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'' || r > 127) {
				return m, fmt.Errorf("pattern %q: %q is not a word (letters, digits, a final *)", src, alt)
			}
		}
		m.alts = append(m.alts, alt)
	}
	return m, nil
}

func (m wordMatcher) match(w string) bool {
	for _, a := range m.alts {
		if strings.HasSuffix(a, "*") {
			if strings.HasPrefix(w, a[:len(a)-1]) {
				return true
			}
		} else if w == a {
			return true
		}
	}
	return false
}

// A span is a match of a pattern over tokens [start, end).
type span struct{ start, end int }

// matchAt reports whether the pattern matches toks from start, and where
// the match ends. A gap takes the fewest words that let the rest match,
// the first gap first.
func (p pattern) matchAt(toks []token, start int) (int, bool) {
	var m *memo
	if p.gaps > 1 {
		// Trying every length of every gap costs (maxGap+1)^gaps; each
		// (word, token) pair has one answer, so remembering it makes the
		// cost linear in the pattern's length.
		m = newMemo(len(p.words), min(len(toks)-start, len(p.words)*(maxGap+1))+1)
	}
	return p.matchFrom(toks, start, start, 0, m)
}

// matchFrom matches the pattern's words from k on at token i; the match
// started at token start.
func (p pattern) matchFrom(toks []token, start, i, k int, m *memo) (int, bool) {
	if k == len(p.words) {
		return i, true
	}
	w := p.words[k]
	if !w.gap {
		if i >= len(toks) || toks[i].punct || !w.match(toks[i].text) {
			return 0, false
		}
		return p.matchFrom(toks, start, i+1, k+1, m)
	}
	if end, known := m.get(k, i-start); known {
		return end, end >= 0
	}
	end, ok := -1, false
	for g := 0; g <= maxGap && i+g <= len(toks); g++ {
		if g > 0 && toks[i+g-1].punct {
			break
		}
		if end, ok = p.matchFrom(toks, start, i+g, k+1, m); ok {
			break
		}
	}
	if !ok {
		end = -1
	}
	m.set(k, i-start, end)
	return end, ok
}

// A memo holds the answers of matchFrom at gaps: for word k at token
// offset j from the match's start, the end of the match plus 2 (1 for no
// match, 0 not yet known). A nil memo remembers nothing.
type memo struct {
	width int
	ends  []int
}

func newMemo(words, width int) *memo {
	return &memo{width: width, ends: make([]int, words*width)}
}

// get returns the answer for word k at offset j, and whether it is known.
func (m *memo) get(k, j int) (end int, known bool) {
	if m == nil || j >= m.width {
		return 0, false
	}
	v := m.ends[k*m.width+j]
	return v - 2, v > 0
}

// set keeps the answer end (-1 for no match) for word k at offset j.
func (m *memo) set(k, j, end int) {
	if m != nil && j < m.width {
		m.ends[k*m.width+j] = end + 2
	}
}

// A patternSet indexes patterns by their first word, so that finding them
// in a clause does not try every pattern at every word.
type patternSet struct {
	pats     []pattern
	exact    map[string][]int // first word -> patterns whose first word is exactly it
	prefixed []int            // patterns whose first word has a prefix alternative
}

func newPatternSet(pats []pattern) patternSet {
	ps := patternSet{pats: pats, exact: map[string][]int{}}
	for i, p := range pats {
		first := p.words[0]
		hasPrefix := false
		for _, a := range first.alts {
			if strings.HasSuffix(a, "*") {
				hasPrefix = true
			}
		}
		if hasPrefix {
			ps.prefixed = append(ps.prefixed, i)
			continue
		}
		for _, a := range first.alts {
			ps.exact[a] = append(ps.exact[a], i)
		}
	}
	return ps
}

// A match is a span found by pattern pat of a set.
type match struct {
	span
	pat int
}

// find returns every match of the set's patterns in toks, ordered by
// start and then by pattern.
func (ps *patternSet) find(toks []token) []match {
	var out []match
	try := func(i, k int) {
		if end, ok := ps.pats[k].matchAt(toks, i); ok {
			out = append(out, match{span{i, end}, k})
		}
	}
	for i, t := range toks {
		if t.punct {
			continue
		}
		for _, k := range ps.exact[t.text] {
			try(i, k)
		}
		for _, k := range ps.prefixed {
			try(i, k)
		}
	}
	return out
}
