package pdftext

import (
	"fmt"
	"math"

	"github.com/ledongthuc/pdf"
)

// A matrix is a PDF transformation matrix [a b c d e f]: a point (x, y)
// maps to (a*x + c*y + e, b*x + d*y + f).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: m applied first, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// A glyph is one character drawn on a page, in the page's shown
// coordinates (see pageMatrix).
type glyph struct {
	x0, x1   float64 // left and right edge of an upright glyph
	y        float64 // baseline
	size     float64 // font size as drawn
	text     string  // "" for an invisible glyph
	space    bool
	unmapped bool
	bold     bool
	artifact bool  // inside a pagination artifact
	rotated  bool  // not upright: x0, y are its origin
	run      int32 // which string shown the glyph came from
}

// A gstate is the part of the graphics state that text extraction needs.
type gstate struct {
	ctm      matrix
	tc, tw   float64 // character and word spacing
	th       float64 // horizontal scaling, 1 = 100%
	tl       float64 // leading
	font     *font
	fontSize float64
	rise     float64
}

// maxStateDepth bounds the nesting of q and of form XObjects.
const (
	maxStateDepth = 256
	maxFormDepth  = 12
)

// An interp interprets content streams and collects the glyphs they show.
type interp struct {
	x     *extractor
	runID int32 // counts the strings shown
}

// A frame is the state of one content stream being interpreted: the page
// or a form XObject.
type frame struct {
	resources pdf.Value
	fonts     map[string]*font
	xobjects  map[string]pdf.Value
	gs        gstate
	stack     []gstate
	tm, tlm   matrix
	marks     []bool // marked-content sequences: whether each is a pagination artifact
	artifact  int    // how many open sequences are pagination artifacts
}

// run interprets src with resources under the matrix ctm.
func (in *interp) run(src []byte, resources pdf.Value, ctm matrix, depth int) {
	x := in.x
	f := &frame{resources: resources, gs: gstate{ctm: ctm, th: 1}}
	f.tm, f.tlm = identity, identity
	var lex *opLexer
	if depth == 0 {
		lex = &x.lex
	} else {
		lex = new(opLexer)
	}
	lex.reset(src)
	for {
		op, args, ok := lex.next()
		if !ok {
			return
		}
		add(&x.n.Ops, 1, x.lim.MaxOps, whatOps)
		if x.n.Ops&1023 == 0 && x.stopped.Load() {
			panic(boundError{fmt.Errorf("%w: reading was stopped", ErrTooLarge)})
		}
		if len(op) == 0 || len(op) > 3 {
			continue
		}
		switch string(op) {
		case "q":
			if len(f.stack) < maxStateDepth {
				f.stack = append(f.stack, f.gs)
			}
		case "Q":
			if n := len(f.stack); n > 0 {
				f.gs = f.stack[n-1]
				f.stack = f.stack[:n-1]
			}
		case "cm":
			if m, ok := matrixArgs(args); ok {
				f.gs.ctm = m.mul(f.gs.ctm)
			}
		case "BT":
			f.tm, f.tlm = identity, identity
		case "Tc":
			if v, ok := num(args, 1); ok {
				f.gs.tc = v[0]
			}
		case "Tw":
			if v, ok := num(args, 1); ok {
				f.gs.tw = v[0]
			}
		case "Tz":
			if v, ok := num(args, 1); ok {
				f.gs.th = v[0] / 100
			}
		case "TL":
			if v, ok := num(args, 1); ok {
				f.gs.tl = v[0]
			}
		case "Ts":
			if v, ok := num(args, 1); ok {
				f.gs.rise = v[0]
			}
		case "Tf":
			if len(args) >= 2 && args[len(args)-2].k == tName && args[len(args)-1].k == tNum {
				f.gs.font = in.font(f, args[len(args)-2].b)
				f.gs.fontSize = args[len(args)-1].num
			}
		case "Td":
			if v, ok := num(args, 2); ok {
				f.tlm = matrix{1, 0, 0, 1, v[0], v[1]}.mul(f.tlm)
				f.tm = f.tlm
			}
		case "TD":
			if v, ok := num(args, 2); ok {
				f.gs.tl = -v[1]
				f.tlm = matrix{1, 0, 0, 1, v[0], v[1]}.mul(f.tlm)
				f.tm = f.tlm
			}
		case "Tm":
			if m, ok := matrixArgs(args); ok {
				f.tm, f.tlm = m, m
			}
		case "T*":
			f.tlm = matrix{1, 0, 0, 1, 0, -f.gs.tl}.mul(f.tlm)
			f.tm = f.tlm
		case "Tj":
			if n := len(args); n > 0 && args[n-1].k == tStr {
				in.show(f, args[n-1].b)
			}
		case "'":
			f.tlm = matrix{1, 0, 0, 1, 0, -f.gs.tl}.mul(f.tlm)
			f.tm = f.tlm
			if n := len(args); n > 0 && args[n-1].k == tStr {
				in.show(f, args[n-1].b)
			}
		case "\"":
			if n := len(args); n >= 3 && args[n-1].k == tStr && args[n-2].k == tNum && args[n-3].k == tNum {
				f.gs.tw, f.gs.tc = args[n-3].num, args[n-2].num
				f.tlm = matrix{1, 0, 0, 1, 0, -f.gs.tl}.mul(f.tlm)
				f.tm = f.tlm
				in.show(f, args[n-1].b)
			}
		case "TJ":
			if n := len(args); n > 0 && args[n-1].k == tArray {
				for _, e := range lex.elems(args[n-1]) {
					switch e.k {
					case tStr:
						in.show(f, e.b)
					case tNum:
						in.advance(f, -e.num/1000*f.gs.fontSize*f.gs.th)
					}
				}
			}
		case "Do":
			if n := len(args); n > 0 && args[n-1].k == tName {
				in.do(f, args[n-1].b, depth)
			}
		case "BI":
			x.images++
		case "BMC", "BDC":
			pag := false
			if len(args) >= 1 && args[0].k == tName && string(args[0].b) == "Artifact" {
				pag = true
				if len(args) >= 2 && args[1].k == tDict {
					pag = isPagination(lex.elems(args[1]))
				}
			}
			if len(f.marks) < maxStateDepth {
				f.marks = append(f.marks, pag)
				if pag {
					f.artifact++
				}
			}
		case "EMC":
			if n := len(f.marks); n > 0 {
				if f.marks[n-1] {
					f.artifact--
				}
				f.marks = f.marks[:n-1]
			}
		}
	}
}

// isPagination reports whether the properties of an artifact name it a
// pagination artifact (running header or footer, page number) or a
// header or footer.
func isPagination(props []operand) bool {
	for i := 0; i+1 < len(props); i += 2 {
		k, v := props[i], props[i+1]
		if k.k != tName || v.k != tName {
			continue
		}
		switch string(k.b) {
		case "Type":
			if string(v.b) == "Pagination" {
				return true
			}
		case "Subtype":
			switch string(v.b) {
			case "Header", "Footer":
				return true
			}
		}
	}
	return false
}

// num returns the last n operands as numbers.
func num(args []operand, n int) ([6]float64, bool) {
	var v [6]float64
	if len(args) < n {
		return v, false
	}
	args = args[len(args)-n:]
	for i := range args {
		if args[i].k != tNum {
			return v, false
		}
		v[i] = args[i].num
	}
	return v, true
}

func matrixArgs(args []operand) (matrix, bool) {
	v, ok := num(args, 6)
	if !ok {
		return matrix{}, false
	}
	for _, f := range v {
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e9 {
			return matrix{}, false
		}
	}
	return matrix(v), true
}

// font returns the font resource called name.
func (in *interp) font(f *frame, name []byte) *font {
	if fnt, ok := f.fonts[string(name)]; ok {
		return fnt
	}
	if f.fonts == nil {
		f.fonts = make(map[string]*font)
	}
	v := f.resources.Key("Font").Key(string(name))
	var fnt *font
	if v.Kind() == pdf.Dict {
		key := v.String()
		fnt = in.x.fonts[key]
		if fnt == nil {
			fnt = in.x.loadFont(v)
			in.x.fonts[key] = fnt
		}
	}
	f.fonts[string(name)] = fnt
	return fnt
}

// advance moves the text matrix tx units of text space along the baseline.
func (in *interp) advance(f *frame, tx float64) {
	f.tm[4] += tx * f.tm[0]
	f.tm[5] += tx * f.tm[1]
}

// show shows the string s and records its glyphs.
func (in *interp) show(f *frame, s []byte) {
	x := in.x
	add(&x.n.Chunks, 1, x.lim.MaxChunks, whatChunks)
	fnt := f.gs.font
	if fnt == nil {
		// Text in a font the page does not define: no way to read it.
		in.x.pageGlyphs = append(in.x.pageGlyphs, glyph{unmapped: true})
		return
	}
	in.runID++
	gs := &f.gs
	// The text rendering matrix, kept up to date as glyphs advance: a
	// move of tx along the baseline moves its origin by tx times its first
	// row.
	trm := f.tm.mul(gs.ctm)
	size := gs.fontSize * math.Hypot(trm[2], trm[3])
	visible := size > 0.5 && size < 2000
	upright := trm[0] > 0 && math.Abs(trm[1]) <= 0.1*trm[0] && trm[3] < 0
	artifact := f.artifact > 0
	tx0 := 0.0 // the advance so far
	for len(s) > 0 {
		code, n := fnt.next(s)
		s = s[n:]
		add(&x.n.Glyphs, 1, x.lim.MaxGlyphs, whatGlyphs)
		g := in.x.glyph(fnt, code, n)
		w := g.width * gs.fontSize
		tx := (w + gs.tc) * gs.th
		if n == 1 && code == ' ' {
			tx += gs.tw * gs.th
		}
		if visible && (g.text != "" || g.unmapped) {
			ex := trm[4] + tx0*trm[0]
			ey := trm[5] + tx0*trm[1]
			gl := glyph{
				x0: ex, y: ey + gs.rise*trm[3], size: size, text: g.text, space: g.space, unmapped: g.unmapped,
				bold: fnt.bold, artifact: artifact, run: in.runID,
			}
			if upright {
				// Along the baseline, a rise moves the glyph up the
				// page, not sideways.
				gl.x1 = ex + w*gs.th*trm[0]
			} else {
				gl.rotated = true
				gl.x0 = ex + gs.rise*trm[2]
				gl.x1 = gl.x0
			}
			in.x.pageGlyphs = append(in.x.pageGlyphs, gl)
		}
		tx0 += tx
	}
	in.advance(f, tx0)
}

// do draws the XObject called name: a form is interpreted, an image
// counted.
func (in *interp) do(f *frame, name []byte, depth int) {
	v, ok := f.xobjects[string(name)]
	if !ok {
		v = f.resources.Key("XObject").Key(string(name))
		if f.xobjects == nil {
			f.xobjects = make(map[string]pdf.Value)
		}
		f.xobjects[string(name)] = v
	}
	switch v.Key("Subtype").Name() {
	case "Image":
		in.x.images++
	case "Form":
		if depth >= maxFormDepth {
			return
		}
		src, err := in.x.streamBytes(v, "form")
		if err != nil {
			panic(boundError{err})
		}
		m := identity
		if mv := v.Key("Matrix"); mv.Len() == 6 {
			var a [6]operand
			for i := range a {
				a[i] = operand{k: tNum, num: mv.Index(i).Float64()}
			}
			if mm, ok := matrixArgs(a[:]); ok {
				m = mm
			}
		}
		res := v.Key("Resources")
		if res.Kind() != pdf.Dict {
			res = f.resources
		}
		artifact := f.artifact
		sub := &interp{x: in.x, runID: in.runID}
		sub.runForm(src, res, m.mul(f.gs.ctm), depth+1, artifact > 0)
		in.runID = sub.runID
	}
}

// runForm interprets a form XObject; inside a pagination artifact, all
// its text is.
func (in *interp) runForm(src []byte, res pdf.Value, ctm matrix, depth int, artifact bool) {
	start := len(in.x.pageGlyphs)
	in.run(src, res, ctm, depth)
	if artifact {
		for i := start; i < len(in.x.pageGlyphs); i++ {
			in.x.pageGlyphs[i].artifact = true
		}
	}
}
