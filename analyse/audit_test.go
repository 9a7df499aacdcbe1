package analyse

import (
	"cmp"
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
	auditTerm   = flag.String("term", "", "TestTermAudit: list a random sample of this codebook phrase's hits in the corpus (several phrases: separate them with ';')")
	auditSample = flag.Int("sample", 20, "TestTermAudit: how many hits to list")
	auditCorpus = flag.String("audit-corpus", "../../shared/corpus/focused-visits", "TestTermAudit, TestPhraseHits: the folder of letters (PDF) or of their records (YAML, as letters parse --out-dir writes them, which is faster) to search")
	phraseHits  = flag.Int("phrase-hits", -1, "TestPhraseHits: list the codebook's phrases with at most this many hits in the corpus")
	phraseMost  = flag.Int("phrase-most", 0, "TestPhraseMost: list this many of the codebook's multi-word theme terms with the most hits in the corpus")
)

// labelledDirs hold the records of every letter that is labelled by hand
// (scored or tuned on): the development set (devDirs), the held-out sets
// (heldOutSets) and the rules' tuning labels. The audits and the word
// vectors leave them out, so that a precision measured on the corpus is
// measured on letters nobody scores; a folder that joins either set is
// left out with it.
var labelledDirs = func() []string {
	var out []string
	for _, dir := range devDirs {
		out = append(out, dir+"/records")
	}
	for _, set := range heldOutSets {
		out = append(out, set.dir+"/records")
	}
	return append(out, "testdata/labels")
}()

// labelledLetters returns the base names (<authority>_<date>) of the
// labelled letters, and the authority keys and letter dates (see
// letterKey) of those kept as records, by which a corpus letter named
// otherwise is known too.
func labelledLetters(t testing.TB) (names, keys map[string]bool) {
	t.Helper()
	names, keys = map[string]bool{}, map[string]bool{}
	for _, dir := range labelledDirs {
		paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil || len(paths) == 0 {
			t.Fatalf("no labelled letters in %s", dir)
		}
		for _, path := range paths {
			names[strings.TrimSuffix(filepath.Base(path), ".yaml")] = true
			if !strings.HasSuffix(dir, "records") {
				continue
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			recs, err := record.Decode(path, data)
			if err != nil || len(recs) != 1 {
				t.Fatalf("%s: %v", path, err)
			}
			keys[letterKey(recs[0])] = true
		}
	}
	return names, keys
}

// letterKey names a letter by its authority and date.
func letterKey(rec *record.Record) string {
	return rec.Visit.AuthorityKey + "_" + rec.Letter.Date
}

// A letterProfile is one corpus letter's profile, by the letter's base name.
type letterProfile struct {
	name string
	p    *Profile
}

// auditProfiles profiles every letter of -audit-corpus that no labelled
// set holds with cb, in file name order, and returns them with the number
// of letters audited; it skips the test when there are none. The folder
// may hold the letters as PDF or as records.
func auditProfiles(t *testing.T, cb *Codebook) ([]letterProfile, int) {
	t.Helper()
	letters, _ := unlabelledCorpus(t, *auditCorpus)
	if len(letters) == 0 {
		t.Skipf("no letters in %s", *auditCorpus)
	}
	out := make([]letterProfile, len(letters))
	for i, cl := range letters {
		out[i] = letterProfile{cl.name, cb.Profile(cl.rec)}
	}
	return out, len(out)
}

// A corpusLetter is one letter of a corpus folder, by its file's base name.
type corpusLetter struct {
	name string
	rec  *record.Record
}

// unlabelledCorpus reads every letter of a folder that holds the letters
// as PDF or as records (YAML, as letters parse --out-dir writes them) and
// that no labelled set holds (see labelledLetters), in file name order
// (the PDFs first); a file that does not read as one letter is left out.
// It returns them with the number of labelled letters left out.
func unlabelledCorpus(t testing.TB, dir string) ([]corpusLetter, int) {
	t.Helper()
	names, keys := labelledLetters(t)
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	records, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	var out []corpusLetter
	excluded := 0
	keep := func(name string, rec *record.Record) {
		if names[name] || keys[letterKey(rec)] {
			excluded++
			return
		}
		out = append(out, corpusLetter{name, rec})
	}
	for _, path := range pdfs {
		rec, err := parse.File(context.Background(), path)
		if err != nil {
			continue
		}
		keep(strings.TrimSuffix(filepath.Base(path), ".pdf"), rec)
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
		keep(strings.TrimSuffix(filepath.Base(path), ".yaml"), recs[0])
	}
	return out, excluded
}

// TestTermAudit lists a random sample of the findings sentences of the
// unlabelled corpus letters that a codebook phrase matches, with the
// themes the analyser gives each, so that a person can judge the phrase's
// precision before it becomes a term (keep the figure in a comment of
// codebook.yaml). The sample is drawn by a hash of the sentence, so it is
// the same each run. -term may name several phrases separated by ';',
// each sampled alone. It runs only with -term; it skips without the corpus.
func TestTermAudit(t *testing.T) {
	if *auditTerm == "" {
		t.Skip("give -term PHRASE")
	}
	var pats []pattern
	for _, src := range strings.Split(*auditTerm, ";") {
		pat, err := compilePattern(strings.TrimSpace(src))
		if err != nil {
			t.Fatalf("-term %q: %v", src, err)
		}
		pats = append(pats, pat)
	}
	cb := mustBuiltin(t)
	profiles, total := auditProfiles(t, cb)
	var b strings.Builder
	for _, pat := range pats {
		auditPattern(&b, pat, profiles, total)
	}
	fmt.Fprint(os.Stdout, b.String())
}

// auditPattern writes to b a sample of -sample of the findings sentences
// of profiles that pat matches, drawn by a hash of the sentence.
func auditPattern(b *strings.Builder, pat pattern, profiles []letterProfile, total int) {
	type hit struct {
		key          uint64
		letter, text string
		themes       []string
	}
	var hits []hit
	letters := map[string]bool{}
	for _, lp := range profiles {
		for _, s := range lp.p.Sentences {
			if !matchesSentence(pat, tokenize(s.Text)) {
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
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Compare(a.key, b.key) })
	fmt.Fprintf(b, "%q: %d findings sentences in %d of %d unlabelled letters; a sample of %d:\n", pat.src, len(hits), len(letters), total, min(*auditSample, len(hits)))
	for i, h := range hits[:min(*auditSample, len(hits))] {
		fmt.Fprintf(b, "%2d. [%s] %s\n    themes: %s\n", i+1, h.letter, h.text, strings.Join(h.themes, " "))
	}
}

// auditSentences are the words of every findings sentence of the
// unlabelled corpus letters, profiled with cb.
func auditSentences(t *testing.T, cb *Codebook) [][]token {
	t.Helper()
	profiles, _ := auditProfiles(t, cb)
	var sentences [][]token
	for _, lp := range profiles {
		for _, s := range lp.p.Sentences {
			sentences = append(sentences, tokenize(s.Text))
		}
	}
	return sentences
}

// countHits is the number of sentences that pat matches.
func countHits(pat pattern, sentences [][]token) int {
	n := 0
	for _, toks := range sentences {
		if matchesSentence(pat, toks) {
			n++
		}
	}
	return n
}

// matchesSentence reports whether pat matches anywhere in toks.
func matchesSentence(pat pattern, toks []token) bool {
	for i := range toks {
		if _, ok := pat.matchAt(toks, i); ok {
			return true
		}
	}
	return false
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
	sentences := auditSentences(t, cb)
	var b strings.Builder
	list := func(where string, phrases []Phrase) {
		for _, ph := range phrases {
			pat, err := compilePattern(ph.Text)
			if err != nil {
				t.Fatal(err)
			}
			n := countHits(pat, sentences)
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

// TestPhraseMost lists the -phrase-most theme terms of more than one word
// with the most hits in the findings of the unlabelled corpus letters, with
// their counts: the phrases whose precision matters most, to audit with
// make audit (make phrase-most). It runs only with -phrase-most; it skips
// without the corpus.
func TestPhraseMost(t *testing.T) {
	if *phraseMost <= 0 {
		t.Skip("give -phrase-most N")
	}
	cb := mustBuiltin(t)
	sentences := auditSentences(t, cb)
	type count struct {
		theme string
		ph    Phrase
		n     int
	}
	var counts []count
	for _, th := range cb.Themes {
		for _, ph := range th.Terms {
			if len(strings.Fields(ph.Text)) < 2 {
				continue
			}
			pat, err := compilePattern(ph.Text)
			if err != nil {
				t.Fatal(err)
			}
			counts = append(counts, count{th.ID, ph, countHits(pat, sentences)})
		}
	}
	slices.SortStableFunc(counts, func(a, b count) int { return cmp.Compare(b.n, a.n) })
	var b strings.Builder
	for _, c := range counts[:min(*phraseMost, len(counts))] {
		fmt.Fprintf(&b, "%4d  %-22s %s (line %d)\n", c.n, c.theme, c.ph.Text, c.ph.Line)
	}
	fmt.Fprint(os.Stdout, b.String())
}
