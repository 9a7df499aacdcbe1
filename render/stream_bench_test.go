package render

import (
	"bytes"
	"testing"
)

// BenchmarkTrajectoriesStream writes the diff of every test letter (17
// letters, 12 authorities) as letters diff -o yaml and -o json do,
// parsing and profiling excluded: the two should cost about the same.
func BenchmarkTrajectoriesStream(b *testing.B) {
	res := compareFor(b, append([]string{"../testdata/letters"}, series[1:]...)...)
	for _, format := range []string{FormatYAML, FormatJSON} {
		b.Run(format, func(b *testing.B) {
			var buf bytes.Buffer
			if err := Trajectories(&buf, res.Trajectories, Options{Format: format}); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := Trajectories(&buf, res.Trajectories, Options{Format: format}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
