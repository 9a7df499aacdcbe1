package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

// TestOneLine: a failure names its input once, and names the other file
// it is about when there is one: a record that cannot be written must not
// read as a letter that cannot be read.
func TestOneLine(t *testing.T) {
	denied := fs.ErrPermission
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"the input itself", &fs.PathError{Op: "open", Path: "in/a.txt", Err: denied}, "in/a.txt: permission denied"},
		{"its record", &fs.PathError{Op: "create", Path: "out/a.yaml", Err: denied}, "in/a.txt: create out/a.yaml: permission denied"},
		{"wrapped", fmt.Errorf("record %s: %w", "a.yaml", &fs.PathError{Op: "open", Path: "out/a.yaml", Err: denied}), "in/a.txt: record a.yaml: open out/a.yaml: permission denied"},
		{"no file", errors.New("took too long"), "in/a.txt: took too long"},
	}
	for _, tt := range tests {
		if got := oneLine("in/a.txt", tt.err); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
