package pdftext

import "bytes"

// This file holds the lexer of PDF syntax used for content streams, CMaps
// and the structure checks. Unlike the PDF library's lexer it ends at the
// end of its input whatever the input holds; see the package
// documentation.

// A tokKind is the kind of a token.
type tokKind uint8

const (
	tEOF       tokKind = iota
	tNum               // a number
	tName              // a name, without its slash
	tStr               // a literal or hex string, decoded
	tKeyword           // an operator or other bare word
	tArrOpen           // [
	tArrClose          // ]
	tDictOpen          // <<
	tDictClose         // >>
	tArray             // an array operand: elements lo..hi of lexer.arr
	tDict              // a dictionary operand: keys and values lo..hi of lexer.arr
	tRef               // an indirect reference "n g R" inside an array or dictionary: num is n
)

// A lexer splits PDF syntax into tokens.
type lexer struct {
	src []byte
	pos int
	// scratch holds decoded strings and names; the caller resets it when
	// it no longer needs the tokens read so far.
	scratch []byte
}

func isSpaceByte(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelimByte(c byte) bool {
	switch c {
	case '<', '>', '(', ')', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// token returns the next token. For tNum, num is its value; for tName,
// tStr and tKeyword, b holds its bytes, valid until scratch is reset.
func (l *lexer) token() (k tokKind, b []byte, num float64) {
	src := l.src
	for l.pos < len(src) {
		c := src[l.pos]
		if isSpaceByte(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(src) && src[l.pos] != '\n' && src[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		break
	}
	if l.pos >= len(src) {
		return tEOF, nil, 0
	}
	c := src[l.pos]
	switch c {
	case '[':
		l.pos++
		return tArrOpen, nil, 0
	case ']':
		l.pos++
		return tArrClose, nil, 0
	case '<':
		if l.pos+1 < len(src) && src[l.pos+1] == '<' {
			l.pos += 2
			return tDictOpen, nil, 0
		}
		l.pos++
		return tStr, l.hexString(), 0
	case '>':
		if l.pos+1 < len(src) && src[l.pos+1] == '>' {
			l.pos += 2
			return tDictClose, nil, 0
		}
		l.pos++
		return tKeyword, src[l.pos-1 : l.pos], 0
	case '(':
		l.pos++
		return tStr, l.literalString(), 0
	case '/':
		l.pos++
		return tName, l.name(), 0
	case ')', '{', '}':
		l.pos++
		return tKeyword, src[l.pos-1 : l.pos], 0
	}
	start := l.pos
	for l.pos < len(src) && !isSpaceByte(src[l.pos]) && !isDelimByte(src[l.pos]) {
		l.pos++
	}
	word := src[start:l.pos]
	if v, ok := parseNumber(word); ok {
		return tNum, nil, v
	}
	return tKeyword, word, 0
}

// parseNumber parses a PDF number: an optional sign, digits and at most
// one point. It accepts what readers commonly accept, such as "-.5" and
// "4.".
func parseNumber(w []byte) (float64, bool) {
	if len(w) == 0 {
		return 0, false
	}
	i := 0
	neg := false
	if w[0] == '+' || w[0] == '-' {
		neg = w[0] == '-'
		i++
	}
	var v float64
	digits := 0
	for ; i < len(w) && '0' <= w[i] && w[i] <= '9'; i++ {
		v = v*10 + float64(w[i]-'0')
		digits++
	}
	if i < len(w) && w[i] == '.' {
		i++
		scale := 0.1
		for ; i < len(w) && '0' <= w[i] && w[i] <= '9'; i++ {
			v += float64(w[i]-'0') * scale
			scale /= 10
			digits++
		}
	}
	if i != len(w) || digits == 0 {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

func unhexByte(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// hexString reads a hex string after its "<". Bytes that are not hex
// digits are skipped; the string ends at ">" or at the end of the input.
func (l *lexer) hexString() []byte {
	start := len(l.scratch)
	hi := -1
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		d := unhexByte(c)
		if d < 0 {
			continue
		}
		if hi < 0 {
			hi = d
			continue
		}
		l.scratch = append(l.scratch, byte(hi<<4|d))
		hi = -1
	}
	if hi >= 0 {
		l.scratch = append(l.scratch, byte(hi<<4))
	}
	return l.scratch[start:]
}

// literalString reads a literal string after its "(", up to the matching
// ")" or the end of the input.
func (l *lexer) literalString() []byte {
	src := l.src
	// Fast path: no escapes or nesting.
	if j := bytes.IndexAny(src[l.pos:], `()\`); j >= 0 && src[l.pos+j] == ')' {
		s := src[l.pos : l.pos+j]
		l.pos += j + 1
		return s
	}
	start := len(l.scratch)
	depth := 1
	for l.pos < len(src) {
		c := src[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return l.scratch[start:]
			}
		case '\\':
			if l.pos >= len(src) {
				return l.scratch[start:]
			}
			c = src[l.pos]
			l.pos++
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(src) && src[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(c - '0')
				for k := 0; k < 2 && l.pos < len(src) && '0' <= src[l.pos] && src[l.pos] <= '7'; k++ {
					v = v*8 + int(src[l.pos]-'0')
					l.pos++
				}
				c = byte(v)
			}
		}
		l.scratch = append(l.scratch, c)
	}
	return l.scratch[start:]
}

// name reads a name after its "/", decoding #xx escapes.
func (l *lexer) name() []byte {
	src := l.src
	start := l.pos
	esc := false
	for l.pos < len(src) && !isSpaceByte(src[l.pos]) && !isDelimByte(src[l.pos]) {
		if src[l.pos] == '#' {
			esc = true
		}
		l.pos++
	}
	if !esc {
		return src[start:l.pos]
	}
	s := len(l.scratch)
	raw := src[start:l.pos]
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) && unhexByte(raw[i+1]) >= 0 && unhexByte(raw[i+2]) >= 0 {
			l.scratch = append(l.scratch, byte(unhexByte(raw[i+1])<<4|unhexByte(raw[i+2])))
			i += 2
			continue
		}
		l.scratch = append(l.scratch, raw[i])
	}
	return l.scratch[s:]
}

// An operand is a value on the operand stack of a content stream or CMap.
type operand struct {
	k      tokKind // tNum, tName, tStr, tKeyword (true, false, null), tArray, tDict, or a mark (tArrOpen, tDictOpen)
	num    float64
	b      []byte
	lo, hi int32 // the elements of a tArray or tDict in opLexer.arr
}

// maxOperands bounds the operand stack; a stream that piles up more
// operands without an operator is malformed, and the extra ones are
// dropped.
const maxOperands = 4096

// An opLexer reads a stream as operators with their operands.
type opLexer struct {
	lexer
	max   int // operand stack bound; maxOperands when 0
	stack []operand
	arr   []operand // elements of arrays and dictionaries read so far
}

// reset starts reading src.
func (o *opLexer) reset(src []byte) {
	o.src = src
	o.pos = 0
	o.scratch = o.scratch[:0]
	o.stack = o.stack[:0]
	o.arr = o.arr[:0]
}

// next returns the next operator and its operands, which stay valid until
// the following call. At the end of the input it returns ok false. An
// inline image (BI ... ID data EI) is returned as the operator "BI" with
// no operands, its data skipped.
func (o *opLexer) next() (op []byte, args []operand, ok bool) {
	o.stack = o.stack[:0]
	o.arr = o.arr[:0]
	o.scratch = o.scratch[:0]
	for {
		k, b, num := o.token()
		switch k {
		case tEOF:
			return nil, nil, false
		case tNum, tName, tStr:
			o.push(operand{k: k, num: num, b: b})
		case tArrOpen, tDictOpen:
			o.push(operand{k: k})
		case tArrClose:
			o.collapse(tArrOpen, tArray)
		case tDictClose:
			o.collapse(tDictOpen, tDict)
		case tKeyword:
			switch string(b) {
			case "true", "false", "null":
				o.push(operand{k: tKeyword, b: b})
				continue
			case "BI":
				o.skipInlineImage()
				return b, nil, true
			}
			if o.open() {
				n := len(o.stack)
				if string(b) == "R" && n >= 2 && o.stack[n-1].k == tNum && o.stack[n-2].k == tNum {
					o.stack[n-2] = operand{k: tRef, num: o.stack[n-2].num}
					o.stack = o.stack[:n-1]
					continue
				}
				// Any other word inside an array or dictionary is
				// malformed; keep it as a value, as readers do.
				o.push(operand{k: tKeyword, b: b})
				continue
			}
			return b, o.stack, true
		}
	}
}

func (o *opLexer) push(v operand) {
	max := o.max
	if max == 0 {
		max = maxOperands
	}
	if len(o.stack) >= max {
		return
	}
	o.stack = append(o.stack, v)
}

// open reports whether an array or dictionary is open on the stack.
func (o *opLexer) open() bool {
	for i := range o.stack {
		if k := o.stack[i].k; k == tArrOpen || k == tDictOpen {
			return true
		}
	}
	return false
}

// collapse replaces the operands after the last mark with one operand of
// kind k holding them. A close without its open is dropped.
func (o *opLexer) collapse(mark, k tokKind) {
	i := len(o.stack) - 1
	for i >= 0 && o.stack[i].k != mark {
		i--
	}
	if i < 0 {
		return
	}
	lo := int32(len(o.arr))
	o.arr = append(o.arr, o.stack[i+1:]...)
	o.stack = o.stack[:i]
	o.stack = append(o.stack, operand{k: k, lo: lo, hi: int32(len(o.arr))})
}

// elems returns the elements of an array or dictionary operand.
func (o *opLexer) elems(v operand) []operand {
	if v.k != tArray && v.k != tDict || v.lo < 0 || v.hi > int32(len(o.arr)) || v.lo > v.hi {
		return nil
	}
	return o.arr[v.lo:v.hi]
}

// skipInlineImage skips an inline image after its BI: the dictionary up to
// ID, then the data up to an EI that stands alone as a word.
func (o *opLexer) skipInlineImage() {
	for {
		k, b, _ := o.token()
		if k == tEOF {
			return
		}
		if k == tKeyword && string(b) == "ID" {
			break
		}
	}
	src := o.src
	i := o.pos + 1 // one white-space byte follows ID
	for i+1 < len(src) {
		j := bytes.Index(src[i:], []byte("EI"))
		if j < 0 {
			break
		}
		j += i
		before := j == 0 || isSpaceByte(src[j-1])
		after := j+2 >= len(src) || isSpaceByte(src[j+2]) || isDelimByte(src[j+2])
		if before && after {
			o.pos = j + 2
			return
		}
		i = j + 2
	}
	o.pos = len(src)
}
