package render

import (
	"bytes"
	"html/template"
	"testing"
)

// escapeContexts are the places a page puts a value, as html/template
// templates: text, the title (RCDATA) and a quoted attribute.
var escapeContexts = template.Must(template.New("").Parse(
	`{{define "text"}}<p>{{.}}</p>{{end}}{{define "title"}}<title>{{.}}</title>{{end}}{{define "attr"}}<p title="{{.}}"></p>{{end}}`))

// FuzzEscapeAsTemplate holds that a value on a page is escaped as
// html/template escapes it in text, in the title and in a quoted
// attribute, so that the pages are the same bytes as when a template
// wrote them.
func FuzzEscapeAsTemplate(f *testing.F) {
	for _, s := range []string{"", "Liverpool", `<script>alert("x")</script>`, "Bath & N.E. Somerset", "it's +1 > 0",
		"a\x00b", "bad \xff utf-8 \xc3", "“quoted” – dash ’s", "&amp; already", "\ufdd0\uffff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []struct{ name, open, close string }{{"text", "<p>", "</p>"}, {"title", "<title>", "</title>"}, {"attr", `<p title="`, `"></p>`}} {
			var want bytes.Buffer
			if err := escapeContexts.ExecuteTemplate(&want, c.name, s); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			p := newPageWriter(&got)
			p.printf(c.open+"%s"+c.close, s)
			if err := p.flush(); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s: %q escaped as %q, html/template gives %q", c.name, s, got.String(), want.String())
			}
		}
	})
}
