package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/analyse"
)

// The README quotes what letters computes over the focused-visit corpus
// with the shipped theme model; every retraining of analyse/model.bin
// moves those figures. TestReadmeCorpus runs the commands again and
// compares; `go test ./cmd -run ReadmeCorpus -update` (make readme-corpus)
// writes the figures back into README.md, for review with git diff.
const (
	// readmePath is the README, from this package's folder.
	readmePath = "../README.md"
	// readmeCorpus is the corpus folder as the README's commands name it,
	// from the repository's root.
	readmeCorpus = "../shared/corpus/focused-visits"
	// corpusFiguresMarker opens the comment before a fenced block whose
	// first line is `$ letters ARGS` and the rest that command's output.
	corpusFiguresMarker = "<!-- corpus-figures"
)

// readmeClaim is a figure or two that the README's prose quotes from the
// corpus's summaries.
type readmeClaim struct {
	// pattern finds the claim in the README: a regexp with one group per
	// figure, in which a space matches any run of spaces and line ends.
	pattern string
	// args are those of the letters summary (-o json, over the corpus)
	// that the figures come from.
	args []string
	// figures gives the figures that the groups of pattern should hold.
	figures func(analyse.Summary) []string
}

// themeSummary returns the summary of the theme id in sum, or a zero one.
func themeSummary(sum analyse.Summary, id string) analyse.ThemeSummary {
	for _, t := range sum.Themes {
		if t.Theme == id {
			return t
		}
	}
	return analyse.ThemeSummary{}
}

// itoas formats ns as decimal strings.
func itoas(ns ...int) []string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return s
}

var (
	anyNegative  = []string{"summary", "-o", "json"}
	halfNegative = []string{"summary", "-o", "json", "--sort", "recurring", "--concern-share", "0.5"}
)

// readmeClaims are the figures of "A research question in two commands"
// that its prose takes from the tables above it.
var readmeClaims = []readmeClaim{
	{`strengths, in (\d+) of the (\d+) letters`, anyNegative, func(s analyse.Summary) []string {
		return itoas(themeSummary(s, "supervision-oversight").Letters.Counted, s.Letters)
	}},
	{`than once, (\d+) saw it recur`, anyNegative, func(s analyse.Summary) []string {
		return itoas(themeSummary(s, "supervision-oversight").AuthoritiesRecurring)
	}},
	{`(\d+) of the (\d+) authorities then have a recurring concern`, anyNegative, func(s analyse.Summary) []string {
		return itoas(s.RevisitedRecurring, s.Revisited)
	}},
	{`negative, (\d+) of the (\d+) authorities have a recurring concern`, halfNegative, func(s analyse.Summary) []string {
		return itoas(s.RevisitedRecurring, s.Revisited)
	}},
	{`supervision and oversight \((\d+) authorities\), planning \((\d+)\) and assessments \((\d+)\) are the concerns that recur most`, halfNegative, func(s analyse.Summary) []string {
		top := []string{"supervision-oversight", "planning", "assessment-quality"}
		var got []string
		for _, t := range s.Themes[:min(len(top), len(s.Themes))] {
			got = append(got, t.Theme)
		}
		if !slices.Equal(got, top) {
			return []string{"the three that recur most are " + strings.Join(got, ", ")}
		}
		return itoas(s.Themes[0].AuthoritiesRecurring, s.Themes[1].AuthoritiesRecurring, s.Themes[2].AuthoritiesRecurring)
	}},
}

// exportClaim finds the figures of letters export over the corpus in the
// README (`letters export` section), with a thousands comma.
var exportClaim = regexp.MustCompile(`\((\d[\d,]*)\s+coded\s+sentences,\s+(\d[\d,]*)\s+codings,`)

// exportCounts matches the line letters export ends with on stderr.
var exportCounts = regexp.MustCompile(`(\d+) coded sentences, (\d+) codings`)

// belowClaim finds what themes --below keeps over the corpus in the
// README ("Statuses and outcomes"): the statuses kept, of how many, and
// the letters left with none, with a thousands comma.
var belowClaim = regexp.MustCompile(`\x60--below\s+0\.7\x60\s+keeps\s+(\d[\d,]*)\s+of\s+their\s+(\d[\d,]*)\s+statuses,\s+and\s+(\d[\d,]*)\s+letters\s+have\s+none`)

// statusCounts returns the statuses of the profiles that letters themes
// -o json wrote, one a line, and the profiles with none.
func statusCounts(t *testing.T, out string) (statuses, none int) {
	t.Helper()
	for line := range strings.Lines(out) {
		var p analyse.Profile
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("letters themes -o json: %v", err)
		}
		statuses += len(p.Themes)
		if len(p.Themes) == 0 {
			none++
		}
	}
	return statuses, none
}

// thousands writes n with a comma between groups of three digits.
func thousands(n string) string {
	for i := len(n) - 3; i > 0; i -= 3 {
		n = n[:i] + "," + n[i:]
	}
	return n
}

// A readmeEdit is a span of the README that the test found and what the
// corpus gives in its place.
type readmeEdit struct {
	start, end int
	what, got  string
}

// TestReadmeCorpus checks the figures that the README quotes from the
// focused-visit corpus: each fenced block after a corpus-figures comment
// is the output of its `$ letters ...` line, and each of readmeClaims,
// the export's counts and what themes --below keeps (belowClaim) are what
// the corpus gives. It parses the corpus once
// into a temporary folder and runs the commands over the records (the same
// output as over the PDFs). Without ../shared (CI), or under -short, it
// is skipped. With -update it writes the README's figures.
func TestReadmeCorpus(t *testing.T) {
	corpus := filepath.Join("..", readmeCorpus)
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("no corpus: %v", err)
	}
	if testing.Short() {
		t.Skip("parses 344 letters: skipped under -short")
	}
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	records := t.TempDir()
	parseInto(t, records, corpus)
	letters := func(args ...string) (string, string) {
		t.Helper()
		args = slices.Clone(args)
		for i, a := range args {
			if a == readmeCorpus {
				args[i] = records
			}
		}
		code, out, errs := run(t, "", args...)
		if code != exitOK {
			t.Fatalf("letters %s: exit %d: %s", strings.Join(args, " "), code, errs)
		}
		return out, errs
	}

	var edits []readmeEdit
	for _, b := range corpusFigureBlocks(t, readme) {
		out, _ := letters(b.args...)
		edits = append(edits, readmeEdit{b.start, b.end, "the output of " + b.command, out})
	}
	for _, c := range readmeClaims {
		out, _ := letters(append(c.args, readmeCorpus)...)
		var sum analyse.Summary
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatalf("letters %v: %v", c.args, err)
		}
		edits = append(edits, claimEdits(t, readme, regexp.MustCompile(strings.ReplaceAll(c.pattern, " ", `\s+`)), c.figures(sum))...)
	}
	_, errs := letters("export", "--qdpx", filepath.Join(t.TempDir(), "corpus.qdpx"), readmeCorpus)
	m := exportCounts.FindStringSubmatch(errs)
	if m == nil {
		t.Fatalf("letters export: no counts in %q", errs)
	}
	edits = append(edits, claimEdits(t, readme, exportClaim, []string{thousands(m[1]), thousands(m[2])})...)
	all, _ := letters("themes", "-o", "json", readmeCorpus)
	below, _ := letters("themes", "-o", "json", "--below", "0.7", readmeCorpus)
	total, _ := statusCounts(t, all)
	kept, none := statusCounts(t, below)
	edits = append(edits, claimEdits(t, readme, belowClaim, []string{thousands(strconv.Itoa(kept)), thousands(strconv.Itoa(total)), thousands(strconv.Itoa(none))})...)

	var stale []readmeEdit
	for _, e := range edits {
		if readme[e.start:e.end] != e.got {
			stale = append(stale, e)
		}
	}
	if *update {
		slices.SortFunc(stale, func(a, b readmeEdit) int { return b.start - a.start })
		for _, e := range stale {
			readme = readme[:e.start] + e.got + readme[e.end:]
		}
		if err := os.WriteFile(readmePath, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, e := range stale {
		i, says, gives := firstDiff(readme[e.start:e.end], e.got)
		t.Errorf("README.md:%d: %s: README says %q, letters gives %q (go test ./cmd -run ReadmeCorpus -update writes it)",
			1+strings.Count(readme[:e.start], "\n")+i, e.what, says, gives)
	}
}

// A figureBlock is the output of a command that the README shows after a
// corpus-figures comment: readme[start:end], after the block's
// `$ letters ...` line.
type figureBlock struct {
	command    string
	args       []string
	start, end int
}

// corpusFigureBlocks finds the blocks after a corpus-figures comment in
// readme, and fails the test when there are none or one is not a fenced
// block opening with `$ letters `.
func corpusFigureBlocks(t *testing.T, readme string) []figureBlock {
	t.Helper()
	var blocks []figureBlock
	for off := 0; ; {
		i := strings.Index(readme[off:], corpusFiguresMarker)
		if i < 0 {
			break
		}
		i += off
		line := 1 + strings.Count(readme[:i], "\n")
		rest := readme[i:]
		open := strings.Index(rest, "-->\n```\n$ letters ")
		if open < 0 || strings.Contains(rest[:open], "\n") {
			t.Fatalf("README.md:%d: a corpus-figures comment must stand just before a ``` block opening with `$ letters `", line)
		}
		cmdStart := i + open + len("-->\n```\n")
		cmdEnd := cmdStart + strings.Index(readme[cmdStart:], "\n")
		end := strings.Index(readme[cmdEnd:], "\n```\n")
		if end < 0 {
			t.Fatalf("README.md:%d: the block after the corpus-figures comment does not end", line)
		}
		command := readme[cmdStart+len("$ ") : cmdEnd]
		blocks = append(blocks, figureBlock{command, strings.Fields(command)[1:], cmdEnd + 1, cmdEnd + end + 1})
		off = cmdEnd + end
	}
	if len(blocks) == 0 {
		t.Fatalf("%s: no %s comment", readmePath, corpusFiguresMarker)
	}
	return blocks
}

// claimEdits finds re in readme once, and returns an edit per group whose
// text should be the figure of the same rank; it fails the test when re
// is not in readme once.
func claimEdits(t *testing.T, readme string, re *regexp.Regexp, figures []string) []readmeEdit {
	t.Helper()
	ms := re.FindAllStringSubmatchIndex(readme, -1)
	if len(ms) != 1 {
		t.Fatalf("%s: %d matches of %q, want 1", readmePath, len(ms), re)
	}
	m := ms[0]
	if len(figures) != len(m)/2-1 {
		t.Errorf("README.md:%d: %q: %s", 1+strings.Count(readme[:m[0]], "\n"), readme[m[0]:m[1]], strings.Join(figures, " "))
		return nil
	}
	var edits []readmeEdit
	for g, f := range figures {
		s, e := m[2+2*g], m[3+2*g]
		edits = append(edits, readmeEdit{s, e, fmt.Sprintf("figure %d of %q", g+1, strings.Join(strings.Fields(readme[m[0]:m[1]]), " ")), f})
	}
	return edits
}

// firstDiff returns the first line, counted from 0, on which a and b
// differ, and that line of each ("" past its end).
func firstDiff(a, b string) (int, string, string) {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return i, x, y
		}
	}
	return 0, a, b
}
