package record_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/record"
)

// golden is a real record, as letters parse writes it.
const golden = "../testdata/golden/liverpool-2025-09-monitoring.yaml"

func readGolden(t testing.TB) (*record.Record, []byte) {
	t.Helper()
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := record.Decode(golden, data)
	if err != nil || len(recs) != 1 {
		t.Fatalf("decode %s: %d records, %v", golden, len(recs), err)
	}
	return recs[0], data
}

// TestFormats checks that every format letters parse writes decodes to
// the same records.
func TestFormats(t *testing.T) {
	rec, yml := readGolden(t)
	other := *rec
	other.Source.Path, other.Source.SHA256 = "other.txt", strings.Repeat("0", 64)
	js, _ := record.EncodeJSON(rec)
	js2, _ := record.EncodeJSON(&other)
	yml2, _ := record.EncodeYAML(&other)
	want := []*record.Record{rec, &other}
	for name, data := range map[string][]byte{
		"YAML stream":           append(append(append([]byte("---\n"), yml...), "---\n"...), yml2...),
		"YAML stream, no first": append(append(append([]byte{}, yml...), "---\n"...), yml2...),
		"YAML with end markers": append(append(append(append([]byte("# records\n"), yml...), "...\n---\n"...), yml2...), "...\n"...),
		"JSON Lines":            append(append([]byte{}, js...), js2...),
		"JSON, no newlines":     append(bytes.TrimSpace(js), js2...),
		"JSON, blank lines":     append(append(append([]byte("\n\n"), js...), "\n\n"...), js2...),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := record.Decode("x", data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestPositions checks that each document's nodes carry the line and
// column of the stream, not of the document alone.
func TestPositions(t *testing.T) {
	_, yml := readGolden(t)
	rec, _ := readGolden(t)
	js, _ := record.EncodeJSON(rec)
	lines := bytes.Count(yml, []byte("\n"))
	tests := []struct {
		name     string
		data     []byte
		line     int // of the second document's root mapping
		col      int
		wantJSON bool
	}{
		{"YAML stream", append(append(append([]byte{}, yml...), "---\n"...), yml...), lines + 2, 1, false},
		{"JSON Lines", append(append([]byte{}, js...), js...), 2, 1, true},
		{"JSON on one line", append(bytes.TrimSpace(js), append([]byte("  "), js...)...), 1, len(js) + 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := record.NewDecoder("x", bytes.NewReader(tt.data))
			if _, _, err := d.Node(); err != nil {
				t.Fatal(err)
			}
			n, doc, err := d.Node()
			if err != nil {
				t.Fatal(err)
			}
			root := n.Content[0]
			if root.Line != tt.line || root.Column != tt.col || doc.N != 2 || doc.JSON != tt.wantJSON {
				t.Errorf("document %d (JSON %v) at %d:%d, want 2 (JSON %v) at %d:%d", doc.N, doc.JSON, root.Line, root.Column, tt.wantJSON, tt.line, tt.col)
			}
			if _, _, err := d.Node(); !errors.Is(err, io.EOF) {
				t.Errorf("after the last document: %v, want EOF", err)
			}
		})
	}
}

// TestErrors checks the errors of reading records: each names the file,
// the line and the record, and the cause can be tested with errors.Is.
func TestErrors(t *testing.T) {
	_, yml := readGolden(t)
	lines := bytes.Count(yml, []byte("\n"))
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for c := 'b'; c <= 'g'; c++ {
		p := string(c - 1)
		laughs += fmt.Sprintf("%c: &%c [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", c, c, p, p, p, p, p, p, p, p, p, p)
	}
	tests := []struct {
		name, data string
		want       error  // nil: only the message is checked
		msg        string // the error's message holds it
	}{
		{"empty", "", record.ErrNoRecords, "no records"},
		{"only a comment", "# nothing\n", record.ErrNoRecords, "no records"},
		{"no schema", "a: 1\n", nil, `x:1: record 1: unknown field "a"`},
		{"not a record", "{}\n", record.ErrNotRecord, "x:1: record 1: not a letters record"},
		{"newer schema", "schema: 99\n", record.ErrNewer, "x:1: record 1: schema is newer than this letters reads: schema 99"},
		{"unknown field in the second record", string(yml) + "---\nschema: 1\ndat: x\n", nil,
			fmt.Sprintf("x:%d: record 2: unknown field \"dat\"", lines+3)},
		{"two unknown fields", "schema: 1\ndat: x\nletter:\n  tittle: y\n", nil, `x:2: record 1: unknown field "dat"; line 4: unknown field "tittle"`},
		{"a number that is text", "schema: 1\nvisit:\n  number: sixth\n", nil, `x:3: record 1: "sixth" is not a whole number`},
		{"JSON of the wrong type", `{"schema": 1, "visit": {"number": "6"}}`, nil, `x:1: record 1: visit.number: a JSON string is not a whole number`},
		{"JSON unknown field", `{"schema": 1, "dat": 1}`, nil, `x:1: record 1: unknown field "dat"`},
		{"an impossible date", "schema: 1\nvisit:\n  dates: [2024-02-30]\n", nil, `x:3: record 1: visit.dates[0]: 2024-02-30 is not a real date (February 2024 has 29 days)`},
		{"a date as printed", "schema: 1\nletter:\n  date: 7 August 2024\n", nil, `x:3: record 1: letter.date: "7 August 2024" is not a date in the form YYYY-MM-DD`},
		{"an impossible date in the second record", string(yml) + "---\nschema: 1\nletter:\n  date: 2018-02-30\n", nil,
			fmt.Sprintf("x:%d: record 2: letter.date: 2018-02-30 is not a real date (February 2018 has 28 days)", lines+4)},
		{"an impossible date in JSON Lines", "{\"schema\": 1}\n{\"schema\": 1, \"visit\": {\"dates\": [\"2024-01-02\", \"2024-01-32\"]}}\n", nil,
			`x:2: record 2: visit.dates[1]: 2024-01-32 is not a real date`},
		{"an impossible date through an alias", "schema: 1\nvisit:\n  dates: [&d 2024-02-30]\nletter:\n  date: *d\n", nil,
			`x:3: record 1: letter.date: 2024-02-30 is not a real date`},
		{"a month as printed", "schema: 1\nvisit:\n  since:\n    month: May 2024\n", nil, `x:4: record 1: visit.since.month: "May 2024" is not a month in the form YYYY-MM`},
		{"a month out of range", "schema: 1\nvisit:\n  since:\n    month: 2024-13\n", nil, `x:4: record 1: visit.since.month: 2024-13 is not a real date (there is no month 13)`},
		{"syntax error in the second record", string(yml) + "---\nschema: [1\n", nil, fmt.Sprintf("x:%d: record 2: did not find expected", lines+1)}, // yaml.v3 names the start of the block
		{"bad JSON on line 2", "{\"schema\": 1}\n{\"schema\": x}\n", nil, "x:2: record 2: invalid character 'x'"},
		{"alias bomb", laughs, record.ErrAliases, "x:1: record 1: YAML aliases expand"},
		{"alias to itself", "schema: 1\nfindings: &a [*a]\n", record.ErrAliases, "x:1: record 1: YAML aliases expand"},
		{"record too large", "schema: 1\nfindings:\n  - " + strings.Repeat("x", record.MaxSize) + "\n", record.ErrTooLarge, "x:3: record 1: record larger than"},
		{"JSON too large", `{"schema": 1, "findings": ["` + strings.Repeat("x", record.MaxSize) + `"]}`, record.ErrTooLarge, "x:1: record 1: record larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := record.Decode("x", []byte(tt.data))
			if err == nil {
				t.Fatalf("%d records, no error", len(recs))
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q lacks %q", err, tt.msg)
			}
		})
	}
}

// TestJoinedRecords checks that records joined without "---" between
// them (cat a.yaml b.yaml), whose every field appears again, give one
// short line: the first field that appears twice and how many others do,
// not each repeat of each field; and that a record with many problems
// lists a few and counts the others.
func TestJoinedRecords(t *testing.T) {
	_, yml := readGolden(t)
	lines := bytes.Count(yml, []byte("\n"))
	var joined []byte
	for range 10 {
		joined = append(joined, yml...)
	}
	fields := 0 // the record's top-level fields
	for l := range strings.Lines(string(yml)) {
		if l[0] != ' ' && l[0] != '#' && l[0] != '-' {
			fields++
		}
	}
	tests := []struct{ name, data, want string }{
		{"ten records joined", string(joined), fmt.Sprintf(`x:%d: record 1: field "schema" appears twice (first at line 1), and %d other fields too: records joined without "---" between them?`,
			lines+1, fields-1)},
		{"five unknown fields", "schema: 1\na: 1\nb: 1\nc: 1\nd: 1\ne: 1\n", `x:2: record 1: unknown field "a"; line 3: unknown field "b"; line 4: unknown field "c"; problems on 2 more lines`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := record.Decode("x", []byte(tt.data))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}

// TestStreamOneAtATime checks that a stream is read one record at a
// time: a record too large late in a stream does not stop the records
// before it from being read.
func TestStreamOneAtATime(t *testing.T) {
	_, yml := readGolden(t)
	data := append(append(append([]byte{}, yml...), "---\nschema: 1\nfindings: [\""...), strings.Repeat("x", record.MaxSize)...)
	d := record.NewDecoder("x", bytes.NewReader(data))
	if rec, err := d.Record(); err != nil || rec.Source.Path == "" {
		t.Fatalf("first record: %v", err)
	}
	if _, err := d.Record(); !errors.Is(err, record.ErrTooLarge) {
		t.Errorf("second record: %v, want ErrTooLarge", err)
	}
}

// TestHead checks that Head finds the source of a record in each format,
// and in a record whose fields were reordered by hand.
func TestHead(t *testing.T) {
	rec, yml := readGolden(t)
	js, _ := record.EncodeJSON(rec)
	reordered := "letter:\n  kind: other\nsource:\n  path: a.txt\n  sha256: " + rec.Source.SHA256 + "\n  format: text\nschema: 1\n"
	for name, data := range map[string][]byte{
		"YAML": yml, "JSON": js, "YAML stream": append(append([]byte("---\n"), yml...), "---\n{}\n"...),
		"reordered": []byte(reordered),
	} {
		t.Run(name, func(t *testing.T) {
			src, err := record.Head("x", bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if src.SHA256 != rec.Source.SHA256 {
				t.Errorf("sha256 %q, want %q", src.SHA256, rec.Source.SHA256)
			}
		})
	}
	if _, err := record.Head("x", strings.NewReader("a: 1\n")); err == nil {
		t.Errorf("Head of a document that is not a record: no error")
	}
}

// FuzzDecode checks the codec on untrusted input: it never panics, and
// what it decodes encodes and decodes again to the same records.
func FuzzDecode(f *testing.F) {
	_, yml := readGolden(f)
	f.Add(yml)
	f.Add([]byte("---\nschema: 1\n---\nschema: 1\n"))
	f.Add([]byte("{\"schema\":1}\n{\"schema\":1}"))
	f.Add([]byte("schema: 1\nfindings: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := record.Decode("x", data)
		if err != nil {
			return
		}
		for _, rec := range recs {
			js, err := record.EncodeJSON(rec)
			if err != nil {
				t.Fatal(err)
			}
			again, err := record.Decode("x", js)
			if err != nil || len(again) != 1 {
				t.Fatalf("re-decode: %d records, %v", len(again), err)
			}
		}
	})
}

// failingReader fails every read: what Head must not reach.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("read past the source field") }

// TestHeadReadsLittle checks that Head reads a YAML record no further
// than its source field, so that an incremental run over thousands of
// records reads a few hundred bytes of each.
func TestHeadReadsLittle(t *testing.T) {
	rec, yml := readGolden(t)
	end := bytes.Index(yml, []byte("\nletter:\n")) + len("\nletter:\n")
	r := io.MultiReader(bytes.NewReader(yml[:end]), failingReader{})
	src, err := record.Head("x", r)
	if err != nil || src != rec.Source {
		t.Errorf("Head = %+v, %v; want %+v", src, err, rec.Source)
	}
}
