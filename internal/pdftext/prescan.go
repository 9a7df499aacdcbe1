package pdftext

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"slices"
)

// This file checks a file's structure before the PDF library sees it, for
// the inputs on which the library would hang, recurse without end or
// allocate without bound; see the package documentation.

// maxObjects bounds the object numbers of a file. The library allocates
// its cross-reference table by the largest number it reads.
const maxObjects = 1 << 20

// repair fixes, in a copy, what the library is stricter about than other
// readers: a header version other than 1.0 to 1.7 and bytes after the
// last %%EOF. It fails on files that are no PDF at all or cut short.
func repair(data []byte) ([]byte, error) {
	i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if i < 0 {
		if len(bytes.TrimSpace(data)) == 0 {
			return nil, fmt.Errorf("%w: the file holds only white space", ErrMalformed)
		}
		return nil, fmt.Errorf("%w: not a PDF file (no %%PDF- header)", ErrMalformed)
	}
	if i > 0 {
		// Offsets in such files count from the header.
		data = data[i:]
	}
	if len(data) < 16 {
		return nil, fmt.Errorf("%w: truncated file", ErrMalformed)
	}
	badVersion := data[5] != '1' || data[6] != '.' || data[7] < '0' || data[7] > '7'
	badEnd := data[8] != '\r' && data[8] != '\n'
	if badVersion || badEnd {
		// Copy before changing: the caller's bytes are not ours.
		data = append([]byte(nil), data...)
		if badVersion {
			copy(data[5:8], "1.7")
		}
		if badEnd {
			data[8] = '\n'
		}
	}
	e := bytes.LastIndex(data, []byte("%%EOF"))
	if e < 0 {
		return nil, fmt.Errorf("%w: truncated file (no %%%%EOF marker)", ErrMalformed)
	}
	return data[:e+5], nil
}

// A structure is what checkStructure learns of the cross-reference
// sections: where objects are, and which lie in object streams.
type structure struct {
	offsets   map[uint32]int64  // object number to file offset (first definition wins)
	inStream  map[uint32]uint32 // object number to the object stream holding it
	expanding []expansion       // the compressed object streams
	lim       Limits
	n         *Counts
}

// checkStructure follows the cross-reference sections from startxref, as
// the library will, and fails on what would make it hang, recurse without
// end or allocate without bound: a cycle of /Prev offsets, object numbers
// or field widths beyond bounds, an object stream inside an object stream,
// an object stream with a hex string that never ends, and an array or
// dictionary longer than lim.MaxArray. It counts in n the objects, the
// longest array and the streams it decodes.
func checkStructure(data []byte, lim Limits, n *Counts) (*structure, error) {
	tail := data[max(0, len(data)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, fmt.Errorf("%w: no startxref", ErrMalformed)
	}
	var lx lexer
	lx.src = tail[i+len("startxref"):]
	k, _, v := lx.token()
	if k != tNum || v < 0 || v >= float64(len(data)) {
		return nil, fmt.Errorf("%w: startxref does not point into the file", ErrMalformed)
	}
	st := &structure{offsets: make(map[uint32]int64), inStream: make(map[uint32]uint32), lim: lim, n: n}
	seen := make(map[int64]bool)
	for off := int64(v); off >= 0; {
		if seen[off] {
			return nil, fmt.Errorf("%w: the cross-reference sections form a cycle", ErrMalformed)
		}
		seen[off] = true
		next, err := st.section(data, off)
		if err != nil {
			return nil, err
		}
		off = next
	}
	inStream := sortedKeys(st.inStream)
	for _, obj := range inStream {
		container := st.inStream[obj]
		if _, nested := st.inStream[container]; nested {
			return nil, fmt.Errorf("%w: object %d lies in object stream %d, which lies in another", ErrMalformed, obj, container)
		}
	}
	if err := st.checkArrays(data); err != nil {
		return nil, err
	}
	checked := make(map[uint32]bool)
	for _, obj := range inStream {
		container := st.inStream[obj]
		if checked[container] {
			continue
		}
		checked[container] = true
		if off, ok := st.offsets[container]; ok {
			if err := st.checkObjectStream(data, off); err != nil {
				return nil, err
			}
		}
	}
	return st, nil
}

// sortedKeys returns the keys of m in increasing order, so that the
// checks meet the faults of a file in the same order every time.
func sortedKeys[V any](m map[uint32]V) []uint32 {
	keys := make([]uint32, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// checkArrays reads the objects that lie in the file, in the order of
// their offsets, up to their end or the start of their stream data, and
// fails on an array or dictionary longer than the limit. An object that
// starts inside the one before is not read again, so the file is read at
// most once.
func (st *structure) checkArrays(data []byte) error {
	offs := make([]int64, 0, len(st.offsets))
	for _, off := range st.offsets {
		if off >= 0 && off < int64(len(data)) {
			offs = append(offs, off)
		}
	}
	slices.Sort(offs)
	var lx lexer
	end := int64(-1)
	for _, off := range offs {
		if off < end {
			continue
		}
		lx.src, lx.pos = data[off:], 0
		n, err := st.scanArrays(&lx, true)
		if err != nil {
			return err
		}
		end = off + n
	}
	return nil
}

// scanArrays reads tokens, counting the elements of each open array or
// dictionary, up to the end of the input or, when oneObject is set, up to
// the keyword that ends an object ("endobj", "stream") or starts the
// next ("obj" after the first). It returns how far it read.
func (st *structure) scanArrays(lx *lexer, oneObject bool) (int64, error) {
	var open []int64 // elements of each open array or dictionary
	objs := 0
	for {
		lx.scratch = lx.scratch[:0]
		k, b, _ := lx.token()
		switch k {
		case tEOF:
			return int64(lx.pos), nil
		case tArrOpen, tDictOpen:
			if len(open) > 0 {
				open[len(open)-1]++
			}
			open = append(open, 0)
			continue
		case tArrClose, tDictClose:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			continue
		case tKeyword:
			if string(b) == "R" && len(open) > 0 && open[len(open)-1] >= 2 {
				open[len(open)-1]-- // "n g R" is one element
				continue
			}
			if oneObject && len(open) == 0 {
				switch string(b) {
				case "endobj", "stream":
					return int64(lx.pos), nil
				case "obj":
					if objs++; objs > 1 {
						return int64(lx.pos), nil
					}
				}
			}
		}
		if len(open) > 0 {
			top := &open[len(open)-1]
			*top++
			st.n.LongestArray = max(st.n.LongestArray, *top)
			if *top > st.lim.MaxArray {
				return 0, &LimitError{What: whatArray, Max: st.lim.MaxArray}
			}
		}
	}
}

// section reads the cross-reference section at off and returns the offset
// of the previous one, or -1.
func (st *structure) section(data []byte, off int64) (int64, error) {
	var o opLexer
	o.reset(data[off:])
	k, b, _ := o.token()
	if k == tKeyword && string(b) == "xref" {
		return st.table(&o)
	}
	o.pos = 0
	op, _, ok := o.next()
	if !ok || string(op) != "obj" {
		return -1, nil // the library reports this one itself
	}
	op, args, ok := o.next()
	if !ok || string(op) != "stream" || len(args) == 0 || args[len(args)-1].k != tDict {
		return -1, nil
	}
	d := dictOf(&o, args[len(args)-1])
	size, _ := d.int("Size")
	if size < 0 || size > maxObjects {
		return 0, fmt.Errorf("%w: cross-reference stream of %d objects", ErrMalformed, size)
	}
	w := d.ints("W")
	if len(w) < 3 {
		return -1, nil
	}
	row := 0
	for _, x := range w {
		if x < 0 || x > 8 {
			return 0, fmt.Errorf("%w: cross-reference field of %d bytes", ErrMalformed, x)
		}
		row += int(x)
	}
	index := d.ints("Index")
	if index == nil {
		index = []int64{0, size}
	}
	for i := 0; i+1 < len(index); i += 2 {
		if index[i] < 0 || index[i+1] < 0 || index[i]+index[i+1] > maxObjects {
			return 0, fmt.Errorf("%w: cross-reference stream numbers objects beyond %d", ErrMalformed, maxObjects)
		}
	}
	if err := d.checkParams(); err != nil {
		return 0, err
	}
	prev := int64(-1)
	if p, ok := d.int("Prev"); ok {
		prev = p
	}
	raw, _, err := st.streamData(&o, d)
	if errors.Is(err, ErrTooLarge) {
		return 0, err
	}
	if err != nil || row == 0 {
		return prev, nil // undecodable here: the library will say
	}
	if cols, ok := d.param("Columns"); ok && cols > 0 {
		raw = unpredict(raw, int(cols))
	}
	for i := 0; i+1 < len(index); i += 2 {
		for n := int64(0); n < index[i+1] && len(raw) >= row; n++ {
			f := raw[:row]
			raw = raw[row:]
			typ := int64(1)
			if w[0] > 0 {
				typ = field(f[:w[0]])
			}
			f2 := field(f[w[0] : w[0]+w[1]])
			obj := uint32(index[i] + n)
			switch typ {
			case 1:
				if _, ok := st.offsets[obj]; !ok {
					st.offsets[obj] = f2
				}
			case 2:
				if _, ok := st.inStream[obj]; !ok && f2 >= 0 && f2 < maxObjects {
					st.inStream[obj] = uint32(f2)
				}
			}
			if err := st.countObjects(); err != nil {
				return 0, err
			}
		}
	}
	return prev, nil
}

// countObjects counts the objects listed so far, and fails when they are
// more than the limit.
func (st *structure) countObjects() error {
	st.n.Objects = int64(len(st.offsets) + len(st.inStream))
	if st.n.Objects > st.lim.MaxObjects {
		return &LimitError{What: whatObjects, Max: st.lim.MaxObjects}
	}
	return nil
}

// table reads a cross-reference table after its "xref" keyword.
func (st *structure) table(o *opLexer) (int64, error) {
	for {
		k, b, first := o.token()
		if k == tKeyword && string(b) == "trailer" {
			break
		}
		if k != tNum {
			return -1, nil
		}
		k, _, count := o.token()
		if k != tNum || first < 0 || count < 0 || first+count > maxObjects {
			return 0, fmt.Errorf("%w: cross-reference table numbers objects beyond %d", ErrMalformed, maxObjects)
		}
		for n := 0; n < int(count); n++ {
			k1, _, off := o.token()
			k2, _, _ := o.token()
			k3, b3, _ := o.token()
			if k1 != tNum || k2 != tNum || k3 != tKeyword {
				return -1, nil
			}
			obj := uint32(first) + uint32(n)
			if string(b3) == "n" {
				if _, ok := st.offsets[obj]; !ok {
					st.offsets[obj] = int64(off)
					if err := st.countObjects(); err != nil {
						return 0, err
					}
				}
			}
		}
	}
	// The trailer dictionary is the operand of the startxref that follows.
	_, args, ok := o.next()
	if !ok || len(args) == 0 || args[0].k != tDict {
		return -1, nil
	}
	if p, ok := dictOf(o, args[0]).int("Prev"); ok {
		return p, nil
	}
	return -1, nil
}

// checkObjectStream checks the object stream at off, notes how much it
// expands, and checks the lengths of the arrays and dictionaries in it.
func (st *structure) checkObjectStream(data []byte, off int64) error {
	if off < 0 || off >= int64(len(data)) {
		return nil
	}
	var o opLexer
	o.reset(data[off:])
	op, _, ok := o.next()
	if !ok || string(op) != "obj" {
		return nil
	}
	op, args, ok := o.next()
	if !ok || string(op) != "stream" || len(args) == 0 || args[len(args)-1].k != tDict {
		return nil
	}
	d := dictOf(&o, args[len(args)-1])
	if err := d.checkParams(); err != nil {
		return err
	}
	n, nOK := d.int("N")
	if nOK && (n < 0 || n > maxObjects) {
		return fmt.Errorf("%w: object stream of %d objects", ErrMalformed, n)
	}
	start := off + int64(o.pos)
	raw, rawLen, err := st.streamData(&o, d)
	if errors.Is(err, ErrTooLarge) {
		return err
	}
	if err != nil {
		return nil // encrypted or damaged: the library will say
	}
	if rawLen > 0 && int64(len(raw)) > rawLen {
		factor := (int64(len(raw)) + rawLen - 1) / rawLen
		st.expanding = append(st.expanding, expansion{start, start + rawLen + 2, factor})
	}
	if nOK && n > int64(len(raw)) {
		return fmt.Errorf("%w: object stream of %d objects in %d bytes", ErrMalformed, n, len(raw))
	}
	if i := unterminatedHex(raw); i >= 0 {
		return fmt.Errorf("%w: object stream with a hex string that never ends (at byte %d)", ErrMalformed, i)
	}
	var lx lexer
	lx.src = raw
	_, err = st.scanArrays(&lx, false)
	return err
}

// unterminatedHex returns the offset of a hex string that has no closing
// ">", lexing as the library does, or -1. The library's lexer, reading an
// object stream, takes the end of its data for endless white space, so
// such a string makes it loop for ever.
func unterminatedHex(b []byte) int {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '%':
			for i < len(b) && b[i] != '\r' && b[i] != '\n' {
				i++
			}
		case '(':
			depth := 1
			for i++; i < len(b) && depth > 0; i++ {
				switch b[i] {
				case '\\':
					i++
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			i--
		case '<':
			if i+1 < len(b) && b[i+1] == '<' {
				i++
				continue
			}
			j := bytes.IndexByte(b[i+1:], '>')
			if j < 0 {
				return i
			}
			i += j + 1
		}
	}
	return -1
}

// A dictView is a dictionary read by an opLexer.
type dictView struct {
	o     *opLexer
	elems []operand
}

func dictOf(o *opLexer, v operand) dictView { return dictView{o, o.elems(v)} }

func (d dictView) get(key string) (operand, bool) {
	for i := 0; i+1 < len(d.elems); i += 2 {
		if d.elems[i].k == tName && string(d.elems[i].b) == key {
			return d.elems[i+1], true
		}
	}
	return operand{}, false
}

// int returns a direct integer value.
func (d dictView) int(key string) (int64, bool) {
	v, ok := d.get(key)
	if !ok || v.k != tNum {
		return 0, false
	}
	return int64(v.num), true
}

// ints returns a direct array of numbers.
func (d dictView) ints(key string) []int64 {
	v, ok := d.get(key)
	if !ok || v.k != tArray {
		return nil
	}
	var out []int64
	for _, e := range d.o.elems(v) {
		if e.k != tNum {
			return nil
		}
		out = append(out, int64(e.num))
	}
	return out
}

// param returns a number from DecodeParms, a dictionary or an array of
// them.
func (d dictView) param(key string) (int64, bool) {
	v, ok := d.get("DecodeParms")
	if !ok {
		return 0, false
	}
	var dicts []operand
	switch v.k {
	case tDict:
		dicts = append(dicts, v)
	case tArray:
		for _, e := range d.o.elems(v) {
			if e.k == tDict {
				dicts = append(dicts, e)
			}
		}
	}
	for _, p := range dicts {
		if n, ok := dictOf(d.o, p).int(key); ok {
			return n, true
		}
	}
	return 0, false
}

// checkParams refuses predictor parameters that would make the library
// allocate without bound.
func (d dictView) checkParams() error {
	if c, ok := d.param("Columns"); ok && (c < 0 || c > 1<<16) {
		return fmt.Errorf("%w: predictor with %d columns", ErrMalformed, c)
	}
	return nil
}

// streamData decodes the data of a stream whose dictionary the lexer has
// just read, for the filters the library supports in these places: none,
// or FlateDecode. It returns the data and the length of the stream in the
// file (0 when it cannot tell), counting the stream against the limits of
// decoded bytes.
func (st *structure) streamData(o *opLexer, d dictView) ([]byte, int64, error) {
	src := o.src[o.pos:]
	switch {
	case bytes.HasPrefix(src, []byte("\r\n")):
		src = src[2:]
	case len(src) > 0 && (src[0] == '\n' || src[0] == '\r'):
		src = src[1:]
	}
	rawLen := int64(0)
	if n, ok := d.int("Length"); ok && n >= 0 && n <= int64(len(src)) {
		rawLen = n
	} else if j := bytes.Index(src, []byte("endstream")); j >= 0 {
		rawLen = int64(j)
	}
	filter, _ := d.get("Filter")
	name := ""
	switch filter.k {
	case tName:
		name = string(filter.b)
	case tArray:
		e := d.o.elems(filter)
		if len(e) != 1 || e[0].k != tName {
			return nil, 0, fmt.Errorf("filter chain")
		}
		name = string(e[0].b)
	}
	switch name {
	case "":
		if rawLen > 0 {
			return src[:rawLen], rawLen, nil
		}
		return src, 0, nil
	case "FlateDecode":
		zr, err := zlib.NewReader(bytes.NewReader(src))
		if err != nil {
			return nil, 0, err
		}
		add(&st.n.Streams, 1, st.lim.MaxStreams, whatStreams)
		left := min(st.lim.MaxStreamSize, st.lim.MaxStreamBytes-st.n.StreamBytes)
		var buf bytes.Buffer
		n, err := buf.ReadFrom(io.LimitReader(zr, left+1))
		st.n.LargestStream = max(st.n.LargestStream, n)
		add(&st.n.StreamBytes, n, st.lim.MaxStreamBytes, whatStreamBytes)
		if n > st.lim.MaxStreamSize {
			return nil, 0, &LimitError{What: whatStreamSize, Max: st.lim.MaxStreamSize}
		}
		if err != nil && err != io.ErrUnexpectedEOF {
			return nil, 0, err
		}
		return buf.Bytes(), rawLen, nil
	}
	return nil, 0, fmt.Errorf("filter %s", name)
}

// unpredict undoes PNG predictors on rows of cols bytes.
func unpredict(b []byte, cols int) []byte {
	out := make([]byte, 0, len(b))
	prev := make([]byte, cols)
	for len(b) >= cols+1 {
		typ, row := b[0], b[1:cols+1]
		b = b[cols+1:]
		cur := make([]byte, cols)
		for i := range row {
			var left, upLeft byte
			if i > 0 {
				left, upLeft = cur[i-1], prev[i-1]
			}
			up := prev[i]
			switch typ {
			case 1:
				cur[i] = row[i] + left
			case 2:
				cur[i] = row[i] + up
			case 3:
				cur[i] = row[i] + byte((int(left)+int(up))/2)
			case 4:
				cur[i] = row[i] + paeth(left, up, upLeft)
			default:
				cur[i] = row[i]
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// field returns the big-endian number in b.
func field(b []byte) int64 {
	var v int64
	for _, c := range b {
		v = v<<8 | int64(c)
	}
	return v
}
