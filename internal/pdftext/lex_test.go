package pdftext

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true},
		{"-3.5", -3.5, true},
		{"+.5", 0.5, true},
		{"4.", 4, true},
		{"-", 0, false},
		{".", 0, false},
		{"1.2.3", 0, false},
		{"Tj", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseNumber([]byte(tt.in))
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestOpLexer checks operators and operands, strings of both kinds,
// arrays, dictionaries, inline images and input that ends too soon.
func TestOpLexer(t *testing.T) {
	type op struct {
		Op   string
		Args []string
	}
	show := func(o *opLexer, v operand) string {
		switch v.k {
		case tNum:
			return "n"
		case tName:
			return "/" + string(v.b)
		case tStr:
			return "(" + string(v.b) + ")"
		case tArray:
			return "[" + string(rune('0'+len(o.elems(v)))) + "]"
		case tDict:
			return "<<" + string(rune('0'+len(o.elems(v)))) + ">>"
		}
		return string(v.b)
	}
	tests := []struct {
		name string
		src  string
		want []op
	}{
		{"text", "BT /F1 12 Tf (Hi \\(x\\)\\101) Tj ET", []op{{"BT", nil}, {"Tf", []string{"/F1", "n"}}, {"Tj", []string{"(Hi (x)A)"}}, {"ET", nil}}},
		{"hex and array", "[<48 6 9> -250 (i)] TJ", []op{{"TJ", []string{"[3]"}}}},
		{"nested parens", "((a)b) Tj", []op{{"Tj", []string{"((a)b)"}}}},
		{"marked content", "/Artifact <</Type /Pagination>> BDC EMC", []op{{"BDC", []string{"/Artifact", "<<2>>"}}, {"EMC", nil}}},
		{"inline image", "BI /W 1 /H 1 ID \x00EI\x01 EI Q", []op{{"BI", nil}, {"Q", nil}}},
		{"unterminated hex", "(a) Tj <4142", []op{{"Tj", []string{"(a)"}}}},
		{"unterminated string", "(abc", nil},
		{"comment", "% BT\nET", []op{{"ET", nil}}},
		{"escaped name", "/A#42 Tf", []op{{"Tf", []string{"/AB"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o opLexer
			o.reset([]byte(tt.src))
			var got []op
			for {
				name, args, ok := o.next()
				if !ok {
					break
				}
				var a []string
				for _, v := range args {
					a = append(a, show(&o, v))
				}
				got = append(got, op{string(name), a})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnterminatedHex(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"<< /A <41> >>", -1},
		{"<< /A (a<b) >>", -1},
		{"% <41\n1 0 obj", -1},
		{"<< /A <41", 6},
		{"(unterminated <41", -1},
	}
	for _, tt := range tests {
		if got := unterminatedHex([]byte(tt.src)); got != tt.want {
			t.Errorf("unterminatedHex(%q) = %d, want %d", tt.src, got, tt.want)
		}
	}
}

func TestUsable(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"a", "a", true},
		{"\uf0b7", "•", true},
		{"\uf06e", "•", true},
		{"\ufb01", "fi", true},
		{"\u00a0", " ", true},
		{"\u200b", "", true},
		{"\ufffd", "", false},
		{"\x01", "", false},
		{"", "", false},
		{"’", "’", true},
	}
	for _, tt := range tests {
		got, ok := usable(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("usable(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestGlyphRune(t *testing.T) {
	for name, want := range map[string]rune{
		"A": 'A', "quoteright": '’', "bullet": '•', "uni2022": '•', "u1F600": 0x1F600, "a.sc": 'a', "g123": 0, "": 0,
	} {
		if got := glyphRune(name); got != want {
			t.Errorf("glyphRune(%q) = %U, want %U", name, got, want)
		}
	}
}

func TestParseCMap(t *testing.T) {
	m := parseCMap([]byte(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar
2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<2018> <2019>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`))
	for code, want := range map[uint32]string{3: " ", 0x11: "fi", 0x24: "A", 0x26: "C", 0x31: "’", 0x40: ""} {
		if got := m.text(code, 2); got != want {
			t.Errorf("code %04X: got %q, want %q", code, got, want)
		}
	}
	if c, n := m.nextCode([]byte{0, 0x24, 1}); c != 0x24 || n != 2 {
		t.Errorf("nextCode = %X, %d", c, n)
	}
}

func TestIsLabel(t *testing.T) {
	for s, want := range map[string]bool{
		"•": true, "◼": true, "–": true, "-": true, "o": true, "1.": true, "12)": true, "a)": true, "(b)": true, "3": true,
		"Ofsted": false, "The": false, "T": false, "2024.": false, "": false,
	} {
		if got := isLabel(s); got != want {
			t.Errorf("isLabel(%q) = %v, want %v", s, got, want)
		}
	}
}
