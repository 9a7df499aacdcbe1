// Package letters_test holds the tests of the repository as a whole.
package letters_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/ofsted-letters/letters/"

// allowed lists, for each package of the module, the packages of the
// module its non-test files may import: the seams of README.md's layout.
// A package missing here fails the test until its place is decided.
var allowed = map[string][]string{
	"cmd/letters":           {"cmd"},
	"cmd":                   {"*"}, // the wiring: everything but itself
	"render":                {"analyse", "record", "internal/csvout"},
	"analyse":               {"record", "internal/yamlpos", "internal/sentence", "internal/lazyre"},
	"parse":                 {"record", "internal/pdftext", "internal/authority", "internal/sentence", "internal/lazyre", "internal/pathcause"},
	"internal/corpus":       {"parse", "record", "internal/output", "internal/csvout"},
	"validate":              {"record", "schema", "internal/pathcause"},
	"schema":                {},
	"record":                {"internal/yamlpos"},
	"internal/pdftext":      {},
	"internal/authority":    {"internal/lazyre"},
	"internal/lazyre":       {},
	"internal/profilecache": {"analyse", "record", "internal/output"},
	"internal/wordorder":    {},
	"internal/yamlpos":      {},
	"internal/sentence":     {},
	"internal/output":       {"internal/pathcause"},
	"internal/pathcause":    {},
	"internal/csvout":       {},
}

// TestImports holds the allowed import edges between the packages of the
// module, so that a change that would tangle them fails here: nothing
// imports cmd, analyse reads records and never the parser or the PDF
// library, render draws and never reads, and only cmd uses cobra.
func TestImports(t *testing.T) {
	imports := map[string]map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		if imports[pkg] == nil {
			imports[pkg] = map[string]bool{}
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(p, "spf13/cobra") && pkg != "cmd" {
				t.Errorf("%s imports cobra: only cmd knows the command line", path)
			}
			if rest, ok := strings.CutPrefix(p, module); ok {
				imports[pkg][rest] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < len(allowed)/2 {
		t.Fatalf("found %d packages: not run from the module's root?", len(imports))
	}
	for pkg, deps := range imports {
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("package %s is not in the allowed import edges: add it to imports_test.go", pkg)
			continue
		}
		for dep := range deps {
			if dep == "cmd" && pkg != "cmd/letters" {
				t.Errorf("%s imports cmd: nothing but main may", pkg)
				continue
			}
			if !slices.Contains(ok, "*") && !slices.Contains(ok, dep) {
				t.Errorf("%s imports %s; it may import only %v", pkg, dep, ok)
			}
		}
	}
}

// notInBinary are packages that the letters binary must not link, each
// with the reason: every command pays their start-up (package init), and
// a script that runs letters once a file pays it every time.
var notInBinary = map[string]string{
	"github.com/santhosh-tekuri/jsonschema/v6": "it compiles its meta-schemas at start, 14 ms of CPU for every command; validate checks the record schema itself, and its tests hold that to this library",
	"net/http":      "it brings the TLS stack and some 70 packages whose initialisation cost 4 ms of CPU at every start (the progress bar library linked it; cmd draws its bar itself)",
	"html/template": "its executor looks methods up by name, which makes the linker keep every exported method of every type put in an interface (TestNoMethodLookup); render writes the report's markup itself",
}

// methodLookups are reflect's functions that find a method by name or
// number. When the binary calls any of them, the linker can no longer
// tell which methods are used, and keeps every exported method of every
// type that may be put in an interface, with the code and package
// initialisation behind them: text/template's executor (cobra's
// SetUsageTemplate and its kin, html/template) calls one. Without them
// the binary went from 13.7 to 11.4 MB and every command starts about
// 2 ms of CPU sooner (README: Start-up).
var methodLookups = []string{
	"reflect.Value.Method",
	"reflect.Value.MethodByName",
	"reflect.(*rtype).Method",
	"reflect.(*rtype).MethodByName",
}

// TestNoMethodLookup holds that the linked letters binary calls none of
// methodLookups, so that the linker drops the methods it never calls.
func TestNoMethodLookup(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "letters")
	build := exec.Command("go", "build", "-o", bin, "./cmd/letters")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/letters: %v\n%s", err, out)
	}
	out, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	syms := map[string]bool{}
	for line := range strings.Lines(string(out)) {
		if f := strings.Fields(line); len(f) == 3 {
			syms[f[2]] = true
		}
	}
	if !syms["main.main"] {
		t.Fatalf("go tool nm lists %d symbols, main.main not among them", len(syms))
	}
	for _, name := range methodLookups {
		if syms[name] {
			t.Errorf("letters links %s: a method is looked up by name or number (a template executed?), so the linker keeps every exported method", name)
		}
	}
}

// TestBinaryDeps holds that `letters` links none of notInBinary, as
// `go list -deps` sees it.
func TestBinaryDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./cmd/letters").Output()
	if err != nil {
		t.Fatalf("go list -deps ./cmd/letters: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/spf13/cobra") {
		t.Fatalf("go list -deps ./cmd/letters lists %d packages, cobra not among them: not run from the module's root?", len(deps))
	}
	for _, dep := range deps {
		for pkg, why := range notInBinary {
			if dep == pkg || strings.HasPrefix(dep, pkg+"/") {
				t.Errorf("letters links %s: %s", dep, why)
			}
		}
	}
}

// TestOneCSVWriter holds that every CSV the program writes goes through
// internal/csvout, which neutralises cells a spreadsheet would run as
// formulas: no other non-test file makes an encoding/csv writer.
func TestOneCSVWriter(t *testing.T) {
	eachSource(t, func(path, pkg, src string) {
		if pkg != "internal/csvout" && strings.Contains(src, "csv.NewWriter(") {
			t.Errorf("%s makes its own CSV writer: use internal/csvout, so formula cells are neutralised", path)
		}
	})
}

// TestOneOutputPath holds that every file the program writes goes through
// internal/output, which never clobbers a device, a FIFO or a link and
// honours the umask: no other non-test file creates or renames files.
func TestOneOutputPath(t *testing.T) {
	calls := []string{"os.WriteFile(", "os.Create(", "os.CreateTemp(", "os.Rename(", "O_CREATE", "os.Chmod("}
	eachSource(t, func(path, pkg, src string) {
		if pkg == "internal/output" {
			return
		}
		for _, c := range calls {
			if strings.Contains(src, c) {
				t.Errorf("%s calls %s: write files through internal/output", path, strings.TrimSuffix(c, "("))
			}
		}
	})
}

// eachSource calls f with every non-test Go file of the module, its
// package's folder and its text.
func eachSource(t *testing.T, f func(path, pkg, src string)) {
	t.Helper()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f(path, filepath.ToSlash(filepath.Dir(path)), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
