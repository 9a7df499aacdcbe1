package render

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/record"
)

// renderSite writes the site of c as letters report --out-dir does and
// returns its pages by file name, checking that each name comes once.
func renderSite(t testing.TB, c Comparison) map[string][]byte {
	t.Helper()
	return renderSiteRows(t, c, IndexRows)
}

// renderSiteRows is renderSite with rows authorities a page of the index.
func renderSiteRows(t testing.TB, c Comparison, rows int) map[string][]byte {
	t.Helper()
	pages := map[string][]byte{}
	var order []string
	err := site(c, "", rows, func(name string, page []byte) error {
		if pages[name] != nil {
			t.Errorf("%s written twice", name)
		}
		pages[name] = bytes.Clone(page)
		order = append(order, name)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(order) == 0 || order[len(order)-1] != IndexFile {
		t.Errorf("pages written in the order %v: the index must come last, once every page it links to is there", order)
	}
	return pages
}

// laSections returns the bytes of each authority's section of a page, by
// its id.
func laSections(page []byte) map[string]string {
	out := map[string]string{}
	s := string(page)
	end := strings.Index(s, "\n</div>\n</main>")
	for _, part := range strings.Split(s[:end], "\n<section class=\"la\" id=\"")[1:] {
		id, _, _ := strings.Cut(part, `"`)
		out[id] = part
	}
	return out
}

// corpusSection returns the bytes of a page's corpus section.
func corpusSection(page []byte) string {
	s := string(page)
	i := strings.Index(s, `<section id="corpus"`)
	if i < 0 {
		return ""
	}
	return s[i : i+strings.Index(s[i:], "</section>")]
}

var (
	// laMeta is the line under an authority's name on a page of several.
	laMeta = regexp.MustCompile(`\n<p class="la-meta">.*</p>`)
	// pageLink is a link to an authority's page of a site.
	pageLink = regexp.MustCompile(`href="([a-z0-9-]+)\.html"`)
)

// TestSiteAgreesWithPage checks the site of each test input against its
// single page, which the other tests check against letters diff: an index
// whose corpus tables are the page's, one page per authority of the page
// holding the page's section of that authority (heat map, visits,
// evidence), links that lead from one page to the other; and the same
// bytes on a second run.
func TestSiteAgreesWithPage(t *testing.T) {
	for _, c := range reportCases() {
		t.Run(c.name, func(t *testing.T) {
			cmpr := compareFor(t, c.args...)
			var single bytes.Buffer
			if err := Page(&single, cmpr, ""); err != nil {
				t.Fatal(err)
			}
			pages := renderSite(t, cmpr)
			if again := renderSite(t, cmpr); !maps.EqualFunc(pages, again, bytes.Equal) {
				t.Errorf("a second run gives different pages")
			}
			want := laSections(single.Bytes())
			if len(pages) != len(want)+1 {
				t.Errorf("%d pages, want the index and %d authorities", len(pages), len(want))
			}
			for id, sec := range want {
				page := pages[PageFile(id)]
				if page == nil {
					t.Errorf("no page %s for the section %s", PageFile(id), id)
					continue
				}
				got := laSections(page)
				if len(got) != 1 {
					t.Fatalf("%s: %d authorities, want 1", PageFile(id), len(got))
				}
				g := pageLink.ReplaceAllString(got[id], `href="#$1"`)
				if diff := cmp.Diff(laMeta.ReplaceAllString(sec, ""), g); diff != "" {
					t.Errorf("%s differs from its section of the single page (-page +site):\n%s", PageFile(id), diff)
				}
			}
			index := pages[IndexFile]
			if len(want) > 1 {
				w := corpusSection(single.Bytes())
				g := pageLink.ReplaceAllString(corpusSection(index), `href="#$1"`)
				if w == "" || w != g {
					t.Errorf("the index's corpus tables differ from the single page's:\n%s", cmp.Diff(w, g))
				}
			}
			checkSite(t, pages)
		})
	}
}

// checkSite checks every page of a site: well-formed, its ids unique,
// one h1 and no heading level skipped, nothing fetched, and every link
// leading to a page of the site and, after #, to an element of it.
func checkSite(t *testing.T, pages map[string][]byte) {
	t.Helper()
	ids := map[string]map[string]*node{}
	roots := map[string]*node{}
	for name, page := range pages {
		roots[name] = parsePage(t, page)
		ids[name] = byID(t, roots[name])
	}
	links := 0
	for _, name := range slices.Sorted(maps.Keys(roots)) {
		root := roots[name]
		if n := len(root.sel("h1")); n != 1 {
			t.Errorf("%s: %d h1, want 1", name, n)
		}
		heads := root.all(func(e *node) bool {
			return len(e.name) == 2 && e.name[0] == 'h' && e.name[1] >= '1' && e.name[1] <= '6'
		})
		for i := 1; i < len(heads); i++ {
			if heads[i].name[1] > heads[i-1].name[1]+1 {
				t.Errorf("%s: %s %q follows %s: a level skipped", name, heads[i].name, heads[i].textOf(), heads[i-1].name)
			}
		}
		for _, e := range root.all(func(*node) bool { return true }) {
			for _, a := range []string{"src", "srcset", "data", "action", "poster"} {
				if _, ok := e.attr[a]; ok {
					t.Errorf("%s: <%s %s=%q> loads something", name, e.name, a, e.attr[a])
				}
			}
			h, ok := e.attr["href"]
			if !ok {
				continue
			}
			links++
			file, frag, _ := strings.Cut(h, "#")
			if file == "" {
				file = name
			}
			switch {
			case ids[file] == nil:
				t.Errorf("%s: <%s href=%q> leads to no page of the site", name, e.name, h)
			case frag != "" && ids[file][frag] == nil:
				t.Errorf("%s: <%s href=%q> leads to nothing on %s", name, e.name, h, file)
			case strings.Contains(file, "/") || strings.Contains(file, ":"):
				t.Errorf("%s: <%s href=%q> leads out of the site", name, e.name, h)
			}
		}
	}
	if links == 0 {
		t.Error("no link checked")
	}
	// Every authority's page is linked from one page of the index.
	linked := map[string]int{}
	for name, root := range roots {
		if isIndex(name) {
			for _, a := range root.sel("table[id=authority-table] a") {
				linked[a.attr["href"]]++
			}
		}
	}
	for name := range pages {
		if !isIndex(name) && linked[name] != 1 {
			t.Errorf("%s: linked %d times from the index's tables of authorities, want once", name, linked[name])
		}
		back := roots[name].all(func(e *node) bool { return e.name == "a" && e.attr["href"] == IndexFile })
		if !isIndex(name) && len(back) == 0 {
			t.Errorf("%s: no link back to the index", name)
		}
	}
}

// A heldLoader gives a comparison stripped of its evidence and of its
// records' areas and points, as package cmd gives one read from the
// profile cache, each authority's back from a whole copy.
type heldLoader struct{ whole Comparison }

func (l *heldLoader) Make(tr *analyse.Trajectory) error { return nil }

func (l *heldLoader) Done(tr *analyse.Trajectory) {}

func (l *heldLoader) Authority(tr *analyse.Trajectory) (map[analyse.Visit]*record.Record, error) {
	for _, w := range l.whole.Trajectories {
		if w.AuthorityKey != tr.AuthorityKey {
			continue
		}
		for i := range tr.Themes {
			copy(tr.Themes[i].Evidence, w.Themes[i].Evidence)
		}
	}
	recs := map[analyse.Visit]*record.Record{}
	for _, v := range tr.Visits {
		recs[v] = l.whole.Records[v]
	}
	return recs, nil
}

// stripped returns c without the evidence of its trajectories and the
// areas covered and points to improve of its records, with a loader that
// gives them back one authority at a time.
func stripped(t *testing.T, args ...string) Comparison {
	t.Helper()
	c := compareFor(t, args...)
	l := &heldLoader{whole: compareFor(t, args...)}
	for i := range c.Trajectories {
		for k := range c.Trajectories[i].Themes {
			clear(c.Trajectories[i].Themes[k].Evidence)
		}
	}
	for v, r := range c.Records {
		slim := *r
		slim.AreasCovered, slim.Improvements, slim.PriorityActions = nil, nil, nil
		c.Records[v] = &slim
	}
	c.Load = l
	return c
}

// TestPageLoadsOneAuthorityAtATime checks that a comparison whose evidence
// and records are given back one authority at a time (Comparison.Load)
// makes the same page and site as one that holds them all, and that the
// evidence is dropped again once its authority is written.
func TestPageLoadsOneAuthorityAtATime(t *testing.T) {
	args := reportCases()[len(reportCases())-1].args // the corpus
	c := stripped(t, args...)
	var got bytes.Buffer
	if err := Page(&got, c, ""); err != nil {
		t.Fatal(err)
	}
	if want := renderReport(t, args...); !bytes.Equal(got.Bytes(), want) {
		t.Errorf("the page made one authority at a time differs from the page made of everything held")
	}
	for _, tr := range c.Trajectories {
		for _, tt := range tr.Themes {
			for _, ev := range tt.Evidence {
				if ev != nil {
					t.Fatalf("%s %s: evidence still held once the page is written", tr.AuthorityKey, tt.Theme)
				}
			}
		}
	}
	if !maps.EqualFunc(renderSite(t, c), renderSite(t, compareFor(t, args...)), bytes.Equal) {
		t.Errorf("the site made one authority at a time differs from the site made of everything held")
	}
}

// indexName matches the names of the pages of a site's index.
var indexName = regexp.MustCompile(`^index(-[0-9]+)?\.html$`)

// isIndex reports whether a site's page is a page of its index.
func isIndex(name string) bool { return indexName.MatchString(name) }

// TestSiteIndexPages checks an index whose authorities take several
// pages: each page lists its share of the authorities in the order of
// the whole ranking, names which it lists, and links to every page of
// the index; each authority is listed once; every link lands.
func TestSiteIndexPages(t *testing.T) {
	c := compareFor(t, reportCases()[len(reportCases())-1].args...)
	const rows = 5
	pages := renderSiteRows(t, c, rows)
	whole := parsePage(t, renderSite(t, c)[IndexFile])
	var ranking []string
	for _, tr := range whole.one(t, "table[id=authority-table]").one(t, "tbody").sel("tr") {
		ranking = append(ranking, tr.attr["data-key"])
	}
	n := (len(ranking) + rows - 1) / rows
	if n < 2 {
		t.Fatalf("%d authorities: the test needs more than one page", len(ranking))
	}
	var got []string
	for p := 1; p <= n; p++ {
		name := IndexPage(p)
		if pages[name] == nil {
			t.Fatalf("no page %s of the index", name)
		}
		root := parsePage(t, pages[name])
		for _, tr := range root.one(t, "table[id=authority-table]").one(t, "tbody").sel("tr") {
			got = append(got, tr.attr["data-key"])
		}
		var links []string
		for _, a := range root.one(t, "nav.pager").sel("a") {
			links = append(links, a.attr["href"])
			if (a.attr["href"] == name) != (a.attr["aria-current"] == "page") {
				t.Errorf("%s: the pager marks %s wrongly", name, a.attr["href"])
			}
		}
		if len(links) != n || links[0] != IndexFile || links[n-1] != IndexPage(n) {
			t.Errorf("%s: the pager links to %v, want the %d pages of the index", name, links, n)
		}
		first, last := (p-1)*rows+1, min(p*rows, len(ranking))
		if hint := root.one(t, "section.corpus").textOf(); !strings.Contains(hint, fmt.Sprintf("authorities %d to %d of %d", first, last, len(ranking))) {
			t.Errorf("%s does not say that it lists authorities %d to %d", name, first, last)
		}
	}
	if pages[IndexPage(n+1)] != nil {
		t.Errorf("a page %s past the last authority", IndexPage(n+1))
	}
	if diff := cmp.Diff(ranking, got); diff != "" {
		t.Errorf("the pages of the index list the authorities (-whole +pages):\n%s", diff)
	}
	checkSite(t, pages)
}
