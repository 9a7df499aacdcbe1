package record

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// yamlV3 returns v as a yaml.v3 Encoder with an indentation of two
// writes it.
func yamlV3(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// agree fails t unless AppendYAML writes v as yaml.v3 does, after what
// the buffer held.
func agree(t testing.TB, v any) {
	t.Helper()
	want := yamlV3(t, v)
	got, err := AppendYAML([]byte("held\n"), v)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "held\n"+string(want) {
		t.Errorf("AppendYAML(%#v):\n%s\nyaml.v3:\n%s", v, got, want)
	}
}

type writeInner struct {
	Text  string  `yaml:"text"`
	Score float64 `yaml:"score,omitempty"`
	Line  int     `yaml:"line"`
}

type writeWhere struct {
	Section string `yaml:"section"`
	Page    int    `yaml:"page,omitempty"`
}

type writeOuter struct {
	Name       string `yaml:"name"`
	writeWhere `yaml:",inline"`
	Untagged   uint8
	Flag       bool            `yaml:"flag"`
	Ratio      float32         `yaml:"ratio"`
	Items      []writeInner    `yaml:"items"`
	Nested     [][]writeInner  `yaml:"nested"`
	Words      []string        `yaml:"words,omitempty"`
	Counts     []int           `yaml:"counts"`
	Ptr        *writeInner     `yaml:"ptr"`
	Any        any             `yaml:"any"`
	Empty      struct{}        `yaml:"empty"`
	Inner      writeInner      `yaml:"inner"`
	Skipped    string          `yaml:"-"`
	Rows       [][]string      `yaml:"rows"`
	Ptrs       []*writeInner   `yaml:"ptrs"`
	Kinds      []writeKind     `yaml:"kinds"`
	Maybe      *string         `yaml:"maybe,omitempty"`
	Marks      []bool          `yaml:"marks,omitempty"`
	Deep       []writeOuterTip `yaml:"deep"`
	unexported int
}

type writeOuterTip struct {
	Tip []writeInner `yaml:"tip"`
}

type writeKind string

// Values yaml.v3 writes in its own way, which AppendYAML leaves to it.
type (
	withTime struct {
		At time.Time `yaml:"at"`
	}
	withMap struct {
		M map[string]int `yaml:"m"`
	}
	withFlow struct {
		L []int `yaml:"l,flow"`
	}
	withText struct {
		T textKind `yaml:"t"`
	}
	withMarshaler struct {
		M marshalKind `yaml:"m"`
	}
	withBytes struct {
		B []byte `yaml:"b"`
	}
	withOmittedStruct struct {
		S writeInner `yaml:"s,omitempty"`
	}
)

type textKind int

func (textKind) MarshalText() ([]byte, error) { return []byte("text"), nil }

type marshalKind int

func (marshalKind) MarshalYAML() (any, error) { return []int{1, 2}, nil }

// trickyStrings are strings that yaml.v3 writes plain, quoted or over
// several lines.
var trickyStrings = []string{
	"", "plain words", "true", "True", "yes", "n", "No", "off", "null", "~",
	"301", "007", "08", "-1", "+1", ".5", "1e3", "0x1F", "0b101", "1_000", "12:30", "1:2:3",
	"2024-07-01", "2024-7-1", "2024-13-45", "2024-07-01T10:00:00Z", ".inf", "-.Inf", ".nan",
	"a: b", "a:b", "key:", "a #b", "a#b", "#x", "- x", "-x", "--- x", "...", "x ", " x",
	"line\nline", "ends\n", "tab\tx", "\x7f", "emoji 😀", "‘quoted’ text", "é", "a\u2028b", "\ufeffbom",
	"'single'", `"double"`, `back\slash`, "<<", "%x", "@x", "`x`", "!x", "&x", "*x", "|x",
	">x", "[x", "{x", "x,y", "?x", "? x", ": x", "x]", "(aside)", "/work/shared/a b.pdf",
	"Ofsted’s ‘front door’: children", "a  b", "a - b", "x\x00y", "bad \xff utf8",
	strings.Repeat("long ", 50) + "end",
}

func TestAppendYAMLAgrees(t *testing.T) {
	s := "pointed"
	full := writeOuter{
		Name:       "Liverpool City Council",
		writeWhere: writeWhere{Section: "Findings", Page: 3},
		Untagged:   7,
		Flag:       true,
		Ratio:      0.1,
		Items:      []writeInner{{Text: "one", Score: 0.836, Line: 12}, {Text: "two: quoted", Line: 0}},
		Nested:     [][]writeInner{{{Text: "a"}}, {}, nil, {{Text: "b", Score: 1}, {Text: "c"}}},
		Counts:     []int{},
		Ptr:        &writeInner{Text: "pointer"},
		Any:        []any{1, "two", nil, []string{"three"}},
		Inner:      writeInner{Text: "inner", Score: math.Copysign(0, -1)},
		Rows:       [][]string{{"a", "2024-07-01"}, {}},
		Ptrs:       []*writeInner{nil, {Text: "p"}},
		Kinds:      []writeKind{"concern", "strength"},
		Maybe:      &s,
		Marks:      []bool{false},
		Deep:       []writeOuterTip{{Tip: []writeInner{{Text: "deep"}}}, {}},
		unexported: 1,
	}
	values := []any{
		full, &full, writeOuter{}, []writeOuter{full, {}}, [][]int{{1, 2}, {}}, []int{}, writeInner{},
		struct{}{}, []struct{}{{}},
		withTime{}, withMap{M: map[string]int{"b": 1, "a": 2}}, withFlow{L: []int{1}},
		withText{}, withMarshaler{}, withBytes{B: []byte("x")}, withOmittedStruct{},
		"a string", 3, 2.5, nil, (*writeOuter)(nil),
	}
	for _, f := range []float64{0, 1, -1, 0.7, 0.1 + 0.2, 1e21, 1e-7, 123456789, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64} {
		values = append(values, writeInner{Text: "f", Score: f})
	}
	for _, s := range trickyStrings {
		values = append(values, writeInner{Text: s}, []string{s}, [][]string{{s}}, withText{}, writeOuter{Name: s, Words: []string{s, s}})
	}
	for _, v := range values {
		agree(t, v)
	}
}

// TestAppendYAMLFast checks that AppendYAML writes itself what commands
// write (structs of strings, numbers, booleans and slices; a string on
// one line), and leaves to yaml.v3 what it does not know.
func TestAppendYAMLFast(t *testing.T) {
	fast := func(v any) bool {
		w := blockWriter{}
		return w.root(reflect.ValueOf(v))
	}
	for _, s := range trickyStrings {
		v := writeOuter{Name: s, Items: []writeInner{{Text: s, Score: 0.5}}, Ptr: &writeInner{}, Any: s}
		if want := !strings.ContainsAny(s, lineBreaks); fast(v) != want {
			t.Errorf("%q: fast %v, want %v", s, !want, want)
		}
	}
	for _, v := range []any{withTime{}, withMap{}, withFlow{}, withText{}, withMarshaler{}, withBytes{}, withOmittedStruct{}, "root scalar"} {
		if fast(v) {
			t.Errorf("%T written fast", v)
		}
	}
}

func FuzzAppendYAML(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s, 0.5, int64(3))
	}
	f.Fuzz(func(t *testing.T, s string, x float64, n int64) {
		agree(t, writeOuter{
			Name:  s,
			Items: []writeInner{{Text: s, Score: x, Line: int(n)}},
			Words: []string{s},
			Rows:  [][]string{{s}},
		})
	})
}

// TestAppendYAMLGoldens checks that the records letters parse writes
// (the goldens) are written fast, as yaml.v3 writes them.
func TestAppendYAMLGoldens(t *testing.T) {
	n := 0
	for path, data := range yamlRecords(t) {
		if !strings.Contains(path, "golden") {
			continue
		}
		recs, err := Decode(path, data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, rec := range recs {
			n++
			agree(t, rec)
			if w := (blockWriter{}); !w.root(reflect.ValueOf(rec)) {
				t.Errorf("%s: a record letters parse writes is left to yaml.v3", path)
			}
		}
	}
	if n == 0 {
		t.Fatal("no golden record")
	}
}
