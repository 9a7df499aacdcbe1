package analyse

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBuiltinDefinesCoreThemes(t *testing.T) {
	cb := mustBuiltin(t)
	for _, id := range CoreThemes() {
		if !cb.Has(id) {
			t.Errorf("built-in codebook lacks core theme %s", id)
		}
	}
	if got, want := cb.ThemeIDs()[:len(CoreThemes())], CoreThemes(); !cmp.Equal(got, want) {
		t.Errorf("built-in codebook does not list the core themes first, in themes.md order: %v", got)
	}
}

func TestLoadCodebook(t *testing.T) {
	cases := []struct {
		name    string
		src     string
		wantErr string // substring; "" means success
		check   func(t *testing.T, cb *Codebook)
	}{
		{
			name: "extend adds a theme",
			src:  "format: 1\nthemes:\n  - id: neglect\n    label: Neglect\n    terms: [neglect*, graded care profile]\n",
			check: func(t *testing.T, cb *Codebook) {
				if !cb.Has("neglect") || !cb.Has(ThemePlanning) {
					t.Errorf("themes %v: want neglect added to the built-in ones", cb.ThemeIDs())
				}
				if got := cb.Judge("Neglect is recognised promptly.").ThemeIDs(); !cmp.Equal(got, []string{"neglect"}) {
					t.Errorf("neglect sentence tagged %v", got)
				}
			},
		},
		{
			name: "extend adds phrases to a core theme",
			src:  "format: 1\nthemes:\n  - id: lado\n    terms: [position of responsibility]\n",
			check: func(t *testing.T, cb *Codebook) {
				if got := cb.Judge("Concerns about a position of responsibility are handled well.").ThemeIDs(); !cmp.Equal(got, []string{ThemeLADO}) {
					t.Errorf("tagged %v, want lado", got)
				}
			},
		},
		{
			name: "extend adds judging words",
			src:  "format: 1\npolarity:\n  negative: [sluggish]\n",
			check: func(t *testing.T, cb *Codebook) {
				if got := cb.Judge("Referrals are sluggish.").Polarity; got != Negative {
					t.Errorf("polarity %s, want negative", got)
				}
			},
		},
		{
			name:    "replace must keep the core themes",
			src:     "format: 1\nmode: replace\nthemes:\n  - id: neglect\n    terms: [neglect]\n",
			wantErr: "codebook lacks a core theme: front-door",
		},
		{name: "wrong format", src: "format: 2\n", wantErr: "format 2"},
		{name: "unknown key", src: "format: 1\nthemez: []\n", wantErr: "themez"},
		{name: "bad id", src: "format: 1\nthemes:\n  - id: Bad Id\n    terms: [x]\n", wantErr: `theme id "Bad Id"`},
		{name: "duplicate id", src: "format: 1\nthemes:\n  - id: a\n    terms: [x]\n  - id: a\n    terms: [y]\n", wantErr: `theme "a" defined twice`},
		{name: "theme without terms", src: "format: 1\nthemes:\n  - id: a\n", wantErr: `theme "a" has no terms`},
		{name: "bad phrase with its line", src: "format: 1\nthemes:\n  - id: a\n    terms:\n      - ok\n      - bad$word\n", wantErr: "x.yaml:6:"},
		{name: "gap at the start", src: "format: 1\nthemes:\n  - id: a\n    terms: [... x]\n", wantErr: "a gap cannot start"},
		{name: "bad mode", src: "format: 1\nmode: merge\n", wantErr: `mode "merge"`},
		{name: "empty", src: "", wantErr: "empty codebook"},
		{name: "not YAML", src: "format: [1\n", wantErr: "x.yaml"},
		{
			name:    "larger than the limit",
			src:     "format: 1\n" + strings.Repeat("#", MaxCodebookSize),
			wantErr: fmt.Sprintf("x.yaml: codebook larger than %d MiB", MaxCodebookSize>>20),
		},
		{
			name:    "more themes than the limit",
			src:     manyThemes(MaxThemes-len(CoreThemes())+1, 1),
			wantErr: fmt.Sprintf(": more than %d themes", MaxThemes),
		},
		{name: "as many themes as the limit", src: manyThemes(MaxThemes-len(CoreThemes()), 1), check: func(t *testing.T, cb *Codebook) {
			if n := len(cb.ThemeIDs()); n != MaxThemes {
				t.Errorf("%d themes, want %d", n, MaxThemes)
			}
			if cb.Label("theme-0") != "Theme 0" {
				t.Errorf("label %q", cb.Label("theme-0"))
			}
		}},
		{
			name:    "more phrases than the limit",
			src:     manyThemes(1, MaxPhrases),
			wantErr: fmt.Sprintf(": more than %d phrases", MaxPhrases),
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cb, err := LoadCodebook("x.yaml", strings.NewReader(c.src))
			if c.wantErr != "" {
				var ce *CodebookError
				if err == nil || !strings.Contains(err.Error(), c.wantErr) || !errors.As(err, &ce) {
					t.Fatalf("err = %v, want a *CodebookError containing %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, cb)
		})
	}
}

// TestCodebookYAMLError checks that an error in a codebook's YAML is one
// line that names the file and the position once.
func TestCodebookYAMLError(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"syntax", "format: 1\nthemes:\n  - id: [\n", "x.yaml:3: did not find expected node content"},
		{"tab", "format: 1\nthemes:\n\t- id: a\n", "x.yaml:3: found character that cannot start any token"},
		{"wrong type", "format: 1\nthemes: 3\n", "x.yaml:2: cannot unmarshal !!int `3` into []analyse.Theme"},
		{"unknown field", "format: 1\nthemes:\n  - id: a\n    bogus: 1\n", "x.yaml:4: field bogus not found in type analyse.Theme"},
		{
			"two problems", "format: 1\nthemes:\n  - id: a\n    bogus: 1\n    other: 2\n",
			"x.yaml:4: field bogus not found in type analyse.Theme; line 5: field other not found in type analyse.Theme",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadCodebook("x.yaml", strings.NewReader(c.src))
			var ce *CodebookError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *CodebookError", err)
			}
			if got := err.Error(); got != c.want {
				t.Errorf("error\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestCodebookRoundTrip checks that `letters themes --list` output loads
// back to a codebook that judges alike.
func TestCodebookRoundTrip(t *testing.T) {
	cb := mustBuiltin(t)
	data, err := cb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := LoadCodebook("listed.yaml", strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("listed codebook does not load: %v", err)
	}
	if !cmp.Equal(cb.ThemeIDs(), back.ThemeIDs()) {
		t.Errorf("themes differ after a round trip")
	}
	again, err := back.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(data), string(again)); diff != "" {
		t.Errorf("second listing differs (-first +second):\n%s", diff)
	}
}

// FuzzLoadCodebook feeds the loader untrusted YAML: it must never panic,
// and every error must be a *CodebookError naming the file.
func FuzzLoadCodebook(f *testing.F) {
	f.Add([]byte("format: 1\nthemes:\n  - id: a\n    terms: [x, y* ... z]\n"))
	f.Add([]byte("format: 1\nmode: replace\n"))
	f.Add([]byte("format: 1\npolarity:\n  negative: [a|b]\n"))
	f.Add([]byte("format: 1\nthemes: [{id: b, weak: [\"...\"]}]\n"))
	f.Add(builtinCodebook)
	f.Fuzz(func(t *testing.T, src []byte) {
		cb, err := LoadCodebook("fuzz.yaml", strings.NewReader(string(src)))
		if err != nil {
			var ce *CodebookError
			if !errors.As(err, &ce) || ce.File != "fuzz.yaml" {
				t.Fatalf("error %v is not a *CodebookError for fuzz.yaml", err)
			}
			_ = err.Error()
			return
		}
		// A codebook that loads must judge without panicking.
		cb.Judge("Plans are not always clear, although visits are timely.")
	})
}

// TestMeanings checks that every status and outcome has its own meaning
// for people.
func TestMeanings(t *testing.T) {
	seen := map[string]string{}
	check := func(word, meaning string) {
		if meaning == "" {
			t.Errorf("%s has no meaning", word)
		}
		if other, ok := seen[meaning]; ok {
			t.Errorf("%s and %s mean the same: %q", word, other, meaning)
		}
		seen[meaning] = word
	}
	for _, st := range []Status{StatusConcern, StatusMixed, StatusStrength, StatusAbsent} {
		check(string(st), st.Meaning())
	}
	for _, o := range Outcomes() {
		check("outcome "+string(o), o.Meaning())
	}
}

// manyThemes returns an extending codebook of n themes of k phrases each.
func manyThemes(n, k int) string {
	var b strings.Builder
	b.WriteString("format: 1\nthemes:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: theme-%d\n    label: Theme %d\n    terms:\n", i, i)
		for j := range k {
			fmt.Fprintf(&b, "      - word%d x%d\n", i, j)
		}
	}
	return b.String()
}

// A limitCodebook is a codebook at one of LoadCodebook's limits.
type limitCodebook struct {
	name string
	src  string
}

// limitCodebooks returns the largest codebooks LoadCodebook accepts: the
// most themes, and the most phrases (in one theme).
func limitCodebooks() []limitCodebook {
	return []limitCodebook{
		{"themes", manyThemes(MaxThemes-len(CoreThemes()), 1)},
		{"phrases", manyThemes(1, MaxPhrases-2000)},
	}
}

// BenchmarkLoadCodebook loads codebooks of many themes (the most a
// codebook may have) and of many phrases: loading costs time in
// proportion to the file (120,000 themes took 76 s when each was looked
// up among the others).
func BenchmarkLoadCodebook(b *testing.B) {
	for _, bb := range limitCodebooks() {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := LoadCodebook("x.yaml", strings.NewReader(bb.src)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestThemesDocCurrent checks that the repository's copy of themes.md,
// docs/themes.md, which the README cites, is the shared contract's text,
// when ../shared is there.
func TestThemesDocCurrent(t *testing.T) {
	shared, err := os.ReadFile("../../shared/themes.md")
	if err != nil {
		t.Skipf("no shared themes.md: %v", err)
	}
	ours, err := os.ReadFile("../docs/themes.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, ours) {
		t.Error("docs/themes.md differs from ../shared/themes.md: copy it again")
	}
}
