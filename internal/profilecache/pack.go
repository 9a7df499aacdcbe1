package profilecache

import (
	"encoding/binary"
	"math"
	"slices"

	"github.com/ofsted-letters/letters/analyse"
)

// Packed themes: a letter's themes (a status, two counts, two flags and
// a confidence per theme of the codebook) in about a dozen bytes a theme
// rather than a slice of analyse.ThemeStatus. A head stores them so, and
// the analysis commands hold them so while they read a corpus, unpacking
// one authority (or letter) at a time as it is written.

// packedStatuses are the statuses a packed theme can hold, by code.
var packedStatuses = []analyse.Status{analyse.StatusAbsent, analyse.StatusConcern, analyse.StatusStrength, analyse.StatusMixed}

// packedFlags are the bits of a packed theme's flags.
const (
	packedConcern  = 1 << iota // ThemeStatus.Concern
	packedExamined             // ThemeStatus.Examined
)

// packedSize is the size of a packed theme whose counts are below 128.
const packedSize = 12

// PackThemes appends themes, packed, to b, or returns false when they
// cannot be packed: they are not the themes ids in that order, hold
// evidence, or a status or count that a packed theme does not.
func PackThemes(b []byte, ids []string, themes []analyse.ThemeStatus) ([]byte, bool) {
	if len(themes) != len(ids) {
		return b, false
	}
	b = slices.Grow(b, len(themes)*packedSize)
	for i, ts := range themes {
		code := slices.Index(packedStatuses, ts.Status)
		if ts.Theme != ids[i] || ts.Evidence != nil || code < 0 || ts.Negatives < 0 || ts.Positives < 0 {
			return b, false
		}
		var flags byte
		if ts.Concern {
			flags |= packedConcern
		}
		if ts.Examined {
			flags |= packedExamined
		}
		b = append(b, byte(code), flags)
		b = binary.AppendUvarint(b, uint64(ts.Negatives))
		b = binary.AppendUvarint(b, uint64(ts.Positives))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(ts.Confidence))
	}
	return b, true
}

// UnpackThemes returns the themes ids that PackThemes packed at the
// start of b, and the bytes after them; an error when b holds none.
func UnpackThemes(ids []string, b []byte) ([]analyse.ThemeStatus, []byte, error) {
	h := headReader{b: b}
	themes := h.packedThemes(ids)
	return themes, h.b, h.err
}

// packedThemes reads the themes ids packed.
func (h *headReader) packedThemes(ids []string) []analyse.ThemeStatus {
	themes := make([]analyse.ThemeStatus, len(ids))
	for i := range themes {
		ts := &themes[i]
		ts.Theme = ids[i]
		code := h.byte()
		if int(code) >= len(packedStatuses) {
			h.err = errHead
			return nil
		}
		ts.Status = packedStatuses[code]
		flags := h.byte()
		ts.Concern, ts.Examined = flags&packedConcern != 0, flags&packedExamined != 0
		ts.Negatives = h.int()
		ts.Positives = h.int()
		ts.Confidence = h.float()
	}
	if h.err != nil {
		return nil
	}
	return themes
}
