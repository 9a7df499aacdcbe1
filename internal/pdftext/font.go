package pdftext

import (
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// A font is what the interpreter needs of a PDF font: how to split a
// string into codes, and each code's text and width. Everything is read
// once per document and cached.
type font struct {
	bold     bool
	symbolic bool // Symbol, Wingdings and the like

	// Splitting strings into codes.
	composite bool   // a Type0 font: codes of one or more bytes
	codes     *cmap  // the encoding CMap of a Type0 font; nil for Identity-H/V
	cidToGID  []byte // CIDToGIDMap stream, two bytes a CID; nil for Identity

	// Text.
	toUnicode *cmap
	encoding  *[256]rune // simple fonts: code to character by the font's encoding
	named     [256]bool  // simple fonts: codes whose encoding entry comes from a glyph name
	embedded  *sfnt      // the embedded TrueType/OpenType tables, loaded on first need
	program   pdf.Value  // the embedded font program stream
	loaded    bool       // whether program was tried

	// Widths, in thousandths of the font size (text space units for Type3).
	first    int
	widths   []float64
	missing  float64
	dw       float64
	cidW     map[uint32]float64
	scale    float64 // glyph space to text space: 0.001, or FontMatrix[0] for Type3
	fixedAvg float64 // width used when the font has no widths at all

	glyphs map[uint32]*glyphInfo // code (with its length in the top bits) to glyph
}

// A glyphInfo is one code of one font.
type glyphInfo struct {
	text     string  // normalised text; "" for invisible codes
	width    float64 // in glyph units times scale: text space units per unit font size
	space    bool    // the glyph is white space, a word break
	unmapped bool    // nothing maps the code to text
}

// loadFont reads the font dictionary v.
func (x *extractor) loadFont(v pdf.Value) *font {
	f := &font{scale: 0.001, dw: 1000, glyphs: make(map[uint32]*glyphInfo)}
	subtype := v.Key("Subtype").Name()
	desc := v.Key("FontDescriptor")
	base := v.Key("BaseFont").Name()
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if b, err := x.streamBytes(tu, "ToUnicode map"); err == nil {
			f.toUnicode = parseCMap(b)
		}
	}
	switch subtype {
	case "Type0":
		f.composite = true
		d := v.Key("DescendantFonts").Index(0)
		desc = d.Key("FontDescriptor")
		if base == "" {
			base = d.Key("BaseFont").Name()
		}
		enc := v.Key("Encoding")
		switch enc.Kind() {
		case pdf.Stream:
			if b, err := x.streamBytes(enc, "font encoding CMap"); err == nil {
				f.codes = parseCMap(b)
				if len(f.codes.space) == 0 {
					f.codes.space = []codespace{{0, 0xFFFF, 2}}
				}
			}
		}
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.cidW = readCIDWidths(d.Key("W"))
		if m := d.Key("CIDToGIDMap"); m.Kind() == pdf.Stream {
			if b, err := x.streamBytes(m, "CIDToGIDMap"); err == nil {
				f.cidToGID = b
			}
		}
	default:
		if subtype == "Type3" {
			if m := v.Key("FontMatrix"); m.Len() >= 1 && m.Index(0).Float64() != 0 {
				f.scale = m.Index(0).Float64()
			}
		}
		f.first = int(v.Key("FirstChar").Int64())
		w := v.Key("Widths")
		if n := w.Len(); n > 0 && n <= 256 {
			f.widths = make([]float64, n)
			for i := range f.widths {
				f.widths[i] = w.Index(i).Float64()
			}
		}
		f.missing = desc.Key("MissingWidth").Float64()
		if f.widths == nil {
			// A standard font without widths: estimate.
			f.fixedAvg = 500
			if strings.Contains(base, "Courier") {
				f.fixedAvg = 600
			}
		}
	}
	flags := desc.Key("Flags").Int64()
	name := base
	if i := strings.IndexByte(name, '+'); i >= 0 {
		name = name[i+1:]
	}
	lname := strings.ToLower(name)
	f.bold = strings.Contains(lname, "bold") || strings.Contains(lname, "black") || strings.Contains(lname, "heavy") ||
		strings.Contains(lname, "demi") || desc.Key("FontWeight").Float64() >= 600 || flags&(1<<18) != 0
	f.symbolic = strings.Contains(lname, "symbol") || strings.Contains(lname, "wingding") ||
		strings.Contains(lname, "webding") || strings.Contains(lname, "dingbat")
	for _, k := range []string{"FontFile2", "FontFile3"} {
		if p := desc.Key(k); p.Kind() == pdf.Stream {
			f.program = p
			break
		}
	}
	if !f.composite {
		f.encoding, f.named = simpleEncoding(v.Key("Encoding"), subtype, flags, f.symbolic)
	}
	return f
}

// simpleEncoding returns the code-to-character table of a simple font,
// and which codes a /Differences glyph name set. It returns nil for a
// symbolic font without an encoding, whose codes only its embedded font
// program can name.
func simpleEncoding(enc pdf.Value, subtype string, flags int64, symbolic bool) (*[256]rune, [256]bool) {
	var named [256]bool
	baseName := ""
	var diffs pdf.Value
	switch enc.Kind() {
	case pdf.Name:
		baseName = enc.Name()
	case pdf.Dict:
		baseName = enc.Key("BaseEncoding").Name()
		diffs = enc.Key("Differences")
	}
	var t [256]rune
	switch baseName {
	case "WinAnsiEncoding":
		t = winAnsiEncoding
	case "MacRomanEncoding":
		t = macRomanEncoding
	case "StandardEncoding":
		t = standardEncoding
	case "PDFDocEncoding":
		t = pdfDocEncoding
	default:
		if (symbolic || flags&4 != 0 && flags&32 == 0) && diffs.Len() == 0 {
			return nil, named
		}
		if subtype == "TrueType" {
			t = winAnsiEncoding
		} else {
			t = standardEncoding
		}
	}
	code := -1
	for i := 0; i < diffs.Len() && i < 1024; i++ {
		d := diffs.Index(i)
		switch d.Kind() {
		case pdf.Integer:
			code = int(d.Int64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				t[code] = glyphRune(d.Name())
				named[code] = true
			}
			code++
		}
	}
	return &t, named
}

// readCIDWidths reads the W array of a CID font: "c [w1 w2 ...]" gives the
// widths of c, c+1, ...; "c1 c2 w" gives c1..c2 the width w.
func readCIDWidths(w pdf.Value) map[uint32]float64 {
	n := w.Len()
	if n == 0 {
		return nil
	}
	m := make(map[uint32]float64)
	const maxEntries = 1 << 16
	for i := 0; i < n && len(m) < maxEntries; {
		c := w.Index(i)
		if c.Kind() != pdf.Integer || c.Int64() < 0 {
			break
		}
		first := uint32(c.Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && len(m) < maxEntries; j++ {
				m[first+uint32(j)] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		last := next.Int64()
		width := w.Index(i + 2).Float64()
		for c := int64(first); c <= last && len(m) < maxEntries; c++ {
			m[uint32(c)] = width
		}
		i += 3
	}
	return m
}

// next splits the first code off s.
func (f *font) next(s []byte) (code uint32, n int) {
	if !f.composite {
		return uint32(s[0]), 1
	}
	if f.codes != nil {
		return f.codes.nextCode(s)
	}
	if len(s) < 2 {
		return uint32(s[0]), 1
	}
	return uint32(s[0])<<8 | uint32(s[1]), 2
}

// glyph returns the glyph of code, which is n bytes long.
func (x *extractor) glyph(f *font, code uint32, n int) *glyphInfo {
	key := code | uint32(n)<<30
	if g, ok := f.glyphs[key]; ok {
		return g
	}
	g := &glyphInfo{}
	f.glyphs[key] = g
	cid := code
	if f.composite && f.codes != nil {
		if c, ok := f.codes.cid(code, n); ok {
			cid = c
		}
	}
	// Width.
	switch {
	case f.composite:
		g.width = f.dw
		if w, ok := f.cidW[cid]; ok {
			g.width = w
		}
	case f.widths != nil:
		i := int(code) - f.first
		if i >= 0 && i < len(f.widths) {
			g.width = f.widths[i]
		} else {
			g.width = f.missing
		}
	default:
		g.width = f.fixedAvg
		if code == ' ' {
			g.width = 250
		}
	}
	g.width *= f.scale
	// Text.
	text, ok := "", false
	if f.toUnicode != nil {
		text, ok = usable(f.toUnicode.text(code, n))
	}
	if !ok && !f.composite && f.encoding != nil {
		if r := f.encoding[code&0xFF]; r != 0 {
			text, ok = usable(string(r))
		}
		if !ok && !f.named[code&0xFF] {
			// An encoding's unused code: leave it to the font program.
			ok = false
		}
	}
	if !ok {
		if sf := x.fontProgram(f); sf != nil {
			gid := -1
			switch {
			case f.composite && f.cidToGID != nil:
				if 2*int(cid)+1 < len(f.cidToGID) {
					gid = int(f.cidToGID[2*cid])<<8 | int(f.cidToGID[2*cid+1])
				}
			case f.composite:
				gid = int(cid)
			case sf.symbol != nil:
				if g, found := sf.symbol[code&0xFF]; found {
					gid = int(g)
				}
			}
			if gid > 0 && gid < len(sf.gidText) && sf.gidText[gid] != 0 {
				text, ok = usable(string(sf.gidText[gid]))
			}
		}
	}
	if !ok && !f.composite && f.encoding == nil {
		// A symbolic font's code with no name anywhere: the private-use
		// code point that symbol fonts use, which normalises to a bullet.
		text, ok = usable(string(rune(0xF000 + code&0xFF)))
	}
	if !ok {
		if !f.composite && code < 0x20 {
			// Control codes that name nothing draw nothing.
			return g
		}
		g.unmapped = true
		return g
	}
	g.text = text
	g.space = text == " "
	return g
}

// fontProgram returns the cmap and post tables of f's embedded font
// program, reading them on first use.
func (x *extractor) fontProgram(f *font) *sfnt {
	if !f.loaded {
		f.loaded = true
		if f.program.Kind() == pdf.Stream {
			if b, err := x.streamBytes(f.program, "font program"); err == nil {
				f.embedded = parseSFNT(b)
			}
		}
	}
	return f.embedded
}

// usable normalises the text of one glyph and reports whether it is text
// at all: not empty, no replacement character, not only control codes.
// Spaces of any width become " ", symbol-font private-use code points
// become "•", Latin ligatures are spelt out, and zero-width characters
// vanish.
func usable(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7F {
			simple = false
			break
		}
	}
	if simple {
		return s, true
	}
	var b strings.Builder
	visible := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			return "", false
		case r == '\t' || r == 0xA0 || r >= 0x2000 && r <= 0x200A || r == 0x202F || r == 0x205F || r == 0x3000:
			b.WriteByte(' ')
			visible = true
		case r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF:
			visible = true
		case r < 0x20 || r >= 0x7F && r < 0xA0:
			// control codes
		case r >= 0xF000 && r <= 0xF0FF:
			b.WriteString("•")
			visible = true
		case r == 0xAD:
			b.WriteByte('-')
			visible = true
		case r >= 0xFB00 && r <= 0xFB06:
			b.WriteString([...]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}[r-0xFB00])
			visible = true
		default:
			b.WriteRune(r)
			visible = true
		}
	}
	if !visible {
		return "", false
	}
	out := b.String()
	if strings.TrimSpace(out) == "" && out != "" {
		return " ", true
	}
	return out, true
}
