package pdftext

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads each real letter kept in the repository.
func BenchmarkRead(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "pdf", "*.pdf"))
	if len(files) == 0 {
		b.Fatal("no letters in ../../testdata/pdf")
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(path), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCorpus reads every letter of the shared corpus, one after the
// other: one iteration is the whole folder.
func BenchmarkCorpus(b *testing.B) {
	files := corpusFiles(b)
	var all [][]byte
	var size int64
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, data)
		size += int64(len(data))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range all {
			if _, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
