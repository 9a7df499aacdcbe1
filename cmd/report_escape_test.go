package cmd

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/record"
)

// Hostile values that a user's records, file names, codebook and flags
// can put on a report's page.
const (
	hostileAuthority = `"><script>alert(1)</script>`
	hostilePath      = `/tmp/javascript:alert('x')"<b onclick=x>.txt`
	hostileFocus     = `<img src=x onerror=alert(3)> "focus" & 'it'`
	hostileSentence  = `Care plans are poor </script><script>alert(2)</script> "q" & 's' <!-- x ]]> here.`
	hostilePoint     = `Improve <a href="javascript:alert(6)">care plans</a>.`
	hostileArea      = `<style>*{}</style> care plans`
	hostileLabel     = `Label "q" <i>&amp; ' </script>`
	hostileTitle     = `</title><script>alert(5)</script>`
)

// hostileCodebook adds a theme whose label is hostile and which the
// hostile sentence matches.
const hostileCodebook = `format: 1
mode: extend
themes:
  - id: x-hostile
    label: 'Label "q" <i>&amp; '' </script>'
    terms:
      - care plans
`

// hostileRecords parses Liverpool's letters and Barking and Dagenham's
// focused visits into records in dir, with hostile values in every field
// that a page shows.
func hostileRecords(t *testing.T, dir string) string {
	t.Helper()
	parsed := filepath.Join(dir, "parsed")
	parseInto(t, parsed, append(liverpool, series...)...)
	records := filepath.Join(dir, "records")
	if err := os.Mkdir(records, 0o755); err != nil {
		t.Fatal(err)
	}
	names := recordFiles(t, parsed, len(liverpool)+len(series))
	for _, name := range names {
		recs, err := record.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		rec := recs[0]
		rec.Visit.LocalAuthority = hostileAuthority
		rec.Source.Path = hostilePath
		rec.Visit.Focus = hostileFocus
		prefix := func(s *string, p string) { *s = p + " " + *s }
		for i := range rec.Sections {
			sec := &rec.Sections[i]
			if sec.Kind == "findings" && len(sec.Paragraphs) > 0 {
				prefix(&sec.Paragraphs[0].Text, hostileSentence)
			}
		}
		if len(rec.Findings) > 0 {
			prefix(&rec.Findings[0], hostileSentence)
		}
		for i := range rec.Improvements {
			prefix(&rec.Improvements[i], hostilePoint)
		}
		for i := range rec.AreasCovered {
			prefix(&rec.AreasCovered[i], hostileArea)
		}
		data, err := record.EncodeYAML(rec)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(records, filepath.Base(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return records
}

// safeHref is what a link on a page may be: an id on the page, or a page
// of the site and an id on it, all made of lower-case letters, digits
// and hyphens.
var safeHref = regexp.MustCompile(`^(#[a-z][a-z0-9-]*|[a-z][a-z0-9-]*\.html(#[a-z][a-z0-9-]*)?)$`)

// pageParts are the element names, attribute names, attribute values
// and text of a page, read as XML.
type pageParts struct {
	elements, attrs map[string]bool
	values, text    []string
	hrefs           []string
	scripts         int
}

// readParts reads a page as strict XML (page.go writes well-formed
// markup), so that a value that escaped its context makes it
// ill-formed or adds an element or attribute.
func readParts(t *testing.T, name string, page []byte) pageParts {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	p := pageParts{elements: map[string]bool{}, attrs: map[string]bool{}}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return p
		}
		if err != nil {
			t.Fatalf("%s: not well-formed: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			p.elements[tok.Name.Local] = true
			if tok.Name.Local == "script" {
				p.scripts++
			}
			for _, a := range tok.Attr {
				p.attrs[a.Name.Local] = true
				p.values = append(p.values, a.Value)
				if a.Name.Local == "href" || a.Name.Local == "src" {
					p.hrefs = append(p.hrefs, a.Value)
				}
			}
		case xml.CharData:
			p.text = append(p.text, string(tok))
		}
	}
}

// TestReportEscapesValues feeds hostile values through letters report, a
// page and a site: an authority's name, a file name, a focus, sentences
// of evidence, points, areas, a codebook's label and the title. Each is
// shown as text (it is in the page's decoded text or attribute values),
// none adds an element, an attribute or a script, and every link is an
// id or a page of the site.
func TestReportEscapesValues(t *testing.T) {
	dir := t.TempDir()
	records := hostileRecords(t, dir)
	codebook := filepath.Join(dir, "codebook.yaml")
	if err := os.WriteFile(codebook, []byte(hostileCodebook), 0o644); err != nil {
		t.Fatal(err)
	}
	// The same letters without hostile values give the elements and
	// attributes a page may have.
	plain := readParts(t, "plain page", renderReport(t, append([]string{"--codebook", codebook, "--neighbours"}, append(liverpool, series...)...)...))

	pages := map[string][]byte{"page": renderReport(t, "--codebook", codebook, "--neighbours", "--title", hostileTitle, records)}
	site := filepath.Join(dir, "site")
	if code, _, errs := run(t, "", "report", "--codebook", codebook, "--neighbours", "--title", hostileTitle, "--out-dir", site, records); code != exitOK {
		t.Fatalf("report --out-dir: %s", errs)
	}
	for name, page := range readSite(t, site) {
		pages["site/"+name] = page
	}
	shown := map[string]bool{}
	for name, page := range pages {
		p := readParts(t, name, page)
		for e := range p.elements {
			if !plain.elements[e] {
				t.Errorf("%s: element <%s> that the plain page has not", name, e)
			}
		}
		for a := range p.attrs {
			if !plain.attrs[a] {
				t.Errorf("%s: attribute %s that the plain page has not", name, a)
			}
		}
		if p.scripts != 1 {
			t.Errorf("%s: %d script elements, want 1", name, p.scripts)
		}
		for _, h := range p.hrefs {
			if !safeHref.MatchString(h) {
				t.Errorf("%s: link %q", name, h)
			}
		}
		all := strings.Join(p.text, "\x00") + "\x00" + strings.Join(p.values, "\x00")
		for _, v := range []string{hostileAuthority, hostilePath, hostileFocus, hostileSentence, hostilePoint, hostileArea, hostileLabel, hostileTitle} {
			if strings.Contains(all, v) {
				shown[v] = true
			}
			if strings.Contains(string(page), v) {
				t.Errorf("%s: %q is on the page unescaped", name, v)
			}
		}
	}
	if len(pages) < 3 {
		t.Errorf("%d pages, want a page, a site's index and its authorities' pages", len(pages))
	}
	for _, v := range []string{hostileAuthority, hostilePath, hostileFocus, hostileSentence, hostilePoint, hostileArea, hostileLabel, hostileTitle} {
		if !shown[v] {
			t.Errorf("%q is on no page: the test checks nothing of it", v)
		}
	}
}
