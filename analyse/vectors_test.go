package analyse

import (
	"bytes"
	"errors"
	"testing"
)

// TestVectorsNear checks that the embedded word vectors put words the
// letters use alike nearer each other than words of other themes.
func TestVectorsNear(t *testing.T) {
	wv, err := sharedVectors()
	if err != nil || wv == nil {
		t.Fatalf("no word vectors: %v", err)
	}
	cos := func(a, b string) float64 {
		ra, oka := wv.index[a]
		rb, okb := wv.index[b]
		if !oka || !okb {
			t.Fatalf("no vector for %q or %q", a, b)
		}
		return vecDot(wv.vecs[int(ra)*wv.dims:int(ra+1)*wv.dims], wv.vecs[int(rb)*wv.dims:int(rb+1)*wv.dims])
	}
	for _, c := range []struct{ word, near, far string }{
		{"caseloads", "workloads", "adoption"},
		{"exploitation", "trafficking", "supervision"},
		{"adoption", "guardianship", "caseloads"},
		{"voice", "wishes", "sufficiency"},
		{"drift", "delay", "ethnicity"},
		{"weak", "inconsistent", "placements"},
	} {
		if n, f := cos(c.word, c.near), cos(c.word, c.far); n <= f {
			t.Errorf("%s: %s at %.2f is no nearer than %s at %.2f", c.word, c.near, n, c.far, f)
		}
	}
}

// TestDecodeVectorsFile checks that the embedded file reads and writes
// back the same, and that a truncated or foreign file is an error.
func TestDecodeVectorsFile(t *testing.T) {
	f, err := decodeVectorsFile(builtinVectors)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(f.encode(), builtinVectors) {
		t.Error("vectors.bin does not write back the same")
	}
	for _, n := range []int{0, 3, 20, 40, len(builtinVectors) / 2, len(builtinVectors) - 1} {
		if _, err := decodeVectorsFile(builtinVectors[:n]); !errors.Is(err, errVectors) {
			t.Errorf("%d bytes: got %v, want a bad vectors file", n, err)
		}
	}
	if _, err := decodeVectorsFile(append([]byte("LTSM"), builtinVectors[4:]...)); !errors.Is(err, errVectors) {
		t.Errorf("another magic: got %v, want a bad vectors file", err)
	}
}

// TestDecodeModelTruncated checks that a truncated model file is an
// error, not a panic or a model.
func TestDecodeModelTruncated(t *testing.T) {
	for _, n := range []int{0, 10, 30, len(builtinModel) / 2, len(builtinModel) - 100, len(builtinModel) - 1} {
		if _, err := decodeModel(builtinModel[:n]); !errors.Is(err, errModel) {
			t.Errorf("%d bytes: got %v, want a bad model file", n, err)
		}
	}
	if _, err := decodeModel(append(bytes.Clone(builtinModel), 0)); !errors.Is(err, errModel) {
		t.Errorf("a byte too many: got %v, want a bad model file", err)
	}
}
