package validate

import (
	"bytes"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/ofsted-letters/letters/schema"
)

// patternMessages say what a string that fails the pattern of a schema
// definition should look like, by the definition's name in $defs. A test
// checks that every definition with a pattern has one.
var patternMessages = map[string]string{
	"date":   "is not a date in the form YYYY-MM-DD",
	"month":  "is not a month in the form YYYY-MM",
	"sha256": "is not a SHA-256 hash: expected 64 lower-case hex digits",
	"key":    "is not an authority key: expected lower-case letters and digits, words joined by - or _",
	"name":   "is empty: expected a name",
	"text":   "is empty: expected text",
}

// english prints the schema library's own messages, for the keywords
// that schemaProblems does not word itself.
var english = message.NewPrinter(language.English)

// compileSchema compiles the embedded schema; compiling also checks it
// against the draft 2020-12 meta-schema. It returns the schema's JSON too,
// to look up the fields an object allows.
func compileSchema() (*jsonschema.Schema, any, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSON()))
	if err != nil {
		return nil, nil, fmt.Errorf("record schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schema.URL, doc); err != nil {
		return nil, nil, fmt.Errorf("record schema: %w", err)
	}
	sch, err := c.Compile(schema.URL)
	if err != nil {
		return nil, nil, fmt.Errorf("record schema: %w", err)
	}
	return sch, doc, nil
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

// schemaAt returns the part of the schema's JSON at the fragment of a
// schema URL, such as "#/$defs/letter".
func (v *Validator) schemaAt(url string) map[string]any {
	_, frag, _ := strings.Cut(url, "#")
	node := v.schemaDoc
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[tok]
	}
	m, _ := node.(map[string]any)
	return m
}

// defName returns the $defs name in a schema URL, or "".
func defName(url string) string {
	_, frag, _ := strings.Cut(url, "#")
	rest, ok := strings.CutPrefix(frag, "/$defs/")
	if !ok || strings.Contains(rest, "/") {
		return ""
	}
	return rest
}

// schemaProblems turns a validation error into problems placed on the
// nodes of the document.
func (v *Validator) schemaProblems(root *yaml.Node, err *jsonschema.ValidationError) []Problem {
	var out []Problem
	all := leaves(err, nil)
	// A typo is one problem, not two: an unknown field that suggests a
	// missing one stands for both.
	suggested := map[string]bool{} // pointer of the object + "/" + field
	for _, e := range all {
		if k, ok := e.ErrorKind.(*kind.AdditionalProperties); ok {
			known := sortedKeys(v.schemaAt(e.SchemaURL)["properties"])
			for _, f := range k.Properties {
				if s := suggest(f, known); s != "" {
					suggested[pointerOf(e.InstanceLocation)+"/"+escapePointer(s)] = true
				}
			}
		}
	}
	for _, e := range all {
		pl := locate(root, e.InstanceLocation)
		at := func(n *yaml.Node, ptr, rule, msg string) {
			p := Problem{Pointer: ptr, Rule: rule, Message: msg}
			if n != nil {
				p.Line, p.Column = n.Line, n.Column
			}
			out = append(out, p)
		}
		// Most problems are about the value; a missing field is about
		// the mapping, best shown at its key.
		valueAt := pl.node
		mapAt := pl.key
		if mapAt == nil {
			mapAt = pl.node
		}
		what := name(pl.path)
		switch k := e.ErrorKind.(type) {
		case *kind.AdditionalProperties:
			props := v.schemaAt(e.SchemaURL)["properties"]
			known := sortedKeys(props)
			for _, f := range k.Properties {
				fp := locate(root, append(slices.Clone(e.InstanceLocation), f))
				msg := fmt.Sprintf("%s: unknown field %q", what, f)
				if s := suggest(f, known); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				} else {
					msg += " (expected one of " + strings.Join(known, ", ") + ")"
				}
				at(fp.key, fp.pointer, RuleUnknownField, msg)
			}
		case *kind.Required:
			for _, f := range k.Missing {
				if suggested[pl.pointer+"/"+escapePointer(f)] {
					continue
				}
				at(mapAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: missing field %q", what, f))
			}
		case *kind.Type:
			at(valueAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: expected %s, found %s", what, typeNames(k.Want), describe(valueAt)))
		case *kind.Enum:
			var want []string
			for _, w := range k.Want {
				want = append(want, fmt.Sprint(w))
			}
			msg := fmt.Sprintf("%s: %s is not one of %s", what, valueText(valueAt), strings.Join(want, ", "))
			if s, ok := str(valueAt); ok {
				if sug := suggest(s, want); sug != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", sug)
				}
			}
			at(valueAt, pl.pointer, RuleSchema, msg)
		case *kind.Const:
			at(valueAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: expected %v, found %s", what, k.Want, describe(valueAt)))
		case *kind.Pattern:
			msg, ok := patternMessages[defName(e.SchemaURL)]
			if !ok {
				msg = "does not match the pattern " + k.Want
			}
			at(valueAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: %s %s", what, quote(k.Got), msg))
		case *kind.Minimum:
			at(valueAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: %s %s", what, valueText(valueAt), minimumText(k.Want)))
		default:
			at(valueAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: %s", what, e.ErrorKind.LocalizedString(english)))
		}
	}
	return out
}

// pointerOf returns the JSON pointer of tokens.
func pointerOf(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escapePointer(t))
	}
	return b.String()
}

// minimumText says what a number below least should be.
func minimumText(least *big.Rat) string {
	switch {
	case least.Cmp(big.NewRat(1, 1)) == 0:
		return "must be a positive integer"
	case least.Sign() == 0:
		return "must not be negative"
	}
	return "must be at least " + least.RatString()
}

// valueText is a node's value for a message: strings quoted, other
// scalars as written.
func valueText(n *yaml.Node) string {
	n = deref(n)
	if s, ok := str(n); ok {
		return quote(s)
	}
	if n != nil && n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return describe(n)
}

// typeNames names JSON types as a YAML user knows them.
func typeNames(types []string) string {
	words := map[string]string{
		"object":  "a mapping",
		"array":   "a list",
		"string":  "a string",
		"integer": "an integer",
		"number":  "a number",
		"boolean": "true or false",
		"null":    "null",
	}
	var out []string
	for _, t := range types {
		if w, ok := words[t]; ok {
			out = append(out, w)
		} else {
			out = append(out, t)
		}
	}
	return strings.Join(out, " or ")
}

// sortedKeys returns the keys of a JSON object, sorted.
func sortedKeys(v any) []string {
	m, _ := v.(map[string]any)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// suggest returns the candidate that got is most likely a typo of: equal
// but for case, a prefix of it, or within two edits (one for short
// words). It returns "" when none is close.
func suggest(got string, candidates []string) string {
	best, bestDist := "", 1<<30
	lg := strings.ToLower(got)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := editDistance(lg, lc)
		switch {
		case lg == lc:
			d = 0
		case len(lg) >= 3 && strings.HasPrefix(lc, lg):
			d = 1
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := 2
	if len(got) <= 4 {
		limit = 1
	}
	if bestDist > limit {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
