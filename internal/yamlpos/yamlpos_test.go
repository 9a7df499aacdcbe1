package yamlpos

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestOf(t *testing.T) {
	type rec struct {
		Schema int `yaml:"schema"`
	}
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"syntax", "a: [1\nb: 2\n", 1, "did not find expected ',' or ']'"},
		{"type", "\n\nschema: x\n", 3, "yaml: unmarshal errors:\n  line 3: cannot unmarshal !!str `x` into int"},
		{"no line", "", 0, "EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r rec
			err := yaml.Unmarshal([]byte(tt.src), &r)
			if tt.src == "" {
				err = errEOF{}
			}
			if err == nil {
				t.Fatal("no error")
			}
			line, msg := Of(err)
			if line != tt.line || msg != tt.msg {
				t.Errorf("Of = %d, %q; want %d, %q", line, msg, tt.line, tt.msg)
			}
		})
	}
}

type errEOF struct{}

func (errEOF) Error() string { return "EOF" }

func TestShift(t *testing.T) {
	got := Shift("yaml: unmarshal errors:\n  line 3: field a not found\n  line 12: field b not found", 10)
	want := "yaml: unmarshal errors:\n  line 13: field a not found\n  line 22: field b not found"
	if got != want {
		t.Errorf("Shift = %q, want %q", got, want)
	}
	if Shift("line 3: x", 0) != "line 3: x" {
		t.Errorf("Shift by 0 changed the message")
	}
}
