package pdftext

import (
	"sort"
	"unicode/utf16"
)

// A cmap is a parsed CMap stream: a ToUnicode map (codes to text) or an
// encoding CMap of a Type0 font (codes to CIDs). Codes are big-endian
// numbers of 1 to 4 bytes.
type cmap struct {
	space   []codespace
	chars   map[uint32]string // bfchar: code to text
	ranges  []uniRange        // bfrange: codes to text
	cids    []cidRange        // cidrange and cidchar: codes to CIDs
	usecmap string            // the name given to usecmap, if any
}

// A codespace is a range of codes of n bytes.
type codespace struct {
	lo, hi uint32
	n      int
}

// A uniRange maps codes lo..hi to text: dst with its last UTF-16 unit
// advanced by the code's offset in the range, or, when arr is set, the
// code's element of arr.
type uniRange struct {
	lo, hi uint32
	n      int
	dst    []uint16
	arr    []string
}

// A cidRange maps codes lo..hi of n bytes to CIDs cid, cid+1, ...
type cidRange struct {
	lo, hi uint32
	n      int
	cid    uint32
}

// maxCMapEntries bounds the entries read from one CMap.
const maxCMapEntries = 1 << 17

// parseCMap parses a CMap. It keeps whatever it can read of a damaged one.
func parseCMap(src []byte) *cmap {
	m := &cmap{chars: make(map[uint32]string)}
	var o opLexer
	o.max = 1 << 16
	o.reset(src)
	entries := 0
	var lastName []byte
	for entries < maxCMapEntries {
		op, args, ok := o.next()
		if !ok {
			break
		}
		switch string(op) {
		case "usecmap":
			if lastName != nil {
				m.usecmap = string(lastName)
			}
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := args[i], args[i+1]
				if lo.k != tStr || hi.k != tStr || len(lo.b) == 0 || len(lo.b) > 4 || len(hi.b) != len(lo.b) {
					continue
				}
				m.space = append(m.space, codespace{codeOf(lo.b), codeOf(hi.b), len(lo.b)})
			}
		case "endbfchar":
			for i := 0; i+1 < len(args); i += 2 {
				src, dst := args[i], args[i+1]
				if src.k != tStr || len(src.b) == 0 || len(src.b) > 4 {
					continue
				}
				var text string
				switch dst.k {
				case tStr:
					text = utf16Text(dst.b)
				case tName:
					if r := glyphRune(string(dst.b)); r != 0 {
						text = string(r)
					}
				}
				if text != "" {
					m.chars[codeOf(src.b)|uint32(len(src.b))<<30] = text
					entries++
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(args); i += 3 {
				lo, hi, dst := args[i], args[i+1], args[i+2]
				if lo.k != tStr || hi.k != tStr || len(lo.b) == 0 || len(lo.b) > 4 || len(hi.b) != len(lo.b) {
					continue
				}
				r := uniRange{lo: codeOf(lo.b), hi: codeOf(hi.b), n: len(lo.b)}
				if r.hi < r.lo {
					continue
				}
				switch dst.k {
				case tStr:
					r.dst = utf16Units(dst.b)
					if len(r.dst) == 0 {
						continue
					}
				case tArray:
					for _, e := range o.elems(dst) {
						if e.k == tStr {
							r.arr = append(r.arr, utf16Text(e.b))
						} else {
							r.arr = append(r.arr, "")
						}
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
				entries++
			}
		case "endcidrange":
			for i := 0; i+2 < len(args); i += 3 {
				lo, hi, cid := args[i], args[i+1], args[i+2]
				if lo.k != tStr || hi.k != tStr || cid.k != tNum || len(lo.b) == 0 || len(lo.b) > 4 || len(hi.b) != len(lo.b) || cid.num < 0 {
					continue
				}
				m.cids = append(m.cids, cidRange{codeOf(lo.b), codeOf(hi.b), len(lo.b), uint32(cid.num)})
				entries++
			}
		case "endcidchar":
			for i := 0; i+1 < len(args); i += 2 {
				src, cid := args[i], args[i+1]
				if src.k != tStr || cid.k != tNum || len(src.b) == 0 || len(src.b) > 4 || cid.num < 0 {
					continue
				}
				c := codeOf(src.b)
				m.cids = append(m.cids, cidRange{c, c, len(src.b), uint32(cid.num)})
				entries++
			}
		}
		lastName = nil
		if n := len(args); n > 0 && args[n-1].k == tName {
			lastName = append(lastName[:0], args[n-1].b...)
		}
	}
	// Later ranges take precedence in a lookup that scans backwards; sort
	// the code spaces so that shorter codes are tried first.
	sort.SliceStable(m.space, func(i, j int) bool { return m.space[i].n < m.space[j].n })
	return m
}

// codeOf returns the big-endian number in b (at most 4 bytes), as field
// reads it.
func codeOf(b []byte) uint32 { return uint32(field(b)) }

func utf16Units(b []byte) []uint16 {
	if len(b) == 1 {
		return []uint16{uint16(b[0])}
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return u
}

func utf16Text(b []byte) string {
	return string(utf16.Decode(utf16Units(b)))
}

// nextCode splits the first code off s by the code space ranges. A byte
// string that fits no range gives up the shortest code length's worth of
// bytes, as readers do.
func (m *cmap) nextCode(s []byte) (code uint32, n int) {
	for _, sp := range m.space {
		if sp.n > len(s) {
			continue
		}
		c := codeOf(s[:sp.n])
		if sp.lo <= c && c <= sp.hi {
			return c, sp.n
		}
	}
	n = 1
	if len(m.space) > 0 {
		n = m.space[0].n
	}
	if n > len(s) {
		n = len(s)
	}
	return codeOf(s[:n]), n
}

// text returns the text that code (of n bytes) maps to, or "".
func (m *cmap) text(code uint32, n int) string {
	if t, ok := m.chars[code|uint32(n)<<30]; ok {
		return t
	}
	for i := len(m.ranges) - 1; i >= 0; i-- {
		r := &m.ranges[i]
		if r.n != n || code < r.lo || code > r.hi {
			continue
		}
		off := code - r.lo
		if r.arr != nil {
			if int(off) < len(r.arr) {
				return r.arr[off]
			}
			return ""
		}
		u := make([]uint16, len(r.dst))
		copy(u, r.dst)
		u[len(u)-1] += uint16(off)
		return string(utf16.Decode(u))
	}
	return ""
}

// cid returns the CID that code (of n bytes) maps to.
func (m *cmap) cid(code uint32, n int) (uint32, bool) {
	for i := len(m.cids) - 1; i >= 0; i-- {
		r := &m.cids[i]
		if r.n == n && r.lo <= code && code <= r.hi {
			return r.cid + (code - r.lo), true
		}
	}
	return 0, false
}
