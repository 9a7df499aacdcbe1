package record

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// viaYAMLv3 parses a document with yaml.v3 alone, as ParseNode did
// before the fast reader, or returns nil when yaml.v3 refuses it.
func viaYAMLv3(data []byte, line0 int) (n *yaml.Node) {
	defer func() {
		if recover() != nil {
			n = nil
		}
	}()
	var node yaml.Node
	if yaml.Unmarshal(data, &node) != nil {
		return nil
	}
	shift(&node, line0, 0)
	return &node
}

// sameTree returns "" when the fast reader gives up on data or gives the
// tree yaml.v3 gives, and the difference otherwise.
func sameTree(data []byte, line0 int) string {
	fast := readBlock(data, line0)
	if fast == nil {
		return ""
	}
	slow := viaYAMLv3(data, line0)
	if slow == nil {
		return "the fast reader reads what yaml.v3 refuses"
	}
	return treeDiff(slow, fast, "")
}

// treeDiff describes the first difference between two node trees, or
// returns "".
func treeDiff(want, got *yaml.Node, path string) string {
	w, g := *want, *got
	w.Content, g.Content = nil, nil
	if d := cmp.Diff(w, g); d != "" {
		return path + ":\n" + d
	}
	if len(want.Content) != len(got.Content) {
		return fmt.Sprintf("%s: %d children, want %d", path, len(got.Content), len(want.Content))
	}
	for i := range want.Content {
		if d := treeDiff(want.Content[i], got.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// yamlRecords returns the YAML records of testdata, by path.
func yamlRecords(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (filepath.Ext(path) != ".yaml" && filepath.Ext(path) != ".yml") {
			return err
		}
		data, err := os.ReadFile(path)
		out[path] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no YAML in testdata")
	}
	return out
}

// TestReadBlockMatchesYAMLv3 checks the fast reader against yaml.v3 on
// every YAML document in testdata, and that it reads the records `letters
// parse` writes (the goldens) itself, which is what makes validate fast.
func TestReadBlockMatchesYAMLv3(t *testing.T) {
	for path, data := range yamlRecords(t) {
		dec := NewDecoder(path, bytes.NewReader(data))
		for {
			doc, err := dec.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if diff := sameTree(doc.Data, doc.Line-1); diff != "" {
				t.Errorf("%s, document %d: fast reader (+) and yaml.v3 (-) differ:\n%s", path, doc.N, diff)
			}
			if strings.Contains(path, "golden") && readBlock(doc.Data, doc.Line-1) == nil {
				t.Errorf("%s, document %d: a record letters parse writes is left to yaml.v3", path, doc.N)
			}
		}
	}
}

// TestReadBlockCases checks the fast reader on the corners of its subset:
// either it reads a document as yaml.v3 does, or it leaves it to yaml.v3
// (read says which is expected).
func TestReadBlockCases(t *testing.T) {
	tests := []struct {
		name, src string
		read      bool
	}{
		{"mapping", "a: b\nc: 1\n", true},
		{"marker", "---\na: b\n", true},
		{"no final newline", "a: b", true},
		{"nested", "a:\n  b:\n    c: d\n  e: f\ng: h\n", true},
		{"sequence under key", "a:\n  - x\n  - y\nb: z\n", true},
		{"sequence at key indent", "a:\n- x\n- y\nb: z\n", true},
		{"mappings in a sequence", "a:\n  - k: v\n    l: w\n  - k: x\n", true},
		{"sequence in a compact mapping", "a:\n  - k:\n    - x\n    l: y\n", true},
		{"quoted", "a: 'it''s'\nb: \"2024-01-02\"\nc: ''\nd: \"\"\n", true},
		{"empty flow", "a: []\nb: {}\n", true},
		{"tags", "a: 12\nb: 012\nc: 0\nd: 1.5\ne: true\nf: null\ng: ~\nh: 2024-01-02\ni: 8eb77a\nj: +1\nk: 1e3\nl: .inf\nm: 0x1f\nn: 99999999999999999999\no: yes\n", true},
		{"numbers and not", "a: +.inf\nb: +.Inf\nc: .NaN\nd: 1 Town Square\ne: 0b101\nf: 0o17\ng: 0xfa\nh: 12e5\ni: 2001-12-14t21:59:43.10-05:00\nj: 1_000\nk: 8eb77a61bccef5\nl: 12e5f\nm: .5\nn: 0.\no: +0b11\np: 2001-12-14 21:59:43.10\n", true},
		{"merge key", "<<: x\n", true},
		{"unicode", "a: children’s services\nb: ‘front door’\n", true},
		{"colons and hashes inside", "a: b:c\nd: e#f\ng: http://x\n", true},
		{"key with colon", "a:b: c\n", true},
		{"head comment", "# c\na: b\n", true},
		{"head comments", "# c\n#e\n#\nschema: 1\nb:\n  c: d\n", true},
		{"head comment after marker", "---\n# c\na: b\n", true},
		{"head comment before marker", "# c\n---\na: b\n", false},
		{"head comment with trailing space", "# c \na: b\n", false},
		{"indented head comment", " # c\na: b\n", false},
		{"comment only", "# c\n", false},
		{"comment below", "a: b\n# c\nd: e\n", false},
		{"line comment", "a: b # c\n", false},
		{"blank line", "a: b\n\nc: d\n", false},
		{"tab", "a:\tb\n", false},
		{"crlf", "a: b\r\n", false},
		{"multi-line plain", "a: b\n  c\n", false},
		{"multi-line quoted", "a: 'b\n  c'\n", false},
		{"literal", "a: |-\n  b\n", false},
		{"anchor", "a: &x b\nc: *x\n", false},
		{"tag", "a: !!str 1\n", false},
		{"flow", "a: [b, c]\n", false},
		{"escape", "a: \"b\\tc\"\n", false},
		{"quoted key", "'a': b\n", false},
		{"null value", "a:\nb: c\n", false},
		{"mapping in a value", "a: b: c\n", false},
		{"bad indent", "a:\n  b: c\n d: e\n", false},
		{"over-indented", "a: b\n  c: d\n", false},
		{"sequence at root", "- a\n", false},
		{"scalar at root", "a\n", false},
		{"empty", "", false},
		{"marker only", "---\n", false},
		{"end marker", "a: b\n...\n", false},
		{"directive", "%YAML 1.2\n---\na: b\n", false},
		{"dash value", "a: -1\n", false},
		{"nested sequence", "a:\n  - - x\n", false},
		{"extra space after dash", "a:\n  -  x\n", false},
		{"trailing space", "a: b \n", false},
		{"two spaces after colon", "a:  b\n", false},
		{"ends with colon", "a: b:\n", false},
		{"control character", "a: b\x01\n", false},
		{"byte order mark", "a: \ufeffb\n", false},
		{"next line", "a: b\u0085c\n", false},
		{"emoji", "a: 😀\n", false},
		{"unclosed quote", "a: 'b\n", false},
		{"text after quote", "a: 'b' c\n", false},
		{"lone double quote", "a: \"\n", false},
		{"three dots", "a: ...\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := sameTree([]byte(tt.src), 4); diff != "" {
				t.Fatalf("fast reader (+) and yaml.v3 (-) differ:\n%s", diff)
			}
			if got := readBlock([]byte(tt.src), 4) != nil; got != tt.read {
				t.Errorf("read fast: %v, want %v", got, tt.read)
			}
		})
	}
}

// FuzzReadBlock checks the fast reader against yaml.v3 on any input:
// whatever it reads, it reads as yaml.v3 does.
func FuzzReadBlock(f *testing.F) {
	for _, data := range yamlRecords(f) {
		if len(data) < 4<<10 {
			f.Add(data)
		}
	}
	for _, s := range []string{"a: b\n", "a:\n- x\n- k: v\n  l: 'w'\n", "a: 12\nb: 8e5\nc: \"x\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if diff := sameTree(data, 0); diff != "" {
			t.Fatalf("%q: fast reader (+) and yaml.v3 (-) differ:\n%s", data, diff)
		}
	})
}

// BenchmarkReadBlock compares the fast reader with yaml.v3 on the largest
// golden record.
func BenchmarkReadBlock(b *testing.B) {
	var data []byte
	for path, d := range yamlRecords(b) {
		if strings.Contains(path, "golden") && len(d) > len(data) {
			data = d
		}
	}
	for _, impl := range []struct {
		name string
		read func([]byte, int) *yaml.Node
	}{{"fast", readBlock}, {"yaml.v3", viaYAMLv3}} {
		b.Run(impl.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if impl.read(data, 0) == nil {
					b.Fatalf("%s gave up", impl.name)
				}
			}
		})
	}
}

// viaDecoder decodes a YAML record as Decoder.decode did before the fast
// reader: a yaml.Decoder that refuses unknown fields.
func viaDecoder(data []byte) (*Record, error) {
	var rec Record
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(&rec)
	return &rec, err
}

// sameRecord returns "" when decodeBlock gives up on data or gives the
// record a yaml.Decoder gives, and the difference otherwise.
func sameRecord(data []byte) string {
	fast, ok := decodeBlock(Doc{Data: data, Line: 1, Column: 1})
	if !ok {
		return ""
	}
	slow, err := viaDecoder(data)
	if err != nil {
		return fmt.Sprintf("the fast path decodes what yaml.v3 refuses: %v", err)
	}
	return cmp.Diff(slow, fast)
}

// TestDecodeBlockMatchesDecoder checks decoding through the fast reader
// against a yaml.Decoder on every YAML record in testdata, and on records
// with a field the Record type does not know, which the fast path must
// leave to the yaml.Decoder and its error.
func TestDecodeBlockMatchesDecoder(t *testing.T) {
	for path, data := range yamlRecords(t) {
		if diff := sameRecord(data); diff != "" {
			t.Errorf("%s: fast path (+) and yaml.Decoder (-) differ:\n%s", path, diff)
		}
		if strings.Contains(path, "golden") {
			if _, ok := decodeBlock(Doc{Data: data, Line: 1, Column: 1}); !ok {
				t.Errorf("%s: a record letters parse writes is left to yaml.v3", path)
			}
		}
	}
	src, err := os.ReadFile("../testdata/valid/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	body := string(src[bytes.IndexByte(src, '\n')+1:]) // without its comment
	for _, unknown := range []string{
		strings.Replace(body, "  format: text\n", "  format: text\n  colour: red\n", 1),
		strings.Replace(body, "    name: Sam Example\n", "    nam: Sam Example\n", 1),
		strings.Replace(body, "        line: 22\n", "        line: 22\n        lines: 3\n", 1),
		body + "extra: 1\n",
	} {
		if _, ok := decodeBlock(Doc{Data: []byte(unknown), Line: 1, Column: 1}); ok {
			t.Errorf("the fast path decodes a record with an unknown field:\n%s", unknown)
		}
		if _, err := viaDecoder([]byte(unknown)); err == nil {
			t.Errorf("yaml.Decoder accepts an unknown field:\n%s", unknown)
		}
	}
	if _, ok := decodeBlock(Doc{Data: []byte(body), Line: 1, Column: 1}); !ok {
		t.Errorf("the fast path leaves the minimal record to yaml.v3")
	}
}

// FuzzDecodeBlock checks decoding through the fast reader against a
// yaml.Decoder on any input.
func FuzzDecodeBlock(f *testing.F) {
	for _, data := range yamlRecords(f) {
		if len(data) < 4<<10 {
			f.Add(data)
		}
	}
	if src, err := os.ReadFile("../testdata/valid/minimal.yaml"); err == nil {
		f.Add(src[bytes.IndexByte(src, '\n')+1:]) // without its comment
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if diff := sameRecord(data); diff != "" {
			t.Fatalf("%q: fast path (+) and yaml.Decoder (-) differ:\n%s", data, diff)
		}
	})
}

// A value decoded by the block reader does not keep the text of its file
// alive: a command that keeps a letter's source path and nothing else of
// a thousand records holds a thousand paths, not a thousand files.
func TestReadBlockValuesDoNotPinTheText(t *testing.T) {
	const letters, paragraph = 200, 100 << 10
	text := strings.TrimSpace(strings.Repeat("word ", paragraph/5))
	keep := make([]string, letters)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range keep {
		doc := fmt.Sprintf("schema: 1\nsource:\n  path: letter-%d.pdf\nbody: %s\n", i, text)
		n := readBlock([]byte(doc), 0)
		if n == nil {
			t.Fatal("the block reader refused a plain record")
		}
		keep[i] = n.Content[0].Content[3].Content[1].Value // source: path
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	const bound = letters * paragraph / 10 // a tenth of the texts
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > bound {
		t.Errorf("keeping %d source paths keeps %d bytes alive (bound %d): the values hold on to their files' text", letters, grew, bound)
	}
	if keep[7] != "letter-7.pdf" {
		t.Errorf("value = %q, want letter-7.pdf", keep[7])
	}
	runtime.KeepAlive(keep)
}
