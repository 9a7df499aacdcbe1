package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ofsted-letters/letters/record"
)

// streamProblem turns an error that ends a stream of records into the
// file's problem: a syntax error with the line and column at fault, a
// record over the size bound, or a read error.
func streamProblem(name string, err error) *Problem {
	var se *record.SyntaxError
	var re *record.Error
	switch {
	case errors.As(err, &se):
		if se.Doc.JSON {
			var v any
			var jse *json.SyntaxError
			if jerr := json.Unmarshal(se.Doc.Data, &v); errors.As(jerr, &jse) {
				line, col := offsetPos(se.Doc, int(jse.Offset))
				return &Problem{File: name, Line: line, Column: col, Rule: RuleYAML, Message: "not valid JSON: " + jse.Error()}
			}
		}
		line, col := syntaxPos(se.Doc.Data)
		if line == 0 { // the text parses on its own: yaml.v3 gave up
			line, col = se.Line, 0
		} else {
			line += se.Doc.Line - 1
		}
		return &Problem{File: name, Line: line, Column: col, Rule: RuleYAML, Message: "not valid YAML: " + se.Msg}
	case errors.As(err, &re):
		return &Problem{File: name, Line: re.Line, Rule: RuleYAML, Message: fmt.Sprintf("record %d: %v", re.Record, re.Err)}
	}
	return readProblem(name, err).bad
}

// offsetPos returns the line and column of a byte offset (from 1) in a
// document, in its stream.
func offsetPos(doc record.Doc, off int) (line, col int) {
	before := doc.Data[:max(0, min(off-1, len(doc.Data)))]
	nl := bytes.LastIndexByte(before, '\n')
	line = doc.Line + bytes.Count(before, []byte("\n"))
	col = len(before) - nl
	if nl < 0 {
		col += doc.Column - 1
	}
	return line, col
}

// syntaxPos finds where a stream that yaml.v3 cannot parse goes wrong.
// yaml.v3 reports the line where the enclosing block starts, not the
// line at fault, and no column; so this finds, by bisection, a line k such
// that the first k-1 lines parse and the first k do not. The column is
// that of the line's first character that is not a space.
func syntaxPos(src []byte) (line, col int) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	parses := func(k int) bool {
		return parsesAll(bytes.Join(lines[:k], nil))
	}
	lo, hi := 0, len(lines) // the first lo lines parse, the first hi do not
	if parses(hi) {
		return 0, 0
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if parses(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	text := lines[hi-1]
	return hi, len(text) - len(bytes.TrimLeft(text, " ")) + 1
}

// parsesAll reports whether every document of src parses.
func parsesAll(src []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// A converter turns a YAML node tree into the values encoding/json would
// produce (map[string]any, []any, string, json.Number, bool, nil), which
// is what the schema validator reads, and notes the problems only YAML
// can have: repeated keys, numbers JSON cannot hold. Package record has
// bounded its aliases.
type converter struct {
	root     *yaml.Node
	tokens   []string // JSON pointer tokens of the node being converted
	problems []Problem
}

// problem notes a problem at the node being converted.
func (c *converter) problem(n *yaml.Node, format string, args ...any) {
	pl := locate(c.root, c.tokens)
	c.problems = append(c.problems, Problem{
		Line: n.Line, Column: n.Column, Pointer: pl.pointer, Rule: RuleYAML,
		Message: name(pl.path) + ": " + fmt.Sprintf(format, args...),
	})
}

// value converts n. Paths and pointers are worked out only for problems,
// since building them for every node would cost more than the rest.
func (c *converter) value(n *yaml.Node) any {
	n = record.Deref(n)
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return c.value(n.Content[0])
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := record.Deref(n.Content[i]), n.Content[i+1]
			if _, dup := m[k.Value]; dup {
				c.repeated(n, i)
				continue
			}
			c.tokens = append(c.tokens, k.Value)
			m[k.Value] = c.value(v)
			c.tokens = c.tokens[:len(c.tokens)-1]
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, e := range n.Content {
			c.tokens = append(c.tokens, strconv.Itoa(i))
			s[i] = c.value(e)
			c.tokens = c.tokens[:len(c.tokens)-1]
		}
		return s
	case yaml.ScalarNode:
		return c.scalar(n)
	}
	return nil
}

// repeated notes that the key at n.Content[i] repeats an earlier key of
// the mapping n, pointing at the repeated field and naming the line of
// the first.
func (c *converter) repeated(n *yaml.Node, i int) {
	k := record.Deref(n.Content[i])
	first := k
	for j := 0; j < i; j += 2 {
		if f := record.Deref(n.Content[j]); f.Value == k.Value {
			first = f
			break
		}
	}
	c.problem(k, "field %q appears twice (first at line %d); keep one", k.Value, first.Line)
	c.problems[len(c.problems)-1].Pointer += "/" + escapePointer(k.Value)
}

// scalar converts a scalar by its resolved tag. Dates that YAML reads as
// timestamps stay strings, as they do when decoded into a Go string.
func (c *converter) scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		if i, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		digits := strings.ReplaceAll(n.Value, "_", "")
		var i big.Int
		if _, ok := i.SetString(digits, 0); ok {
			return json.Number(i.String())
		}
	case "!!float":
		// YAML reads a whole number past 64 bits as a float; a record's
		// whole numbers are read into 64 bits, so it would fit the schema
		// and fail every analysis.
		if _, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); errors.Is(err, strconv.ErrRange) {
			c.problem(n, "%s is not a number a record can hold", n.Value)
			return nil
		}
		var f float64
		if n.Decode(&f) == nil {
			if math.IsInf(f, 0) || math.IsNaN(f) {
				c.problem(n, "%s is not a number a record can hold", n.Value)
				return nil
			}
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	return n.Value
}

// join appends field to path.
func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

// name returns path, or "record" for the document itself.
func name(path string) string {
	if path == "" {
		return "record"
	}
	return path
}

// escapePointer escapes one JSON pointer token (RFC 6901).
func escapePointer(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok
	}
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// A place is a node found by its JSON pointer tokens.
type place struct {
	key     *yaml.Node // the mapping key before the node; nil for list items and the document
	node    *yaml.Node // the node; nil if the tokens lead nowhere
	path    string     // the field path, such as "visit.dates[1]"
	pointer string
}

// locate follows JSON pointer tokens from root. Where two keys repeat, the
// first counts, as in the converter.
func locate(root *yaml.Node, tokens []string) place {
	pl := place{node: record.Deref(root)}
	for _, tok := range tokens {
		n := pl.node
		pl.pointer += "/" + escapePointer(tok)
		pl.node, pl.key = nil, nil
		if n == nil {
			break
		}
		switch n.Kind {
		case yaml.MappingNode:
			pl.path = join(pl.path, tok)
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := record.Deref(n.Content[i]); k.Value == tok {
					pl.key, pl.node = k, record.Deref(n.Content[i+1])
					break
				}
			}
		case yaml.SequenceNode:
			pl.path = fmt.Sprintf("%s[%s]", pl.path, tok)
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(n.Content) {
				pl.node = record.Deref(n.Content[i])
			}
		}
	}
	return pl
}

// str returns the text of a string scalar (or a date YAML read as a
// timestamp) and whether n is one.
func str(n *yaml.Node) (string, bool) {
	n = record.Deref(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return "", false
	}
	switch n.ShortTag() {
	case "!!str", "!!timestamp":
		return n.Value, true
	}
	return "", false
}

// describe says what a node is, for messages: `the string "six"`, `the
// integer 0`, `a mapping`.
func describe(n *yaml.Node) string {
	n = record.Deref(n)
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!null":
		return "null (an empty value)"
	case "!!bool":
		return n.Value
	case "!!int":
		return "the integer " + n.Value
	case "!!float":
		return "the number " + n.Value
	}
	return "the string " + quote(n.Value)
}

// quote quotes s for a message, shortened to 40 runes.
func quote(s string) string {
	const max = 40
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return strconv.Quote(s)
}
