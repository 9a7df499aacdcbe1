package validate

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// A quickSchema answers one question of a record's node tree fast: does
// it surely satisfy the schema? It reads the same schema file as the
// JSON Schema library, compiled from the keywords the record schema uses,
// and walks the YAML nodes without converting them to JSON values first.
// It may say "not sure" of a valid record (a value the converter would
// turn into something other than a string or an integer, say); it never
// says "valid" of a record that the library or the converter would fault,
// which a test checks on mutated records. A record it is not sure of goes
// through the converter and the library, which word the problems.
type quickSchema struct {
	root *quickNode
}

// JSON types a quickNode allows, as bits.
const (
	quickObject = 1 << iota
	quickArray
	quickString
	quickInteger
	quickAny = quickObject | quickArray | quickString | quickInteger
)

// A quickNode is one schema object, compiled.
type quickNode struct {
	types    int                   // the JSON types allowed
	ref      *quickNode            // $ref, checked too; nil if none
	props    map[string]*quickNode // properties
	closed   bool                  // additionalProperties: false
	required []string
	items    *quickNode // nil: any item
	constant any        // const: an int64 or a string; nil if none
	enum     []string   // nil: any value
	pattern  *regexp.Regexp
	minimum  *int64
	minLen   int
}

// quickKeywords are the keywords compileQuick knows; annotations check
// nothing ("format" is one: the library asserts no format unless asked).
var quickKeywords = []string{
	"$schema", "$id", "title", "description", "$defs", "format",
	"type", "$ref", "properties", "additionalProperties", "required",
	"items", "const", "enum", "pattern", "minimum", "minLength",
}

// compileQuick compiles the schema doc (JSON values, as
// jsonschema.UnmarshalJSON gives them). The error names a keyword or a
// value it does not know: the record schema then grew something this
// checker must learn, and every record goes through the library alone.
func compileQuick(doc any) (*quickSchema, error) {
	c := quickCompiler{doc: doc, defs: map[string]*quickNode{}}
	root, err := c.node(doc)
	if err != nil {
		return nil, err
	}
	return &quickSchema{root: root}, nil
}

// A quickCompiler compiles a schema doc, each definition once.
type quickCompiler struct {
	doc  any
	defs map[string]*quickNode // by $ref
}

// node compiles one schema object.
func (c *quickCompiler) node(v any) (*quickNode, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema %v is not an object", v)
	}
	n := &quickNode{types: quickAny}
	for k := range m {
		if !slices.Contains(quickKeywords, k) {
			return nil, fmt.Errorf("keyword %q", k)
		}
	}
	if t, ok := m["type"]; ok {
		ts, ok := t.([]any)
		if !ok {
			ts = []any{t}
		}
		n.types = 0
		for _, t := range ts {
			switch t {
			case "object":
				n.types |= quickObject
			case "array":
				n.types |= quickArray
			case "string":
				n.types |= quickString
			case "integer", "number": // a record's numbers are integers
				n.types |= quickInteger
			default:
				return nil, fmt.Errorf("type %v", t)
			}
		}
	}
	if r, ok := m["$ref"]; ok {
		ref, err := c.ref(r)
		if err != nil {
			return nil, err
		}
		n.ref = ref
	}
	if ps, ok := m["properties"]; ok {
		pm, ok := ps.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("properties %v", ps)
		}
		n.props = map[string]*quickNode{}
		for name, p := range pm {
			pn, err := c.node(p)
			if err != nil {
				return nil, err
			}
			n.props[name] = pn
		}
	}
	if a, ok := m["additionalProperties"]; ok {
		if a != false {
			return nil, fmt.Errorf("additionalProperties %v", a)
		}
		n.closed = true
	}
	if r, ok := m["required"]; ok {
		if n.required, ok = stringList(r); !ok {
			return nil, fmt.Errorf("required %v", r)
		}
	}
	if it, ok := m["items"]; ok {
		in, err := c.node(it)
		if err != nil {
			return nil, err
		}
		n.items = in
	}
	if k, ok := m["const"]; ok {
		if s, isString := k.(string); isString {
			n.constant = s
		} else if n.constant, ok = integer(k); !ok {
			return nil, fmt.Errorf("const %v", k)
		}
	}
	if e, ok := m["enum"]; ok {
		if n.enum, ok = stringList(e); !ok {
			return nil, fmt.Errorf("enum %v", e)
		}
	}
	if p, ok := m["pattern"]; ok {
		s, ok := p.(string)
		if !ok {
			return nil, fmt.Errorf("pattern %v", p)
		}
		re, err := regexp.Compile(s)
		if err != nil {
			return nil, err
		}
		n.pattern = re
	}
	if x, ok := m["minimum"]; ok {
		least, ok := integer(x)
		if !ok {
			return nil, fmt.Errorf("minimum %v", x)
		}
		n.minimum = &least
	}
	if x, ok := m["minLength"]; ok {
		least, ok := integer(x)
		if !ok {
			return nil, fmt.Errorf("minLength %v", x)
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

// ref compiles the definition a $ref names: "#/$defs/name" only.
func (c *quickCompiler) ref(r any) (*quickNode, error) {
	s, _ := r.(string)
	name, ok := strings.CutPrefix(s, "#/$defs/")
	if !ok || strings.ContainsAny(name, "/~") {
		return nil, fmt.Errorf("$ref %v", r)
	}
	if n, ok := c.defs[s]; ok {
		return n, nil
	}
	root, _ := c.doc.(map[string]any)
	defs, _ := root["$defs"].(map[string]any)
	def, ok := defs[name]
	if !ok {
		return nil, fmt.Errorf("$ref %v", r)
	}
	n := &quickNode{}
	c.defs[s] = n // before compiling it, for a definition that refers to itself
	compiled, err := c.node(def)
	if err != nil {
		return nil, err
	}
	*n = *compiled
	return n, nil
}

// valid reports whether the document root surely satisfies the schema
// and holds nothing the converter reports (a repeated key, a number JSON
// cannot hold).
func (q *quickSchema) valid(root *yaml.Node) bool {
	return q != nil && q.root.valid(root)
}

// valid reports whether n surely satisfies s. It reads each node as the
// converter would: a mapping is an object, a sequence an array, a string
// (or timestamp) scalar a string and an int scalar an integer; any other
// scalar leaves it not sure.
func (s *quickNode) valid(n *yaml.Node) bool {
	n = deref(n)
	if n == nil {
		return false
	}
	if s.ref != nil && !s.ref.valid(n) {
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		return s.types&quickObject != 0 && s.constant == nil && s.enum == nil && s.object(n)
	case yaml.SequenceNode:
		if s.types&quickArray == 0 || s.constant != nil || s.enum != nil {
			return false
		}
		for _, e := range n.Content {
			if s.items != nil && !s.items.valid(e) {
				return false
			}
			if s.items == nil && !plain(e) {
				return false
			}
		}
		return true
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str", "!!timestamp":
			return s.types&quickString != 0 && s.str(n.Value)
		case "!!int":
			i, err := strconv.ParseInt(n.Value, 10, 64)
			return err == nil && s.types&quickInteger != 0 && s.integer(i)
		}
	}
	return false
}

// object checks the fields of a mapping.
func (s *quickNode) object(n *yaml.Node) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := deref(n.Content[i])
		if k == nil || k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			return false
		}
		for j := 0; j < i; j += 2 {
			if deref(n.Content[j]).Value == k.Value {
				return false // a repeated key, which the converter reports
			}
		}
		p, ok := s.props[k.Value]
		switch {
		case ok && !p.valid(n.Content[i+1]):
			return false
		case !ok && (s.closed || !plain(n.Content[i+1])):
			return false
		}
	}
	for _, f := range s.required {
		if field(n, f) == nil {
			return false
		}
	}
	return true
}

// anyValue is the schema of a value that no keyword restricts.
var anyValue = &quickNode{types: quickAny}

// plain reports whether n is a value that no schema keyword restricts
// and that the converter reads without a problem.
func plain(n *yaml.Node) bool { return anyValue.valid(n) }

// str checks a string value.
func (s *quickNode) str(v string) bool {
	if c, ok := s.constant.(string); (s.constant != nil && !ok) || (ok && c != v) {
		return false
	}
	if s.enum != nil && !slices.Contains(s.enum, v) {
		return false
	}
	if s.pattern != nil && !s.pattern.MatchString(v) {
		return false
	}
	return s.minLen == 0 || utf8.RuneCountInString(v) >= s.minLen
}

// integer checks an integer value.
func (s *quickNode) integer(i int64) bool {
	if c, ok := s.constant.(int64); (s.constant != nil && !ok) || (ok && c != i) {
		return false
	}
	return s.enum == nil && (s.minimum == nil || i >= *s.minimum)
}
