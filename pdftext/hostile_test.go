package pdftext

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// This file generates hostile PDFs, each built to pass one of the
// Limits, and checks that each is refused with the same one-line reason
// every time. BenchmarkHostile measures the time and memory each takes.

// buildPDF returns a PDF file of the objects, numbered from 1, with a
// cross-reference table. Object 1 must be the catalog.
func buildPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// streamObj returns a stream object of data, compressed when flate is
// set, with extra entries in its dictionary.
func streamObj(extra string, data []byte, flate bool) string {
	if flate {
		data = deflate(data)
		extra += " /Filter /FlateDecode"
	}
	return fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(data), extra, data)
}

func deflate(data []byte) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return z.Bytes()
}

// bomb returns a compressed stream of size spaces: a few kilobytes that
// decode to more than a stream may.
var bomb = sync.OnceValue(func() []byte {
	return deflate(bytes.Repeat([]byte(" "), int(DefaultLimits.MaxStreamSize)+1<<20))
})

// bombObj is a stream object that decodes to more than a stream may.
func bombObj(extra string) string {
	data := bomb()
	return fmt.Sprintf("<< /Length %d /Filter /FlateDecode%s >>\nstream\n%s\nendstream", len(data), extra, data)
}

// onePage returns the catalog, page tree and page of a one-page file
// whose page has the contents and resources given.
func onePage(contents, resources string) []string {
	return []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + contents + " /Resources " + resources + " >>",
	}
}

// font5 is a resource dictionary naming object 5 as font F1.
const font5 = "<< /Font << /F1 5 0 R >> >>"

// helvetica is a simple font with no widths.
const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// repeatOp returns n copies of op.
func repeatOp(op string, n int) []byte { return bytes.Repeat([]byte(op), n) }

// A hostile is a generated file and the reason Read must give.
type hostile struct {
	name string
	make func() []byte
	want string
}

var hostiles = []hostile{
	{"content bomb", func() []byte {
		return buildPDF(append(onePage("4 0 R", font5), bombObj(""), helvetica)...)
	}, "page 1: PDF exceeds a limit: more than 16777216 bytes decoded from one stream"},
	{"ToUnicode bomb", func() []byte {
		return buildPDF(append(onePage("4 0 R", font5),
			streamObj("", []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), false),
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
			bombObj(""))...)
	}, "page 1: PDF exceeds a limit: more than 16777216 bytes decoded from one stream"},
	{"font file bomb", func() []byte {
		return buildPDF(append(onePage("4 0 R", font5),
			streamObj("", []byte("BT /F1 12 Tf 72 700 Td (\x01\x02) Tj ET"), false),
			"<< /Type /Font /Subtype /TrueType /BaseFont /Wingdings /FontDescriptor 6 0 R >>",
			"<< /Type /FontDescriptor /FontName /Wingdings /Flags 4 /FontFile2 7 0 R >>",
			bombObj(""))...)
	}, "page 1: PDF exceeds a limit: more than 16777216 bytes decoded from one stream"},
	{"object stream bomb", func() []byte {
		return objStmPDF(int(DefaultLimits.MaxStreamSize), 1)
	}, "PDF exceeds a limit: more than 16777216 bytes decoded from one stream"},
	{"object stream read again and again", func() []byte {
		// Each object lies at the end of 8 MiB of white space, so each
		// lookup decodes all of it.
		return objStmPDF(8<<20, 2000)
	}, "page 1: PDF exceeds a limit: more than 268435456 bytes read by the PDF library to find objects"},
	{"5-million-entry Widths", func() []byte {
		return buildPDF(append(onePage("4 0 R", font5),
			streamObj("", []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), false),
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /Widths ["+string(repeatOp("0 ", 5_000_000))+"] >>")...)
	}, "PDF exceeds a limit: more than 100000 elements in one array or dictionary"},
	{"50 million operators", func() []byte {
		// 5 million in one stream, drawn 10 times as a form.
		return buildPDF(append(onePage("4 0 R", "<< /XObject << /X 5 0 R >> >>"),
			streamObj("", repeatOp("/X Do\n", 10), false),
			streamObj(" /Type /XObject /Subtype /Form /BBox [0 0 1 1]", repeatOp("Q\n", 5_000_000), true))...)
	}, "page 1: PDF exceeds a limit: more than 2000000 content-stream operators"},
	{"one Tj of 2 million glyphs", func() []byte {
		content := append(append([]byte("BT /F1 12 Tf 72 700 Td ("), repeatOp("a", 2_000_000)...), ") Tj ET"...)
		return buildPDF(append(onePage("4 0 R", font5), streamObj("", content, true), helvetica)...)
	}, "page 1: PDF exceeds a limit: more than 500000 characters shown"},
	{"a million overprinted chunks", func() []byte {
		// Each string moves back to where it started.
		content := append(append([]byte("BT /F1 12 Tf 72 700 Td "), repeatOp("[(a)500]TJ ", 1_000_000)...), "ET"...)
		return buildPDF(append(onePage("4 0 R", font5), streamObj("", content, true), helvetica)...)
	}, "page 1: PDF exceeds a limit: more than 200000 strings shown"},
	{"500,000 content references", func() []byte {
		return buildPDF(append(onePage("["+strings.Repeat("4 0 R ", 500_000)+"]", font5),
			streamObj("", []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), false), helvetica)...)
	}, "PDF exceeds a limit: more than 100000 elements in one array or dictionary"},
	{"50,000 content references", func() []byte {
		return buildPDF(append(onePage("["+strings.Repeat("4 0 R ", 50_000)+"]", font5),
			streamObj("", []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), false), helvetica)...)
	}, "page 1: PDF exceeds a limit: more than 20000 streams decoded"},
}

// objStmPDF returns a file with an xref stream and an object stream
// holding one object after pad bytes of white space; the page has refs
// contents references to that object, so that the PDF library looks it
// up that many times.
func objStmPDF(pad, refs int) []byte {
	head := fmt.Sprintf("5 %d\n", pad)
	data := deflate(append(append([]byte(head), repeatOp(" ", pad)...), "(x)"...))
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	var offs [6]int
	obj := func(n int, body string) {
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ["+strings.Repeat("5 0 R ", refs)+"] >>")
	obj(4, fmt.Sprintf("<< /Type /ObjStm /N 1 /First %d /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(head), len(data), data))
	// Object 5 lies in object stream 4; the xref stream is object 6,
	// its rows unfiltered: type (1 byte), field 2 (4 bytes), field 3
	// (2 bytes).
	xref := b.Len()
	var rows bytes.Buffer
	row := func(typ byte, f2 uint32, f3 uint16) {
		rows.Write([]byte{typ, byte(f2 >> 24), byte(f2 >> 16), byte(f2 >> 8), byte(f2), byte(f3 >> 8), byte(f3)})
	}
	row(0, 0, 65535)
	for n := 1; n <= 4; n++ {
		row(1, uint32(offs[n]), 0)
	}
	row(2, 4, 0)
	row(1, uint32(xref), 0)
	fmt.Fprintf(&b, "6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\n", rows.Len(), rows.Bytes())
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// TestHostile reads each generated hostile file twice: each time it must
// be refused with the same reason.
func TestHostile(t *testing.T) {
	for _, h := range hostiles {
		t.Run(h.name, func(t *testing.T) {
			data := h.make()
			for range 2 {
				_, err := ReadBytes(context.Background(), data, Limits{})
				if err == nil {
					t.Fatal("read, want refused")
				}
				if err.Error() != h.want {
					t.Fatalf("got %q, want %q", err, h.want)
				}
				var le *LimitError
				if !errors.As(err, &le) || !errors.Is(err, ErrTooLarge) {
					t.Fatalf("got %v, want a *LimitError", err)
				}
			}
		})
	}
}

// BenchmarkHostile reads each generated hostile file: the time and the
// memory allocated until it is refused.
func BenchmarkHostile(b *testing.B) {
	for _, h := range hostiles {
		data := h.make()
		b.Run(strings.ReplaceAll(h.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadBytes(context.Background(), data, Limits{}); err == nil {
					b.Fatal("read, want refused")
				}
			}
		})
	}
}
