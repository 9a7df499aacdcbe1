package parse

// Letters are set in proportional type (Arial, Tahoma): an "m" is three
// times as wide as an "i". Whether the next word would have fitted on a
// line is therefore judged by an estimate of printed width, not by a count
// of characters. The widths are Arial's, in thousandths of an em; other
// sans-serif faces differ from them by a few per cent.
var asciiWidths = [128]uint16{
	' ': 278, '!': 278, '"': 355, '#': 556, '$': 556, '%': 889, '&': 667, '\'': 191,
	'(': 333, ')': 333, '*': 389, '+': 584, ',': 278, '-': 333, '.': 278, '/': 278,
	'0': 556, '1': 556, '2': 556, '3': 556, '4': 556, '5': 556, '6': 556, '7': 556,
	'8': 556, '9': 556, ':': 278, ';': 278, '<': 584, '=': 584, '>': 584, '?': 556,
	'@': 1015, 'A': 667, 'B': 667, 'C': 722, 'D': 722, 'E': 667, 'F': 611, 'G': 778,
	'H': 722, 'I': 278, 'J': 500, 'K': 667, 'L': 556, 'M': 833, 'N': 722, 'O': 778,
	'P': 667, 'Q': 778, 'R': 722, 'S': 667, 'T': 611, 'U': 722, 'V': 667, 'W': 944,
	'X': 667, 'Y': 667, 'Z': 611, '[': 278, '\\': 278, ']': 278, '^': 469, '_': 556,
	'`': 333, 'a': 556, 'b': 556, 'c': 500, 'd': 556, 'e': 556, 'f': 278, 'g': 556,
	'h': 556, 'i': 222, 'j': 222, 'k': 500, 'l': 222, 'm': 833, 'n': 556, 'o': 556,
	'p': 556, 'q': 556, 'r': 333, 's': 500, 't': 278, 'u': 556, 'v': 500, 'w': 722,
	'x': 500, 'y': 500, 'z': 500, '{': 334, '|': 260, '}': 334, '~': 584,
}

// textWidth returns the estimated printed width of s in thousandths of an
// em. Characters outside ASCII count as a typical lower-case letter, and
// quotes as an apostrophe.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r < 128 && asciiWidths[r] > 0:
			w += int(asciiWidths[r])
		case r == '‘' || r == '’':
			w += 222
		case r == '“' || r == '”':
			w += 333
		case r == '–':
			w += 556
		case r == '—':
			w += 1000
		default:
			w += 556
		}
	}
	return w
}
