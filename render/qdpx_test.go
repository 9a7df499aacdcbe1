package render

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// exportFor exports the letters args name, as letters export does.
func exportFor(t *testing.T, args ...string) ([]byte, []QDALetter, QDAStats) {
	t.Helper()
	c := compareFor(t, args...)
	var letters []QDALetter
	for _, tr := range c.Trajectories {
		for _, v := range tr.Visits {
			letters = append(letters, QDALetter{Record: c.Records[v], Profile: c.Profiles.Of(v)})
		}
	}
	var b bytes.Buffer
	st, err := QDPX(&b, "test", letters, nil, c.Codebook, "a test")
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), letters, st
}

// guidForm is the 8-4-4-4-12 form of a GUID.
var guidForm = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestQDPXReadBack reads an export back: the zip holds project.qde (root
// Project in the REFI-QDA namespace, with a name) and each source's text;
// every selection's text, at its character offsets, is a sentence of the
// letter coded as its evidence says (concern for negative, strength for
// positive, both for mixed, the theme for a mention), every evidence
// sentence is coded, every reference lands, GUIDs have the 8-4-4-4-12
// form, and the same letters give the same bytes.
func TestQDPXReadBack(t *testing.T) {
	args := append([]string{liv17, liv24, liv25}, series...)
	data, letters, st := exportFor(t, args...)
	again, _, _ := exportFor(t, args...)
	if !bytes.Equal(data, again) {
		t.Errorf("two exports of the same letters differ")
	}
	checkQDPX(t, data, letters, st)
	var p qdaProject
	if err := xml.Unmarshal(zipFile(t, data, "project.qde"), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Cases.Case) != 2 {
		t.Errorf("%d cases, want 2 authorities", len(p.Cases.Case))
	}
}

// qdpxCorpus names a folder of letters for TestQDPXCorpus.
var qdpxCorpus = flag.String("qdpx-corpus", "", "folder of letters to export and read back (TestQDPXCorpus), such as ../../shared/corpus/focused-visits")

// TestQDPXCorpus exports a corpus and reads it back as TestQDPXReadBack
// does: `go test ./render -run QDPXCorpus -qdpx-corpus ../../shared/corpus/focused-visits`.
func TestQDPXCorpus(t *testing.T) {
	if *qdpxCorpus == "" {
		t.Skip("no -qdpx-corpus folder given")
	}
	data, letters, st := exportFor(t, *qdpxCorpus)
	checkQDPX(t, data, letters, st)
	t.Logf("%d letters, %d selections, %d codings, %d bytes", st.Letters, st.Selections, st.Codings, len(data))
}

// zipFile returns the file name of the zip archive data.
func zipFile(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkQDPX reads the export data of letters back (see TestQDPXReadBack).
func checkQDPX(t *testing.T, data []byte, letters []QDALetter, st QDAStats) {
	t.Helper()
	if st.Unplaced != 0 || st.Letters != len(letters) || st.Selections == 0 {
		t.Fatalf("stats %+v for %d letters", st, len(letters))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	var p qdaProject
	if err := xml.Unmarshal(files["project.qde"], &p); err != nil {
		t.Fatalf("project.qde: %v", err)
	}
	if p.XMLName.Space != QDANamespace || p.XMLName.Local != "Project" || p.Name == "" {
		t.Errorf("root %v, name %q", p.XMLName, p.Name)
	}
	guids := map[string]string{} // GUID: what it names
	check := func(g, what string) {
		if !guidForm.MatchString(g) {
			t.Errorf("%s: GUID %q not in the 8-4-4-4-12 form", what, g)
		}
		if other, ok := guids[g]; ok {
			t.Errorf("%s and %s share the GUID %s", what, other, g)
		}
		guids[g] = what
	}
	codeOf := map[string]string{} // GUID: theme or theme/child
	for _, c := range p.CodeBook.Codes.Code {
		check(c.GUID, "code "+c.Name)
		theme := strings.SplitN(c.Description, ":", 2)[0]
		codeOf[c.GUID] = theme
		var children []string
		for _, k := range c.Code {
			check(k.GUID, "code "+c.Name+"/"+k.Name)
			codeOf[k.GUID] = theme + "/" + k.Name
			children = append(children, k.Name)
		}
		if !slices.Equal(children, []string{codeConcern, codeStrength}) {
			t.Errorf("code %s has children %v", c.Name, children)
		}
	}
	if len(p.CodeBook.Codes.Code) != 19 {
		t.Errorf("%d theme codes, want the 19 of the built-in codebook", len(p.CodeBook.Codes.Code))
	}
	vars := map[string]bool{}
	for _, v := range p.Variables.Variable {
		check(v.GUID, "variable "+v.Name)
		vars[v.GUID] = true
	}
	if len(p.Sources.TextSource) != len(letters) {
		t.Fatalf("%d sources for %d letters", len(p.Sources.TextSource), len(letters))
	}
	sources := map[string]bool{}
	for i, src := range p.Sources.TextSource {
		check(src.GUID, "source "+src.Name)
		sources[src.GUID] = true
		if src.PlainTextPath != "internal://"+src.GUID+".txt" {
			t.Errorf("%s: plainTextPath %q", src.Name, src.PlainTextPath)
		}
		text, ok := files["sources/"+src.GUID+".txt"]
		if !ok {
			t.Fatalf("%s: no text in the archive", src.Name)
		}
		runes := []rune(string(text))
		// want: each evidence sentence of the letter and its codes.
		want := map[string][]string{}
		for _, ts := range letters[i].Profile.Themes {
			for _, e := range ts.Evidence {
				switch e.Polarity {
				case "negative":
					want[e.Text] = append(want[e.Text], ts.Theme+"/"+codeConcern)
				case "positive":
					want[e.Text] = append(want[e.Text], ts.Theme+"/"+codeStrength)
				case "mixed":
					want[e.Text] = append(want[e.Text], ts.Theme+"/"+codeConcern, ts.Theme+"/"+codeStrength)
				default:
					want[e.Text] = append(want[e.Text], ts.Theme)
				}
			}
		}
		got := map[string][]string{}
		for _, sel := range src.Selections {
			check(sel.GUID, "selection")
			if sel.Start < 0 || sel.End > len(runes) || sel.Start >= sel.End {
				t.Fatalf("%s: selection %d to %d of %d characters", src.Name, sel.Start, sel.End, len(runes))
			}
			s := string(runes[sel.Start:sel.End])
			if _, ok := want[s]; !ok {
				t.Errorf("%s: the text at %d to %d is not an evidence sentence: %q", src.Name, sel.Start, sel.End, s)
			}
			for _, c := range sel.Coding {
				check(c.GUID, "coding")
				code, ok := codeOf[c.CodeRef.Target]
				if !ok {
					t.Errorf("%s: coding refers to no code", src.Name)
				}
				got[s] = append(got[s], code)
			}
		}
		for s, codes := range want {
			slices.Sort(codes)
			g := got[s]
			slices.Sort(g)
			if !slices.Equal(codes, g) {
				t.Errorf("%s: %q coded %v, want %v", src.Name, s, g, codes)
			}
		}
		for _, vv := range src.Variables {
			if !vars[vv.Ref.Target] {
				t.Errorf("%s: a variable value refers to no variable", src.Name)
			}
		}
		if len(src.Variables) < 7 {
			t.Errorf("%s: %d variables", src.Name, len(src.Variables))
		}
	}
	for _, c := range p.Cases.Case {
		check(c.GUID, "case "+c.Name)
		for _, r := range c.SourceRef {
			if !sources[r.Target] {
				t.Errorf("case %s refers to no source", c.Name)
			}
		}
	}
}

// TestQDPXSchema validates project.qde against the REFI-QDA schema
// (testdata/refi-qda/Project.xsd) with xmllint, when it is installed
// (Debian: libxml2-utils).
func TestQDPXSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (apt-get install libxml2-utils); TestQDPXReadBack checks the project")
	}
	data, _, _ := exportFor(t, liv17, series[0])
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	qde, _ := io.ReadAll(f)
	path := t.TempDir() + "/project.qde"
	if err := os.WriteFile(path, qde, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", "testdata/refi-qda/Project.xsd", path).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
}
