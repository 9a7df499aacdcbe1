package validate

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ofsted-letters/letters/record"
)

// testValidator returns a Validator or stops the test.
func testValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// documentRoot returns the record node of a parsed document, as
// Validator.document finds it, or nil for an empty document.
func documentRoot(n *yaml.Node) *yaml.Node {
	root := record.Deref(n)
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil
		}
		root = record.Deref(root.Content[0])
	}
	return root
}

// roots parses every document of a file.
func roots(t testing.TB, name string, src []byte) []*yaml.Node {
	t.Helper()
	var out []*yaml.Node
	dec := record.NewDecoder(name, bytes.NewReader(src))
	for {
		n, _, err := dec.Node()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, documentRoot(n))
	}
}

// validFiles returns the valid records of testdata: testdata/valid and the
// parser's goldens.
func validFiles(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, pattern := range []string{"../testdata/valid/*.yaml", "../testdata/golden/*.yaml"} {
		matches, _ := filepath.Glob(pattern)
		for _, m := range matches {
			src, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			files[m] = src
		}
	}
	if len(files) == 0 {
		t.Fatal("no valid records in testdata")
	}
	return files
}

// TestQuickPassesValidRecords checks that the quick checker is sure of
// every valid record in testdata, so that valid records, the common case,
// skip the converter and the full check.
func TestQuickPassesValidRecords(t *testing.T) {
	v := testValidator(t)
	for name, src := range validFiles(t) {
		for _, root := range roots(t, name, src) {
			if !v.agrees(t, name, root) {
				t.Fatalf("%s: the library faults a record of testdata that should be valid", name)
			}
			if !v.schema.valid(root) {
				t.Errorf("%s: valid, but the quick checker is not sure of it", name)
			}
		}
	}
}

// TestCheckAgreesOnInvalidRecords checks that check finds in each broken
// record of testdata/invalid what the JSON Schema library finds.
func TestCheckAgreesOnInvalidRecords(t *testing.T) {
	v := testValidator(t)
	matches, _ := filepath.Glob("../testdata/invalid/*.yaml")
	var faulted int
	for _, m := range matches {
		src, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		dec := record.NewDecoder(m, bytes.NewReader(src))
		for {
			n, _, err := dec.Node()
			if err != nil {
				break // the end, or a syntax error: nothing for the schema
			}
			if root := documentRoot(n); root != nil && !v.agrees(t, m, root) {
				faulted++
			}
		}
	}
	if faulted == 0 {
		t.Error("no record of testdata/invalid breaks the schema: the test compares nothing")
	}
}

// mutationValues are the values that TestQuickAgrees puts in place of a
// value of a record, or under a new key: every type, and strings that
// pass or fail each pattern and enum of the schema.
const mutationValues = `
- ""
- " "
- "x"
- 0
- 1
- -1
- +3
- 07
- 2.5
- 1e3
- .inf
- .nan
- 0x10
- 1_000
- 99999999999999999999
- true
- null
- ~
- "1"
- 2024-07-08
- "2024-07-08"
- 2024-02-30
- "2024-7-8"
- "2024-07"
- "2023-13"
- "2023-00"
- abc
- Ab-c
- "a-b_c"
- "a--b"
- ex ample
- Ofsted
- HMI Probation
- visit-dates
- /letter/date
- letter/date
- "//"
- paragraph
- bullet
- headline
- effective
- pdf
- text
- focused-visit
- E08000012
- E0800001
- "341"
- "34"
- 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
- 2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE
- !!str 3
- !!binary aGVsbG8=
- !custom x
- []
- {}
- [x]
- [1]
- [""]
- ["2024-07-08", "2024-07-09"]
- {name: A, role: B, organisation: C}
- {name: A, title: B, inspectorate: CQC}
- {name: A, title: B, inspectorate: Police}
- {judgement: inadequate, month: "2023-05"}
- {month: "2023-5"}
- {line: 0, message: m, field: /letter/date, rule: visit-dates}
- {kind: paragraph, text: x, line: 1}
- [{kind: bullet, text: x, line: 1, level: 0}]
- [{kind: bullet, text: " ", line: 1}]
- {x: 1, x: 2}
`

// A mutant is a record changed in one place, and what changed.
type mutant struct {
	what string
	root *yaml.Node
}

// clone copies a node tree.
func clone(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, e := range n.Content {
		c.Content[i] = clone(e)
	}
	return &c
}

// mutants returns the records that differ from root in one place: a value
// replaced by each of values, a field or item removed, a field repeated,
// a key misspelt, and each field the schema allows there but root lacks
// added with each value.
func mutants(root *yaml.Node, values []*yaml.Node, sch *recordSchema) []mutant {
	var out []mutant
	// at returns the node at path (indices into Content) in tree.
	at := func(tree *yaml.Node, path []int) *yaml.Node {
		for _, i := range path {
			tree = tree.Content[i]
		}
		return tree
	}
	var walk func(n *yaml.Node, path []int, keys []string)
	walk = func(n *yaml.Node, path []int, keys []string) {
		where := fmtPath(root, path)
		for _, v := range values {
			m := clone(root)
			if len(path) == 0 {
				m = clone(v)
			} else {
				parent := at(m, path[:len(path)-1])
				parent.Content[path[len(path)-1]] = clone(v)
			}
			out = append(out, mutant{where + " = " + describe(v), m})
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				m := clone(root)
				p := at(m, path)
				p.Content = append(p.Content[:i:i], p.Content[i+2:]...)
				out = append(out, mutant{where + ": without " + n.Content[i].Value, m})

				m = clone(root)
				p = at(m, path)
				p.Content = append(p.Content, clone(n.Content[i]), clone(n.Content[i+1]))
				out = append(out, mutant{where + ": " + n.Content[i].Value + " twice", m})

				m = clone(root)
				at(m, append(path, i)).Value += "x"
				out = append(out, mutant{where + ": " + n.Content[i].Value + " misspelt", m})
			}
			var known []string
			if s := schemaAtKeys(sch, keys); s != nil {
				known = s.known
			}
			for _, f := range append(slices.Clone(known), "unknown") {
				if record.Field(n, f) != nil {
					continue
				}
				for _, v := range values {
					m := clone(root)
					p := at(m, path)
					p.Content = append(p.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f}, clone(v))
					out = append(out, mutant{where + ": adds " + f + " = " + describe(v), m})
				}
			}
			for i := 1; i < len(n.Content); i += 2 {
				walk(n.Content[i], append(path, i), append(keys, n.Content[i-1].Value))
			}
		case yaml.SequenceNode:
			for i := range n.Content {
				m := clone(root)
				p := at(m, path)
				p.Content = append(p.Content[:i:i], p.Content[i+1:]...)
				out = append(out, mutant{where + ": without item " + strconv.Itoa(i), m})
				walk(n.Content[i], append(path, i), append(keys, ""))
			}
		}
	}
	walk(root, nil, nil)
	return out
}

// fmtPath names the node at path for a test message.
func fmtPath(root *yaml.Node, path []int) string {
	var b strings.Builder
	n := root
	for _, i := range path {
		if n.Kind == yaml.MappingNode {
			b.WriteString("." + n.Content[i-1].Value)
		} else {
			b.WriteString("[" + strconv.Itoa(i) + "]")
		}
		n = n.Content[i]
	}
	if b.Len() == 0 {
		return "record"
	}
	return b.String()
}

// schemaAtKeys returns the schema object of the node that keys (field
// names, and "" for a list item) lead to, following $ref, or nil.
func schemaAtKeys(sch *recordSchema, keys []string) *schemaNode {
	// follow resolves a $ref.
	follow := func(n *schemaNode) *schemaNode {
		for n != nil && n.ref != nil {
			n = n.ref
		}
		return n
	}
	n := follow(sch.root)
	for _, k := range keys {
		if n == nil {
			return nil
		}
		if k == "" {
			n = n.items
		} else {
			n = n.props[k]
		}
		n = follow(n)
	}
	return n
}

// TestQuickAgrees checks the quick checker and check against the library
// on records changed in one place (see mutants): check finds what the
// library finds, and whatever the quick checker is sure of, the converter
// and the library find nothing wrong with. It also checks the test
// itself: some mutants are valid and some are not.
func TestQuickAgrees(t *testing.T) {
	v := testValidator(t)
	var list yaml.Node
	if err := yaml.Unmarshal([]byte(mutationValues), &list); err != nil {
		t.Fatal(err)
	}
	values := list.Content[0].Content
	src, err := os.ReadFile("../testdata/valid/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var sure, valid, n int
	for _, m := range mutants(roots(t, "minimal.yaml", src)[0], values, v.schema) {
		n++
		q, lib := v.schema.valid(m.root), v.agrees(t, m.what, m.root)
		if q && !lib {
			t.Errorf("%s: the quick checker passes what the library faults", m.what)
		}
		if q {
			sure++
		}
		if lib {
			valid++
		}
	}
	t.Logf("%d mutants: %d valid, %d of them passed by the quick checker", n, valid, sure)
	if valid == 0 || valid == n || sure == 0 {
		t.Errorf("%d mutants, %d valid, %d passed quickly: the mutations test nothing", n, valid, sure)
	}
}

// FuzzQuickAgrees checks the quick checker and check against the library
// on any YAML: check finds what the library finds, and whatever the quick
// checker is sure of, the converter and the library find nothing wrong
// with.
func FuzzQuickAgrees(f *testing.F) {
	for name, src := range validFiles(f) {
		if !strings.Contains(name, "golden") {
			f.Add(src)
		}
	}
	matches, _ := filepath.Glob("../testdata/invalid/*.yaml")
	for _, m := range matches {
		src, err := os.ReadFile(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	v := testValidator(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		dec := record.NewDecoder("fuzz.yaml", bytes.NewReader(src))
		for {
			n, _, err := dec.Node()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				if errors.Is(err, record.ErrAliases) {
					continue
				}
				return
			}
			root := documentRoot(n)
			if root != nil && !v.agrees(t, "fuzz.yaml", root) && v.schema.valid(root) {
				t.Fatalf("the quick checker passes what the library faults:\n%s", src)
			}
		}
	})
}
