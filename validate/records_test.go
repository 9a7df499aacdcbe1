package validate_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
	"github.com/ofsted-letters/letters/validate"
)

var corpus = flag.String("corpus", "", "folder of PDF letters to parse through pdftotext and validate")

// parsedLetters parses every letter in testdata/letters.
func parsedLetters(t testing.TB) map[string]*record.Record {
	t.Helper()
	recs := map[string]*record.Record{}
	for _, in := range mustGlob(t, "../testdata/letters/*") {
		rec, err := parse.File(context.Background(), in)
		if err != nil {
			t.Fatalf("parse %s: %v", in, err)
		}
		recs[in] = rec
	}
	return recs
}

// encode returns the YAML of a record as letters parse writes it.
func encode(t testing.TB, rec *record.Record) []byte {
	t.Helper()
	data, err := record.EncodeYAML(rec)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestParsedRecordsValidate checks the property that every record that
// letters parse writes, from every letter in testdata, validates: alone,
// and all together as one stream (the rules across records).
func TestParsedRecordsValidate(t *testing.T) {
	v := newValidator(t)
	var stream bytes.Buffer
	n := 0
	for in, rec := range parsedLetters(t) {
		data := encode(t, rec)
		if ps := v.File(in, data); len(ps) > 0 {
			t.Errorf("the record letters parse writes for %s is invalid:\n%s", in, lines(ps))
		}
		stream.WriteString("---\n")
		stream.Write(data)
		n++
	}
	rep := v.Check([]string{"-"}, validate.Options{Stdin: &stream})
	if rep.Records != n || !rep.OK() {
		t.Errorf("%d records together: %d problems:\n%s", rep.Records, len(rep.Problems), lines(rep.Problems))
	}
}

// TestGoldenRecordsValidate checks the records committed as golden files
// of the parser, which are what users keep in their repositories. The
// goldens hold one letter several times (as text, and as PDF rendered at
// several sizes): those are one visit, which the rule duplicate-visit
// reports by design, naming a record of the same letter.
func TestGoldenRecordsValidate(t *testing.T) {
	v := newValidator(t)
	rep := v.Check([]string{"../testdata/golden"}, validate.Options{})
	var others []validate.Problem
	sameVisit := 0
	for _, p := range rep.Problems {
		letter, _, _ := strings.Cut(filepath.Base(p.File), ".")
		if p.Rule == validate.RuleSameVisit && strings.Contains(p.Message, "/"+letter+".") {
			sameVisit++
			continue
		}
		others = append(others, p)
	}
	if rep.Records == 0 || len(others) > 0 {
		t.Errorf("%d golden records: %d problems:\n%s", rep.Records, len(others), lines(others))
	}
	if sameVisit == 0 {
		t.Errorf("no duplicate-visit among renderings of one letter")
	}
}

// TestRecordRoundTrip checks that a record survives YAML → record.Record →
// YAML byte for byte, for the records parse writes now and for the golden
// records on disk, so that reading and rewriting a corpus changes nothing.
func TestRecordRoundTrip(t *testing.T) {
	inputs := map[string][]byte{}
	for in, rec := range parsedLetters(t) {
		inputs["parsed "+filepath.Base(in)] = encode(t, rec)
	}
	for _, g := range mustGlob(t, "../testdata/golden/*.yaml") {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		inputs["golden "+filepath.Base(g)] = data
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			recs, err := record.Decode(name, data)
			if err != nil || len(recs) != 1 {
				t.Fatalf("Decode: %d records, %v", len(recs), err)
			}
			again := encode(t, recs[0])
			if diff := cmp.Diff(string(data), string(again)); diff != "" {
				t.Errorf("YAML → record → YAML changed the bytes (-before +after):\n%s", diff)
			}
		})
	}
}

// TestCorpusRecords parses every PDF of a corpus through pdftotext and
// validates all the records together. Problems of shape (rules yaml,
// schema, unknown-field) fail: the parser must always write records that
// fit the schema. Problems of meaning are logged, not failed: they can be
// mistakes in the letters themselves, such as a letter dated a year
// before its visit. It runs only when -corpus names a folder.
func TestCorpusRecords(t *testing.T) {
	if *corpus == "" {
		t.Skip("no -corpus folder given: run `go test ./validate -run Corpus -corpus ../../shared/corpus/focused-visits` where the shared corpus exists")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (Debian: poppler-utils)")
	}
	pdfs := mustGlob(t, filepath.Join(*corpus, "*.pdf"))
	records := make([][]byte, len(pdfs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, pdf := range pdfs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			text, err := exec.Command("pdftotext", pdf, "-").Output()
			if err != nil {
				t.Errorf("pdftotext %s: %v", pdf, err)
				return
			}
			rec, err := parse.Text(context.Background(), pdf, bytes.NewReader(text))
			if err != nil {
				t.Logf("not parsed: %v", err)
				return
			}
			records[i] = encode(t, rec)
		})
	}
	wg.Wait()
	var stream bytes.Buffer
	var names []string // of the documents in the stream
	for i, r := range records {
		if r != nil {
			stream.WriteString("---\n")
			stream.Write(r)
			names = append(names, filepath.Base(pdfs[i]))
		}
	}
	v := newValidator(t)
	rep := v.Check([]string{"-"}, validate.Options{Stdin: &stream})
	byRule := map[string]int{}
	for _, p := range rep.Problems {
		byRule[p.Rule]++
		where := names[max(p.Document, 1)-1]
		switch p.Rule {
		case validate.RuleYAML, validate.RuleSchema, validate.RuleUnknownField:
			t.Errorf("record of %s: %s", where, p.Message)
		default:
			t.Logf("record of %s: %s", where, p.Message)
		}
	}
	t.Logf("%d PDFs, %d records, %d invalid; problems by rule: %s", len(pdfs), rep.Records, rep.Invalid, fmt.Sprint(byRule))
}

// BenchmarkValidate10k validates 10,000 records, one a file, made in the
// benchmark's temporary folder from the records that letters parse writes
// for the letters in testdata (about 20 KB each), each with its own
// source hash and authority so that the corpus is valid.
func BenchmarkValidate10k(b *testing.B) {
	const n = 10000
	recs := parsedLetters(b)
	var seeds []*record.Record
	for _, in := range mustGlob(b, "../testdata/letters/*") {
		seeds = append(seeds, recs[in])
	}
	dir := b.TempDir()
	var size int64
	for i := range n {
		rec := *seeds[i%len(seeds)]
		rec.Source.SHA256 = fmt.Sprintf("%064x", i)
		rec.Visit.AuthorityKey = fmt.Sprintf("%s-%d", rec.Visit.AuthorityKey, i)
		data := encode(b, &rec)
		size += int64(len(data))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%05d.yaml", i)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	v := newValidator(b)
	b.SetBytes(size)
	b.ReportMetric(float64(size)/n, "bytes/record")
	b.ResetTimer()
	for b.Loop() {
		rep := v.Check([]string{dir}, validate.Options{})
		if rep.Records != n || !rep.OK() {
			b.Fatalf("%d records, %d problems:\n%s", rep.Records, len(rep.Problems), lines(rep.Problems[:min(5, len(rep.Problems))]))
		}
	}
}
