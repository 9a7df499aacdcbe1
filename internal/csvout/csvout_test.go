package csvout

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://evil.example", "Liverpool") City Council`, `'=HYPERLINK("http://evil.example", "Liverpool") City Council`},
		{"+44 151 233 3000", "'+44 151 233 3000"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"Liverpool City Council", "Liverpool City Council"},
		{"a=b", "a=b"},
		{"'=already", "'=already"},
		{" =1+1", " =1+1"}, // spreadsheets read a leading space as text
		{"", ""},
		{"2025-09-23", "2025-09-23"},
	}
	for _, tt := range tests {
		if got := Cell(tt.in); got != tt.want {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriterNeutralisesAndQuotes(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Write([]string{"authority", "theme"})
	w.Write([]string{`=HYPERLINK("http://x", "Liverpool")`, "line one\nline two"})
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	want := "authority,theme\n\"'=HYPERLINK(\"\"http://x\"\", \"\"Liverpool\"\")\",\"line one\nline two\"\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != `'=HYPERLINK("http://x", "Liverpool")` {
		t.Errorf("read back %q, %v", rows, err)
	}
}
