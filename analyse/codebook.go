package analyse

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/ofsted-letters/letters/internal/lazyre"
	"github.com/ofsted-letters/letters/internal/yamlpos"
)

// CodebookFormat is the version of the codebook file format that this
// package reads and writes.
const CodebookFormat = 1

// Modes of a codebook file.
const (
	ModeExtend  = "extend"  // add to the built-in codebook (the default)
	ModeReplace = "replace" // stand instead of the built-in codebook
)

//go:embed codebook.yaml
var builtinCodebook []byte

// A Codebook says how themes and polarity are detected. Its file format is
// documented in README.md and in the built-in codebook.yaml.
type Codebook struct {
	// Format is CodebookFormat.
	Format int `yaml:"format"`
	// Mode is ModeExtend or ModeReplace; it matters only when loading a
	// file over the built-in codebook.
	Mode string `yaml:"mode,omitempty"`
	// Themes are the themes in the order reports list them.
	Themes []Theme `yaml:"themes"`
	// Polarity holds the words that judge.
	Polarity Lexicon `yaml:"polarity"`

	compiled *compiled
	index    map[string]int // theme id -> index in Themes; see theme
	// model is the sentence model that judges the themes it was trained
	// on, or nil for the rules alone (a codebook in mode: replace).
	// builtinModel says it is the embedded model, decoded the first time
	// a letter is analysed (sentenceModel), not when the codebook is
	// made: a run served from the profile cache never decodes it.
	model        *Model
	builtinModel bool
}

// MaxCodebookSize is the largest codebook file LoadCodebook reads: about
// 40 times the built-in codebook (codebook.yaml, 52,392 bytes on
// 3 December 2026), room for MaxThemes and MaxPhrases.
// A larger file is refused after reading one byte more.
const MaxCodebookSize = 2 << 20

// Limits on the codebook in force, the built-in one with a file's
// additions: every clause of every letter is matched against every theme,
// so that a letter's analysis costs time in proportion to them. The
// built-in codebook has 19 themes and 1,213 phrases (3 December 2026).
const (
	MaxThemes  = 1_000
	MaxPhrases = 20_000
)

// Errors that say a codebook passes a limit.
var (
	ErrCodebookTooLarge = fmt.Errorf("codebook larger than %d MiB", MaxCodebookSize>>20)
	ErrTooManyThemes    = fmt.Errorf("more than %d themes", MaxThemes)
	ErrTooManyPhrases   = fmt.Errorf("more than %d phrases", MaxPhrases)
)

// A Theme is one theme of the codebook.
type Theme struct {
	// ID is the theme id: lower-case letters, digits and hyphens.
	ID string `yaml:"id"`
	// Label is a short name for people.
	Label string `yaml:"label,omitempty"`
	// Covers says what the theme covers, as in themes.md.
	Covers string `yaml:"covers,omitempty"`
	// Replace, in an extending file, says that this theme's phrases stand
	// instead of the built-in ones rather than beside them.
	Replace bool `yaml:"replace,omitempty"`
	// Terms are phrases any one of which tags a clause with the theme.
	Terms []Phrase `yaml:"terms,omitempty"`
	// Weak are phrases that tag a clause only when two of them, or one
	// and a term, are present.
	Weak []Phrase `yaml:"weak,omitempty"`
	// Not are phrases that cancel any term or weak phrase they overlap:
	// "improvement plan*" stops "plan*" from tagging planning.
	Not []Phrase `yaml:"not,omitempty"`
	// Yield names themes that take this theme's place in a sentence that
	// also names one of them, or in a focused visit whose focus is one of
	// them: in a letter about care leavers, "assessments" are pathway
	// assessments (care-leavers), not assessment-quality.
	Yield []string `yaml:"yield,omitempty"`
}

// A Lexicon lists the phrases that judge, by the direction they judge in.
type Lexicon struct {
	// Positive phrases judge well: "effective", "timely", "improved".
	Positive []Phrase `yaml:"positive,omitempty"`
	// Negative phrases judge badly: "delay*", "inconsistent", "too".
	Negative []Phrase `yaml:"negative,omitempty"`
	// Burden phrases name something that is better smaller: "caseload*".
	// Alone they do not judge; reduced they are positive, increased or
	// "high" they are negative.
	Burden []Phrase `yaml:"burden,omitempty"`
	// Neutral phrases cancel judging phrases they overlap: "improvement
	// plan*" is not a judgement, "as well as" is not "well".
	Neutral []Phrase `yaml:"neutral,omitempty"`
}

// A Phrase is one pattern of a codebook, with the line of the file it came
// from (0 when built in code).
type Phrase struct {
	Text string
	Line int
}

// UnmarshalYAML reads a phrase from a YAML string, keeping its line.
func (p *Phrase) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a phrase must be a string", n.Line)
	}
	p.Text, p.Line = n.Value, n.Line
	return nil
}

// MarshalYAML writes a phrase as a plain string.
func (p Phrase) MarshalYAML() (any, error) { return p.Text, nil }

// A CodebookError is a problem in a codebook file. Line counts from 1 and
// is 0 when the problem has no single place.
type CodebookError struct {
	File string
	Line int
	Err  error
}

// Error returns "file:line: reason".
func (e *CodebookError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

// Unwrap returns the cause.
func (e *CodebookError) Unwrap() error { return e.Err }

// ErrMissingCoreTheme says that a replacing codebook leaves out a core theme.
var ErrMissingCoreTheme = errors.New("codebook lacks a core theme")

// Builtin returns a fresh copy of the codebook shipped inside the binary.
// The error is nil unless the binary was built with a broken codebook.yaml.
func Builtin() (*Codebook, error) {
	const name = "builtin codebook.yaml"
	cb, err := decodeCodebook(name, builtinCodebook)
	if err != nil {
		return nil, err
	}
	if err := cb.compile(name); err != nil {
		return nil, err
	}
	cb.builtinModel = len(builtinModel) > 0
	return cb, nil
}

// LoadCodebook reads a codebook file named name from r and returns the
// codebook in force: the built-in codebook extended by the file or, when
// the file says "mode: replace", the file alone, which must then define
// every core theme. Errors are *CodebookError values.
func LoadCodebook(name string, r io.Reader) (*Codebook, error) {
	src, err := io.ReadAll(io.LimitReader(r, MaxCodebookSize+1))
	if err != nil {
		return nil, &CodebookError{File: name, Err: err}
	}
	if len(src) > MaxCodebookSize {
		return nil, &CodebookError{File: name, Err: ErrCodebookTooLarge}
	}
	file, err := decodeCodebook(name, src)
	if err != nil {
		return nil, err
	}
	var cb *Codebook
	switch file.Mode {
	case ModeReplace:
		cb = file
		cb.Mode = ""
		for _, id := range CoreThemes() {
			if cb.theme(id) == nil {
				return nil, &CodebookError{File: name, Err: fmt.Errorf("%w: %s (mode: replace must define all %d core themes)", ErrMissingCoreTheme, id, len(CoreThemes()))}
			}
		}
		for i := range cb.Themes {
			cb.Themes[i].Replace = false
		}
		// The model learned the built-in codebook's rules as features:
		// a codebook that replaces them is judged by its own rules alone.
		cb.model, cb.builtinModel = nil, false
	case "", ModeExtend:
		if cb, err = Builtin(); err != nil {
			return nil, err
		}
		cb.extend(file)
	default:
		return nil, &CodebookError{File: name, Err: fmt.Errorf("mode %q: want %q or %q", file.Mode, ModeExtend, ModeReplace)}
	}
	if err := cb.compile(name); err != nil {
		return nil, err
	}
	return cb, nil
}

// themeIDRE is the form of a theme id, compiled when a codebook is read.
var themeIDRE = lazyre.New(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// decodeCodebook decodes and checks the structure of one codebook file.
func decodeCodebook(name string, src []byte) (*Codebook, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	var cb Codebook
	if err := dec.Decode(&cb); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &CodebookError{File: name, Err: errors.New("empty codebook")}
		}
		line, cause := yamlError(err)
		return nil, &CodebookError{File: name, Line: line, Err: cause}
	}
	if cb.Format != CodebookFormat {
		return nil, &CodebookError{File: name, Err: fmt.Errorf("format %d: this letters reads codebook format %d (write \"format: %d\")", cb.Format, CodebookFormat, CodebookFormat)}
	}
	seen := map[string]bool{}
	for _, t := range cb.Themes {
		if !themeIDRE.MatchString(t.ID) {
			return nil, &CodebookError{File: name, Line: t.line(), Err: fmt.Errorf("theme id %q: use lower-case letters, digits and hyphens", t.ID)}
		}
		if seen[t.ID] {
			return nil, &CodebookError{File: name, Line: t.line(), Err: fmt.Errorf("theme %q defined twice", t.ID)}
		}
		seen[t.ID] = true
	}
	return &cb, nil
}

// line returns the line of the theme's first phrase, for errors.
func (t Theme) line() int {
	for _, ps := range [][]Phrase{t.Terms, t.Weak, t.Not} {
		if len(ps) > 0 {
			return ps[0].Line
		}
	}
	return 0
}

// yamlError returns the line a YAML error names (see yamlpos.Of) and its
// message on one line without that position, which the CodebookError
// gives once; the problems after the first, each on a line of its own in
// a type error, are joined by "; " and keep theirs.
func yamlError(err error) (int, error) {
	line, msg := yamlpos.Of(err)
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n")
	parts := strings.Split(msg, "\n")
	for i, p := range parts {
		parts[i] = strings.Join(strings.Fields(p), " ")
	}
	if line > 0 {
		parts[0] = strings.TrimPrefix(parts[0], fmt.Sprintf("line %d: ", line))
	}
	return line, errors.New(strings.Join(parts, "; "))
}

// theme returns the theme with the given id, or nil. It looks the id up
// in an index of the themes, made again when themes were added or
// removed since (or the id found is another's), so that loading and
// reading a codebook of many themes costs time in proportion to its size.
func (cb *Codebook) theme(id string) *Theme {
	i, ok := cb.index[id]
	if len(cb.index) != len(cb.Themes) || (ok && (i >= len(cb.Themes) || cb.Themes[i].ID != id)) {
		cb.index = make(map[string]int, len(cb.Themes))
		for j, t := range cb.Themes {
			cb.index[t.ID] = j
		}
		i, ok = cb.index[id]
	}
	if !ok {
		return nil
	}
	return &cb.Themes[i]
}

// extend merges an extending file into cb.
func (cb *Codebook) extend(file *Codebook) {
	for _, ft := range file.Themes {
		t := cb.theme(ft.ID)
		if t == nil {
			ft.Replace = false
			cb.Themes = append(cb.Themes, ft)
			cb.index[ft.ID] = len(cb.Themes) - 1
			continue
		}
		if ft.Label != "" {
			t.Label = ft.Label
		}
		if ft.Covers != "" {
			t.Covers = ft.Covers
		}
		if ft.Replace {
			t.Terms, t.Weak, t.Not, t.Yield = ft.Terms, ft.Weak, ft.Not, ft.Yield
			continue
		}
		t.Yield = append(t.Yield, ft.Yield...)
		t.Terms = append(t.Terms, ft.Terms...)
		t.Weak = append(t.Weak, ft.Weak...)
		t.Not = append(t.Not, ft.Not...)
	}
	cb.Polarity.Positive = append(cb.Polarity.Positive, file.Polarity.Positive...)
	cb.Polarity.Negative = append(cb.Polarity.Negative, file.Polarity.Negative...)
	cb.Polarity.Burden = append(cb.Polarity.Burden, file.Polarity.Burden...)
	cb.Polarity.Neutral = append(cb.Polarity.Neutral, file.Polarity.Neutral...)
}

// ThemeIDs returns the ids of the codebook's themes in codebook order.
func (cb *Codebook) ThemeIDs() []string {
	ids := make([]string, len(cb.Themes))
	for i, t := range cb.Themes {
		ids[i] = t.ID
	}
	return ids
}

// UsesModel reports whether the sentence model judges this codebook's
// themes: the built-in codebook and those that extend it, not one in mode
// replace. What the analysis gives depends on it as on the codebook's
// phrases, so whatever is cached by codebook must be cached by it too.
func (cb *Codebook) UsesModel() bool { return cb.model != nil || cb.builtinModel }

// sentenceModel returns the model that judges the codebook's themes, or
// nil for the rules alone, decoding the embedded one on first use. The
// embedded model is part of the build (a test trains it afresh and
// compares), so failing to decode it is a broken build, not bad input.
func (cb *Codebook) sentenceModel() *Model {
	if !cb.builtinModel {
		return cb.model
	}
	m, err := sharedModel()
	if err != nil {
		panic(err)
	}
	return m
}

// ModelSum returns the SHA-256 of the embedded sentence model and word
// vectors, without decoding them: whatever is cached by what the model
// judged changes with it.
var ModelSum = sync.OnceValue(func() []byte {
	h := sha256.New()
	h.Write(builtinModel)
	h.Write(builtinVectors)
	return h.Sum(nil)
})

// Label returns the label of theme id, or id when it has none.
func (cb *Codebook) Label(id string) string {
	if t := cb.theme(id); t != nil && t.Label != "" {
		return t.Label
	}
	return id
}

// Marshal returns the codebook as a YAML file that LoadCodebook reads back
// to the same codebook, in mode replace.
func (cb *Codebook) Marshal() ([]byte, error) {
	out := *cb
	out.Mode = ModeReplace
	var b bytes.Buffer
	b.WriteString("# letters codebook: the themes and judging words in use.\n")
	b.WriteString("# Load it back with --codebook; see README.md for the format.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&out); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// compiled is the codebook ready for matching.
type compiled struct {
	themes []compiledTheme
	order  map[string]int // theme id -> index in themes
	// themeIndex holds the lists of every theme, listsPerTheme a theme
	// in codebook order; polarity the judging phrases' lists.
	themeIndex *patternIndex
	polarity   *patternIndex
}

type compiledTheme struct {
	id              string
	terms, weak, no []pattern
	yield           []string
}

// The lists of a theme in compiled.themeIndex, from listsPerTheme*k for
// theme k.
const (
	listTerms = iota
	listWeak
	listNot
	listsPerTheme
)

// The lists of compiled.polarity: the judging phrases by kind, in the
// order cues prefers them at equal length.
const (
	listNeutral = iota
	listNegative
	listBurden
	listPositive
	polarityLists
)

// compile compiles every phrase, reporting the first that does not compile.
func (cb *Codebook) compile(name string) error {
	c := &compiled{order: map[string]int{}}
	phrases := 0
	set := func(dst *[]pattern, ps []Phrase) error {
		if phrases += len(ps); phrases > MaxPhrases {
			line := 0
			if n := phrases - MaxPhrases; n <= len(ps) {
				line = ps[len(ps)-n].Line
			}
			return &CodebookError{File: name, Line: line, Err: ErrTooManyPhrases}
		}
		out := make([]pattern, 0, len(ps))
		for _, p := range ps {
			pat, err := compilePattern(p.Text)
			if err != nil {
				return &CodebookError{File: name, Line: p.Line, Err: err}
			}
			out = append(out, pat)
		}
		*dst = out
		return nil
	}
	if len(cb.Themes) > MaxThemes {
		return &CodebookError{File: name, Line: cb.Themes[MaxThemes].line(), Err: ErrTooManyThemes}
	}
	var themeLists [][]pattern
	for _, t := range cb.Themes {
		ct := compiledTheme{id: t.ID, yield: t.Yield}
		if err := set(&ct.terms, t.Terms); err != nil {
			return err
		}
		if err := set(&ct.weak, t.Weak); err != nil {
			return err
		}
		if err := set(&ct.no, t.Not); err != nil {
			return err
		}
		if len(ct.terms) == 0 && len(ct.weak) == 0 {
			return &CodebookError{File: name, Err: fmt.Errorf("theme %q has no terms", t.ID)}
		}
		c.order[t.ID] = len(c.themes)
		c.themes = append(c.themes, ct)
		themeLists = append(themeLists, ct.terms, ct.weak, ct.no) // listTerms, listWeak, listNot
	}
	if len(c.themes) == 0 {
		return &CodebookError{File: name, Err: errors.New("codebook has no themes")}
	}
	for _, t := range cb.Themes {
		for _, y := range t.Yield {
			if cb.theme(y) == nil || y == t.ID {
				return &CodebookError{File: name, Err: fmt.Errorf("theme %q yields to %q, which is not another theme of the codebook", t.ID, y)}
			}
		}
	}
	polarity := make([][]pattern, polarityLists)
	for _, l := range []struct {
		list int
		src  []Phrase
	}{{listPositive, cb.Polarity.Positive}, {listNegative, cb.Polarity.Negative}, {listBurden, cb.Polarity.Burden}, {listNeutral, cb.Polarity.Neutral}} {
		if err := set(&polarity[l.list], l.src); err != nil {
			return err
		}
	}
	c.themeIndex = newPatternIndex(themeLists...)
	c.polarity = newPatternIndex(polarity...)
	cb.compiled = c
	return nil
}

// Has reports whether the codebook defines theme id.
func (cb *Codebook) Has(id string) bool { return slices.Contains(cb.ThemeIDs(), id) }
