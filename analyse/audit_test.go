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
)

// Flags of TestTermAudit (make audit TERM='...').
var (
	auditTerm   = flag.String("term", "", "TestTermAudit: list a random sample of this codebook phrase's hits in the corpus")
	auditSample = flag.Int("sample", 20, "TestTermAudit: how many hits to list")
	auditCorpus = flag.String("audit-corpus", "../../shared/corpus/focused-visits", "TestTermAudit: the folder of letters to search")
)

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
	paths, _ := filepath.Glob(filepath.Join(*auditCorpus, "*.pdf"))
	if len(paths) == 0 {
		t.Skipf("no letters in %s", *auditCorpus)
	}
	cb := mustBuiltin(t)
	type hit struct {
		key          uint64
		letter, text string
		themes       []string
	}
	var hits []hit
	letters := map[string]bool{}
	for _, path := range paths {
		rec, err := parse.File(context.Background(), path)
		if err != nil {
			continue
		}
		p := cb.Profile(rec)
		for _, s := range p.Sentences {
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
			name := strings.TrimSuffix(filepath.Base(path), ".pdf")
			letters[name] = true
			hits = append(hits, hit{mix(hashString(s.Text), 0), name, s.Text, themes})
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
	fmt.Fprintf(&b, "%q: %d findings sentences in %d of %d letters; a sample of %d:\n", *auditTerm, len(hits), len(letters), len(paths), min(*auditSample, len(hits)))
	for i, h := range hits[:min(*auditSample, len(hits))] {
		fmt.Fprintf(&b, "%2d. [%s] %s\n    themes: %s\n", i+1, h.letter, h.text, strings.Join(h.themes, " "))
	}
	fmt.Fprint(os.Stdout, b.String())
}
