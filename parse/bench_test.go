package parse_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/ofsted-letters/letters/parse"
)

// BenchmarkParseText parses each text letter in testdata; MB/s counts the
// letters' bytes.
func BenchmarkParseText(b *testing.B) {
	var letters [][]byte
	size := 0
	for _, p := range letterInputs(b) {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		letters = append(letters, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range letters {
			if _, err := parse.Text(context.Background(), "bench.txt", bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(letters))/1e6, "ms/letter")
}
