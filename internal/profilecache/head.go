package profilecache

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"sync"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/record"
)

// A head is what diff, themes and summary read of one letter when they
// print no sentence or read sentences back later (see Heads): the parts
// of its record that choose, order and name letters, and its profile
// without evidence. It is written in a compact binary form (appendHead),
// so that the heads of ten thousand letters are one small file to read
// and a few megabytes to hold.
//
// Of the record, a head keeps the source, the letter's date and kind and
// the visit's authority, codes, dates, number, focus and framework, not
// its inspectors, what monitoring follows, or its inspectorates.

// errHead says that a head's bytes do not decode.
var errHead = errors.New("profilecache: damaged head")

// appendHead appends the head of entry e to b; ids are the codebook's
// themes, in order, whose names a head leaves out when the profile's
// themes are those (see PackThemes).
func appendHead(b []byte, e Entry, ids []string) []byte {
	r, p := e.Record, e.Profile
	b = binary.AppendUvarint(b, uint64(r.Schema))
	b = appendStrings(b, r.Source.Path, r.Source.SHA256, r.Source.Format)
	b = binary.AppendUvarint(b, uint64(r.Source.Pages))
	b = appendStrings(b, r.Letter.Date, r.Letter.Kind)
	v := r.Visit
	b = appendStrings(b, v.LocalAuthority, v.AuthorityKey, v.LACode, v.ONSCode, v.Region, v.Focus, v.Framework)
	b = binary.AppendUvarint(b, uint64(v.Number))
	b = binary.AppendUvarint(b, uint64(len(v.Dates)))
	b = appendStrings(b, v.Dates...)
	// The profile names the letter as its record does: each of its
	// strings is written only when it differs.
	for _, f := range profileNames(r, p) {
		if *f.p == f.s {
			b = append(b, 0)
			continue
		}
		b = binary.AppendUvarint(b, uint64(len(*f.p))+1)
		b = append(b, *f.p...)
	}
	b = binary.AppendUvarint(b, uint64(p.Visit.Number))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.ConcernShare))
	if packed, ok := PackThemes(append(b, themesPacked), ids, stripped(p.Themes)); ok {
		return packed
	}
	b = append(b, themesNamed)
	b = binary.AppendUvarint(b, uint64(len(p.Themes)))
	for _, ts := range p.Themes {
		b = appendStrings(b, ts.Theme, string(ts.Status))
		b = binary.AppendUvarint(b, uint64(ts.Negatives))
		b = binary.AppendUvarint(b, uint64(ts.Positives))
		var flags byte
		if ts.Concern {
			flags |= packedConcern
		}
		if ts.Examined {
			flags |= packedExamined
		}
		b = append(b, flags)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(ts.Confidence))
	}
	return b
}

// How a head holds a profile's themes: packed (the codebook's themes,
// in order), or each with its name.
const (
	themesPacked = 1
	themesNamed  = 2
)

// stripped returns themes without their evidence, which a head leaves
// out: themes itself when they hold none.
func stripped(themes []analyse.ThemeStatus) []analyse.ThemeStatus {
	if !slices.ContainsFunc(themes, func(ts analyse.ThemeStatus) bool { return ts.Evidence != nil }) {
		return themes
	}
	out := slices.Clone(themes)
	for k := range out {
		out[k].Evidence = nil
	}
	return out
}

// A namePair is a string of a profile's Visit and the record's string it
// is usually the same as.
type namePair struct {
	p *string
	s string
}

// profileNames pairs the strings of p's Visit with those of r.
func profileNames(r *record.Record, p *analyse.Profile) []namePair {
	pv, v := &p.Visit, r.Visit
	date := r.Letter.Date
	if len(v.Dates) > 0 && v.Dates[0] != "" {
		date = v.Dates[0]
	}
	return []namePair{{&pv.Source, r.Source.Path}, {&pv.Authority, v.LocalAuthority}, {&pv.AuthorityKey, v.AuthorityKey},
		{&pv.LACode, v.LACode}, {&pv.ONSCode, v.ONSCode}, {&pv.Region, v.Region}, {&pv.Focus, v.Focus},
		{&pv.Kind, r.Letter.Kind}, {&pv.Date, date}, {&pv.LetterDate, r.Letter.Date}}
}

// appendStrings appends each of ss, its length first.
func appendStrings(b []byte, ss ...string) []byte {
	for _, s := range ss {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

// A headReader decodes the fields of a head in turn; the first field
// that does not decode sets err, and every later one reads as zero.
type headReader struct {
	b   []byte
	err error
	// names interns the strings that many letters repeat.
	names *names
}

// names holds one copy of each string that many heads repeat (theme
// names and statuses, authorities, codes, regions, dates, a focused
// visit's focus), so that the letters a run holds share them rather than
// each holding its own. It is safe for concurrent use.
type names struct {
	mu sync.Mutex
	m  map[string]string
}

// newNames returns an empty set of names.
func newNames() *names { return &names{m: map[string]string{}} }

// of returns the copy of the string of b: the one copy, until stop.
func (n *names) of(b []byte) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.m == nil {
		return string(b)
	}
	s, ok := n.m[string(b)]
	if !ok {
		s = string(b)
		n.m[s] = s
	}
	return s
}

// stop lets go of the copies: of makes a new one each time from then
// on. The strings held stay shared; heads read later are read a few at
// a time, and would otherwise fill the set again.
func (n *names) stop() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.m = nil
}

func (h *headReader) uint() uint64 {
	if h.err != nil {
		return 0
	}
	n, k := binary.Uvarint(h.b)
	if k <= 0 {
		h.err = errHead
		return 0
	}
	h.b = h.b[k:]
	return n
}

// int reads a count, which no letter puts anywhere near the limit of int.
func (h *headReader) int() int {
	n := h.uint()
	if n > math.MaxInt32 {
		h.err = errHead
		return 0
	}
	return int(n)
}

// bytes reads the bytes of a string, its length first.
func (h *headReader) bytes() []byte {
	n := h.uint()
	if h.err != nil {
		return nil
	}
	if n > uint64(len(h.b)) {
		h.err = errHead
		return nil
	}
	b := h.b[:n]
	h.b = h.b[n:]
	return b
}

func (h *headReader) string() string { return string(h.bytes()) }

// name reads a string that many heads repeat, interned.
func (h *headReader) name() string {
	b := h.bytes()
	if h.err != nil {
		return ""
	}
	return h.names.of(b)
}

func (h *headReader) strings(ps ...*string) {
	for _, p := range ps {
		*p = h.string()
	}
}

// repeated reads strings that many heads repeat, interned.
func (h *headReader) repeated(ps ...*string) {
	for _, p := range ps {
		*p = h.name()
	}
}

func (h *headReader) float() float64 {
	if h.err != nil || len(h.b) < 8 {
		h.err = errHead
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(h.b))
	h.b = h.b[8:]
	return f
}

func (h *headReader) byte() byte {
	if h.err != nil || len(h.b) < 1 {
		h.err = errHead
		return 0
	}
	c := h.b[0]
	h.b = h.b[1:]
	return c
}

// decodeHead decodes a head that appendHead wrote with the same ids,
// to an entry whose record holds what a head keeps of it.
func (h *headReader) decodeHead(ids []string) (Entry, error) {
	r := &record.Record{}
	r.Schema = h.int()
	h.strings(&r.Source.Path, &r.Source.SHA256)
	h.repeated(&r.Source.Format)
	r.Source.Pages = h.int()
	h.repeated(&r.Letter.Date, &r.Letter.Kind)
	v := &r.Visit
	h.repeated(&v.LocalAuthority, &v.AuthorityKey, &v.LACode, &v.ONSCode, &v.Region, &v.Focus, &v.Framework)
	v.Number = h.int()
	if n := h.int(); n > 0 && n <= len(h.b) {
		v.Dates = make([]string, n)
		h.repeated(pointers(v.Dates)...)
	} else if n > 0 {
		h.err = errHead
	}
	p := &analyse.Profile{}
	for _, f := range profileNames(r, p) {
		switch n := h.uint(); {
		case n == 0:
			*f.p = f.s
		case n-1 > uint64(len(h.b)):
			h.err = errHead
		default:
			*f.p = h.names.of(h.b[:n-1])
			h.b = h.b[n-1:]
		}
	}
	p.Visit.Number = h.int()
	p.ConcernShare = h.float()
	switch h.byte() {
	case themesPacked:
		p.Themes = h.packedThemes(ids)
	case themesNamed:
		n := h.int()
		if n > len(h.b) {
			return Entry{}, errHead
		}
		p.Themes = make([]analyse.ThemeStatus, n)
		for i := range p.Themes {
			ts := &p.Themes[i]
			ts.Theme = h.name()
			ts.Status = analyse.Status(h.name())
			ts.Negatives = h.int()
			ts.Positives = h.int()
			flags := h.byte()
			ts.Concern, ts.Examined = flags&packedConcern != 0, flags&packedExamined != 0
			ts.Confidence = h.float()
		}
	default:
		h.err = errHead
	}
	if h.err != nil {
		return Entry{}, h.err
	}
	return Entry{Record: r, Profile: p}, nil
}

// pointers returns pointers to the elements of ss.
func pointers(ss []string) []*string {
	ps := make([]*string, len(ss))
	for i := range ss {
		ps[i] = &ss[i]
	}
	return ps
}
