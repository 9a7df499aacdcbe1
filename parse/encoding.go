package parse

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// Text letters come in the encodings Windows tools save them in, told
// apart by content alone:
//
//   - UTF-8, with or without a byte order mark;
//   - UTF-16, little- or big-endian, with a byte order mark (Notepad's
//     "Unicode" and "Unicode big endian") or without one, when nearly
//     every code unit of the first utf16Sample bytes is an ASCII
//     character beside a NUL byte, as English text is;
//   - Windows-1252 ("ANSI"): any byte that does not make valid UTF-8 is
//     read as Windows-1252, so a file of that encoding, or a UTF-8 file
//     with a few such bytes pasted in, reads as its writer saw it.
const (
	// utf16Sample is how many bytes from the start of a text are looked
	// at to tell UTF-16 without a byte order mark.
	utf16Sample = 4096
	// utf16ASCIIShare is the share of the sample's code units, in
	// percent, that must be ASCII in one byte order to read the text as
	// UTF-16 in that order. English text in UTF-16 is nearly all ASCII;
	// a binary file is not.
	utf16ASCIIShare = 70
)

// decodeText returns data as UTF-8 text, without a byte order mark.
func decodeText(data []byte) []byte {
	if order, ok := utf16Order(data); ok {
		// UseBOM drops the mark and lets it override the order guessed.
		out, err := unicode.UTF16(order, unicode.UseBOM).NewDecoder().Bytes(data)
		if err == nil {
			return out
		}
		// The decoder replaces bad code units and does not fail; should
		// it, the bytes are read as they are below.
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return data
	}
	out := make([]byte, 0, len(data)+len(data)/8)
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			r = cp1252(data[0])
		}
		out = utf8.AppendRune(out, r)
		data = data[size:]
	}
	return out
}

// utf16Order reports whether data is UTF-16 text, and in which byte
// order: by its byte order mark, or else by where the NUL bytes of ASCII
// characters fall.
func utf16Order(data []byte) (unicode.Endianness, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return unicode.LittleEndian, true
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return unicode.BigEndian, true
	case len(data) < 2 || len(data)%2 != 0:
		return unicode.BigEndian, false
	}
	sample := data[:min(len(data), utf16Sample)]
	little, big := 0, 0
	for i := 0; i+1 < len(sample); i += 2 {
		a, b := sample[i], sample[i+1]
		switch {
		case b == 0 && a != 0 && a < utf8.RuneSelf:
			little++
		case a == 0 && b != 0 && b < utf8.RuneSelf:
			big++
		}
	}
	units := len(sample) / 2
	switch {
	case little*100 >= units*utf16ASCIIShare:
		return unicode.LittleEndian, true
	case big*100 >= units*utf16ASCIIShare:
		return unicode.BigEndian, true
	}
	return unicode.BigEndian, false
}

// cp1252High are the runes of the bytes 0x80 to 0x9f in Windows-1252;
// the other bytes are the runes of their value.
var cp1252High = []rune("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ")

// cp1252 maps a byte of Windows-1252 to its rune.
func cp1252(c byte) rune {
	if c >= 0x80 && c < 0xa0 {
		return cp1252High[c-0x80]
	}
	return rune(c)
}
