package schema_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/record"
	"github.com/ofsted-letters/letters/schema"
)

// doc returns the schema as decoded JSON.
func doc(t *testing.T) map[string]any {
	t.Helper()
	var d map[string]any
	if err := json.Unmarshal(schema.JSON(), &d); err != nil {
		t.Fatalf("record.schema.json is not JSON: %v", err)
	}
	return d
}

// resolve follows a "$ref" to one of the schema's $defs.
func resolve(t *testing.T, root, node map[string]any, path string) map[string]any {
	t.Helper()
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok {
		t.Fatalf("%s: $ref %q is not to #/$defs/", path, ref)
	}
	defs, _ := root["$defs"].(map[string]any)
	def, ok := defs[name].(map[string]any)
	if !ok {
		t.Fatalf("%s: $ref %q names no definition", path, ref)
	}
	return resolve(t, root, def, path)
}

// A yamlField is one field of a struct as YAML sees it.
type yamlField struct {
	typ       reflect.Type
	omitempty bool
}

// yamlFields returns the YAML fields of struct type typ, with the fields
// of ",inline" structs in place.
func yamlFields(typ reflect.Type) map[string]yamlField {
	fields := map[string]yamlField{}
	for f := range typ.Fields() {
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		optList := strings.Split(opts, ",")
		if slices.Contains(optList, "inline") {
			for k, v := range yamlFields(f.Type) {
				fields[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name) // yaml.v3's default
		}
		fields[name] = yamlField{typ: f.Type, omitempty: slices.Contains(optList, "omitempty")}
	}
	return fields
}

// checkType compares Go type typ with schema node and reports every
// difference; path names the place in the record.
func checkType(t *testing.T, root, node map[string]any, typ reflect.Type, path string) {
	t.Helper()
	node = resolve(t, root, node, path)
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	want := map[reflect.Kind]string{
		reflect.String: "string",
		reflect.Int:    "integer",
		reflect.Slice:  "array",
		reflect.Struct: "object",
	}[typ.Kind()]
	if want == "" {
		t.Errorf("%s: Go type %s has no JSON Schema counterpart in this test", path, typ)
		return
	}
	got, _ := node["type"].(string)
	if got == "" {
		// An enum or const stands for its values' type.
		vals, _ := node["enum"].([]any)
		if c, ok := node["const"]; ok {
			vals = append(vals, c)
		}
		for _, v := range vals {
			switch v.(type) {
			case string:
				got = "string"
			case float64:
				got = "integer"
			}
		}
	}
	if got != want {
		t.Errorf("%s: schema type %q, Go type %s wants %q", path, got, typ, want)
		return
	}
	switch typ.Kind() {
	case reflect.Slice:
		items, ok := node["items"].(map[string]any)
		if !ok {
			t.Errorf("%s: array without items", path)
			return
		}
		checkType(t, root, items, typ.Elem(), path+"[]")
	case reflect.Struct:
		checkObject(t, root, node, typ, path)
	}
}

// checkObject compares the fields of struct type typ with the properties
// and required list of schema object node.
func checkObject(t *testing.T, root, node map[string]any, typ reflect.Type, path string) {
	t.Helper()
	props, _ := node["properties"].(map[string]any)
	fields := yamlFields(typ)
	dot := func(name string) string {
		if path == "" {
			return name
		}
		return path + "." + name
	}
	if node["additionalProperties"] != false {
		t.Errorf("%s: schema object allows unknown fields; a typo must not pass", path)
	}
	var wantRequired []string
	for name, f := range fields {
		if !f.omitempty {
			wantRequired = append(wantRequired, name)
		}
		p, ok := props[name].(map[string]any)
		if !ok {
			t.Errorf("%s: Go field (yaml %q of %s) is missing from the schema", dot(name), name, typ)
			continue
		}
		checkType(t, root, p, f.typ, dot(name))
	}
	for name := range props {
		if _, ok := fields[name]; !ok {
			t.Errorf("%s: the schema has a property that %s lacks", dot(name), typ)
		}
	}
	var gotRequired []string
	if req, ok := node["required"].([]any); ok {
		for _, r := range req {
			gotRequired = append(gotRequired, r.(string))
		}
	}
	sort.Strings(wantRequired)
	sort.Strings(gotRequired)
	if diff := cmp.Diff(wantRequired, gotRequired); diff != "" {
		t.Errorf("%s: required fields differ from the Go fields without omitempty (-Go +schema):\n%s", path, diff)
	}
}

// TestSchemaMatchesRecord walks record.Record by reflection and fails when
// a YAML field is missing from the schema, the schema has a property the
// struct lacks, a type differs, or "required" is not exactly the fields
// that are always written (those without omitempty).
func TestSchemaMatchesRecord(t *testing.T) {
	d := doc(t)
	checkObject(t, d, d, reflect.TypeFor[record.Record](), "")
}

// constGroups returns the values of the string constants in package record
// whose names start with each prefix, read from its source.
func constGroups(t *testing.T, prefixes ...string) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("../record/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no source in ../record: %v", err)
	}
	groups := map[string][]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					v, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					for _, p := range prefixes {
						if strings.HasPrefix(id.Name, p) {
							groups[p] = append(groups[p], v)
						}
					}
				}
			}
		}
	}
	return groups
}

// TestSchemaEnums checks that each enumeration in the schema lists exactly
// the constants that package record declares for it.
func TestSchemaEnums(t *testing.T) {
	d := doc(t)
	defs := d["$defs"].(map[string]any)
	enum := func(def, prop string) []string {
		props := defs[def].(map[string]any)["properties"].(map[string]any)
		var out []string
		for _, v := range props[prop].(map[string]any)["enum"].([]any) {
			out = append(out, v.(string))
		}
		return out
	}
	groups := constGroups(t, "Format", "Kind", "Section", "Paragraph", "Rule")
	tests := []struct {
		prefix, def, prop string
	}{
		{"Format", "source", "format"},
		{"Kind", "letter", "kind"},
		{"Section", "section", "kind"},
		{"Paragraph", "paragraph", "kind"},
		{"Rule", "warning", "rule"},
	}
	for _, tt := range tests {
		t.Run(tt.def+"."+tt.prop, func(t *testing.T) {
			want := slices.Sorted(slices.Values(groups[tt.prefix]))
			got := slices.Sorted(slices.Values(enum(tt.def, tt.prop)))
			if len(want) == 0 {
				t.Fatalf("no constants named %s* in package record", tt.prefix)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("enum differs from record.%s* constants (-Go +schema):\n%s", tt.prefix, diff)
			}
		})
	}
}

// TestSchemaVersion checks that the schema, its $id and package record
// agree on the version and the URL.
func TestSchemaVersion(t *testing.T) {
	d := doc(t)
	if schema.Version != record.SchemaVersion {
		t.Errorf("schema.Version = %d, record.SchemaVersion = %d", schema.Version, record.SchemaVersion)
	}
	c := d["properties"].(map[string]any)["schema"].(map[string]any)["const"]
	if c != float64(record.SchemaVersion) {
		t.Errorf("properties.schema.const = %v, want %d", c, record.SchemaVersion)
	}
	if d["$id"] != schema.URL {
		t.Errorf("$id = %v, want schema.URL %q", d["$id"], schema.URL)
	}
	if d["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v, want draft 2020-12", d["$schema"])
	}
}
