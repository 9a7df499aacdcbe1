package analyse

import (
	"fmt"
	"slices"
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

// A patternIndex finds the patterns of several lists in a sentence at
// once: each word is looked up once, and only the patterns whose first word
// it matches are tried there, rather than every list trying every pattern
// whose first word is a prefix ("assess*") at every word.
type patternIndex struct {
	lists [][]pattern
	// exact maps a word to the patterns whose first word is exactly it,
	// those with a prefix alternative in their first word aside.
	exact map[string][]patRef
	// prefixed holds the patterns with a prefix alternative in their
	// first word, by every alternative of it.
	prefixed prefixTrie
}

// A patRef names pattern pat of list list of a patternIndex.
type patRef struct{ list, pat int32 }

// compareRefs orders references by list, then by pattern.
func compareRefs(a, b patRef) int {
	if a.list != b.list {
		return int(a.list - b.list)
	}
	return int(a.pat - b.pat)
}

func newPatternIndex(lists ...[]pattern) *patternIndex {
	ix := &patternIndex{lists: lists, exact: map[string][]patRef{}}
	for l, pats := range lists {
		for k, p := range pats {
			r := patRef{int32(l), int32(k)}
			first := p.words[0]
			if slices.ContainsFunc(first.alts, func(a string) bool { return strings.HasSuffix(a, "*") }) {
				for _, a := range first.alts {
					ix.prefixed.add(a, r)
				}
				continue
			}
			for _, a := range first.alts {
				ix.exact[a] = append(ix.exact[a], r)
			}
		}
	}
	return ix
}

// A match is a span found by a pattern of list list of a patternIndex.
type match struct {
	span
	list int
}

// find returns every match of the index's patterns in toks, list by list
// (those of lists[0] first); within a list ordered by start, and at one
// start the patterns whose first word has no prefix alternative first,
// each group in list order.
func (ix *patternIndex) find(toks []token) []match {
	var out []match
	var pre []patRef
	try := func(i int, r patRef) {
		if end, ok := ix.lists[r.list][r.pat].matchAt(toks, i); ok {
			out = append(out, match{span{i, end}, int(r.list)})
		}
	}
	for i, t := range toks {
		if t.punct {
			continue
		}
		for _, r := range ix.exact[t.text] {
			try(i, r)
		}
		pre = ix.prefixed.lookup(t.text, pre[:0])
		for _, r := range pre {
			try(i, r)
		}
	}
	slices.SortStableFunc(out, func(a, b match) int { return a.list - b.list })
	return out
}

// ofList returns the matches of list among ms, which find returned, from
// ms[*from] on, and moves *from past them; lists are asked for in order.
func ofList(ms []match, list int, from *int) []match {
	i := *from
	for i < len(ms) && ms[i].list < list {
		i++
	}
	j := i
	for j < len(ms) && ms[j].list == list {
		j++
	}
	*from = j
	return ms[i:j]
}

// A prefixTrie holds the alternatives of patterns' first words, exact
// words and prefixes, letter by letter, so that one walk along a word
// finds every pattern whose first word it matches.
type prefixTrie struct {
	nodes []trieNode // nodes[0] is the root
}

type trieNode struct {
	edges  []trieEdge
	exact  []patRef // patterns with an alternative that is the word spelled to here
	prefix []patRef // patterns with a prefix alternative spelled to here
}

type trieEdge struct {
	b  byte
	to int32
}

// child returns the node after byte b from node n, or -1.
func (t *prefixTrie) child(n int32, b byte) int32 {
	for _, e := range t.nodes[n].edges {
		if e.b == b {
			return e.to
		}
	}
	return -1
}

// add files r under alternative a: a prefix when it ends in "*".
func (t *prefixTrie) add(a string, r patRef) {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, trieNode{})
	}
	core, isPrefix := strings.CutSuffix(a, "*")
	n := int32(0)
	for i := 0; i < len(core); i++ {
		next := t.child(n, core[i])
		if next < 0 {
			next = int32(len(t.nodes))
			t.nodes = append(t.nodes, trieNode{})
			t.nodes[n].edges = append(t.nodes[n].edges, trieEdge{core[i], next})
		}
		n = next
	}
	if isPrefix {
		t.nodes[n].prefix = append(t.nodes[n].prefix, r)
	} else {
		t.nodes[n].exact = append(t.nodes[n].exact, r)
	}
}

// lookup appends to dst the patterns with an alternative that w matches,
// each once, ordered by list and then by pattern.
func (t *prefixTrie) lookup(w string, dst []patRef) []patRef {
	if len(t.nodes) == 0 {
		return dst
	}
	from := len(dst)
	n := int32(0)
	for i := 0; i < len(w); i++ {
		if n = t.child(n, w[i]); n < 0 {
			break
		}
		dst = append(dst, t.nodes[n].prefix...)
		if i == len(w)-1 {
			dst = append(dst, t.nodes[n].exact...)
		}
	}
	if len(dst)-from > 1 {
		slices.SortFunc(dst[from:], compareRefs)
		dst = dst[:from+len(slices.Compact(dst[from:]))]
	}
	return dst
}
