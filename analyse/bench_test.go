package analyse

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/parse"
)

// BenchmarkProfile measures the analysis of one parsed letter, rules and
// sentence model; BenchmarkProfileRules the rules alone, so that the
// difference is the model's cost per letter.
func BenchmarkProfile(b *testing.B) {
	benchmarkProfile(b, mustBuiltin(b))
}

// BenchmarkProfileRules measures the analysis of one letter by the rules alone.
func BenchmarkProfileRules(b *testing.B) {
	cb := mustBuiltin(b)
	cb.setModel(nil)
	benchmarkProfile(b, cb)
}

func benchmarkProfile(b *testing.B, cb *Codebook) {
	path := "testdata/letters/liverpool-2025-09-monitoring.txt"
	rec := mustRecord(b, path)
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	for b.Loop() {
		cb.Profile(rec)
	}
}

// BenchmarkProfileDev measures the analysis (rules and sentence model) of
// the letters of the development set (278), read from their records, and
// reports its cost per letter: what a cold run of an analysis command
// spends on each letter beside decoding its record.
func BenchmarkProfileDev(b *testing.B) {
	cb := mustBuiltin(b)
	dev := loadDev(b)
	for b.Loop() {
		for _, dl := range dev {
			cb.Profile(dl.rec)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(dev))/1e6, "ms/letter")
}

// BenchmarkProfileAtLimits measures the analysis of one letter with the
// largest codebooks LoadCodebook accepts: the most themes, and the most
// phrases (in one theme). Their phrases name nothing in the letter, so
// what it measures is what looking for them costs.
func BenchmarkProfileAtLimits(b *testing.B) {
	rec := mustRecord(b, "testdata/letters/liverpool-2025-09-monitoring.txt")
	for _, bb := range limitCodebooks() {
		b.Run(bb.name, func(b *testing.B) {
			cb, err := LoadCodebook("x.yaml", strings.NewReader(bb.src))
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				cb.Profile(rec)
			}
		})
	}
}

// BenchmarkDiffFolder measures parsing, profiling and tracking every
// letter of testdata/letters, as `letters diff testdata/letters` does.
func BenchmarkDiffFolder(b *testing.B) {
	cb := mustBuiltin(b)
	paths, err := filepath.Glob("testdata/letters/*.txt")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no letters: %v", err)
	}
	var size int64
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		size += info.Size()
	}
	b.SetBytes(size)
	for b.Loop() {
		var ps []*Profile
		for _, p := range paths {
			rec, err := parse.File(context.Background(), p)
			if err != nil {
				b.Fatal(err)
			}
			ps = append(ps, cb.Profile(rec))
		}
		Track(ps)
	}
}

// BenchmarkJudge measures one sentence.
func BenchmarkJudge(b *testing.B) {
	cb := mustBuiltin(b)
	s := "Although case supervision is more regular now, the quality of supervision is generally not strong, as most case supervision records are too brief and task-focused."
	for b.Loop() {
		cb.Judge(s)
	}
}

// BenchmarkModel measures the sentence model alone (features and the three
// heads for every sentence and theme) on the letters of the development
// set (278: 248 focused visits and 30 longer JTAI letters), and reports
// its cost per letter.
func BenchmarkModel(b *testing.B) {
	cb := mustBuiltin(b)
	m := cb.sentenceModel()
	cb.setModel(nil)
	var lcs []*letterContext
	for _, dl := range loadDev(b) {
		_, lc := cb.read(dl.rec)
		lcs = append(lcs, lc)
	}
	for b.Loop() {
		for _, lc := range lcs {
			for i := range lc.sens {
				lc.sens[i].base, lc.sens[i].words, lc.sens[i].blank = nil, nil, nil
				lc.sens[i].vec, lc.sens[i].near = nil, nil
			}
			lc.prepare(m.vecs)
			m.score(lc)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lcs))/1e6, "ms/letter")
}
