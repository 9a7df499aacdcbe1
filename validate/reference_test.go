package validate

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"

	"github.com/ofsted-letters/letters/schema"
)

// The JSON Schema library (draft 2020-12, which passes the official test
// suite) is the reference that this package's own schema checks answer
// to. Only the tests link it: the binary does not pay for its start-up.

// referenceSchema is the record schema compiled by the library. Compiling
// also checks the schema against the draft 2020-12 meta-schema.
var referenceSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSON()))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schema.URL, doc); err != nil {
		return nil, err
	}
	return c.Compile(schema.URL)
})

// reference returns the library's compiled schema or stops the test.
func reference(t testing.TB) *jsonschema.Schema {
	t.Helper()
	sch, err := referenceSchema()
	if err != nil {
		t.Fatalf("the JSON Schema library does not compile the record schema: %v", err)
	}
	return sch
}

// TestSchemaIsValidJSONSchema checks the record schema against the draft
// 2020-12 meta-schema, as the library compiles it.
func TestSchemaIsValidJSONSchema(t *testing.T) {
	reference(t)
}

// errorLines returns the keywords that check finds a value fails, a line
// each: where, which keyword of which schema object, and what the words
// of its problem are made of (what was wanted, what was found), sorted.
func errorLines(errs []schemaError) []string {
	var out []string
	for _, e := range errs {
		var want, got string
		switch e.keyword {
		case kwType:
			want = strings.Join(e.node.types.names(), " ")
		case kwConst:
			want = fmt.Sprint(e.node.constant)
		case kwEnum:
			want = strings.Join(e.node.enum, "|")
		case kwPattern:
			want, got = e.node.pattern.String(), e.value.(string)
		case kwMinimum:
			want = strconv.FormatInt(*e.node.minimum, 10)
		case kwMinLength:
			want, got = strconv.Itoa(e.node.minLen), strconv.Itoa(utf8.RuneCountInString(e.value.(string)))
		}
		out = append(out, errorLine(e.at, e.keyword, e.node.loc, e.fields, want, got))
	}
	slices.Sort(out)
	return out
}

// errorLine is one line of errorLines.
func errorLine(at []string, keyword, loc string, fields []string, want, got string) string {
	return fmt.Sprintf("%s: %s of %s %q want %q got %q", pointerOf(at), keyword, loc, fields, want, got)
}

// libraryLines returns the errors the library finds in v as errorLines
// words those of check, sorted.
func libraryLines(t testing.TB, v any) []string {
	t.Helper()
	err := reference(t).Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("the library: %v", err)
	}
	var out []string
	for _, e := range leaves(ve, nil) {
		_, frag, _ := strings.Cut(e.SchemaURL, "#")
		loc, err := url.PathUnescape(frag)
		if err != nil {
			t.Fatal(err)
		}
		var keyword, want, got string
		var fields []string
		switch k := e.ErrorKind.(type) {
		case *kind.Type:
			keyword, want = kwType, strings.Join(k.Want, " ")
		case *kind.Const:
			keyword, want = kwConst, fmt.Sprint(k.Want)
		case *kind.Enum:
			var ws []string
			for _, w := range k.Want {
				ws = append(ws, fmt.Sprint(w))
			}
			keyword, want = kwEnum, strings.Join(ws, "|")
		case *kind.Pattern:
			keyword, want, got = kwPattern, k.Want, k.Got
		case *kind.Minimum:
			keyword, want = kwMinimum, k.Want.RatString()
		case *kind.MinLength:
			keyword, want, got = kwMinLength, strconv.Itoa(k.Want), strconv.Itoa(k.Got)
		case *kind.Required:
			keyword, fields = kwRequired, k.Missing
		case *kind.AdditionalProperties:
			keyword, fields = kwAdditional, slices.Sorted(slices.Values(k.Properties))
		default:
			keyword = fmt.Sprintf("%T", k)
		}
		out = append(out, errorLine(e.InstanceLocation, keyword, loc, fields, want, got))
	}
	slices.Sort(out)
	return out
}

// leaves returns the innermost errors of a validation error, the ones that
// name a failed keyword.
func leaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

// agrees checks that check finds in a document root what the library
// finds in the converter's values, keyword for keyword, with what the
// problem's words are made of. It returns whether both find nothing.
func (v *Validator) agrees(t testing.TB, what string, root *yaml.Node) bool {
	t.Helper()
	c := converter{root: root}
	val := c.value(root)
	ours, lib := errorLines(v.schema.check(val)), libraryLines(t, val)
	if !slices.Equal(ours, lib) {
		t.Errorf("%s: check finds\n\t%s\nthe library finds\n\t%s", what, strings.Join(ours, "\n\t"), strings.Join(lib, "\n\t"))
	}
	return len(c.problems) == 0 && len(lib) == 0
}
