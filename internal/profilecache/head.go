package profilecache

import (
	"encoding/binary"
	"errors"
	"math"

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

// appendHead appends the head of entry e to b.
func appendHead(b []byte, e Entry) []byte {
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
	pv := p.Visit
	b = appendStrings(b, pv.Source, pv.Authority, pv.AuthorityKey, pv.LACode, pv.ONSCode, pv.Region, pv.Focus, pv.Kind, pv.Date, pv.LetterDate)
	b = binary.AppendUvarint(b, uint64(pv.Number))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.ConcernShare))
	b = binary.AppendUvarint(b, uint64(len(p.Themes)))
	for _, ts := range p.Themes {
		b = appendStrings(b, ts.Theme, string(ts.Status))
		b = binary.AppendUvarint(b, uint64(ts.Negatives))
		b = binary.AppendUvarint(b, uint64(ts.Positives))
		var flags byte
		if ts.Concern {
			flags |= 1
		}
		if ts.Examined {
			flags |= 2
		}
		b = append(b, flags)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(ts.Confidence))
	}
	return b
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
	// names interns theme names and statuses, which every letter repeats.
	names map[string]string
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

func (h *headReader) string() string {
	n := h.uint()
	if h.err != nil {
		return ""
	}
	if n > uint64(len(h.b)) {
		h.err = errHead
		return ""
	}
	s := string(h.b[:n])
	h.b = h.b[n:]
	return s
}

// name reads a string that many heads repeat, interned.
func (h *headReader) name() string {
	n := h.uint()
	if h.err != nil {
		return ""
	}
	if n > uint64(len(h.b)) {
		h.err = errHead
		return ""
	}
	s, ok := h.names[string(h.b[:n])]
	if !ok {
		s = string(h.b[:n])
		h.names[s] = s
	}
	h.b = h.b[n:]
	return s
}

func (h *headReader) strings(ps ...*string) {
	for _, p := range ps {
		*p = h.string()
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

// decodeHead decodes a head that appendHead wrote, to an entry whose
// record holds what a head keeps of it.
func (h *headReader) decodeHead() (Entry, error) {
	r := &record.Record{}
	r.Schema = h.int()
	h.strings(&r.Source.Path, &r.Source.SHA256, &r.Source.Format)
	r.Source.Pages = h.int()
	h.strings(&r.Letter.Date, &r.Letter.Kind)
	v := &r.Visit
	h.strings(&v.LocalAuthority, &v.AuthorityKey, &v.LACode, &v.ONSCode, &v.Region, &v.Focus, &v.Framework)
	v.Number = h.int()
	if n := h.int(); n > 0 && n <= len(h.b) {
		v.Dates = make([]string, n)
		h.strings(pointers(v.Dates)...)
	} else if n > 0 {
		h.err = errHead
	}
	p := &analyse.Profile{}
	pv := &p.Visit
	h.strings(&pv.Source, &pv.Authority, &pv.AuthorityKey, &pv.LACode, &pv.ONSCode, &pv.Region, &pv.Focus, &pv.Kind, &pv.Date, &pv.LetterDate)
	pv.Number = h.int()
	p.ConcernShare = h.float()
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
		ts.Concern, ts.Examined = flags&1 != 0, flags&2 != 0
		ts.Confidence = h.float()
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
