package validate

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ofsted-letters/letters/record"
)

// patternMessages say what a string that fails the pattern of a schema
// definition should look like, by the definition's name in $defs. A test
// checks that every definition with a pattern has one.
var patternMessages = map[string]string{
	"date":   record.NotDateForm,
	"month":  record.NotMonthForm,
	"sha256": "is not a SHA-256 hash: expected 64 lower-case hex digits",
	"key":    "is not an authority key: expected lower-case letters and digits, words joined by - or _",
	"name":   "is empty: expected a name",
	"text":   "is empty: expected text",
}

// schemaProblems words the schema errors of a document as problems placed
// on its nodes. The words are those letters wrote when the JSON Schema
// library found the errors, so that output stays the same.
func schemaProblems(root *yaml.Node, errs []schemaError) []Problem {
	var out []Problem
	// A typo is one problem, not two: an unknown field that suggests a
	// missing one stands for both.
	suggested := map[string]bool{} // pointer of the object + "/" + field
	for _, e := range errs {
		if e.keyword == kwAdditional {
			for _, f := range e.fields {
				if s := suggest(f, e.node.known); s != "" {
					suggested[pointerOf(e.at)+"/"+escapePointer(s)] = true
				}
			}
		}
	}
	for _, e := range errs {
		pl := locate(root, e.at)
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
		switch e.keyword {
		case kwAdditional:
			for _, f := range e.fields {
				fp := locate(root, append(e.at[:len(e.at):len(e.at)], f))
				msg := fmt.Sprintf("%s: unknown field %q", what, f)
				if s := suggest(f, e.node.known); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				} else {
					msg += " (expected one of " + strings.Join(e.node.known, ", ") + ")"
				}
				at(fp.key, fp.pointer, RuleUnknownField, msg)
			}
		case kwRequired:
			for _, f := range e.fields {
				if suggested[pl.pointer+"/"+escapePointer(f)] {
					continue
				}
				at(mapAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: missing field %q", what, f))
			}
		case kwType:
			at(valueAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: expected %s, found %s", what, typeNames(e.node.types.names()), describe(valueAt)))
		case kwEnum:
			msg := fmt.Sprintf("%s: %s is not one of %s", what, valueText(valueAt), strings.Join(e.node.enum, ", "))
			if s, ok := str(valueAt); ok {
				if sug := suggest(s, e.node.enum); sug != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", sug)
				}
			}
			at(valueAt, pl.pointer, RuleSchema, msg)
		case kwConst:
			at(valueAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: expected %v, found %s", what, e.node.constant, describe(valueAt)))
		case kwPattern:
			msg, ok := patternMessages[e.node.defName()]
			if !ok {
				msg = "does not match the pattern " + e.node.pattern.String()
			}
			s, _ := e.value.(string)
			at(valueAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: %s %s", what, quote(s), msg))
		case kwMinimum:
			at(valueAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: %s %s", what, valueText(valueAt), minimumText(*e.node.minimum)))
		case kwMinLength:
			s, _ := e.value.(string)
			at(valueAt, pl.pointer, RuleSchema, fmt.Sprintf("%s: %s %s", what, quote(s), minLengthText(e.node.minLen)))
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
func minimumText(least int64) string {
	switch least {
	case 1:
		return "must be a positive integer"
	case 0:
		return "must not be negative"
	}
	return "must be at least " + strconv.FormatInt(least, 10)
}

// minLengthText says how long a string must be, at least least
// characters, as a user can act on it.
func minLengthText(least int) string {
	if least == 1 {
		return "must not be empty"
	}
	return "must be at least " + strconv.Itoa(least) + " characters long"
}

// valueText is a node's value for a message: strings quoted, other
// scalars as written.
func valueText(n *yaml.Node) string {
	n = record.Deref(n)
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
