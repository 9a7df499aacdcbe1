package analyse

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
)

// Word vectors: a few thousand words of the focused-visit corpus, each a
// point in a small space where words used alike stand near each other
// ("caseloads" near "workloads", "neglect" near "cumulative"). They are
// learned from the corpus letters that no labelled set holds (make
// vectors, TestTrainVectors: positive pointwise mutual information of
// words within a few words of each other, reduced by a truncated singular
// value decomposition) and let the sentence model read a word that its
// 50 training letters never used by the words it stands near.

//go:embed vectors.bin
var builtinVectors []byte

// wordVectors are the corpus's word vectors, ready to look up.
type wordVectors struct {
	// dims is the length of each vector.
	dims int
	// index gives each word's row.
	index map[string]int32
	// vecs holds the rows, unit length, one after the other.
	vecs []float32
	// weight is each word's weight in a sentence's mean: a/(a+p(word)),
	// so that frequent words ("the", "and") count little.
	weight []float32
}

// vectorsMagic opens a vectors file; the version follows it.
const (
	vectorsMagic   = "LTWV"
	vectorsVersion = 1
)

// sifA is the a of a word's weight a/(a+p(word)) in a sentence's mean
// vector: a word a thousandth of the corpus weighs a half.
const sifA = 1e-3

// errVectors is the cause of every error of decodeVectors.
var errVectors = errors.New("bad vectors file")

// A vectorsFile is the content of a vectors file: the words in row order,
// their counts in the corpus, the corpus's size in words, and the rows
// quantised to int8 with a scale each.
type vectorsFile struct {
	dims   int
	total  uint64
	words  []string
	counts []uint32
	scales []float32
	q      []int8
}

// encode writes the file in the format decodeVectorsFile reads.
func (f *vectorsFile) encode() []byte {
	names := strings.Join(f.words, "\n")
	out := []byte(vectorsMagic)
	out = binary.LittleEndian.AppendUint32(out, vectorsVersion)
	out = binary.LittleEndian.AppendUint32(out, uint32(f.dims))
	out = binary.LittleEndian.AppendUint32(out, uint32(len(f.words)))
	out = binary.LittleEndian.AppendUint64(out, f.total)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(names)))
	out = append(out, names...)
	for _, c := range f.counts {
		out = binary.LittleEndian.AppendUint32(out, c)
	}
	for _, s := range f.scales {
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(s))
	}
	for _, v := range f.q {
		out = append(out, byte(v))
	}
	return out
}

// The largest vectors file decodeVectorsFile reads: more dimensions or
// words than these mean a damaged file, not a corpus's vocabulary.
const (
	maxVectorDims  = 1024
	maxVectorWords = 1 << 20
)

// decodeVectorsFile reads a file written by vectorsFile.encode.
func decodeVectorsFile(b []byte) (*vectorsFile, error) {
	const head = len(vectorsMagic) + 4 + 4 + 4 + 8 + 4
	if len(b) < head || string(b[:4]) != vectorsMagic {
		return nil, fmt.Errorf("%w: not a vectors file", errVectors)
	}
	if v := binary.LittleEndian.Uint32(b[4:]); v != vectorsVersion {
		return nil, fmt.Errorf("%w: version %d, not %d", errVectors, v, vectorsVersion)
	}
	f := &vectorsFile{dims: int(binary.LittleEndian.Uint32(b[8:]))}
	n := int(binary.LittleEndian.Uint32(b[12:]))
	f.total = binary.LittleEndian.Uint64(b[16:])
	nl := int(binary.LittleEndian.Uint32(b[24:]))
	b = b[head:]
	if f.dims < 1 || f.dims > maxVectorDims || n < 1 || n > maxVectorWords || nl > len(b) {
		return nil, fmt.Errorf("%w: %d words of %d dimensions", errVectors, n, f.dims)
	}
	f.words = strings.Split(string(b[:nl]), "\n")
	b = b[nl:]
	if len(f.words) != n || len(b) != n*(4+4+f.dims) {
		return nil, fmt.Errorf("%w: %d words named, %d bytes of rows", errVectors, len(f.words), len(b))
	}
	f.counts = make([]uint32, n)
	f.scales = make([]float32, n)
	for i := range n {
		f.counts[i] = binary.LittleEndian.Uint32(b[4*i:])
		f.scales[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*n+4*i:]))
	}
	f.q = make([]int8, n*f.dims)
	for i, v := range b[8*n:] {
		f.q[i] = int8(v)
	}
	return f, nil
}

// vectors returns the word vectors of a file, ready to look up.
func (f *vectorsFile) vectors() *wordVectors {
	wv := &wordVectors{dims: f.dims, index: make(map[string]int32, len(f.words)),
		vecs: make([]float32, len(f.q)), weight: make([]float32, len(f.words))}
	for i, w := range f.words {
		wv.index[w] = int32(i)
		row := wv.vecs[i*f.dims : (i+1)*f.dims]
		var norm float64
		for j := range row {
			row[j] = float32(f.q[i*f.dims+j]) * f.scales[i]
			norm += float64(row[j]) * float64(row[j])
		}
		if norm > 0 {
			inv := float32(1 / math.Sqrt(norm))
			for j := range row {
				row[j] *= inv
			}
		}
		wv.weight[i] = float32(sifA / (sifA + float64(f.counts[i])/float64(max(f.total, 1))))
	}
	return wv
}

// sharedVectors decodes the embedded vectors once; a build without them
// (an empty vectors.bin) has none, and the model reads no vectors.
var sharedVectors = sync.OnceValues(func() (*wordVectors, error) {
	if len(builtinVectors) == 0 {
		return nil, nil
	}
	f, err := decodeVectorsFile(builtinVectors)
	if err != nil {
		return nil, fmt.Errorf("builtin vectors.bin: %w", err)
	}
	return f.vectors(), nil
})

// rows returns the row of each token's word, -1 for a token without one
// (a mark of punctuation, a word the vectors do not hold).
func (wv *wordVectors) rows(toks []token) []int32 {
	out := make([]int32, len(toks))
	for i, t := range toks {
		r, ok := wv.index[t.text]
		if !ok || t.punct {
			r = -1
		}
		out[i] = r
	}
	return out
}

// mean returns the weighted mean of the vectors of rows (see rows), scaled
// to unit length, or nil when no row has one.
func (wv *wordVectors) mean(rows []int32) []float32 {
	var out []float32
	for _, r := range rows {
		if r < 0 {
			continue
		}
		if out == nil {
			out = make([]float32, wv.dims)
		}
		w := wv.weight[r]
		row := wv.vecs[int(r)*wv.dims : int(r+1)*wv.dims]
		o := out[:len(row)]
		for j, v := range row {
			o[j] += w * v
		}
	}
	var norm float64
	for _, v := range out {
		norm += float64(v) * float64(v)
	}
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for j := range out {
			out[j] *= inv
		}
	}
	return out
}
