package pdftext

import "encoding/binary"

// This file reads the two tables of an embedded TrueType or OpenType font
// that name its glyphs: cmap (character codes to glyphs) and post (glyphs
// to names). Fonts whose ToUnicode map is missing or incomplete, such as
// the Type0 Identity-H fonts of Word 2013 exports, are read through them.

// An sfnt is what a font program says about its glyphs.
type sfnt struct {
	// gidText maps a glyph ID to the character it draws, from the
	// font's Unicode cmap or failing that its glyph names; 0 when unknown.
	gidText []rune
	// symbol maps a one-byte code to a glyph ID through the font's
	// (3,0) symbol cmap (codes 0xF000+c or c) or its (1,0) Macintosh cmap,
	// for simple TrueType fonts without an encoding.
	symbol map[uint32]uint16
}

// maxCMapWalk bounds the code points walked in one font's cmap tables.
const maxCMapWalk = 1 << 18

// parseSFNT reads the cmap and post tables of a font program. It returns
// nil when b is not a font it can read.
func parseSFNT(b []byte) *sfnt {
	if len(b) < 12 {
		return nil
	}
	be := binary.BigEndian
	numTables := int(be.Uint16(b[4:]))
	if 12+16*numTables > len(b) {
		return nil
	}
	table := func(tag string) []byte {
		for i := 0; i < numTables; i++ {
			rec := b[12+16*i:]
			if string(rec[:4]) != tag {
				continue
			}
			off, n := int64(be.Uint32(rec[8:])), int64(be.Uint32(rec[12:]))
			if off+n > int64(len(b)) {
				return nil
			}
			return b[off : off+n]
		}
		return nil
	}
	numGlyphs := 0
	if maxp := table("maxp"); len(maxp) >= 6 {
		numGlyphs = int(be.Uint16(maxp[4:]))
	}
	if numGlyphs == 0 {
		numGlyphs = 1 << 16
	}
	f := &sfnt{gidText: make([]rune, numGlyphs)}
	known := 0
	set := func(gid uint16, r rune) {
		if int(gid) >= len(f.gidText) || gid == 0 || r == 0 {
			return
		}
		old := f.gidText[gid]
		if old == 0 {
			known++
		}
		if old == 0 || isPrivateUse(old) && !isPrivateUse(r) || isControl(old) && !isControl(r) {
			f.gidText[gid] = r
		}
	}
	if cm := table("cmap"); len(cm) >= 4 {
		n := int(be.Uint16(cm[2:]))
		walked := 0
		for i := 0; i < n && 4+8*i+8 <= len(cm); i++ {
			rec := cm[4+8*i:]
			pid, eid, off := be.Uint16(rec), be.Uint16(rec[2:]), int(be.Uint32(rec[4:]))
			if off >= len(cm) {
				continue
			}
			sub := cm[off:]
			switch {
			case pid == 3 && (eid == 1 || eid == 10) || pid == 0:
				walkCMap(sub, &walked, func(c uint32, gid uint16) { set(gid, rune(c)) })
			case pid == 3 && eid == 0 || pid == 1 && eid == 0:
				if f.symbol == nil {
					f.symbol = make(map[uint32]uint16)
				}
				mac := pid == 1
				walkCMap(sub, &walked, func(c uint32, gid uint16) {
					switch {
					case mac && c < 256:
						if _, ok := f.symbol[c]; !ok {
							f.symbol[c] = gid
						}
					case !mac && c >= 0xF000 && c <= 0xF0FF:
						f.symbol[c-0xF000] = gid
						set(gid, rune(c))
					case !mac && c < 256:
						if _, ok := f.symbol[c]; !ok {
							f.symbol[c] = gid
						}
					}
				})
			}
		}
	}
	if post := table("post"); len(post) >= 34 && be.Uint32(post) == 0x00020000 {
		n := int(be.Uint16(post[32:]))
		idx := post[34:]
		if 2*n <= len(idx) {
			// The Pascal strings of the names beyond the 258 standard ones.
			var extra []string
			for p := 34 + 2*n; p < len(post); {
				l := int(post[p])
				if p+1+l > len(post) {
					break
				}
				extra = append(extra, string(post[p+1:p+1+l]))
				p += 1 + l
			}
			for gid := 0; gid < n && gid < len(f.gidText); gid++ {
				if f.gidText[gid] != 0 {
					continue
				}
				k := int(be.Uint16(idx[2*gid:]))
				var name string
				if k < len(macGlyphNames) {
					name = macGlyphNames[k]
				} else if k-len(macGlyphNames) < len(extra) {
					name = extra[k-len(macGlyphNames)]
				}
				set(uint16(gid), glyphRune(name))
			}
		}
	}
	if known == 0 && f.symbol == nil {
		return nil
	}
	return f
}

// walkCMap calls fn for each code and glyph of a cmap subtable of format
// 0, 4, 6 or 12, walking at most maxCMapWalk codes in all.
func walkCMap(sub []byte, walked *int, fn func(code uint32, gid uint16)) {
	be := binary.BigEndian
	if len(sub) < 2 {
		return
	}
	step := func() bool {
		*walked++
		return *walked <= maxCMapWalk
	}
	switch be.Uint16(sub) {
	case 0:
		if len(sub) < 6+256 {
			return
		}
		for c := 0; c < 256 && step(); c++ {
			if g := sub[6+c]; g != 0 {
				fn(uint32(c), uint16(g))
			}
		}
	case 4:
		if len(sub) < 14 {
			return
		}
		segX2 := int(be.Uint16(sub[6:]))
		ends := 14
		starts := ends + segX2 + 2
		deltas := starts + segX2
		offs := deltas + segX2
		if offs+segX2 > len(sub) {
			return
		}
		for s := 0; s < segX2; s += 2 {
			end := uint32(be.Uint16(sub[ends+s:]))
			start := uint32(be.Uint16(sub[starts+s:]))
			delta := be.Uint16(sub[deltas+s:])
			ro := int(be.Uint16(sub[offs+s:]))
			for c := start; c <= end && c != 0xFFFF; c++ {
				if !step() {
					return
				}
				var g uint16
				if ro == 0 {
					g = uint16(c) + delta
				} else {
					p := offs + s + ro + 2*int(c-start)
					if p+2 > len(sub) {
						break
					}
					g = be.Uint16(sub[p:])
					if g != 0 {
						g += delta
					}
				}
				if g != 0 {
					fn(c, g)
				}
			}
		}
	case 6:
		if len(sub) < 10 {
			return
		}
		first, n := uint32(be.Uint16(sub[6:])), int(be.Uint16(sub[8:]))
		for i := 0; i < n && 10+2*i+2 <= len(sub) && step(); i++ {
			if g := be.Uint16(sub[10+2*i:]); g != 0 {
				fn(first+uint32(i), g)
			}
		}
	case 12:
		if len(sub) < 16 {
			return
		}
		n := int(be.Uint32(sub[12:]))
		for i := 0; i < n && 16+12*i+12 <= len(sub); i++ {
			g := sub[16+12*i:]
			start, end, gid := be.Uint32(g), be.Uint32(g[4:]), be.Uint32(g[8:])
			for c := start; c <= end && c <= 0x10FFFF; c++ {
				if !step() {
					return
				}
				if id := gid + (c - start); id != 0 && id < 1<<16 {
					fn(c, uint16(id))
				}
			}
		}
	}
}

func isPrivateUse(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }

func isControl(r rune) bool { return r < 0x20 || r >= 0x7F && r < 0xA0 }
