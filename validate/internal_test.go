package validate

import (
	"encoding/json"
	"testing"

	"github.com/ofsted-letters/letters/schema"
)

// TestPatternMessages checks that every schema definition with a pattern
// has its own message, so that no user is shown a bare regular expression.
func TestPatternMessages(t *testing.T) {
	var doc struct {
		Defs map[string]struct {
			Pattern string `json:"pattern"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	for name, def := range doc.Defs {
		if def.Pattern != "" && patternMessages[name] == "" {
			t.Errorf("$defs/%s has a pattern but no message in patternMessages", name)
		}
	}
}

// TestSuggest checks which typos get a "did you mean".
func TestSuggest(t *testing.T) {
	fields := []string{"date", "kind", "title", "salutation", "recipient"}
	tests := []struct {
		name, got, want string
	}{
		{"one letter missing", "dat", "date"},
		{"two letters swapped", "saltuation", "salutation"},
		{"capitals", "Title", "title"},
		{"a prefix", "recip", "recipient"},
		{"nothing close", "colour", ""},
		{"short words need to be closer", "dx", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := suggest(tt.got, fields); got != tt.want {
				t.Errorf("suggest(%q) = %q, want %q", tt.got, got, tt.want)
			}
		})
	}
}

// TestCompileSchemaErrors checks that a schema this package cannot check
// stops New with an error naming where in the schema file it is and the
// keyword or value, as README promises.
func TestCompileSchemaErrors(t *testing.T) {
	for _, c := range []struct{ schema, want string }{
		{`{"type": "object", "if": {}}`, `record schema: #: keyword "if"`},
		{`{"properties": {"a": {"oneOf": []}}}`, `record schema: #/properties/a: keyword "oneOf"`},
		{`{"items": {"type": "tuple"}}`, `record schema: #/items: type tuple`},
		{`{"properties": {"a": {"$ref": "#/$defs/b"}}}`, `record schema: #/properties/a: $ref #/$defs/b`},
		{`{"$ref": "other.json#/x"}`, `record schema: #: $ref other.json#/x`},
		{`{"$defs": {"d": {"minimum": 1.5}}, "$ref": "#/$defs/d"}`, `record schema: #/$defs/d: minimum 1.5`},
		{`{"additionalProperties": true}`, `record schema: #: additionalProperties true`},
		{`{"then": {}, "if": {}, "else": {}, "allOf": []}`, `record schema: #: keyword "allOf"`},
		{`{"properties": {"z": {"not": {}}, "b": {"if": {}}, "y": {"anyOf": []}}}`, `record schema: #/properties/b: keyword "if"`},
	} {
		_, err := compileSchema([]byte(c.schema))
		if err == nil || err.Error() != c.want {
			t.Errorf("compileSchema(%s) = %v, want %s", c.schema, err, c.want)
		}
	}
	if _, err := compileSchema([]byte(`{"type": "object", "required": ["a"], "properties": {"a": {"$ref": "#/$defs/d"}}, "$defs": {"d": {"type": "string", "minLength": 1}}}`)); err != nil {
		t.Errorf("compileSchema of a schema of known keywords: %v", err)
	}
}
