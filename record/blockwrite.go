package record

import (
	"bytes"
	"encoding"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Writing YAML fast, the counterpart of blockyaml.go. yaml.v3's emitter
// keeps every event of a document in a queue that it never shortens, so
// a document of a few thousand values costs megabytes of allocation:
// 56 MB to write the 0.75 MB of `letters diff -o yaml` over the test
// letters, nearly all the time it took. AppendYAML writes the values
// that commands write (structs of strings, numbers, booleans, pointers
// and slices) itself, with the bytes yaml.v3 writes: a string plain when
// it is sure yaml.v3 writes it plain, digits and dates double-quoted,
// any other string quoted by yaml.v3 itself; a value of another kind (a
// map, a type with its own marshalling, a string with a line break) has
// its whole document written by yaml.v3. A test and a fuzz target hold
// the two outputs equal.

// AppendYAML appends to dst the YAML document of v as a yaml.v3 Encoder
// with an indentation of two spaces writes it, byte for byte.
func AppendYAML(dst []byte, v any) ([]byte, error) {
	w := blockWriter{b: dst}
	if w.root(reflect.ValueOf(v)) {
		return append(w.b, '\n'), nil
	}
	var buf bytes.Buffer
	buf.Write(dst)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return dst, err
	}
	if err := enc.Close(); err != nil {
		return dst, err
	}
	return buf.Bytes(), nil
}

// maxSimpleKey is the longest key yaml.v3 writes as "key:"; a longer
// one it writes as "? key".
const maxSimpleKey = 128

// Where a value is written: the root of the document, after "key:", or
// after "- ".
const (
	ctxRoot = iota
	ctxValue
	ctxItem
)

// A blockWriter appends one document; each method reports false when the
// value is not one it writes as yaml.v3 does.
type blockWriter struct {
	b []byte
}

// root writes v as the document's root: a mapping or a sequence, at
// column 0.
func (w *blockWriter) root(v reflect.Value) bool {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	if k := v.Kind(); k != reflect.Struct && k != reflect.Slice {
		return false // a scalar document is yaml.v3's
	}
	return w.value(v, 0, ctxRoot)
}

// value writes v at indentation ind (the column of a mapping's keys,
// or of a sequence's dashes under a key) in context ctx.
func (w *blockWriter) value(v reflect.Value, ind, ctx int) bool {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			w.scalar("null", ctx)
			return true
		}
		v = v.Elem()
	}
	if !v.IsValid() || special(v.Type()) {
		return false
	}
	switch v.Kind() {
	case reflect.Struct:
		return w.mapping(v, ind, ctx)
	case reflect.Slice:
		return w.sequence(v, ind, ctx)
	case reflect.String:
		return w.str(v.String(), ctx)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.space(ctx)
		w.b = strconv.AppendInt(w.b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		w.space(ctx)
		w.b = strconv.AppendUint(w.b, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		w.space(ctx)
		w.float(v)
	case reflect.Bool:
		w.space(ctx)
		w.b = strconv.AppendBool(w.b, v.Bool())
	default:
		return false
	}
	return true
}

// space separates a value from its key.
func (w *blockWriter) space(ctx int) {
	if ctx == ctxValue {
		w.b = append(w.b, ' ')
	}
}

// scalar writes text, already in its YAML form, in context ctx.
func (w *blockWriter) scalar(text string, ctx int) {
	w.space(ctx)
	w.b = append(w.b, text...)
}

// float writes a float as yaml.v3 does.
func (w *blockWriter) float(v reflect.Value) {
	f := v.Float()
	switch {
	case math.IsInf(f, 1):
		w.b = append(w.b, ".inf"...)
	case math.IsInf(f, -1):
		w.b = append(w.b, "-.inf"...)
	case math.IsNaN(f):
		w.b = append(w.b, ".nan"...)
	case v.Kind() == reflect.Float32:
		w.b = strconv.AppendFloat(w.b, f, 'g', -1, 32)
	default:
		w.b = strconv.AppendFloat(w.b, f, 'g', -1, 64)
	}
}

// str writes a string: plain when plainSafe says it may, else as yaml.v3
// quotes it, when the string holds no line break (yaml.v3 writes such a
// string as a block scalar, or breaks its quoted form, indented as the
// document goes).
func (w *blockWriter) str(s string, ctx int) bool {
	if plainSafe(s) {
		w.scalar(s, ctx)
		return true
	}
	if numberOrDate(s) {
		w.scalar(`"`+s+`"`, ctx)
		return true
	}
	if strings.ContainsAny(s, lineBreaks) {
		return false // yaml.v3 indents what follows a break
	}
	out, err := yaml.Marshal(struct {
		K string `yaml:"k"`
	}{s})
	quoted, ok := strings.CutPrefix(string(out), "k: ")
	quoted, nl := strings.CutSuffix(quoted, "\n")
	if err != nil || !ok || !nl || strings.Contains(quoted, "\n") {
		return false
	}
	w.scalar(quoted, ctx)
	return true
}

// lineBreaks are the characters YAML reads as line breaks.
const lineBreaks = "\n\r\u0085\u2028\u2029"

// newline ends the line and indents the next by ind spaces.
func (w *blockWriter) newline(ind int) {
	w.b = append(w.b, '\n')
	for range ind {
		w.b = append(w.b, ' ')
	}
}

// mapping writes a struct as a block mapping whose keys stand at ind.
func (w *blockWriter) mapping(v reflect.Value, ind, ctx int) bool {
	fields, ok := writeFields(v.Type())
	if !ok {
		return false
	}
	first := true
	for _, f := range fields {
		fv := v.FieldByIndex(f.index)
		if f.omitEmpty && empty(fv) {
			continue
		}
		switch {
		case first && ctx == ctxValue:
			w.newline(ind)
		case !first:
			w.newline(ind)
		}
		first = false
		w.b = append(w.b, f.name...)
		w.b = append(w.b, ':')
		if !w.value(fv, ind+2, ctxValue) {
			return false
		}
	}
	if first {
		w.scalar("{}", ctx)
	}
	return true
}

// sequence writes a slice as a block sequence: under a key, its dashes
// stand at ind; as an item, after the dash that holds it.
func (w *blockWriter) sequence(v reflect.Value, ind, ctx int) bool {
	if v.Type().Elem().Kind() == reflect.Uint8 {
		return false // yaml.v3 writes bytes as a string
	}
	if v.Len() == 0 {
		w.scalar("[]", ctx)
		return true
	}
	for i := range v.Len() {
		if i > 0 || ctx == ctxValue {
			w.newline(ind)
		}
		w.b = append(w.b, "- "...)
		if !w.value(v.Index(i), ind+2, ctxItem) {
			return false
		}
	}
	return true
}

// A blockField is a field of a struct as yaml.v3 writes it.
type blockField struct {
	name      string
	index     []int
	omitEmpty bool
}

// blockFields caches writeFields by type; a nil slice with ok false
// marks a type written by yaml.v3.
var blockFields sync.Map // reflect.Type -> []blockField, or nil

// writeFields returns the fields of struct type t in yaml.v3's order,
// or false when yaml.v3 writes t in a way AppendYAML does not: a field
// flowed or inlined from a map or pointer, a key it would quote,
// omitempty on a field whose emptiness yaml.v3 judges otherwise.
func writeFields(t reflect.Type) ([]blockField, bool) {
	if f, ok := blockFields.Load(t); ok {
		return f.([]blockField), f.([]blockField) != nil
	}
	fields, ok := collectFields(t, nil)
	if !ok {
		fields = nil
	}
	blockFields.Store(t, fields)
	return fields, ok
}

// collectFields gathers the fields of t, whose index in the outer
// struct starts with prefix.
func collectFields(t reflect.Type, prefix []int) ([]blockField, bool) {
	fields := []blockField{}
	seen := map[string]bool{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.PkgPath != "" && !sf.Anonymous {
			continue
		}
		tag := sf.Tag.Get("yaml")
		if tag == "" && !strings.Contains(string(sf.Tag), ":") {
			tag = string(sf.Tag)
		}
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		f := blockField{name: name, index: append(append([]int{}, prefix...), i)}
		inline := false
		for o := range strings.SplitSeq(opts, ",") {
			switch o {
			case "":
			case "omitempty":
				f.omitEmpty = true
			case "inline":
				inline = true
			default:
				return nil, false
			}
		}
		if inline {
			if sf.Type.Kind() != reflect.Struct || special(sf.Type) {
				return nil, false
			}
			inner, ok := collectFields(sf.Type, f.index)
			if !ok {
				return nil, false
			}
			for _, in := range inner {
				if seen[in.name] {
					return nil, false
				}
				seen[in.name] = true
			}
			fields = append(fields, inner...)
			continue
		}
		if f.name == "" {
			f.name = strings.ToLower(sf.Name)
		}
		if seen[f.name] || !plainSafe(f.name) || len(f.name) > maxSimpleKey {
			return nil, false
		}
		seen[f.name] = true
		if f.omitEmpty && !emptyKnown(sf.Type) {
			return nil, false
		}
		fields = append(fields, f)
	}
	return fields, true
}

// emptyKnown reports whether empty judges a value of type t as yaml.v3's
// omitempty does.
func emptyKnown(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct, reflect.Map, reflect.Array:
		return false
	}
	return !special(t) && !t.Implements(isZeroer)
}

// empty reports whether omitempty leaves v out, as yaml.v3 judges it for
// the types emptyKnown accepts.
func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	}
	return v.IsZero()
}

// The types yaml.v3 writes in its own way.
var (
	isZeroer        = reflect.TypeFor[yaml.IsZeroer]()
	yamlMarshaler   = reflect.TypeFor[yaml.Marshaler]()
	textMarshaler   = reflect.TypeFor[encoding.TextMarshaler]()
	nodeType        = reflect.TypeFor[yaml.Node]()
	timeType        = reflect.TypeFor[time.Time]()
	durationType    = reflect.TypeFor[time.Duration]()
	specialDefiners = []reflect.Type{yamlMarshaler, textMarshaler}
)

// specialTypes caches special by type.
var specialTypes sync.Map // reflect.Type -> bool

// special reports whether yaml.v3 writes a value of type t otherwise
// than by its kind.
func special(t reflect.Type) bool {
	if s, ok := specialTypes.Load(t); ok {
		return s.(bool)
	}
	s := t == nodeType || t == timeType || t == durationType
	for _, i := range specialDefiners {
		s = s || t.Implements(i) || reflect.PointerTo(t).Implements(i)
	}
	specialTypes.Store(t, s)
	return s
}

// plainSafe reports whether yaml.v3 surely writes s as a plain scalar
// in block context: it starts with a letter, '/' or '(' (so it reads as
// no number, date or indicator), is none of the words that read as null
// or a boolean, holds only characters yaml.v3 prints as they are, no
// ": " or " #", and does not end in a space or a colon. A string it is
// not sure of is quoted by yaml.v3, which may still write it plain.
func plainSafe(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '/' || c == '(' || c >= utf8.RuneSelf) {
		return false
	}
	if len(s) <= len("false") && reserved[s] {
		return false
	}
	last := s[len(s)-1]
	if last == ' ' || last == ':' {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if !plainCheck[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f {
				return false
			}
			if c == ':' && s[i+1] == ' ' || c == ' ' && s[i+1] == '#' {
				return false // i+1 is in s: s ends in neither ':' nor ' '
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !printable(r) {
			return false
		}
		i += size
	}
	return true
}

// plainCheck marks the bytes that plainSafe looks at more closely:
// controls, ':', ' ' and the bytes of non-ASCII characters.
var plainCheck = func() (t [256]bool) {
	for c := range t {
		t[c] = c < ' ' || c == ':' || c == ' ' || c >= 0x7f
	}
	return t
}()

// numberOrDate reports whether s is digits, or a date as YYYY-MM-DD:
// yaml.v3 reads such a string as a number or a timestamp, so writes it
// double-quoted, and nothing in it is escaped.
func numberOrDate(s string) bool {
	switch {
	case s == "":
		return false
	case allDigits(s):
		return true
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// printable reports whether yaml.v3 reads and writes the non-ASCII rune
// r as it is (not escaped, not a line break): valid UTF-8 below U+10000
// and neither a line or paragraph separator nor a byte order mark. The
// writer (plainSafe) and the fast reader (plainText) both ask it.
func printable(r rune) bool {
	switch {
	case r == utf8.RuneError, r == 0x2028, r == 0x2029, r == 0xFEFF:
		return false
	}
	return 0xA0 <= r && r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD
}

// reserved holds the words that yaml.v3 reads as null or a boolean, so
// writes quoted.
var reserved = map[string]bool{
	"null": true, "Null": true, "NULL": true,
	"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true,
	"n": true, "N": true, "no": true, "No": true, "NO": true,
	"on": true, "On": true, "ON": true, "off": true, "Off": true, "OFF": true,
}
