package validate

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/ofsted-letters/letters/record"
)

// valid answers one question of a record's node tree fast: does it
// surely satisfy the schema? It walks the YAML nodes without converting
// them to JSON values first. It may say "not sure" of a valid record (a
// value the converter would turn into something other than a string or an
// integer, say); it never says "valid" of a record that check or the
// converter would fault, which a test checks on mutated records. A record
// it is not sure of goes through the converter and check, which find the
// problems.
func (s *recordSchema) valid(root *yaml.Node) bool {
	return s.root.valid(root)
}

// valid reports whether n surely satisfies s. It reads each node as the
// converter would: a mapping is an object, a sequence an array, a string
// (or timestamp) scalar a string and an int scalar an integer; any other
// scalar leaves it not sure.
func (s *schemaNode) valid(n *yaml.Node) bool {
	n = record.Deref(n)
	if n == nil {
		return false
	}
	if s.ref != nil && !s.ref.valid(n) {
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		return s.types&typeObject != 0 && s.constant == nil && s.enum == nil && s.object(n)
	case yaml.SequenceNode:
		if s.types&typeArray == 0 || s.constant != nil || s.enum != nil {
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
			return s.types&typeString != 0 && s.str(n.Value)
		case "!!int":
			i, err := strconv.ParseInt(n.Value, 10, 64)
			return err == nil && s.types&(typeInteger|typeNumber) != 0 && s.integer(i)
		}
	}
	return false
}

// object checks the fields of a mapping.
func (s *schemaNode) object(n *yaml.Node) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := record.Deref(n.Content[i])
		if k == nil || k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			return false
		}
		for j := 0; j < i; j += 2 {
			if record.Deref(n.Content[j]).Value == k.Value {
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
		if record.Field(n, f) == nil {
			return false
		}
	}
	return true
}

// anyValue is the schema of a value that no keyword restricts.
var anyValue = &schemaNode{types: typeAny}

// plain reports whether n is a value that no schema keyword restricts
// and that the converter reads without a problem.
func plain(n *yaml.Node) bool { return anyValue.valid(n) }

// str checks a string value.
func (s *schemaNode) str(v string) bool {
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
func (s *schemaNode) integer(i int64) bool {
	if s.constant != nil {
		c, ok := s.constant.(json.Number)
		if !ok || c.String() != strconv.FormatInt(i, 10) {
			return false
		}
	}
	return s.enum == nil && (s.minimum == nil || i >= *s.minimum)
}
