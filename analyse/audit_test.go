package analyse

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// Flags of TestTermAudit (make audit TERM='...').
var (
	auditTerm   = flag.String("term", "", "TestTermAudit: list a random sample of this codebook phrase's hits in the corpus")
	auditSample = flag.Int("sample", 20, "TestTermAudit: how many hits to list")
	auditCorpus = flag.String("audit-corpus", "../../shared/corpus/focused-visits", "TestTermAudit, TestPhraseHits: the folder of letters (PDF) or of their records (YAML, as letters parse --out-dir writes them, which is faster) to search")
	phraseHits  = flag.Int("phrase-hits", -1, "TestPhraseHits: list the codebook's phrases with at most this many hits in the corpus")
)

// A letterProfile is one corpus letter's profile, by the letter's base name.
type letterProfile struct {
	name string
	p    *Profile
}

// auditProfiles profiles every letter of -audit-corpus with cb, in file
// name order, and returns them with the number of letters found; it skips
// the test when there are none. The folder may hold the letters as PDF or
// as records.
func auditProfiles(t *testing.T, cb *Codebook) ([]letterProfile, int) {
	t.Helper()
	pdfs, _ := filepath.Glob(filepath.Join(*auditCorpus, "*.pdf"))
	records, _ := filepath.Glob(filepath.Join(*auditCorpus, "*.yaml"))
	var out []letterProfile
	for _, path := range pdfs {
		rec, err := parse.File(context.Background(), path)
		if err != nil {
			continue
		}
		out = append(out, letterProfile{strings.TrimSuffix(filepath.Base(path), ".pdf"), cb.Profile(rec)})
	}
	for _, path := range records {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		recs, err := record.Decode(path, data)
		if err != nil || len(recs) != 1 {
			continue // index files and the like
		}
		out = append(out, letterProfile{strings.TrimSuffix(filepath.Base(path), ".yaml"), cb.Profile(recs[0])})
	}
	if len(out) == 0 {
		t.Skipf("no letters in %s", *auditCorpus)
	}
	return out, len(pdfs) + len(records)
}

// TestTermAudit lists a random sample of the findings sentences of the
// corpus that a codebook phrase matches, with the themes the analyser
// gives each, so that a person can judge the phrase's precision before it
// becomes a term (keep the figure in a comment of codebook.yaml). The
// sample is drawn by a hash of the sentence, so it is the same each run.
// It runs only with -term; it skips without the corpus.
func TestTermAudit(t *testing.T) {
	if *auditTerm == "" {
		t.Skip("give -term PHRASE")
	}
	pat, err := compilePattern(*auditTerm)
	if err != nil {
		t.Fatalf("-term %q: %v", *auditTerm, err)
	}
	cb := mustBuiltin(t)
	profiles, total := auditProfiles(t, cb)
	type hit struct {
		key          uint64
		letter, text string
		themes       []string
	}
	var hits []hit
	letters := map[string]bool{}
	for _, lp := range profiles {
		for _, s := range lp.p.Sentences {
			toks := tokenize(s.Text)
			found := false
			for i := range toks {
				if _, ok := pat.matchAt(toks, i); ok {
					found = true
					break
				}
			}
			if !found {
				continue
			}
			var themes []string
			for _, m := range s.Themes {
				themes = append(themes, m.Theme+":"+string(m.Polarity))
			}
			letters[lp.name] = true
			hits = append(hits, hit{mix(hashString(s.Text), 0), lp.name, s.Text, themes})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	var b strings.Builder
	fmt.Fprintf(&b, "%q: %d findings sentences in %d of %d letters; a sample of %d:\n", *auditTerm, len(hits), len(letters), total, min(*auditSample, len(hits)))
	for i, h := range hits[:min(*auditSample, len(hits))] {
		fmt.Fprintf(&b, "%2d. [%s] %s\n    themes: %s\n", i+1, h.letter, h.text, strings.Join(h.themes, " "))
	}
	fmt.Fprint(os.Stdout, b.String())
}

// TestPhraseHits lists every phrase of the built-in codebook (theme terms,
// weak and not phrases, and the polarity lexicon) that matches at most
// -phrase-hits findings sentences of the corpus, with its count: a phrase
// that matches one sentence of the letters it was tuned on and nothing
// else is a patch, not a rule (make phrase-hits). It runs only with
// -phrase-hits; it skips without the corpus.
func TestPhraseHits(t *testing.T) {
	if *phraseHits < 0 {
		t.Skip("give -phrase-hits N")
	}
	cb := mustBuiltin(t)
	profiles, _ := auditProfiles(t, cb)
	var sentences [][]token
	for _, lp := range profiles {
		for _, s := range lp.p.Sentences {
			sentences = append(sentences, tokenize(s.Text))
		}
	}
	var b strings.Builder
	list := func(where string, phrases []Phrase) {
		for _, ph := range phrases {
			pat, err := compilePattern(ph.Text)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, toks := range sentences {
				for i := range toks {
					if _, ok := pat.matchAt(toks, i); ok {
						n++
						break
					}
				}
			}
			if n <= *phraseHits {
				fmt.Fprintf(&b, "%3d  %-36s %s (line %d)\n", n, where, ph.Text, ph.Line)
			}
		}
	}
	for _, th := range cb.Themes {
		list(th.ID+" terms", th.Terms)
		list(th.ID+" weak", th.Weak)
		list(th.ID+" not", th.Not)
	}
	list("positive", cb.Polarity.Positive)
	list("negative", cb.Polarity.Negative)
	list("burden", cb.Polarity.Burden)
	list("neutral", cb.Polarity.Neutral)
	fmt.Fprint(os.Stdout, b.String())
}
