package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// EncodeYAML returns the YAML form of a record: two-space indentation,
// fields in the order of the Record type, no line folding, so that the
// same record always gives the same bytes.
func EncodeYAML(rec *Record) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(rec); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// EncodeJSON returns the JSON form of a record on one line, ending in a
// newline, with no HTML escaping.
func EncodeJSON(rec *Record) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(rec)
	return buf.Bytes(), err
}

// DecodeYAML reads the records of a YAML stream, one per document, as
// `letters parse` writes them. A field the Record type does not know is an
// error, so that a typo in a hand-edited record does not pass unnoticed.
// name is used in errors, which carry the line of the problem.
func DecodeYAML(name string, r io.Reader) ([]*Record, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var recs []*Record
	for {
		var rec Record
		err := dec.Decode(&rec)
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return recs, &Error{Pos: Pos{File: name, Line: yamlErrorLine(err)}, Err: fmt.Errorf("record %d: %w", len(recs)+1, err)}
		}
		recs = append(recs, &rec)
	}
}

// Decode reads the records in data: JSON objects, one per line as
// `letters parse -o json` writes them (or any stream of objects), or else
// a YAML stream. Unknown fields are errors, as in DecodeYAML.
func Decode(name string, data []byte) ([]*Record, error) {
	if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' {
		return DecodeYAML(name, bytes.NewReader(data))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var recs []*Record
	for {
		var rec Record
		err := dec.Decode(&rec)
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			line := 1 + bytes.Count(data[:min(int(dec.InputOffset()), len(data))], []byte("\n"))
			return recs, &Error{Pos: Pos{File: name, Line: line}, Err: fmt.Errorf("record %d: %w", len(recs)+1, err)}
		}
		recs = append(recs, &rec)
	}
}

// yamlErrorLine returns the line a YAML error names, or 1.
func yamlErrorLine(err error) int {
	var te *yaml.TypeError
	var line int
	if errors.As(err, &te) && len(te.Errors) > 0 {
		if _, scanErr := fmt.Sscanf(te.Errors[0], "line %d:", &line); scanErr == nil {
			return line
		}
	}
	if _, scanErr := fmt.Sscanf(err.Error(), "yaml: line %d:", &line); scanErr == nil {
		return line
	}
	return 1
}
