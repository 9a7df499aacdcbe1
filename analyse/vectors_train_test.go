package analyse

import (
	"bytes"
	"cmp"
	"flag"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// Flags of TestTrainVectors (make vectors).
var (
	vectorsFlag   = flag.Bool("vectors", false, "TestTrainVectors: learn the word vectors from the corpus and write vectors.bin")
	vectorsCorpus = flag.String("vectors-corpus", "../../shared/corpus/focused-visits,../../shared/corpus/jtai", "TestTrainVectors: the folders of corpus letters (PDF) or of their records (YAML, as letters parse --out-dir writes them), separated by commas")
)

// The settings of the word vectors. The corpus is small (the focused-visit
// and joint targeted area inspection letters in no labelled set: 91
// letters, 191,000 words of distinct sentences), so the vectors are few
// and short.
const (
	vecDims       = 48   // length of a vector
	vecMinCount   = 5    // a word needs this many uses in the corpus
	vecMaxWords   = 6000 // the most frequent words kept, at most
	vecWindow     = 5    // words either side that count as context, weighted 1/distance
	vecSmoothing  = 0.75 // power of the context counts (context distribution smoothing)
	vecOversample = 16   // extra columns of the randomized decomposition
	vecPower      = 4    // power iterations of the randomized decomposition
	vecSeed       = 0x2545f4914f6cdd1d
)

// corpusSentences reads every letter of the corpus folders (separated by
// commas in dirs) that no labelled set holds (see unlabelledCorpus), and
// returns the words of each distinct sentence of their sections (a
// sentence that many letters repeat word for word, boilerplate, counts
// once), with the number of letters read and left out. It skips the test
// when the folders have no letters.
func corpusSentences(t testing.TB, dirs string) (sens [][]string, read, excluded int) {
	t.Helper()
	var letters []corpusLetter
	for _, dir := range strings.Split(dirs, ",") {
		ls, n := unlabelledCorpus(t, dir)
		letters = append(letters, ls...)
		excluded += n
	}
	seen := map[string]bool{}
	read = len(letters)
	for _, cl := range letters {
		for _, sec := range cl.rec.Sections {
			for _, pg := range sec.Paragraphs {
				for _, s := range Sentences(pg.Text) {
					if seen[s] {
						continue
					}
					seen[s] = true
					var words []string
					for _, tk := range tokenize(s) {
						if !tk.punct {
							words = append(words, tk.text)
						}
					}
					sens = append(sens, words)
				}
			}
		}
	}
	if read == 0 {
		t.Skipf("no corpus letters in %s", dirs)
	}
	return sens, read, excluded
}

// trainVectors learns the word vectors from the sentences: the words used
// at least vecMinCount times (at most vecMaxWords, the most used), their
// co-occurrences within vecWindow words weighted by 1/distance, the
// positive pointwise mutual information of each pair with the contexts'
// counts smoothed by vecSmoothing, and the first vecDims singular vectors
// of that matrix (randomized, with a fixed seed), each scaled by the
// square root of its singular value. Every step runs in a fixed order,
// so the file is the same bit for bit on every run.
func trainVectors(sens [][]string) *vectorsFile {
	counts := map[string]uint32{}
	var total uint64
	for _, s := range sens {
		for _, w := range s {
			counts[w]++
			total++
		}
	}
	var words []string
	for w, c := range counts {
		if c >= vecMinCount {
			words = append(words, w)
		}
	}
	slices.SortFunc(words, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	words = words[:min(len(words), vecMaxWords)]
	n := len(words)
	index := make(map[string]int, n)
	for i, w := range words {
		index[w] = i
	}
	// Co-occurrences, by pair, summed in corpus order.
	cooc := map[int64]float64{}
	for _, s := range sens {
		ids := make([]int, len(s))
		for i, w := range s {
			k, ok := index[w]
			if !ok {
				k = -1
			}
			ids[i] = k
		}
		for i, a := range ids {
			if a < 0 {
				continue
			}
			for d := 1; d <= vecWindow && i+d < len(ids); d++ {
				b := ids[i+d]
				if b < 0 {
					continue
				}
				cooc[int64(a)*int64(n)+int64(b)] += 1 / float64(d)
				cooc[int64(b)*int64(n)+int64(a)] += 1 / float64(d)
			}
		}
	}
	keys := make([]int64, 0, len(cooc))
	for k := range cooc {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	rowSum := make([]float64, n)
	colSum := make([]float64, n)
	var sum float64
	for _, k := range keys {
		v := cooc[k]
		rowSum[k/int64(n)] += v
		colSum[k%int64(n)] += v
		sum += v
	}
	var smoothSum float64
	smooth := make([]float64, n)
	for j, c := range colSum {
		smooth[j] = math.Pow(c, vecSmoothing)
		smoothSum += smooth[j]
	}
	// The PPMI matrix, sparse by rows.
	a := sparse{n: n, start: make([]int, n+1)}
	for _, k := range keys {
		i, j := int(k/int64(n)), int(k%int64(n))
		pmi := math.Log(cooc[k] * smoothSum / (rowSum[i] * smooth[j]))
		if pmi <= 0 {
			continue
		}
		a.col = append(a.col, j)
		a.val = append(a.val, pmi)
		a.start[i+1]++
	}
	for i := range n {
		a.start[i+1] += a.start[i]
	}
	u, sv := a.topSingular(vecDims, vecOversample, vecPower, vecSeed)
	f := &vectorsFile{dims: vecDims, total: total, words: words, counts: make([]uint32, n), scales: make([]float32, n), q: make([]int8, n*vecDims)}
	row := make([]float64, vecDims)
	for i, w := range words {
		f.counts[i] = counts[w]
		var norm, big float64
		for j := range row {
			row[j] = u[i*vecDims+j] * math.Sqrt(sv[j])
			norm += row[j] * row[j]
		}
		norm = math.Sqrt(norm)
		for j := range row {
			if norm > 0 {
				row[j] /= norm
			}
			big = max(big, math.Abs(row[j]))
		}
		if big == 0 {
			continue
		}
		f.scales[i] = float32(big / 127)
		for j, v := range row {
			f.q[i*vecDims+j] = int8(math.Round(v / big * 127))
		}
	}
	return f
}

// A sparse matrix of n rows and n columns, by rows: row i's entries are
// col[start[i]:start[i+1]] and val likewise.
type sparse struct {
	n          int
	start, col []int
	val        []float64
}

// mul returns a·x, or aᵀ·x when transpose, for x of n rows and k
// columns (row-major).
func (a *sparse) mul(x []float64, k int, transpose bool) []float64 {
	out := make([]float64, a.n*k)
	for i := range a.n {
		for e := a.start[i]; e < a.start[i+1]; e++ {
			dst, src := i, a.col[e]
			if transpose {
				dst, src = src, dst
			}
			v, o, xr := a.val[e], out[dst*k:(dst+1)*k], x[src*k:(src+1)*k]
			for j := range o {
				o[j] += v * xr[j]
			}
		}
	}
	return out
}

// orthonormalize makes the k columns of x (n rows, row-major) orthonormal
// in place, by modified Gram-Schmidt.
func orthonormalize(x []float64, n, k int) {
	for c := range k {
		for p := range c {
			var d float64
			for i := range n {
				d += x[i*k+c] * x[i*k+p]
			}
			for i := range n {
				x[i*k+c] -= d * x[i*k+p]
			}
		}
		var norm float64
		for i := range n {
			norm += x[i*k+c] * x[i*k+c]
		}
		norm = math.Sqrt(norm)
		for i := range n {
			if norm > 0 {
				x[i*k+c] /= norm
			}
		}
	}
}

// topSingular returns the first dims left singular vectors of a (n rows,
// dims columns, row-major) and their singular values, by the randomized
// range finder of Halko, Martinsson and Tropp: a random block of
// dims+over columns drawn from seed, power iterations, and the exact
// decomposition of the small projected matrix (Jacobi's method on its
// Gram matrix).
func (a *sparse) topSingular(dims, over, power int, seed uint64) ([]float64, []float64) {
	n, k := a.n, dims+over
	rng := xorshift(seed)
	omega := make([]float64, n*k)
	for i := range omega {
		omega[i] = float64(rng.next()>>11)/float64(1<<53)*2 - 1
	}
	y := a.mul(omega, k, false)
	orthonormalize(y, n, k)
	for range power {
		z := a.mul(y, k, true)
		orthonormalize(z, n, k)
		y = a.mul(z, k, false)
		orthonormalize(y, n, k)
	}
	// b = yᵀa is k×n; its Gram matrix b·bᵀ = yᵀ a aᵀ y is k×k.
	at := a.mul(y, k, true) // aᵀy: n×k, so b = (aᵀy)ᵀ
	g := make([]float64, k*k)
	for i := range n {
		r := at[i*k : (i+1)*k]
		for p := range k {
			for q := range k {
				g[p*k+q] += r[p] * r[q]
			}
		}
	}
	vals, vecs := jacobiEigen(g, k)
	order := make([]int, k)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(p, q int) int { return cmp.Compare(vals[q], vals[p]) })
	u := make([]float64, n*dims)
	sv := make([]float64, dims)
	for c := range dims {
		e := order[c]
		sv[c] = math.Sqrt(max(vals[e], 0))
		// Column c of u is y times eigenvector e; its sign is fixed so
		// that its largest entry is positive.
		col := make([]float64, n)
		var big float64
		for i := range n {
			var s float64
			for p := range k {
				s += y[i*k+p] * vecs[p*k+e]
			}
			col[i] = s
			if math.Abs(s) > math.Abs(big) {
				big = s
			}
		}
		sign := 1.0
		if big < 0 {
			sign = -1
		}
		for i := range n {
			u[i*dims+c] = sign * col[i]
		}
	}
	return u, sv
}

// jacobiEigen returns the eigenvalues and eigenvectors (as columns of a
// k×k row-major matrix) of the symmetric k×k matrix g, by cyclic Jacobi
// rotations; g is overwritten.
func jacobiEigen(g []float64, k int) ([]float64, []float64) {
	v := make([]float64, k*k)
	for i := range k {
		v[i*k+i] = 1
	}
	for sweep := 0; sweep < 100; sweep++ {
		var off float64
		for p := range k {
			for q := p + 1; q < k; q++ {
				off += g[p*k+q] * g[p*k+q]
			}
		}
		if off < 1e-22 {
			break
		}
		for p := range k {
			for q := p + 1; q < k; q++ {
				if g[p*k+q] == 0 {
					continue
				}
				theta := (g[q*k+q] - g[p*k+p]) / (2 * g[p*k+q])
				t := 1 / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				if theta < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for r := range k {
					gp, gq := g[r*k+p], g[r*k+q]
					g[r*k+p], g[r*k+q] = c*gp-s*gq, s*gp+c*gq
				}
				for r := range k {
					gp, gq := g[p*k+r], g[q*k+r]
					g[p*k+r], g[q*k+r] = c*gp-s*gq, s*gp+c*gq
				}
				for r := range k {
					vp, vq := v[r*k+p], v[r*k+q]
					v[r*k+p], v[r*k+q] = c*vp-s*vq, s*vp+c*vq
				}
			}
		}
	}
	vals := make([]float64, k)
	for i := range k {
		vals[i] = g[i*k+i]
	}
	return vals, v
}

// TestTrainVectors learns the word vectors from the corpus letters that no
// labelled set holds and, with -vectors, writes them to vectors.bin (make
// vectors); without, it checks that vectors.bin is what the corpus gives.
// It skips without the corpus (a clone without ../shared), under -short
// and off amd64.
func TestTrainVectors(t *testing.T) {
	if (testing.Short() || raceEnabled) && !*vectorsFlag {
		t.Skip("learning the vectors reads the whole corpus")
	}
	sens, read, excluded := corpusSentences(t, *vectorsCorpus)
	f := trainVectors(sens)
	b := f.encode()
	t.Logf("%d letters read, %d labelled left out; %d distinct sentences, %d words; %d words kept, %d dimensions, %d bytes",
		read, excluded, len(sens), f.total, len(f.words), f.dims, len(b))
	if *vectorsFlag {
		if err := os.WriteFile("vectors.bin", b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if runtime.GOARCH != "amd64" {
		t.Skip("vectors.bin is learned on amd64, where floating point does not fuse multiply-adds")
	}
	if !bytes.Equal(b, builtinVectors) {
		t.Errorf("vectors.bin is not what the corpus gives: run make vectors")
	}
}
