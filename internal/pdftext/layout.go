package pdftext

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Layout thresholds, as fractions of the font size.
const (
	// baselineTol is how far apart two baselines may be and still be one.
	baselineTol = 0.2
	// wordGap is the smallest gap between two characters that separates
	// words when no space character does.
	wordGap = 0.15
	// A gap wider than columnGap and either wider than wideColumnGap or
	// columnRatio times the baseline's usual gap between words separates
	// two pieces of text on one baseline into two lines: columns, or the
	// cells of a table. The ratio keeps the wide spaces of a justified
	// line together.
	columnGap     = 1.5
	wideColumnGap = 4.0
	columnRatio   = 3.0
	// supRise is the smallest raise of a superscript above its line's
	// baseline, supMaxRise the largest, and supSize the largest size of a
	// superscript relative to its line's.
	supRise    = 0.15
	supMaxRise = 0.6
	supSize    = 0.85
	// dupOverlap is how close the baselines of two copies of one text
	// must be to count as one drawn twice (overprinted or fake bold).
	dupOverlap = 0.2
	// A chunk that starts more than overlapGap before the end of the
	// text before it on its baseline is printed over that text, and
	// starts a line of its own.
	overlapGap = 0.5
)

// A chunk is a run of glyphs drawn one after the other along one
// baseline: glyphs[start:end] of the page, in drawing order. Lines are
// built from chunks rather than single glyphs so that two texts printed
// over each other stay apart instead of interleaving letter by letter.
type chunk struct {
	start, end int
	y          float64 // baseline
	size       float64 // largest size
	x0, x1     float64
	sup        bool // a superscript folded into another baseline
}

// A baseline is the chunks that share one baseline.
type baseline struct {
	y      float64
	size   float64 // largest size
	minX   float64
	maxX   float64
	chunks []*chunk
	merged bool // folded into another baseline
}

// A layout turns glyphs into lines, holding its buffers to reuse from
// page to page.
type layout struct {
	chunkSlab []chunk
	chunks    []*chunk
	baseSlab  []baseline
	bases     []*baseline
	steps     []step
	kept      []*chunk
	gaps      []float64
	lb        lineBuilder
}

// lines turns a page's glyphs, in drawing order, into lines in reading
// order.
func (lay *layout) lines(glyphs []glyph) []Line {
	var rotated []int
	// The slabs never grow past their capacity here, so pointers into
	// them stay valid.
	lay.chunkSlab = slices.Grow(lay.chunkSlab[:0], len(glyphs))
	lay.baseSlab = slices.Grow(lay.baseSlab[:0], len(glyphs))
	chunks := lay.chunks[:0]
	var cur *chunk
	for i := range glyphs {
		g := &glyphs[i]
		if g.rotated {
			rotated = append(rotated, i)
			cur = nil
			continue
		}
		if cur != nil && cur.end == i && continues(cur, g) {
			cur.end = i + 1
			if !g.space {
				// White space, often set in another size, does not
				// count towards a chunk's size or extent.
				if cur.size == 0 {
					cur.y, cur.x0, cur.x1 = g.y, g.x0, g.x1
				}
				cur.x0 = math.Min(cur.x0, g.x0)
				cur.x1 = math.Max(cur.x1, g.x1)
				cur.size = math.Max(cur.size, g.size)
			}
			continue
		}
		lay.chunkSlab = append(lay.chunkSlab, chunk{start: i, end: i + 1, y: g.y, x0: g.x0, x1: g.x1})
		cur = &lay.chunkSlab[len(lay.chunkSlab)-1]
		if !g.space {
			cur.size = g.size
		}
		chunks = append(chunks, cur)
	}
	// Chunks of white space alone carry no text; the gaps they leave
	// still separate words.
	kept := chunks[:0]
	for _, c := range chunks {
		if c.size > 0 {
			kept = append(kept, c)
		}
	}
	chunks = kept
	lay.chunks = chunks
	slices.SortStableFunc(chunks, func(a, b *chunk) int { return cmpFloat(a.y, b.y) })

	// Group chunks by baseline.
	bases := lay.bases[:0]
	for _, c := range chunks {
		if n := len(bases); n > 0 {
			b := bases[n-1]
			tol := baselineTol * math.Max(math.Min(b.size, c.size), 1)
			if c.y-b.y <= tol {
				b.add(c)
				continue
			}
		}
		lay.baseSlab = append(lay.baseSlab, baseline{y: c.y, size: c.size, minX: c.x0, maxX: c.x1})
		b := &lay.baseSlab[len(lay.baseSlab)-1]
		b.add(c)
		bases = append(bases, b)
	}
	lay.bases = bases
	mergeSuperscripts(bases)

	var lines []Line
	for _, b := range bases {
		if b.merged {
			continue
		}
		lines = lay.appendBaselineLines(lines, glyphs, b)
	}
	return appendRotated(lines, glyphs, rotated)
}

// continues reports whether glyph g, drawn right after the chunk c, goes
// on along c's baseline from where c ends.
func continues(c *chunk, g *glyph) bool {
	size := g.size
	if c.size > 0 {
		size = math.Min(c.size, g.size)
	}
	size = math.Max(size, 1)
	if math.Abs(g.y-c.y) > baselineTol*size {
		return false
	}
	gap := g.x0 - c.x1
	return gap > -0.5*size && gap < wideColumnGap*size
}

func (b *baseline) add(c *chunk) {
	b.chunks = append(b.chunks, c)
	b.size = math.Max(b.size, c.size)
	b.minX = math.Min(b.minX, c.x0)
	b.maxX = math.Max(b.maxX, c.x1)
}

// mergeSuperscripts folds a baseline of small characters raised a little
// above the next baseline (footnote markers, ordinals) into it.
func mergeSuperscripts(bases []*baseline) {
	for i := 0; i+1 < len(bases); i++ {
		s := bases[i]
		if s.merged {
			continue
		}
		for j := i + 1; j < len(bases) && j <= i+3; j++ {
			b := bases[j]
			if b.merged {
				continue
			}
			rise := b.y - s.y
			if rise > supMaxRise*b.size {
				break
			}
			if rise < supRise*b.size || s.size > supSize*b.size || !touches(s, b) {
				continue
			}
			for _, c := range s.chunks {
				c.sup = true
				b.add(c)
			}
			s.merged = true
			break
		}
	}
}

// touches reports whether every chunk of s lies within a font size of a
// chunk of b along the baseline, as a superscript touches its word.
func touches(s, b *baseline) bool {
	for _, c := range s.chunks {
		near := false
		for _, d := range b.chunks {
			if c.x0 <= d.x1+b.size && c.x1 >= d.x0-b.size {
				near = true
				break
			}
		}
		if !near {
			return false
		}
	}
	return true
}

// A lineBuilder accumulates the glyphs of one line.
type lineBuilder struct {
	text     strings.Builder
	sup      []Span
	x, maxX  float64
	y        float64
	started  bool
	sizes    []sizeCount
	bold, n  int
	artifact int
	label    bool // the line so far is a list label: a bullet or a number
	inSup    bool
}

func (lb *lineBuilder) reset() {
	lb.text.Reset()
	lb.sup = nil
	lb.started, lb.inSup = false, false
	lb.sizes = lb.sizes[:0]
	lb.bold, lb.n, lb.artifact = 0, 0, 0
}

// A step is one visible glyph of a baseline, with what lies between it
// and the glyph before.
type step struct {
	g     *glyph
	sup   bool
	gap   float64 // from the right edge of the text before, in points
	space bool    // a space character came before
	first bool    // the glyph starts a chunk
}

// appendBaselineLines splits one baseline into lines at wide gaps and
// appends them.
func (lay *layout) appendBaselineLines(lines []Line, glyphs []glyph, b *baseline) []Line {
	slices.SortStableFunc(b.chunks, func(p, q *chunk) int { return cmpFloat(p.x0, q.x0) })
	steps := lay.steps[:0]
	kept := lay.kept[:0]
	maxX, started, space := 0.0, false, false
chunks:
	for _, c := range b.chunks {
		for _, k := range kept {
			if isDuplicate(glyphs, k, c) {
				continue chunks
			}
		}
		kept = append(kept, c)
		first := true
		for i := c.start; i < c.end; i++ {
			g := &glyphs[i]
			if g.unmapped || g.text == "" {
				continue
			}
			if g.space {
				space = started
				continue
			}
			st := step{g: g, sup: c.sup, gap: g.x0 - maxX, space: space, first: first && !c.sup}
			if !started {
				st.gap, st.space = 0, false
			}
			steps = append(steps, st)
			started, space, first = true, false, false
			maxX = math.Max(maxX, g.x1)
		}
	}
	lay.steps, lay.kept = steps, kept
	// The usual gap between words on this baseline, to tell a column's
	// gap from the wide spaces of a justified line.
	gaps := lay.gaps[:0]
	for _, st := range steps[min(1, len(steps)):] {
		if st.space || st.gap > wordGap*st.g.size {
			gaps = append(gaps, st.gap/st.g.size)
		}
	}
	usual := 0.3
	if len(gaps) > 0 {
		slices.Sort(gaps)
		usual = math.Max(usual, gaps[len(gaps)/2])
	}
	lay.gaps = gaps

	lb := &lay.lb
	lb.reset()
	for _, st := range steps {
		g := st.g
		if lb.started {
			em := st.gap / math.Max(g.size, b.size*0.5)
			switch {
			case em > columnGap && (em > wideColumnGap || em > columnRatio*usual) && !lb.label,
				st.first && st.gap < -overlapGap*g.size:
				// A column's gap, or text printed over the text before
				// it (two text boxes laid on one another): a new line.
				lines = append(lines, lb.line())
				lb.reset()
			case st.space || st.gap > wordGap*g.size || st.first && st.gap < -wordGap*g.size:
				lb.text.WriteByte(' ')
				lb.inSup = false
			}
		}
		lb.addGlyph(g, st.sup)
	}
	if lb.started {
		lines = append(lines, lb.line())
	}
	return lines
}

// isDuplicate reports whether chunk c draws the same text as chunk p over
// most of it: overprinting, a text box laid twice, or bold faked by
// drawing twice.
func isDuplicate(glyphs []glyph, p, c *chunk) bool {
	if p.end-p.start != c.end-c.start || math.Abs(p.y-c.y) > dupOverlap*c.size {
		return false
	}
	if overlap := math.Min(p.x1, c.x1) - math.Max(p.x0, c.x0); overlap < 0.5*math.Min(p.x1-p.x0, c.x1-c.x0) {
		return false
	}
	for i := 0; i < c.end-c.start; i++ {
		if glyphs[p.start+i].text != glyphs[c.start+i].text {
			return false
		}
	}
	return true
}

func (lb *lineBuilder) addGlyph(g *glyph, sup bool) {
	if !lb.started {
		lb.started = true
		lb.x = g.x0
		lb.maxX = g.x1
		lb.y = g.y
		lb.label = true
	}
	if sup && !lb.inSup {
		lb.sup = append(lb.sup, Span{Start: lb.text.Len()})
		lb.inSup = true
	} else if !sup && lb.inSup {
		lb.inSup = false
	}
	lb.text.WriteString(g.text)
	if lb.inSup {
		lb.sup[len(lb.sup)-1].End = lb.text.Len()
	} else {
		lb.y = math.Max(lb.y, g.y)
	}
	lb.maxX = math.Max(lb.maxX, g.x1)
	if !sup {
		lb.countSize(math.Round(g.size*10) / 10)
	}
	lb.n++
	if g.bold {
		lb.bold++
	}
	if g.artifact {
		lb.artifact++
	}
	lb.label = lb.label && isLabel(lb.text.String())
}

// A sizeCount counts the characters of one font size.
type sizeCount struct {
	size float64
	n    int
}

func (lb *lineBuilder) countSize(size float64) {
	for i := range lb.sizes {
		if lb.sizes[i].size == size {
			lb.sizes[i].n++
			return
		}
	}
	lb.sizes = append(lb.sizes, sizeCount{size, 1})
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// isLabel reports whether s is a list label: one mark (a bullet or a dash
// of any kind), or a short number or letter followed by "." or ")".
func isLabel(s string) bool {
	if r, n := utf8.DecodeRuneInString(s); n == len(s) && n > 0 && (unicode.IsSymbol(r) || unicode.IsPunct(r) || r == 'o') {
		return true // a bullet, dash or other mark alone, or the "o" of a nested list
	}
	if n := len(s); n >= 2 && n <= 4 && (s[n-1] == '.' || s[n-1] == ')') {
		for _, c := range s[:n-1] {
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '(') {
				return false
			}
		}
		return true
	}
	if n := len(s); n >= 1 && n <= 2 {
		for _, c := range s {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// line returns the finished line.
func (lb *lineBuilder) line() Line {
	size, best := 0.0, -1
	for _, sc := range lb.sizes {
		if sc.n > best || sc.n == best && sc.size > size {
			size, best = sc.size, sc.n
		}
	}
	return Line{
		Text:     lb.text.String(),
		X:        lb.x,
		Y:        lb.y,
		Width:    lb.maxX - lb.x,
		Size:     size,
		Bold:     lb.bold*2 > lb.n,
		Artifact: lb.artifact*2 > lb.n,
		Sup:      lb.sup,
	}
}

// appendRotated appends the text that is not upright, one line for each
// string shown, after the upright lines, top to bottom.
func appendRotated(lines []Line, glyphs []glyph, rotated []int) []Line {
	var out []Line
	for k := 0; k < len(rotated); {
		g0 := &glyphs[rotated[k]]
		var b strings.Builder
		pending := false
		n := 0
		j := k
		for ; j < len(rotated) && glyphs[rotated[j]].run == g0.run; j++ {
			g := &glyphs[rotated[j]]
			if g.unmapped || g.text == "" {
				continue
			}
			if g.space {
				pending = b.Len() > 0
				continue
			}
			if pending {
				b.WriteByte(' ')
				pending = false
			}
			b.WriteString(g.text)
			n++
		}
		if n > 0 {
			out = append(out, Line{Text: b.String(), X: g0.x0, Y: g0.y, Size: math.Round(g0.size*10) / 10, Bold: g0.bold, Artifact: g0.artifact})
		}
		k = j
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Y < out[b].Y })
	return append(lines, out...)
}
