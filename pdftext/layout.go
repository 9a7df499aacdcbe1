package pdftext

import (
	"math"
	"slices"
	"sort"
	"strings"
)

// Layout thresholds, as fractions of the font size.
const (
	// baselineTol is how far apart two baselines may be and still be one.
	baselineTol = 0.2
	// wordGap is the smallest gap between two characters that separates
	// words when no space character does.
	wordGap = 0.15
	// columnGap is the smallest gap that separates two pieces of text on
	// one baseline into two lines: columns, or the cells of a table.
	columnGap = 2.5
	// supRise is the smallest raise of a superscript above its line's
	// baseline, supMaxRise the largest, and supSize the largest size of a
	// superscript relative to its line's.
	supRise    = 0.15
	supMaxRise = 0.75
	supSize    = 0.85
	// dupOverlap is how close two copies of one character must be to
	// count as one drawn twice (overprinted or fake bold).
	dupOverlap = 0.2
)

// A baseline is the glyphs that share one baseline.
type baseline struct {
	y      float64
	size   float64 // largest size
	minX   float64
	maxX   float64
	glyphs []int // indices into the page's glyphs
	sup    []bool
	merged bool // folded into another baseline
}

// buildLines turns a page's glyphs into lines in reading order.
func buildLines(glyphs []glyph) []Line {
	var upright, rotated []int
	for i := range glyphs {
		if glyphs[i].rotated {
			rotated = append(rotated, i)
		} else {
			upright = append(upright, i)
		}
	}
	sort.SliceStable(upright, func(a, b int) bool { return glyphs[upright[a]].y < glyphs[upright[b]].y })

	// Group glyphs by baseline.
	var bases []*baseline
	for _, i := range upright {
		g := &glyphs[i]
		if n := len(bases); n > 0 {
			b := bases[n-1]
			tol := baselineTol * math.Max(math.Min(b.size, g.size), 1)
			if g.y-b.y <= tol {
				b.add(glyphs, i)
				continue
			}
		}
		b := &baseline{y: g.y, size: g.size, minX: g.x0, maxX: g.x1}
		b.add(glyphs, i)
		bases = append(bases, b)
	}
	for _, b := range bases {
		b.sup = make([]bool, len(b.glyphs))
	}
	mergeSuperscripts(glyphs, bases)

	var lines []Line
	for _, b := range bases {
		if b.merged {
			continue
		}
		lines = appendBaselineLines(lines, glyphs, b)
	}
	return appendRotated(lines, glyphs, rotated)
}

func (b *baseline) add(glyphs []glyph, i int) {
	g := &glyphs[i]
	b.glyphs = append(b.glyphs, i)
	if g.size > b.size {
		b.size = g.size
	}
	b.minX = math.Min(b.minX, g.x0)
	b.maxX = math.Max(b.maxX, g.x1)
}

// mergeSuperscripts folds a baseline of small characters raised a little
// above the next baseline (footnote markers, ordinals) into it.
func mergeSuperscripts(glyphs []glyph, bases []*baseline) {
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
			if rise < supRise*b.size || s.size > supSize*b.size ||
				s.maxX < b.minX-b.size || s.minX > b.maxX+b.size || !nearAny(glyphs, s, b) {
				continue
			}
			for _, g := range s.glyphs {
				b.glyphs = append(b.glyphs, g)
				b.sup = append(b.sup, true)
			}
			b.minX = math.Min(b.minX, s.minX)
			b.maxX = math.Max(b.maxX, s.maxX)
			s.merged = true
			break
		}
	}
}

// nearAny reports whether every glyph of s lies within a font size of some
// glyph of b along the baseline, as a superscript touches its word.
func nearAny(glyphs []glyph, s, b *baseline) bool {
	for _, i := range s.glyphs {
		g := &glyphs[i]
		if g.space {
			continue
		}
		near := false
		for _, j := range b.glyphs {
			h := &glyphs[j]
			if h.space {
				continue
			}
			if g.x0 <= h.x1+b.size && g.x1 >= h.x0-b.size {
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
	pending  bool // a word break before the next glyph
	sizes    map[float64]int
	bold, n  int
	artifact int
	label    bool // the line so far is a list label: a bullet or a number
	lastText string
	lastX0   float64
	inSup    bool
}

func (lb *lineBuilder) reset() {
	lb.text.Reset()
	lb.sup = nil
	lb.started, lb.pending, lb.inSup = false, false, false
	clear(lb.sizes)
	lb.bold, lb.n, lb.artifact = 0, 0, 0
	lb.lastText = ""
}

// appendBaselineLines splits one baseline into lines at wide gaps and
// appends them.
func appendBaselineLines(lines []Line, glyphs []glyph, b *baseline) []Line {
	order := make([]int, len(b.glyphs))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(p, q int) int {
		gp, gq := &glyphs[b.glyphs[p]], &glyphs[b.glyphs[q]]
		switch {
		case gp.x0 < gq.x0:
			return -1
		case gp.x0 > gq.x0:
			return 1
		}
		return 0
	})
	lb := &lineBuilder{sizes: make(map[float64]int)}
	flush := func() {
		if lb.started {
			lines = append(lines, lb.line())
		}
		lb.reset()
	}
	for _, k := range order {
		g := &glyphs[b.glyphs[k]]
		sup := b.sup[k]
		if g.unmapped || g.text == "" {
			continue
		}
		if g.space {
			if lb.started {
				lb.pending = true
			}
			continue
		}
		if lb.started {
			gap := g.x0 - lb.maxX
			if g.text == lb.lastText && math.Abs(g.x0-lb.lastX0) < dupOverlap*g.size {
				continue // the same character drawn twice
			}
			if gap > columnGap*math.Max(g.size, b.size*0.5) && !lb.label {
				flush()
			} else if lb.pending || gap > wordGap*g.size {
				lb.text.WriteByte(' ')
				if lb.inSup {
					lb.closeSup()
				}
			}
		}
		lb.addGlyph(g, sup)
	}
	flush()
	return lines
}

func (lb *lineBuilder) closeSup() {
	lb.inSup = false
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
	lb.pending = false
	lb.maxX = math.Max(lb.maxX, g.x1)
	lb.lastText, lb.lastX0 = g.text, g.x0
	if !sup {
		lb.sizes[math.Round(g.size*10)/10]++
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

// isLabel reports whether s is a list label: a bullet, a dash, or a short
// number or letter followed by "." or ")".
func isLabel(s string) bool {
	switch s {
	case "•", "◦", "▪", "■", "–", "-", "*", "·", "o", "➢", "✓", "": // bullets and dashes
		return true
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
	for s, n := range lb.sizes {
		if n > best || n == best && s > size {
			size, best = s, n
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
