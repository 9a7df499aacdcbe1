package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A recordSchema is the record schema of package schema, compiled by
// this package: the keywords of JSON Schema (draft 2020-12) that the
// schema file uses, no more. Two walks read it: valid (quick.go) passes
// the YAML nodes of a record that surely fits, without converting them;
// check finds every way the record's JSON values do not fit, as a JSON
// Schema validator would. The tests hold both to the JSON Schema library
// github.com/santhosh-tekuri/jsonschema, which the binary does not link
// (compiling its meta-schemas cost every command 14 ms of CPU at start).
type recordSchema struct {
	root *schemaNode
}

// A jsonType is a set of JSON types, as bits in the order the library
// names them in a message.
type jsonType int

// The JSON types.
const (
	typeNull jsonType = 1 << iota
	typeBoolean
	typeNumber
	typeInteger
	typeString
	typeArray
	typeObject
	typeAny = typeNull | typeBoolean | typeNumber | typeInteger | typeString | typeArray | typeObject
)

// typeWords are the names of the JSON types, in the order of their bits.
var typeWords = []string{"null", "boolean", "number", "integer", "string", "array", "object"}

// names returns the names of the types in t.
func (t jsonType) names() []string {
	var out []string
	for i, w := range typeWords {
		if t&(1<<i) != 0 {
			out = append(out, w)
		}
	}
	return out
}

// A schemaNode is one schema object, compiled.
type schemaNode struct {
	loc      string                 // its JSON pointer in the schema file, such as "/$defs/date"
	types    jsonType               // type
	ref      *schemaNode            // $ref, checked too; nil if none
	props    map[string]*schemaNode // properties
	known    []string               // the names of props, sorted, for messages
	closed   bool                   // additionalProperties: false
	required []string
	items    *schemaNode // nil: any item
	constant any         // const: a json.Number or a string; nil if none
	enum     []string    // nil: any value
	pattern  *regexp.Regexp
	minimum  *int64
	minLen   int
}

// schemaKeywords are the keywords compileSchema knows; annotations check
// nothing. "format" is one: draft 2020-12 asserts no format unless asked,
// and the rule of dates (rules.go) checks that a date exists.
var schemaKeywords = []string{
	"$schema", "$id", "title", "description", "$defs", "format",
	"type", "$ref", "properties", "additionalProperties", "required",
	"items", "const", "enum", "pattern", "minimum", "minLength",
}

// compileSchema compiles a schema file. The error names a keyword or a
// value it does not know: the record schema then grew something this
// package must learn.
func compileSchema(src []byte) (*recordSchema, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("record schema: %w", err)
	}
	c := schemaCompiler{doc: doc, defs: map[string]*schemaNode{}}
	root, err := c.node(doc, "")
	if err != nil {
		return nil, fmt.Errorf("record schema: %w", err)
	}
	return &recordSchema{root: root}, nil
}

// A schemaCompiler compiles a schema doc, each definition once.
type schemaCompiler struct {
	doc  any
	defs map[string]*schemaNode // by $ref
}

// node compiles the schema object v found at loc.
func (c *schemaCompiler) node(v any, loc string) (*schemaNode, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("#%s: schema %v is not an object", loc, v)
	}
	n := &schemaNode{loc: loc, types: typeAny}
	for _, k := range slices.Sorted(maps.Keys(m)) { // sorted: the same keyword named every run
		if !slices.Contains(schemaKeywords, k) {
			return nil, fmt.Errorf("#%s: keyword %q", loc, k)
		}
	}
	// bad names a keyword's value this compiler cannot read.
	bad := func(keyword string) error {
		return fmt.Errorf("#%s: %s %v", loc, keyword, m[keyword])
	}
	if t, ok := m["type"]; ok {
		ts, ok := t.([]any)
		if !ok {
			ts = []any{t}
		}
		n.types = 0
		for _, t := range ts {
			i := slices.Index(typeWords, fmt.Sprint(t))
			if _, isString := t.(string); !isString || i < 0 {
				return nil, bad("type")
			}
			n.types |= 1 << i
		}
	}
	if r, ok := m["$ref"]; ok {
		ref, err := c.ref(r, loc)
		if err != nil {
			return nil, err
		}
		n.ref = ref
	}
	if ps, ok := m["properties"]; ok {
		pm, ok := ps.(map[string]any)
		if !ok {
			return nil, bad("properties")
		}
		n.props = map[string]*schemaNode{}
		for _, name := range slices.Sorted(maps.Keys(pm)) {
			pn, err := c.node(pm[name], loc+"/properties/"+escapePointer(name))
			if err != nil {
				return nil, err
			}
			n.props[name] = pn
		}
		n.known = slices.Sorted(maps.Keys(n.props))
	}
	if a, ok := m["additionalProperties"]; ok {
		if a != false {
			return nil, bad("additionalProperties")
		}
		n.closed = true
	}
	if _, ok := m["required"]; ok {
		if n.required, ok = stringList(m["required"]); !ok {
			return nil, bad("required")
		}
	}
	if it, ok := m["items"]; ok {
		in, err := c.node(it, loc+"/items")
		if err != nil {
			return nil, err
		}
		n.items = in
	}
	if k, ok := m["const"]; ok {
		_, isString := k.(string)
		if _, isInteger := integer(k); !isString && !isInteger {
			return nil, bad("const")
		}
		n.constant = k
	}
	if _, ok := m["enum"]; ok {
		if n.enum, ok = stringList(m["enum"]); !ok {
			return nil, bad("enum")
		}
	}
	if p, ok := m["pattern"]; ok {
		s, ok := p.(string)
		if !ok {
			return nil, bad("pattern")
		}
		re, err := regexp.Compile(s)
		if err != nil {
			return nil, fmt.Errorf("#%s: pattern: %w", loc, err)
		}
		n.pattern = re
	}
	if x, ok := m["minimum"]; ok {
		least, ok := integer(x)
		if !ok {
			return nil, bad("minimum")
		}
		n.minimum = &least
	}
	if x, ok := m["minLength"]; ok {
		least, ok := integer(x)
		if !ok || least < 0 {
			return nil, bad("minLength")
		}
		n.minLen = int(least)
	}
	return n, nil
}

// stringList returns a JSON array of strings, never nil, and whether v
// is one.
func stringList(v any) ([]string, bool) {
	vs, ok := v.([]any)
	out := []string{}
	for _, e := range vs {
		s, isString := e.(string)
		if !isString {
			return nil, false
		}
		out = append(out, s)
	}
	return out, ok
}

// integer returns a JSON number that is an integer, and whether v is one.
func integer(v any) (int64, bool) {
	num, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(string(num), 10, 64)
	return i, err == nil
}

// ref compiles the definition a $ref at loc names: "#/$defs/name" only.
func (c *schemaCompiler) ref(r any, loc string) (*schemaNode, error) {
	s, _ := r.(string)
	if n, ok := c.defs[s]; ok {
		return n, nil
	}
	root, _ := c.doc.(map[string]any)
	defs, _ := root["$defs"].(map[string]any)
	name, local := strings.CutPrefix(s, "#/$defs/")
	def, found := defs[name]
	if !local || strings.ContainsAny(name, "/~") || !found {
		return nil, fmt.Errorf("#%s: $ref %v", loc, r)
	}
	n := &schemaNode{}
	c.defs[s] = n // before compiling it, for a definition that refers to itself
	compiled, err := c.node(def, strings.TrimPrefix(s, "#"))
	if err != nil {
		return nil, err
	}
	*n = *compiled
	return n, nil
}

// defName returns the name of the definition a schema object is, or ""
// when it is not one of $defs.
func (s *schemaNode) defName() string {
	rest, ok := strings.CutPrefix(s.loc, "/$defs/")
	if !ok || strings.Contains(rest, "/") {
		return ""
	}
	return rest
}

// The keywords a schemaError can name.
const (
	kwType       = "type"
	kwConst      = "const"
	kwEnum       = "enum"
	kwRequired   = "required"
	kwAdditional = "additionalProperties"
	kwMinLength  = "minLength"
	kwPattern    = "pattern"
	kwMinimum    = "minimum"
)

// A schemaError is a keyword of the schema that a JSON value fails.
type schemaError struct {
	at      []string    // the JSON pointer tokens of the value
	node    *schemaNode // the schema object whose keyword failed
	keyword string      // one of the kw constants
	value   any         // the value
	fields  []string    // required: the fields missing; additionalProperties: the fields unknown, sorted
}

// check returns every keyword of the schema that v, a record's JSON
// values (as the converter gives them), fails, as the JSON Schema library
// finds them: a value of the wrong type, or not the const or one of the
// enum, is reported for that alone; otherwise its $ref is checked, then
// what its type allows (required fields, then each field in the order of
// its name, then the unknown fields; each item; minLength, then pattern;
// minimum).
func (s *recordSchema) check(v any) []schemaError {
	var out []schemaError
	s.root.check(v, nil, &out)
	return out
}

// check appends to out the keywords of s that v, at the tokens at, fails.
func (s *schemaNode) check(v any, at []string, out *[]schemaError) {
	fail := func(keyword string, fields []string) {
		*out = append(*out, schemaError{at: slices.Clone(at), node: s, keyword: keyword, value: v, fields: fields})
	}
	t := typeOf(v)
	if s.types&t == 0 && (s.types&typeInteger == 0 || t != typeNumber || !isInteger(v)) {
		fail(kwType, nil)
		return
	}
	if s.constant != nil && !sameNumberOrString(v, s.constant) {
		fail(kwConst, nil)
		return
	}
	if s.enum != nil {
		if str, ok := v.(string); !ok || !slices.Contains(s.enum, str) {
			fail(kwEnum, nil)
			return
		}
	}
	if s.ref != nil {
		s.ref.check(v, at, out)
	}
	switch v := v.(type) {
	case map[string]any:
		var missing, unknown []string
		for _, f := range s.required {
			if _, ok := v[f]; !ok {
				missing = append(missing, f)
			}
		}
		if missing != nil {
			fail(kwRequired, missing)
		}
		for _, f := range slices.Sorted(maps.Keys(v)) {
			p, ok := s.props[f]
			switch {
			case ok:
				p.check(v[f], append(at, f), out)
			case s.closed:
				unknown = append(unknown, f)
			}
		}
		if unknown != nil {
			fail(kwAdditional, unknown)
		}
	case []any:
		for i, e := range v {
			if s.items != nil {
				s.items.check(e, append(at, strconv.Itoa(i)), out)
			}
		}
	case string:
		if s.minLen > 0 && utf8.RuneCountInString(v) < s.minLen {
			fail(kwMinLength, nil)
		}
		if s.pattern != nil && !s.pattern.MatchString(v) {
			fail(kwPattern, nil)
		}
	case json.Number:
		if s.minimum != nil && rat(v).Cmp(new(big.Rat).SetInt64(*s.minimum)) < 0 {
			fail(kwMinimum, nil)
		}
	}
}

// typeOf returns the JSON type of a value as encoding/json gives it, with
// numbers as json.Number (an integer is a number to it: see isInteger),
// and no type for a Go value that JSON has not.
func typeOf(v any) jsonType {
	switch v.(type) {
	case nil:
		return typeNull
	case bool:
		return typeBoolean
	case json.Number:
		return typeNumber
	case string:
		return typeString
	case []any:
		return typeArray
	case map[string]any:
		return typeObject
	}
	return 0
}

// rat returns a number's value, 0 for a numeral that is none (which the
// converter never gives).
func rat(n json.Number) *big.Rat {
	r, ok := new(big.Rat).SetString(string(n))
	if !ok {
		return new(big.Rat)
	}
	return r
}

// isInteger reports whether v is a number without a fraction (1.0 and
// 1e3 are, as JSON Schema counts them).
func isInteger(v any) bool {
	n, ok := v.(json.Number)
	return ok && rat(n).IsInt()
}

// sameNumberOrString reports whether v equals c, a json.Number or a
// string: numbers by value, strings by text.
func sameNumberOrString(v, c any) bool {
	switch c := c.(type) {
	case json.Number:
		n, ok := v.(json.Number)
		return ok && rat(n).Cmp(rat(c)) == 0
	case string:
		s, ok := v.(string)
		return ok && s == c
	}
	return false
}
