package analyse

import (
	"go/parser"
	gotoken "go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports keeps the package's imports one way: analyse may use parse,
// never cmd or cobra.
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	fset := gotoken.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasSuffix(path, "/letters/parse") {
				t.Errorf("%s imports %s: analyse reads records (package record), not letters", f, path)
			}
			if strings.Contains(path, "cobra") || strings.HasSuffix(path, "/letters/cmd") {
				t.Errorf("%s imports %s: analyse must not depend on the command layer", f, path)
			}
		}
	}
}
