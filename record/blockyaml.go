package record

import (
	"maps"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Reading YAML fast. yaml.v3 spends most of the time `letters validate`
// takes: it scans every character of a record's long paragraphs through
// its general machinery. Records that `letters parse` writes use a small
// part of YAML: block mappings and sequences indented by two spaces, keys
// that are plain words, and values on one line, plain or quoted. This
// file reads that part directly into the node tree yaml.v3 would build,
// and gives up (returns nil) at anything else: a comment (but for those
// heading the record), a blank line,
// a tab, a value over several lines, a block scalar, an anchor or alias,
// a tag, a flow collection that is not empty, an escape in a
// double-quoted string, a character yaml.v3 might refuse. yaml.v3 then
// reads the document as before, so what it accepts, refuses and reports
// is unchanged; a test and a fuzz target hold the two trees equal.

// blockLimits bound what the fast reader takes on; past them yaml.v3
// reads the document.
const (
	// blockMaxKey is the longest key, in bytes, read fast: YAML allows
	// at most 1024 characters before the ':' of an implicit key.
	blockMaxKey = 1000
	// blockMaxDepth is the deepest nesting read fast; a record nests
	// five deep.
	blockMaxDepth = 64
	// blockSlab is how many nodes are allocated at once.
	blockSlab = 128
)

// A blockReader reads one YAML document of the block subset.
type blockReader struct {
	lines    []string // without their newlines
	i        int      // the line being read, from 0
	virtLine int      // a line whose indentation is taken as virtIndent: "- key: value" opens a mapping at the key
	virtInd  int
	line0    int // added to line numbers: the document's line in its stream, less 1
	depth    int
	slab     []yaml.Node
}

// readBlock returns the node tree of a YAML document that uses only the
// block subset, with lines counted from line0+1, or nil.
func readBlock(data []byte, line0 int) *yaml.Node {
	if !plainText(data) {
		return nil
	}
	r := &blockReader{lines: strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"), line0: line0, virtLine: -1}
	docLine := 0
	if r.text(0) == "---" {
		r.i++
	} else if strings.HasPrefix(r.text(0), "---") || strings.HasPrefix(r.text(0), "...") || strings.HasPrefix(r.text(0), "%") {
		return nil
	}
	// Comment lines at the head of the record (such as the editor's
	// "# yaml-language-server: $schema=...") are the first key's head
	// comment; any other comment, and any blank line, is for yaml.v3.
	var head []string
	for ; r.i < r.count() && strings.HasPrefix(r.text(r.i), "#"); r.i++ {
		if strings.HasSuffix(r.text(r.i), " ") {
			return nil
		}
		head = append(head, r.text(r.i))
	}
	for _, l := range r.lines[r.i:] {
		if t := strings.TrimLeft(l, " "); t == "" || t[0] == '#' {
			return nil
		}
	}
	if r.text(0) != "---" {
		docLine = r.i
	}
	doc := r.node(yaml.DocumentNode, "", "", docLine, 0)
	if r.i >= r.count() || r.indent(r.i) != 0 || r.seqItem(r.text(r.i)) {
		return nil // a record is a mapping at the left margin
	}
	root := r.mapping(0)
	if root == nil || r.i != r.count() {
		return nil
	}
	root.Content[0].HeadComment = strings.Join(head, "\n")
	doc.Content = []*yaml.Node{root}
	return doc
}

// plainText reports whether data holds only characters that yaml.v3
// reads as they are: no control but the newline (no tab, no carriage
// return), and every other character one that printable accepts.
func plainText(data []byte) bool {
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			if (b < ' ' && b != '\n') || b == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if !printable(r) {
			return false
		}
		i += size
	}
	return true
}

// count is the number of lines.
func (r *blockReader) count() int { return len(r.lines) }

// text returns line i without its newline.
func (r *blockReader) text(i int) string { return r.lines[i] }

// indent returns the indentation of line i.
func (r *blockReader) indent(i int) int {
	if i == r.virtLine {
		return r.virtInd
	}
	t := r.text(i)
	return len(t) - len(strings.TrimLeft(t, " "))
}

// seqItem reports whether content opens a sequence item.
func (r *blockReader) seqItem(content string) bool {
	return content == "-" || strings.HasPrefix(content, "- ")
}

// node returns a new node at line i (from 0) and column col (from 0).
// A scalar's value is a copy, not a part of the document's text: a
// record decoded from the tree keeps its values, and a command that
// keeps one of them (a letter's source path, its authority) would
// otherwise keep the whole file's text alive with it.
func (r *blockReader) node(kind yaml.Kind, tag, value string, i, col int) *yaml.Node {
	if kind == yaml.ScalarNode {
		value = strings.Clone(value)
	}
	if len(r.slab) == 0 {
		r.slab = make([]yaml.Node, blockSlab)
	}
	n := &r.slab[0]
	r.slab = r.slab[1:]
	n.Kind, n.Tag, n.Value, n.Line, n.Column = kind, tag, value, r.line0+i+1, col+1
	return n
}

// block reads the block node that starts at the current line, indented
// by ind.
func (r *blockReader) block(ind int) *yaml.Node {
	if r.seqItem(r.text(r.i)[ind:]) {
		return r.sequence(ind)
	}
	return r.mapping(ind)
}

// open returns a new mapping or sequence node at the current line, one
// level deeper, or nil past blockMaxDepth; close must follow it.
func (r *blockReader) open(kind yaml.Kind, tag string, ind int) *yaml.Node {
	if r.depth++; r.depth > blockMaxDepth {
		return nil
	}
	return r.node(kind, tag, "", r.i, ind)
}

// close ends what open began.
func (r *blockReader) close() { r.depth-- }

// entry returns the current line past ind when it holds an entry of the
// block indented by ind (more), and whether the line breaks the subset:
// a line indented deeper than any block open.
func (r *blockReader) entry(ind int) (content string, more, bad bool) {
	if r.i >= r.count() {
		return "", false, false
	}
	switch in := r.indent(r.i); {
	case in < ind:
		return "", false, false
	case in > ind:
		return "", false, true
	}
	return r.text(r.i)[ind:], true, false
}

// inline reads a value that ends its line (see value), and moves to the
// next line, which must not go on with the value of a block indented by
// ind.
func (r *blockReader) inline(text string, col, ind int) *yaml.Node {
	v := r.value(text, r.i, col)
	r.i++
	if r.i < r.count() && r.indent(r.i) > ind {
		return nil // a value over several lines
	}
	return v
}

// mapping reads a block mapping whose keys are indented by ind.
func (r *blockReader) mapping(ind int) *yaml.Node {
	m := r.open(yaml.MappingNode, "!!map", ind)
	defer r.close()
	for m != nil {
		content, more, bad := r.entry(ind)
		if bad || r.seqItem(content) {
			return nil
		}
		if !more {
			break
		}
		key, rest, ok := splitKey(content)
		if !ok {
			return nil
		}
		tag, ok := plainTag(key)
		if !ok {
			return nil
		}
		k := r.node(yaml.ScalarNode, tag, key, r.i, ind)
		var v *yaml.Node
		if rest == "" { // the value is on the lines below
			r.i++
			if r.i >= r.count() {
				return nil
			}
			switch next := r.indent(r.i); {
			case next > ind:
				v = r.block(next)
			case next == ind && r.seqItem(r.text(r.i)[ind:]):
				v = r.sequence(ind)
			}
		} else {
			v = r.inline(rest, ind+utf8.RuneCountInString(key)+2, ind)
		}
		if v == nil {
			return nil
		}
		m.Content = append(m.Content, k, v)
	}
	return m
}

// sequence reads a block sequence whose dashes are indented by ind.
func (r *blockReader) sequence(ind int) *yaml.Node {
	s := r.open(yaml.SequenceNode, "!!seq", ind)
	defer r.close()
	for s != nil {
		content, more, bad := r.entry(ind)
		if bad {
			return nil
		}
		if !more || !r.seqItem(content) {
			break // the end, or a key of the mapping this sequence is the value of
		}
		rest := strings.TrimPrefix(content[1:], " ")
		if rest == "" || rest[0] == ' ' || r.seqItem(rest) {
			return nil
		}
		var item *yaml.Node
		if _, _, isKey := splitKey(rest); isKey {
			r.virtLine, r.virtInd = r.i, ind+2
			item = r.mapping(ind + 2)
		} else {
			item = r.inline(rest, ind+2, ind)
		}
		if item == nil {
			return nil
		}
		s.Content = append(s.Content, item)
	}
	return s
}

// indicators are the characters that cannot begin a plain scalar read
// fast (some can, in YAML, but give way to yaml.v3 here).
const indicators = "-?:,[]{}#&*!|>'\"%@`"

// splitKey splits "key: value" or "key:" into the plain key and the rest
// of the line.
func splitKey(content string) (key, rest string, ok bool) {
	if content == "" || strings.IndexByte(indicators, content[0]) >= 0 {
		return "", "", false
	}
	at := strings.Index(content, ": ")
	switch {
	case at >= 0:
		key, rest = content[:at], content[at+2:]
		if rest == "" || rest[0] == ' ' {
			return "", "", false
		}
	case strings.HasSuffix(content, ":"):
		key = content[:len(content)-1]
	default:
		return "", "", false
	}
	if key == "" || len(key) > blockMaxKey || strings.HasSuffix(key, " ") || strings.Contains(key, " #") {
		return "", "", false
	}
	return key, rest, true
}

// value reads a value that stands on line i from column col to the end
// of the line.
func (r *blockReader) value(text string, i, col int) *yaml.Node {
	switch text[0] {
	case '\'':
		v, ok := singleQuoted(text)
		if !ok {
			return nil
		}
		n := r.node(yaml.ScalarNode, "!!str", v, i, col)
		n.Style = yaml.SingleQuotedStyle
		return n
	case '"':
		if len(text) < 2 || text[len(text)-1] != '"' || strings.ContainsAny(text[1:len(text)-1], `"\`) {
			return nil
		}
		v := text[1 : len(text)-1]
		n := r.node(yaml.ScalarNode, "!!str", v, i, col)
		n.Style = yaml.DoubleQuotedStyle
		return n
	case '[', '{':
		var n *yaml.Node
		switch text {
		case "[]":
			n = r.node(yaml.SequenceNode, "!!seq", "", i, col)
		case "{}":
			n = r.node(yaml.MappingNode, "!!map", "", i, col)
		default:
			return nil
		}
		n.Style = yaml.FlowStyle
		return n
	}
	if strings.IndexByte(indicators, text[0]) >= 0 || strings.Contains(text, ": ") ||
		strings.HasSuffix(text, ":") || strings.Contains(text, " #") || strings.HasSuffix(text, " ") {
		return nil
	}
	tag, ok := plainTag(text)
	if !ok {
		return nil
	}
	return r.node(yaml.ScalarNode, tag, text, i, col)
}

// singleQuoted returns the value of a single-quoted scalar that fills
// text, and whether it does.
func singleQuoted(text string) (string, bool) {
	body := text[1:]
	var b strings.Builder
	for {
		q := strings.IndexByte(body, '\'')
		if q < 0 {
			return "", false // the scalar goes on to the next line
		}
		if q+1 < len(body) && body[q+1] == '\'' {
			b.WriteString(body[:q+1])
			body = body[q+2:]
			continue
		}
		if q+1 != len(body) {
			return "", false // more after the closing quote
		}
		if b.Len() == 0 {
			return body[:q], true
		}
		b.WriteString(body[:q])
		return b.String(), true
	}
}

// allDigits reports whether s is one or more ASCII digits, which
// yaml.v3 reads as a number: plainTag resolves them to an int and
// numberOrDate quotes them.
func allDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// plainTag returns the tag yaml.v3 resolves a plain scalar to, and
// whether it is sure of it: digits make an int, a word of YAML's own a
// bool or null, and any other text a string; text that could be a
// number, a float or a timestamp is asked of yaml.v3 itself.
func plainTag(v string) (string, bool) {
	switch c := v[0]; {
	case c >= '0' && c <= '9', c == '+', c == '-', c == '.':
		if len(v) <= 18 && (c != '0' || len(v) == 1) && allDigits(v) {
			return "!!int", true
		}
		if !numberLetters(v) && !strings.Contains(strings.ToLower(v), ".inf") && !strings.Contains(strings.ToLower(v), ".nan") {
			return "!!str", true // not .inf or .nan either
		}
		return scalarTag(v)
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool", true
		case "~", "null", "Null", "NULL":
			return "!!null", true
		}
	case v == "<<":
		return "!!merge", true
	}
	return "!!str", true
}

// numberLetters reports whether every letter of v can stand in a number
// or a timestamp that yaml.v3 resolves: an exponent (e), a base prefix
// (0x, 0o, 0b), hex digits after 0x, a time zone (T, Z). A plain scalar
// with another letter (a hash such as "8eb77a…", an address line such as
// "1 Town Square") is a string.
func numberLetters(v string) bool {
	letters := "eEoObBxXtTzZ"
	if strings.ContainsAny(v, "xX") {
		letters += "acdfACDF"
	}
	for i := 0; i < len(v); i++ {
		c := v[i] | 0x20 // lower case, for letters
		if c >= 'a' && c <= 'z' && strings.IndexByte(letters, v[i]) < 0 {
			return false
		}
	}
	return true
}

// scalarTag asks yaml.v3 for the tag of a plain scalar on its own.
func scalarTag(v string) (tag string, ok bool) {
	defer func() {
		if recover() != nil {
			tag, ok = "", false
		}
	}()
	var n yaml.Node
	if yaml.Unmarshal([]byte(v), &n) != nil || n.Kind != yaml.DocumentNode || len(n.Content) != 1 {
		return "", false
	}
	s := n.Content[0]
	if s.Kind != yaml.ScalarNode || s.Style != 0 || s.Value != v {
		return "", false
	}
	return s.Tag, true
}

// decodeBlock decodes a YAML record that the fast reader reads and whose
// every field the Record type knows, as a yaml.Decoder that refuses
// unknown fields would; ok is false for any other document, or any
// error, which the yaml.Decoder then reads and words.
func decodeBlock(doc Doc) (rec *Record, ok bool) {
	if doc.JSON || doc.Column != 1 {
		return nil, false
	}
	n := readBlock(doc.Data, doc.Line-1)
	if n == nil || !knownFields(n.Content[0], reflect.TypeFor[Record]()) {
		return nil, false
	}
	var r Record
	if n.Decode(&r) != nil {
		return nil, false
	}
	return &r, true
}

// knownFields reports whether every key of every mapping in n names a
// field of the type t it decodes into, as yaml.v3 names fields: by the
// yaml tag, or the field's name in lower case, with inline structs' fields
// as the struct's own.
func knownFields(n *yaml.Node, t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return true // a type error, which Decode reports
		}
		fields := structFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			ft, ok := fields[n.Content[i].Value]
			if !ok || !knownFields(n.Content[i+1], ft) {
				return false
			}
		}
	case reflect.Slice, reflect.Array:
		if n.Kind != yaml.SequenceNode {
			return true
		}
		for _, e := range n.Content {
			if !knownFields(e, t.Elem()) {
				return false
			}
		}
	case reflect.Map, reflect.Interface:
		return false // not in a record: leave it to yaml.v3
	}
	return true
}

// fieldsOf caches structFields by type.
var fieldsOf sync.Map // reflect.Type -> map[string]reflect.Type

// structFields returns the YAML names of a struct's fields and their types.
func structFields(t reflect.Type) map[string]reflect.Type {
	if f, ok := fieldsOf.Load(t); ok {
		return f.(map[string]reflect.Type)
	}
	fields := map[string]reflect.Type{}
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if strings.Contains(","+opts+",", ",inline,") && f.Type.Kind() == reflect.Struct {
			maps.Copy(fields, structFields(f.Type))
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields[name] = f.Type
	}
	fieldsOf.Store(t, fields)
	return fields
}
