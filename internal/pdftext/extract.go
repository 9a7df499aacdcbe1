package pdftext

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ledongthuc/pdf"
)

// An extractor reads one document.
type extractor struct {
	data    []byte
	lim     Limits
	br      *budgetReader
	stopped atomic.Bool
	n       Counts // the work done so far

	file      []byte   // the file as the PDF library reads it
	encrypted bool     // the file is encrypted: streams are read only through the library
	warnings  []string // of the page being read

	fonts  map[string]*font // by the font dictionary's printed form
	images int              // images drawn, inline or XObject
	glyphs int              // glyphs kept on the pages of the whole document

	*scratch
}

// A scratch holds the buffers an extraction reuses from page to page, and
// through scratchPool from document to document.
type scratch struct {
	pageGlyphs []glyph
	lex        opLexer
	layout     layout
	content    bytes.Buffer
}

// scratchPool keeps scratch buffers between documents.
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledGlyphs bounds the glyph buffer kept for reuse.
const maxPooledGlyphs = 1 << 16

func newExtractor(data []byte, lim Limits) *extractor {
	return &extractor{data: data, lim: lim, fonts: make(map[string]*font)}
}

// cancel makes the extraction stop at its next read or operator.
func (x *extractor) cancel() {
	x.stopped.Store(true)
	if x.br != nil {
		x.br.stopped.Store(true)
	}
}

// libraryMessage returns the PDF library's error message without the
// "malformed PDF: " that it puts before most of them.
func libraryMessage(err error) string {
	msg := err.Error()
	for {
		m := strings.TrimPrefix(msg, "malformed PDF: ")
		if m == msg {
			return msg
		}
		msg = m
	}
}

// panickedHere reports whether the panic being recovered was raised in this
// package's code rather than in the PDF library's.
func panickedHere() bool {
	pc := make([]uintptr, 32)
	frames := runtime.CallersFrames(pc[:runtime.Callers(3, pc)])
	afterPanic := false
	for {
		f, more := frames.Next()
		if afterPanic && !strings.HasPrefix(f.Function, "runtime.") {
			return strings.Contains(f.Function, "/pdftext.")
		}
		if f.Function == "runtime.gopanic" {
			afterPanic = true
		}
		if !more {
			return false
		}
	}
}

// recovered turns a recovered panic value into an error.
func recovered(v any) error {
	var be boundError
	if e, ok := v.(error); ok && errors.As(e, &be) {
		return be.err
	}
	if e, ok := v.(runtime.Error); ok && panickedHere() {
		// A bug of this package, not a fault of the file; the fuzz
		// test looks for these.
		return fmt.Errorf("%w: internal error: %v", ErrMalformed, e)
	}
	if e, ok := v.(error); ok {
		return fmt.Errorf("%w: %s", ErrMalformed, libraryMessage(e))
	}
	return fmt.Errorf("%w: %s", ErrMalformed, libraryMessage(fmt.Errorf("%v", v)))
}

// run reads the document.
func (x *extractor) run() (doc *Document, err error) {
	x.scratch = scratchPool.Get().(*scratch)
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, recovered(v)
		}
		// Nothing of the document refers to the scratch buffers.
		if cap(x.pageGlyphs) <= maxPooledGlyphs && x.content.Cap() <= 1<<24 {
			scratchPool.Put(x.scratch)
		}
		x.scratch = nil
	}()
	data, err := repair(x.data)
	if err != nil {
		return nil, err
	}
	x.file = data
	st, err := checkStructure(data, x.lim, &x.n)
	if err != nil {
		return nil, err
	}
	x.br = newBudgetReader(data, st.expanding, x.lim.MaxLibraryBytes)
	if x.stopped.Load() {
		x.br.stopped.Store(true)
	}
	r, err := pdf.NewReader(x.br, int64(len(data)))
	if err != nil {
		var be boundError
		switch {
		case errors.As(err, &be):
			return nil, be.err
		case err == pdf.ErrInvalidPassword:
			return nil, fmt.Errorf("%w: it needs a password", ErrEncrypted)
		case bytes.Contains(data, []byte("/Encrypt")):
			return nil, fmt.Errorf("%w: encryption that this reader cannot undo (%s)", ErrEncrypted, libraryMessage(err))
		}
		return nil, fmt.Errorf("%w: %s", ErrMalformed, libraryMessage(err))
	}
	x.encrypted = r.Trailer().Key("Encrypt").Kind() != pdf.Null
	pages, err := x.pageTree(r)
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%w: no pages", ErrMalformed)
	}
	doc = &Document{Pages: make([]Page, 0, len(pages))}
	for i, p := range pages {
		pg, err := x.page(i+1, p)
		if err != nil {
			return nil, &PageError{Page: i + 1, Err: err}
		}
		doc.Pages = append(doc.Pages, pg)
	}
	x.n.LibraryBytes = x.br.read.Load()
	doc.Counts = x.n
	if x.glyphs == 0 {
		if x.images > 0 {
			return nil, fmt.Errorf("%w: %d %s of images (scanned?): it needs OCR", ErrNoText, len(pages), plural(len(pages), "page"))
		}
		return nil, &blankError{pages: len(pages)}
	}
	return doc, nil
}

// plural returns word, with an s unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// A pageRef is a page object with its inherited attributes.
type pageRef struct {
	v         pdf.Value
	resources pdf.Value
	box       [4]float64 // llx, lly, urx, ury
	rotate    int        // 0, 90, 180 or 270
}

// maxTreeDepth bounds the depth of the page tree.
const maxTreeDepth = 64

// pageTree lists the pages in order. It walks the tree itself, rather than
// through the library's Page, which can loop on a tree whose Kids refer
// back to an ancestor.
func (x *extractor) pageTree(r *pdf.Reader) ([]pageRef, error) {
	root := r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, fmt.Errorf("%w: no page tree", ErrMalformed)
	}
	var pages []pageRef
	seen := make(map[string]bool)
	var walk func(node pdf.Value, inh pageRef, depth int) error
	walk = func(node pdf.Value, inh pageRef, depth int) error {
		if depth > maxTreeDepth {
			return fmt.Errorf("%w: page tree deeper than %d", ErrMalformed, maxTreeDepth)
		}
		if res := node.Key("Resources"); res.Kind() == pdf.Dict {
			inh.resources = res
		}
		if b, ok := readBox(node.Key("MediaBox")); ok {
			inh.box = b
		}
		if b, ok := readBox(node.Key("CropBox")); ok {
			inh.box = intersect(inh.box, b)
		}
		if rot := node.Key("Rotate"); rot.Kind() == pdf.Integer {
			inh.rotate = ((int(rot.Int64()%360) + 360) % 360) / 90 * 90
		}
		kids := node.Key("Kids")
		if node.Key("Type").Name() == "Pages" || kids.Kind() == pdf.Array {
			key := node.String()
			if seen[key] {
				return fmt.Errorf("%w: the page tree has a cycle", ErrMalformed)
			}
			seen[key] = true
			for i := 0; i < kids.Len(); i++ {
				kid := kids.Index(i)
				if kid.Kind() != pdf.Dict {
					continue
				}
				if err := walk(kid, inh, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if len(pages) >= x.lim.MaxPages {
			return &LimitError{What: whatPages, Max: int64(x.lim.MaxPages)}
		}
		inh.v = node
		pages = append(pages, inh)
		return nil
	}
	err := walk(root, pageRef{box: [4]float64{0, 0, 612, 792}}, 0)
	return pages, err
}

func readBox(v pdf.Value) ([4]float64, bool) {
	var b [4]float64
	if v.Len() != 4 {
		return b, false
	}
	for i := range b {
		k := v.Index(i).Kind()
		if k != pdf.Integer && k != pdf.Real {
			return b, false
		}
		b[i] = v.Index(i).Float64()
	}
	if b[0] > b[2] {
		b[0], b[2] = b[2], b[0]
	}
	if b[1] > b[3] {
		b[1], b[3] = b[3], b[1]
	}
	if b[2]-b[0] < 1 || b[3]-b[1] < 1 || b[2]-b[0] > 1e6 || b[3]-b[1] > 1e6 {
		return b, false
	}
	return b, true
}

func intersect(a, b [4]float64) [4]float64 {
	c := [4]float64{math.Max(a[0], b[0]), math.Max(a[1], b[1]), math.Min(a[2], b[2]), math.Min(a[3], b[3])}
	if c[2]-c[0] < 1 || c[3]-c[1] < 1 {
		return a
	}
	return c
}

// page reads one page.
func (x *extractor) page(num int, p pageRef) (pg Page, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = recovered(v)
		}
	}()
	w, h := p.box[2]-p.box[0], p.box[3]-p.box[1]
	if p.rotate == 90 || p.rotate == 270 {
		w, h = h, w
	}
	pg = Page{Number: num, Width: w, Height: h}
	x.warnings = x.warnings[:0]
	defer func() { pg.Warnings = slices.Clone(x.warnings) }()
	content, err := x.contents(p.v.Key("Contents"))
	if err != nil {
		return pg, err
	}
	x.pageGlyphs = x.pageGlyphs[:0]
	in := interp{x: x}
	in.run(content, p.resources, pageMatrix(p.box, p.rotate), 0)
	glyphs := x.pageGlyphs
	// Text outside the page cannot be seen.
	kept := glyphs[:0]
	for _, g := range glyphs {
		if g.x1 < -1 || g.x0 > w+1 || g.y < -1 || g.y > h+g.size+1 {
			continue
		}
		kept = append(kept, g)
	}
	glyphs = kept
	for _, g := range glyphs {
		if g.unmapped {
			pg.Unmapped++
		}
	}
	x.glyphs += len(glyphs)
	if pg.Unmapped >= garbledMin && float64(pg.Unmapped) > garbledShare*float64(len(glyphs)) {
		return pg, fmt.Errorf("%w: %d of %d characters map to no text (a font without a usable ToUnicode map or embedded font tables)", ErrGarbled, pg.Unmapped, len(glyphs))
	}
	if pg.Unmapped > 0 {
		x.warn(fmt.Sprintf("%d of %d characters map to no text and are left out (glyphs of a symbol font, such as bullets, or a font without a usable ToUnicode map)", pg.Unmapped, len(glyphs)))
	}
	pg.Lines = x.layout.lines(glyphs)
	return pg, nil
}

// A page is garbled, its words do not decode, when more than garbledShare
// of its characters, and at least garbledMin, map to no text. Below that,
// the few glyphs nothing maps (bullets drawn from a symbol font without a
// map, such as Wingdings) are left out and the page gets a warning.
const (
	garbledShare = 0.05
	garbledMin   = 10
)

// pageMatrix maps default user space to the page as shown: origin at the
// top-left corner, Y growing downwards, /Rotate applied.
func pageMatrix(b [4]float64, rotate int) matrix {
	switch rotate {
	case 90:
		return matrix{0, 1, 1, 0, -b[1], -b[0]}
	case 180:
		return matrix{-1, 0, 0, 1, b[2], -b[1]}
	case 270:
		return matrix{0, -1, -1, 0, b[3], b[2]}
	}
	return matrix{1, 0, 0, -1, -b[0], b[3]}
}

// contents returns the decoded content of a page: one stream, or an array
// of streams joined by white space. The bytes are valid until the next
// call.
func (x *extractor) contents(v pdf.Value) ([]byte, error) {
	x.content.Reset()
	switch v.Kind() {
	case pdf.Stream:
		if err := x.readStream(&x.content, v, "content stream"); err != nil {
			return nil, err
		}
	case pdf.Array:
		for i := 0; i < v.Len(); i++ {
			s := v.Index(i)
			if s.Kind() != pdf.Stream {
				continue
			}
			if err := x.readStream(&x.content, s, "content stream"); err != nil {
				return nil, err
			}
			x.content.WriteByte('\n')
		}
	}
	return x.content.Bytes(), nil
}

// streamBytes returns the decoded data of a stream, within the document's
// budget of stream bytes; what names the stream in warnings.
func (x *extractor) streamBytes(v pdf.Value, what string) ([]byte, error) {
	var buf bytes.Buffer
	if err := x.readStream(&buf, v, what); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// readStream appends the decoded data of a stream to buf, within the
// limits of one stream's and the document's decoded bytes, and counts
// it. It stops decoding as soon as a limit is passed, and then panics
// with a *LimitError. A stream whose /Length is wrong is read up to its
// endstream, as other readers do, and one whose data ends too soon is
// kept as far as it decodes; either way the page gets a warning naming
// the stream by what.
func (x *extractor) readStream(buf *bytes.Buffer, v pdf.Value, what string) error {
	if err := checkFilters(v); err != nil {
		return err
	}
	add(&x.n.Streams, 1, x.lim.MaxStreams, whatStreams)
	var rd io.Reader
	if raw, declared, ok := x.recoverStream(v); ok {
		x.warn(fmt.Sprintf("a %s declares a length of %d bytes but holds %d: read up to its endstream, as other readers do; check the text of the page", what, declared, len(raw)))
		var err error
		if rd, err = decodeRaw(raw, v.Key("Filter")); err != nil {
			return fmt.Errorf("%w: decoding a stream: %v", ErrMalformed, err)
		}
	} else {
		rc := v.Reader()
		defer rc.Close()
		rd = rc
	}
	left := min(x.lim.MaxStreamSize, x.lim.MaxStreamBytes-x.n.StreamBytes)
	n, err := buf.ReadFrom(io.LimitReader(rd, left+1))
	x.n.LargestStream = max(x.n.LargestStream, n)
	add(&x.n.StreamBytes, n, x.lim.MaxStreamBytes, whatStreamBytes)
	if n > x.lim.MaxStreamSize {
		panic(boundError{&LimitError{What: whatStreamSize, Max: x.lim.MaxStreamSize}})
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		x.warn(fmt.Sprintf("a %s ends before its data does (%d bytes decoded): text of the page may be missing", what, n))
		return nil
	}
	if err != nil {
		var be boundError
		if errors.As(err, &be) {
			panic(be) // a limit: the whole file is refused
		}
		return fmt.Errorf("%w: decoding a stream: %v", ErrMalformed, err)
	}
	return nil
}

// warn adds a warning to the page being read, once.
func (x *extractor) warn(msg string) {
	if !slices.Contains(x.warnings, msg) {
		x.warnings = append(x.warnings, msg)
	}
}

// recoverStream returns the data of stream v as the file holds it, up to
// its endstream, when its /Length does not end where endstream begins,
// with the length it declares. It reports false when the length is right
// or the data cannot be recovered: the file is encrypted, or no
// endstream follows within MaxStreamSize bytes. The bytes searched count
// as bytes read to find objects.
func (x *extractor) recoverStream(v pdf.Value) (raw []byte, declared int64, ok bool) {
	if x.encrypted {
		return nil, 0, false
	}
	off, ok := streamOffset(v)
	if !ok || off < 0 || off > int64(len(x.file)) {
		return nil, 0, false
	}
	declared = v.Key("Length").Int64()
	if end := off + declared; declared >= 0 && end <= int64(len(x.file)) && endsStream(x.file[end:]) {
		return nil, 0, false
	}
	window := x.file[off:min(int64(len(x.file)), off+x.lim.MaxStreamSize)]
	j := bytes.Index(window, []byte("endstream"))
	searched := int64(len(window))
	if j >= 0 {
		searched = int64(j)
	}
	if x.br.read.Add(searched) > x.br.max {
		panic(boundError{&LimitError{What: whatLibraryBytes, Max: x.br.max}})
	}
	if j < 0 {
		return nil, 0, false
	}
	raw = window[:j]
	switch {
	case bytes.HasSuffix(raw, []byte("\r\n")):
		raw = raw[:len(raw)-2]
	case bytes.HasSuffix(raw, []byte("\n")), bytes.HasSuffix(raw, []byte("\r")):
		raw = raw[:len(raw)-1]
	}
	return raw, declared, true
}

// streamOffset returns where the data of stream v starts in the file. The
// PDF library keeps it to itself but prints it after the dictionary:
// "<<...>>@offset".
func streamOffset(v pdf.Value) (int64, bool) {
	s := v.String()
	i := strings.LastIndexByte(s, '@')
	if i < 0 {
		return 0, false
	}
	off, err := strconv.ParseInt(s[i+1:], 10, 64)
	return off, err == nil
}

// endsStream reports whether b starts with white space, if any, and then
// the keyword endstream.
func endsStream(b []byte) bool {
	i := 0
	for i < len(b) && i < 64 && isSpaceByte(b[i]) {
		i++
	}
	return bytes.HasPrefix(b[i:], []byte("endstream"))
}

// decodeRaw decodes the data of a stream read from the file for the
// filters a recovered stream may have: none or FlateDecode (without a
// predictor, which checkFilters allows only in other streams' places).
func decodeRaw(raw []byte, filter pdf.Value) (io.Reader, error) {
	names := []string{}
	switch filter.Kind() {
	case pdf.Name:
		names = append(names, filter.Name())
	case pdf.Array:
		for i := 0; i < filter.Len(); i++ {
			names = append(names, filter.Index(i).Name())
		}
	}
	var rd io.Reader = bytes.NewReader(raw)
	for _, name := range names {
		switch name {
		case "FlateDecode":
			zr, err := zlib.NewReader(rd)
			if err != nil {
				return nil, err
			}
			rd = zr
		case "ASCII85Decode":
			rd = ascii85.NewDecoder(&ascii85Data{r: rd})
		default:
			return nil, fmt.Errorf("unsupported stream filter %q", name)
		}
	}
	return rd, nil
}

// An ascii85Data reads ASCII85 data up to its end marker "~>", without
// white space, as ascii85.Decoder needs it.
type ascii85Data struct {
	r    io.Reader
	done bool
}

func (a *ascii85Data) Read(p []byte) (int, error) {
	if a.done {
		return 0, io.EOF
	}
	n, err := a.r.Read(p)
	out := p[:0]
	for _, c := range p[:n] {
		if c == '~' {
			a.done = true
			break
		}
		if !isSpaceByte(c) {
			out = append(out, c)
		}
	}
	if a.done && err == nil {
		err = io.EOF
	}
	return len(out), err
}

// checkFilters refuses the streams the PDF library cannot decode, before
// it panics on them, and predictor parameters that would make it allocate
// without bound.
func checkFilters(v pdf.Value) error {
	filter := v.Key("Filter")
	params := v.Key("DecodeParms")
	check := func(name string, p pdf.Value) error {
		switch name {
		case "FlateDecode":
			if pred := p.Key("Predictor"); !pred.IsNull() {
				if pred.Int64() != 12 {
					return fmt.Errorf("%w: unsupported predictor %d", ErrMalformed, pred.Int64())
				}
				if c := p.Key("Columns").Int64(); c < 0 || c > 1<<16 {
					return fmt.Errorf("%w: predictor with %d columns", ErrMalformed, c)
				}
			}
			return nil
		case "ASCII85Decode":
			if p.Kind() == pdf.Dict || p.Kind() == pdf.Stream {
				return fmt.Errorf("%w: ASCII85Decode with parameters", ErrMalformed)
			}
			return nil
		}
		return fmt.Errorf("%w: unsupported stream filter %q", ErrMalformed, name)
	}
	switch filter.Kind() {
	case pdf.Null:
		return nil
	case pdf.Name:
		return check(filter.Name(), params)
	case pdf.Array:
		for i := 0; i < filter.Len(); i++ {
			if err := check(filter.Index(i).Name(), params.Index(i)); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%w: bad stream filter %v", ErrMalformed, filter)
}
