package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/ofsted-letters/letters/internal/yamlpos"
)

// Bounds on reading records. A record written by `letters parse` is at
// most about 40 KB and 600 YAML nodes (the largest of the test letters:
// 36 KB, 522 nodes), so both bounds leave a wide margin for hand-edited
// records while keeping a hostile file from costing more than a few
// hundred milliseconds and megabytes.
const (
	// MaxSize is the largest record, in bytes of its YAML or JSON text,
	// that is read. A stream may hold any number of records of this size:
	// they are read one at a time.
	MaxSize = 1 << 20
	// MaxNodes is the most YAML nodes a record may hold once its aliases
	// are expanded, so that a small file of aliases to aliases ("billion
	// laughs") or an alias to itself cannot exhaust memory.
	MaxNodes = 100_000
)

// Errors of reading records; test for them with errors.Is.
var (
	// ErrTooLarge says a record is larger than MaxSize.
	ErrTooLarge = fmt.Errorf("record larger than %d MiB", MaxSize>>20)
	// ErrAliases says a record's YAML aliases expand to more than
	// MaxNodes nodes, or an alias contains itself.
	ErrAliases = fmt.Errorf("YAML aliases expand to more than %d nodes", MaxNodes)
	// ErrNotRecord says a YAML or JSON document is not a letters record.
	ErrNotRecord = errors.New("not a letters record (no schema field): expected the output of `letters parse`")
	// ErrNewer says a record has a schema version newer than this
	// program reads.
	ErrNewer = errors.New("schema is newer than this letters reads")
	// ErrNoRecords says a file holds no record at all.
	ErrNoRecords = errors.New("no records in file")
)

// An Error is a problem with one record of a file: the file, the line
// where the problem is (or the record starts), the record's number in the
// file (from 1) and the cause.
type Error struct {
	File   string
	Line   int
	Record int
	Err    error
}

// Error returns "file:line: record n: reason".
func (e *Error) Error() string {
	pos := e.File
	if e.Line > 0 {
		pos = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	return fmt.Sprintf("%s: record %d: %v", pos, e.Record, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// EncodeYAML returns the YAML form of a record: two-space indentation,
// fields in the order of the Record type, no line folding, so that the
// same record always gives the same bytes.
func EncodeYAML(rec *Record) ([]byte, error) { return AppendYAML(nil, rec) }

// EncodeJSON returns the JSON form of a record on one line, ending in a
// newline, with no HTML escaping: one line of JSON Lines.
func EncodeJSON(rec *Record) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(rec)
	return buf.Bytes(), err
}

// Decode reads every record in data (see Decoder) and checks that each is
// a record this version reads. A file with no record is ErrNoRecords.
func Decode(name string, data []byte) ([]*Record, error) {
	return decodeAll(NewDecoder(name, bytes.NewReader(data)))
}

// ReadFile reads every record in the file at path, as Decode does.
func ReadFile(path string) ([]*Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(path, f)
}

// ReadAll reads every record in r to its end, as Decode does; name is
// used in errors.
func ReadAll(name string, r io.Reader) ([]*Record, error) {
	return decodeAll(NewDecoder(name, r))
}

func decodeAll(d *Decoder) ([]*Record, error) {
	var recs []*Record
	for {
		rec, err := d.Record()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
	if len(recs) == 0 {
		return nil, ErrNoRecords
	}
	return recs, nil
}

// Looks reports whether data opens as records rather than a letter: a
// JSON object, or the record's first key, after blank lines, comments and
// YAML document markers. (A marker alone is not enough: a letter converted
// to markdown may open with front matter between two of them.)
func Looks(data []byte) bool { return LooksLine(FirstLine(data)) }

// LooksLine is Looks given the first line of data, as FirstLine returns
// it, for a caller that needs the line itself as well.
func LooksLine(first []byte) bool {
	return len(first) > 0 && (first[0] == '{' || bytes.HasPrefix(first, []byte("schema:")))
}

// FirstLine returns the first line of data that is not blank, a comment
// or a YAML document marker, trimmed of white space; nil if there is none.
func FirstLine(data []byte) []byte {
	// Line by line, not split at once: a text of millions of blank lines
	// must not cost a slice of them.
	for line, rest, more := []byte(nil), data, true; more; {
		line, rest, more = bytes.Cut(rest, []byte("\n"))
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' || bytes.Equal(t, []byte("---")) {
			continue
		}
		return t
	}
	return nil
}

// A Decoder reads the records of one file or stream one at a time, so
// that memory stays bounded however many records a stream holds. It reads
// every format `letters parse` writes: a YAML record, a YAML stream
// (documents separated by "---"), a JSON record, and JSON Lines (one
// object a line; any sequence of JSON objects). The format is told from
// the first character that is not white space: "{" for JSON.
type Decoder struct {
	name  string
	r     *bufio.Reader
	json  bool
	begun bool
	line  int   // lines of the input consumed, before the next document
	col   int   // JSON: column (from 0) where the next document starts on its line
	n     int   // documents returned
	err   error // sticky: the error that ended the stream
	held  []byte
}

// NewDecoder returns a Decoder that reads r; name is used in errors.
func NewDecoder(name string, r io.Reader) *Decoder {
	return &Decoder{name: name, r: bufio.NewReader(r)}
}

// A Doc is the text of one record of a stream and where it starts in the
// stream.
type Doc struct {
	// Data is the record's YAML or JSON text.
	Data []byte
	// Line is the line of the stream where Data starts, from 1; Column
	// is the column of its first byte on that line, from 1.
	Line, Column int
	// JSON says the document is JSON.
	JSON bool
	// N is the document's number in the stream, from 1.
	N int
}

// Next returns the text of the next document, or io.EOF after the last.
// A document larger than MaxSize ends the stream with ErrTooLarge.
func (d *Decoder) Next() (Doc, error) {
	if d.err != nil {
		return Doc{}, d.err
	}
	if !d.begun {
		d.begun = true
		d.json = d.sniff()
	}
	var doc Doc
	var err error
	if d.json {
		doc, err = d.nextJSON()
	} else {
		doc, err = d.nextYAML()
	}
	if err != nil {
		d.err = err
		return Doc{}, err
	}
	d.n++
	doc.N = d.n
	return doc, nil
}

// sniff reports whether the input is JSON, without consuming it.
func (d *Decoder) sniff() bool {
	for i := 1; ; i++ {
		b, err := d.r.Peek(i)
		if len(b) < i || err != nil {
			return false
		}
		switch b[i-1] {
		case ' ', '\t', '\r', '\n':
			continue
		case '{':
			return true
		}
		return false
	}
}

// nextYAML returns the next YAML document. YAML puts a document marker
// ("---" or "...") only at the start of a line and never inside a
// document, so a stream splits into documents by lines without parsing.
func (d *Decoder) nextYAML() (Doc, error) {
	var buf []byte
	start := d.line + 1
	content, marked := false, false
	if d.held != nil { // the "---" line that ended the last document
		buf, d.held = d.held, nil
		start = d.line
		marked = true
		content = len(bytes.TrimSpace(buf[3:])) > 0
	}
	for {
		line, err := d.readLine(MaxSize - len(buf))
		if err != nil && !errors.Is(err, io.EOF) {
			return Doc{}, err
		}
		if len(line) > 0 {
			d.line++
			switch {
			case isMarker(line, "---"):
				if content || marked {
					d.held = slices.Clone(line)
					return Doc{Data: buf, Line: start, Column: 1}, nil
				}
				marked = true
				content = len(bytes.TrimSpace(line[3:])) > 0
			case isMarker(line, "..."):
				buf = append(buf, line...)
				if content || marked {
					return Doc{Data: buf, Line: start, Column: 1}, nil
				}
				buf, start = nil, d.line+1
				continue
			case !content:
				t := bytes.TrimSpace(line)
				content = len(t) > 0 && t[0] != '#' && t[0] != '%'
			}
			buf = append(buf, line...)
		}
		if errors.Is(err, io.EOF) {
			if content || marked {
				return Doc{Data: buf, Line: start, Column: 1}, nil
			}
			return Doc{}, io.EOF
		}
	}
}

// isMarker reports whether line is the document marker m, alone or
// followed by white space.
func isMarker(line []byte, m string) bool {
	if !bytes.HasPrefix(line, []byte(m)) {
		return false
	}
	rest := line[len(m):]
	return len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r'
}

// readLine reads one line, with its newline, of at most limit bytes. A
// line that fits the reader's buffer is returned in it, valid only until
// the next read: the caller copies what it keeps.
func (d *Decoder) readLine(limit int) ([]byte, error) {
	frag, err := d.r.ReadSlice('\n')
	if !errors.Is(err, bufio.ErrBufferFull) && len(frag) <= limit {
		return frag, err
	}
	line := slices.Clone(frag)
	if len(line) > limit {
		return nil, &Error{File: d.name, Line: d.line + 1, Record: d.n + 1, Err: ErrTooLarge}
	}
	for {
		frag, err := d.r.ReadSlice('\n')
		line = append(line, frag...)
		if len(line) > limit {
			return nil, &Error{File: d.name, Line: d.line + 1, Record: d.n + 1, Err: ErrTooLarge}
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, err
		}
	}
}

// nextJSON returns the next JSON value: bytes from the first that is not
// white space to the end of the object or array that it opens, or to the
// next white space for a bare value.
func (d *Decoder) nextJSON() (Doc, error) {
	// Skip white space, counting lines.
	for {
		b, err := d.r.ReadByte()
		if errors.Is(err, io.EOF) {
			return Doc{}, io.EOF
		}
		if err != nil {
			return Doc{}, err
		}
		if b == '\n' {
			d.line++
			d.col = 0
			continue
		}
		if b == ' ' || b == '\t' || b == '\r' {
			d.col++
			continue
		}
		d.r.UnreadByte()
		break
	}
	doc := Doc{Line: d.line + 1, Column: d.col + 1, JSON: true}
	var buf []byte
	depth := 0
	inString, escaped := false, false
	for {
		b, err := d.r.ReadByte()
		if errors.Is(err, io.EOF) {
			doc.Data = buf
			return doc, nil // json.Unmarshal reports a value cut short
		}
		if err != nil {
			return Doc{}, err
		}
		if len(buf) == MaxSize {
			return Doc{}, &Error{File: d.name, Line: doc.Line, Record: d.n + 1, Err: ErrTooLarge}
		}
		buf = append(buf, b)
		d.col++
		if b == '\n' {
			d.line++
			d.col = 0
		}
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				inString = false
			}
			continue
		case b == '"':
			inString = true
		case b == '{' || b == '[':
			depth++
		case b == '}' || b == ']':
			depth--
		case depth == 0 && (b == ' ' || b == '\t' || b == '\r' || b == '\n'):
			doc.Data = buf[:len(buf)-1]
			return doc, nil
		}
		if depth <= 0 && (b == '}' || b == ']') {
			doc.Data = buf
			return doc, nil
		}
	}
}

// Node returns the next document as a YAML node tree whose lines and
// columns are those of the stream, or io.EOF after the last. JSON is
// read as the YAML it is. A document that does not parse gives a
// *SyntaxError, and the stream ends at it; one whose aliases expand too
// far gives its node and ErrAliases, and the stream goes on.
func (d *Decoder) Node() (*yaml.Node, Doc, error) {
	doc, err := d.Next()
	if err != nil {
		return nil, doc, err
	}
	n, err := ParseNode(doc)
	var se *SyntaxError
	if errors.As(err, &se) {
		d.err = err
	}
	return n, doc, err
}

// A SyntaxError is a document that is not valid YAML (or JSON).
type SyntaxError struct {
	Doc Doc
	// Line is the stream's line that yaml.v3 names (see SyntaxPos for
	// the line at fault); Msg is yaml.v3's message without its position.
	Line int
	Msg  string
}

// Error returns "line N: message".
func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ParseNode parses one document into a YAML node tree with the stream's
// lines and columns, and checks that its aliases expand to at most
// MaxNodes nodes. A document in the block YAML that `letters parse`
// writes is read by a fast reader (blockyaml.go) into the tree yaml.v3
// would give; any other goes to yaml.v3.
func ParseNode(doc Doc) (n *yaml.Node, err error) {
	defer func() {
		// yaml.v3 turns its own failures into errors; anything else it
		// panics with is a bug in it, reported as this document's problem.
		if v := recover(); v != nil {
			n, err = nil, &SyntaxError{Doc: doc, Line: doc.Line, Msg: fmt.Sprintf("not readable as YAML: %v", v)}
		}
	}()
	if !doc.JSON && doc.Column == 1 {
		if n := readBlock(doc.Data, doc.Line-1); n != nil {
			return n, nil // no alias: nothing to bound
		}
	}
	var node yaml.Node
	if err := yaml.Unmarshal(doc.Data, &node); err != nil {
		line, msg := yamlpos.Of(err)
		return nil, &SyntaxError{Doc: doc, Line: doc.Line + max(line, 1) - 1, Msg: msg}
	}
	shift(&node, doc.Line-1, doc.Column-1)
	// Only an alias ("*name") expands: a document without a '*' needs no
	// count.
	if bytes.IndexByte(doc.Data, '*') >= 0 && !withinAliasBound(&node) {
		return &node, ErrAliases
	}
	return &node, nil
}

// shift moves the positions of a node tree parsed on its own to where
// the document stands in its stream.
func shift(n *yaml.Node, lines, cols int) {
	if n.Line == 1 {
		n.Column += cols
	}
	n.Line += lines
	for _, c := range n.Content {
		shift(c, lines, cols)
	}
}

// withinAliasBound reports whether n expands to at most MaxNodes nodes,
// without expanding it: each anchored node's expanded size is counted
// once. An alias that contains itself is out of bounds.
func withinAliasBound(root *yaml.Node) bool {
	sizes := map[*yaml.Node]int{}
	const busy = -1
	var size func(n *yaml.Node) int
	size = func(n *yaml.Node) int {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
			if n == nil {
				return 1
			}
		}
		if s, ok := sizes[n]; ok {
			if s == busy {
				return MaxNodes + 1
			}
			return s
		}
		sizes[n] = busy
		s := 1
		for _, c := range n.Content {
			s += size(c)
			if s > MaxNodes {
				break
			}
		}
		sizes[n] = min(s, MaxNodes+1)
		return sizes[n]
	}
	return size(root) <= MaxNodes
}

// Record returns the next record, or io.EOF after the last. A field the
// Record type does not know is an error, so that a typo in a hand-edited
// record does not pass unnoticed; so is a document without a schema
// version (ErrNotRecord) or with a newer one (ErrNewer). Errors are
// *Error, with the line of the problem.
func (d *Decoder) Record() (*Record, error) {
	doc, err := d.Next()
	if err != nil {
		return nil, err
	}
	rec, err := d.decode(doc)
	if err != nil {
		return nil, err
	}
	switch {
	case rec.Schema < 1:
		return nil, &Error{File: d.name, Line: doc.Line, Record: doc.N, Err: ErrNotRecord}
	case rec.Schema > SchemaVersion:
		return nil, &Error{File: d.name, Line: doc.Line, Record: doc.N,
			Err: fmt.Errorf("%w: schema %d, this letters reads %d", ErrNewer, rec.Schema, SchemaVersion)}
	}
	if bad := checkDates(rec); bad != nil {
		line := doc.Line
		// The line of the date itself, as validate gives it: the tree is
		// parsed again only for a record that is refused.
		if n, err := ParseNode(doc); err == nil {
			line = max(lineOf(n, bad.path), line)
		}
		return nil, &Error{File: d.name, Line: line, Record: doc.N, Err: bad}
	}
	return rec, nil
}

// decode decodes one document into a Record.
func (d *Decoder) decode(doc Doc) (*Record, error) {
	var rec Record
	if doc.JSON {
		dec := json.NewDecoder(bytes.NewReader(doc.Data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			line := doc.Line + bytes.Count(doc.Data[:min(int(dec.InputOffset()), len(doc.Data))], []byte("\n"))
			return nil, &Error{File: d.name, Line: line, Record: doc.N, Err: plainJSONError(err)}
		}
		return &rec, nil
	}
	if rec, ok := decodeBlock(doc); ok {
		return rec, nil
	}
	if bytes.IndexByte(doc.Data, '*') >= 0 { // an alias, perhaps: bound it first
		if _, err := ParseNode(doc); err != nil {
			line := doc.Line
			var se *SyntaxError
			if errors.As(err, &se) {
				line, err = se.Line, errors.New(se.Msg)
			}
			return nil, &Error{File: d.name, Line: line, Record: doc.N, Err: err}
		}
	}
	// Decode the text, not a node: only a yaml.Decoder refuses unknown
	// fields.
	dec := yaml.NewDecoder(bytes.NewReader(doc.Data))
	dec.KnownFields(true)
	if err := dec.Decode(&rec); err != nil && !errors.Is(err, io.EOF) {
		line, msg := yamlpos.Of(err)
		return nil, &Error{File: d.name, Line: doc.Line + max(line, 1) - 1, Record: doc.N, Err: errors.New(plainYAMLError(err, yamlpos.Shift(msg, doc.Line-1)))}
	}
	return &rec, nil
}

// Head returns the source of the first record of a file without decoding
// all of it, so that an incremental run over thousands of records need
// not: for YAML, the text up to the end of the source field is decoded;
// for JSON, the object up to its source field. A record whose fields are
// in another order is decoded whole.
func Head(name string, r io.Reader) (Source, error) {
	d := NewDecoder(name, r)
	if d.sniff() {
		return d.head()
	}
	// YAML: read no further than the line after the source field.
	var read []byte
	in, content := false, false
	for {
		line, err := d.readLine(MaxSize - len(read))
		if err != nil && !errors.Is(err, io.EOF) {
			return Source{}, err
		}
		read = append(read, line...)
		topLevel := len(line) > 0 && !bytes.ContainsRune([]byte(" \t#\r\n"), rune(line[0]))
		switch {
		case in && topLevel, content && (isMarker(line, "---") || isMarker(line, "...")):
			prefix := read[:len(read)-len(line)]
			var head headFields
			if bytes.IndexByte(prefix, '*') < 0 && yaml.Unmarshal(prefix, &head) == nil && head.Schema >= 1 && head.Source.SHA256 != "" {
				return head.Source, nil
			}
			return NewDecoder(name, io.MultiReader(bytes.NewReader(read), d.r)).head()
		case bytes.HasPrefix(line, []byte("source:")):
			in = true
		case topLevel && !isMarker(line, "---"):
			content = true
		}
		if errors.Is(err, io.EOF) {
			return NewDecoder(name, bytes.NewReader(read)).head()
		}
	}
}

// headFields are the fields of a record that Head reads.
type headFields struct {
	Schema int    `yaml:"schema" json:"schema"`
	Source Source `yaml:"source" json:"source"`
}

// head returns the source of the first record d reads.
func (d *Decoder) head() (Source, error) {
	name := d.name
	doc, err := d.Next()
	if errors.Is(err, io.EOF) {
		return Source{}, ErrNoRecords
	}
	if err != nil {
		return Source{}, err
	}
	var head headFields
	if doc.JSON {
		dec := json.NewDecoder(bytes.NewReader(doc.Data))
		if tok, err := dec.Token(); err == nil && tok == json.Delim('{') {
			for dec.More() && head.Source.SHA256 == "" {
				key, err := dec.Token()
				if err != nil {
					break
				}
				switch key {
				case "schema":
					err = dec.Decode(&head.Schema)
				case "source":
					err = dec.Decode(&head.Source)
				default:
					var skip json.RawMessage
					err = dec.Decode(&skip)
				}
				if err != nil {
					break
				}
			}
		}
	} else if prefix := sourcePrefix(doc.Data); prefix != nil && bytes.IndexByte(prefix, '*') < 0 {
		yaml.Unmarshal(prefix, &head)
	}
	if head.Schema >= 1 && head.Source.SHA256 != "" {
		return head.Source, nil
	}
	rec, err := d.decode(doc)
	if err != nil {
		return Source{}, err
	}
	if rec.Schema < 1 {
		return Source{}, &Error{File: name, Line: doc.Line, Record: 1, Err: ErrNotRecord}
	}
	return rec.Source, nil
}

// sourcePrefix returns the lines of a YAML record up to the end of its
// top-level source field, or nil if it has none.
func sourcePrefix(data []byte) []byte {
	in := false
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data) - off
		}
		line := data[off : off+end]
		topLevel := len(line) > 0 && line[0] != ' ' && line[0] != '\t' && line[0] != '#'
		switch {
		case in && topLevel:
			return data[:off]
		case bytes.HasPrefix(line, []byte("source:")):
			in = true
		}
		off += end + 1
	}
	if in {
		return data
	}
	return nil
}
