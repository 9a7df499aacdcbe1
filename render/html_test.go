package render

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// The letters of the report tests: Liverpool's three monitoring visits,
// and Barking and Dagenham's four focused visits.
var (
	liverpool = []string{liv17, liv24, liv25}
	series    = []string{"../testdata/letters/barking-and-dagenham_2018-04-03.layout.txt",
		"testdata/series/barking-and-dagenham_2021-07-15.layout.txt",
		"testdata/series/barking-and-dagenham_2022-06-10.layout.txt",
		"testdata/series/barking-and-dagenham_2025-04-29.layout.txt"}
)

// reportCases are the inputs every agreement test renders: one
// authority, a series, two letters of two authorities named (diff A B),
// and a corpus of every test letter.
func reportCases() []struct {
	name string
	args []string
} {
	return []struct {
		name string
		args []string
	}{
		{"liverpool", liverpool},
		{"series", series},
		{"two authorities", []string{liv24, series[0]}},
		{"corpus", append([]string{"../testdata/letters"}, series[1:]...)},
	}
}

// A node is an element or, with name "", a text node of a page.
type node struct {
	name     string
	attr     map[string]string
	text     string
	parent   *node
	children []*node
}

// parsePage parses a page as XML: the markup that page.go writes
// is well-formed, so the standard library's XML decoder is a strict HTML
// structure checker here, with no HTML parser to depend on.
func parsePage(t *testing.T, page []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	root := &node{name: "#document"}
	cur := root
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the page is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attr: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			cur.children = append(cur.children, &node{text: string(tok), parent: cur})
		}
	}
	return root
}

// all returns the elements under n (n excluded) for which ok holds, in
// document order.
func (n *node) all(ok func(*node) bool) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name != "" && ok(c) {
			out = append(out, c)
		}
		out = append(out, c.all(ok)...)
	}
	return out
}

// sel returns the elements under n that match a selector: simple
// selectors (a tag name, .class, [attr] or [attr=value], or several of
// them, as in "td.step"), separated by spaces for descendants.
func (n *node) sel(selector string) []*node {
	cur := []*node{n}
	for _, part := range strings.Fields(selector) {
		var next []*node
		seen := map[*node]bool{}
		for _, c := range cur {
			for _, e := range c.all(func(e *node) bool { return e.matches(part) }) {
				if !seen[e] {
					seen[e] = true
					next = append(next, e)
				}
			}
		}
		cur = next
	}
	return cur
}

func (n *node) matches(selector string) bool {
	rest := selector
	for rest != "" {
		var part string
		i := strings.IndexAny(rest[1:], ".[")
		if i < 0 {
			part, rest = rest, ""
		} else {
			part, rest = rest[:i+1], rest[i+1:]
		}
		switch {
		case part[0] == '.':
			if !slicesContains(strings.Fields(n.attr["class"]), part[1:]) {
				return false
			}
		case part[0] == '[':
			k, v, hasV := strings.Cut(strings.Trim(part, "[]"), "=")
			got, ok := n.attr[k]
			if !ok || hasV && got != strings.Trim(v, `"`) {
				return false
			}
		default:
			if n.name != part {
				return false
			}
		}
	}
	return true
}

func slicesContains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// one returns the only element under n that matches selector.
func (n *node) one(t *testing.T, selector string) *node {
	t.Helper()
	found := n.sel(selector)
	if len(found) != 1 {
		t.Fatalf("%d elements match %q under <%s>, want 1", len(found), selector, n.name)
	}
	return found[0]
}

// textOf returns the text under n, whitespace collapsed.
func (n *node) textOf() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(m *node) {
		b.WriteString(m.text)
		for _, c := range m.children {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// byID indexes the elements of a page by id.
func byID(t *testing.T, root *node) map[string]*node {
	t.Helper()
	ids := map[string]*node{}
	for _, e := range root.all(func(e *node) bool { _, ok := e.attr["id"]; return ok }) {
		id := e.attr["id"]
		if ids[id] != nil {
			t.Errorf("id %q is used twice", id)
		}
		ids[id] = e
	}
	return ids
}

// renderReport writes the page of the letters or records args name, as
// letters report does.
func renderReport(t testing.TB, args ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Page(&b, compareFor(t, args...), ""); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// diffJSON returns the trajectories of args as letters diff -o json
// writes them, read back.
func diffJSON(t *testing.T, args ...string) []analyse.Trajectory {
	t.Helper()
	var b bytes.Buffer
	if err := Trajectories(&b, compareFor(t, args...).Trajectories, Options{Format: FormatJSON}); err != nil {
		t.Fatal(err)
	}
	var trs []analyse.Trajectory
	dec := json.NewDecoder(&b)
	for {
		var tr analyse.Trajectory
		if err := dec.Decode(&tr); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		trs = append(trs, tr)
	}
	return trs
}

// confidenceLine is what the evidence of a cell says of its status's
// confidence conf: nothing when there is none.
func confidenceLine(conf string, unsure bool) []string {
	switch {
	case conf == "":
		return nil
	case unsure:
		return []string{"Confidence " + conf + ": check it first"}
	}
	return []string{"Confidence " + conf}
}

// wantSentence is how the page shows one evidence sentence.
func wantSentence(e analyse.Evidence) string {
	return strings.Join(strings.Fields(fmt.Sprintf("%s %s %s", scored(e), e.Text, where(e))), " ")
}

// TestReportMatchesDiffJSON checks every number and word of the heat
// maps, and every sentence behind each cell, against letters diff -o json
// for the same inputs.
func TestReportMatchesDiffJSON(t *testing.T) {
	for _, c := range reportCases() {
		t.Run(c.name, func(t *testing.T) {
			trs := diffJSON(t, c.args...)
			page := renderReport(t, c.args...)
			if bytes.Contains(page, []byte(`<span class="vh"></span>`)) {
				t.Error("the page holds an empty span for screen readers")
			}
			root := parsePage(t, page)
			ids := byID(t, root)
			sections := root.sel("section.la")
			if len(sections) != len(trs) {
				t.Fatalf("%d authority sections, diff has %d trajectories", len(sections), len(trs))
			}
			cells, unsure := 0, 0
			for i, tr := range trs {
				sec := sections[i]
				if got := sec.attr["data-key"]; got != tr.AuthorityKey {
					t.Errorf("section %d is %q, want %q", i, got, tr.AuthorityKey)
				}
				if got := sec.one(t, "h2").textOf(); got != tr.Authority {
					t.Errorf("heading %q, want %q", got, tr.Authority)
				}
				heads := sec.sel("th.visit-h")
				if len(heads) != len(tr.Visits) {
					t.Fatalf("%s: %d visit columns, want %d", tr.AuthorityKey, len(heads), len(tr.Visits))
				}
				for k, v := range tr.Visits {
					if heads[k].attr["data-date"] != v.Date || heads[k].attr["data-kind"] != v.Kind {
						t.Errorf("%s visit %d: column %s %s, want %s %s", tr.AuthorityKey, k+1, heads[k].attr["data-date"], heads[k].attr["data-kind"], v.Date, v.Kind)
					}
				}
				rows := sec.one(t, "table.heatmap").one(t, "tbody").sel("tr")
				if len(rows) != len(tr.Themes) {
					t.Fatalf("%s: %d rows, want %d themes", tr.AuthorityKey, len(rows), len(tr.Themes))
				}
				for r, tt := range tr.Themes {
					row := rows[r]
					if row.attr["data-theme"] != tt.Theme {
						t.Errorf("%s row %d is %q, want %q", tr.AuthorityKey, r, row.attr["data-theme"], tt.Theme)
						continue
					}
					var statuses []analyse.Status
					for _, td := range row.sel("td[data-status]") {
						statuses = append(statuses, analyse.Status(td.attr["data-status"]))
					}
					var steps []analyse.Outcome
					for k, td := range row.sel("td.step") {
						steps = append(steps, analyse.Outcome(td.attr["data-outcome"]))
						// A step between letters of different kinds says so,
						// as diff marks it.
						across := k < len(tt.Steps) && tr.Visits[tt.From(k)].Kind != tr.Visits[k+1].Kind
						if said := strings.HasSuffix(td.textOf(), acrossKindsWords(true)+acrossKindsMark); said != across {
							t.Errorf("%s %s step %d: says it crosses kinds %v, want %v: %q", tr.AuthorityKey, tt.Theme, k+1, said, across, td.textOf())
						}
					}
					if diff := cmp.Diff(tt.Statuses, statuses); diff != "" {
						t.Errorf("%s %s statuses (-diff +report):\n%s", tr.AuthorityKey, tt.Theme, diff)
					}
					if diff := cmp.Diff(tt.Steps, steps, cmpopts.EquateEmpty()); diff != "" {
						t.Errorf("%s %s steps (-diff +report):\n%s", tr.AuthorityKey, tt.Theme, diff)
					}
					overall := row.sel("td.overall")
					if len(tr.Visits) > 1 && (len(overall) != 1 || overall[0].attr["data-outcome"] != string(tt.Overall)) {
						t.Errorf("%s %s: overall outcome missing or not %s", tr.AuthorityKey, tt.Theme, tt.Overall)
					}
					// So does the outcome from the first letter to the last.
					if len(overall) == 1 {
						across := tr.Visits[0].Kind != tr.Visits[len(tr.Visits)-1].Kind
						if said := strings.HasSuffix(overall[0].textOf(), acrossKindsWords(true)+acrossKindsMark); said != across {
							t.Errorf("%s %s first to last: says it crosses kinds %v, want %v: %q", tr.AuthorityKey, tt.Theme, said, across, overall[0].textOf())
						}
					}
					for k, td := range row.sel("td[data-status]") {
						cells++
						a := td.one(t, "a.cell")
						if !strings.Contains(a.textOf(), string(tt.Statuses[k])) {
							t.Errorf("%s %s visit %d: the cell does not say %q in words: %q", tr.AuthorityKey, tt.Theme, k+1, tt.Statuses[k], a.textOf())
						}
						conf := probabilityText(tt.Confidence(k))
						isUnsure := unsureText(tt.Confidence(k)) != ""
						if isUnsure {
							unsure++
						}
						if shown := strings.Contains(a.textOf(), "("+conf+")"); shown != isUnsure {
							t.Errorf("%s %s visit %d: the cell shows its confidence %s: %v, want %v (only below %s): %q", tr.AuthorityKey, tt.Theme, k+1, conf, shown, !shown, UnsureText(), a.textOf())
						}
						ev := ids[strings.TrimPrefix(a.attr["href"], "#")]
						if ev == nil {
							t.Errorf("%s %s visit %d: the cell links to %q, which is not on the page", tr.AuthorityKey, tt.Theme, k+1, a.attr["href"])
							continue
						}
						var said []string
						for _, p := range ev.sel("p.conf") {
							said = append(said, p.textOf())
						}
						if want := confidenceLine(conf, isUnsure); !slices.Equal(said, want) {
							t.Errorf("%s %s visit %d: the evidence says %q, want %q as diff gives it", tr.AuthorityKey, tt.Theme, k+1, said, want)
						}
						var got, want []string
						for _, li := range ev.sel("li") {
							got = append(got, li.textOf())
						}
						for _, e := range judging(tt.Evidence[k]) {
							want = append(want, wantSentence(e))
							if e.Page > 0 && !strings.Contains(wantSentence(e), "page "+strconv.Itoa(e.Page)) {
								t.Errorf("sentence without its page: %s", wantSentence(e))
							}
						}
						if diff := cmp.Diff(want, got); diff != "" {
							t.Errorf("%s %s visit %d: evidence (-diff +report):\n%s", tr.AuthorityKey, tt.Theme, k+1, diff)
						}
					}
				}
			}
			if cells == 0 || unsure == 0 {
				t.Fatalf("%d cells compared, %d of them unsure: want some of each", cells, unsure)
			}
		})
	}
}

// TestReportVisits checks the areas covered and the points to improve
// listed for each visit against the records of the letters.
func TestReportVisits(t *testing.T) {
	root := parsePage(t, renderReport(t, series...))
	visits := root.sel("li.visit")
	if len(visits) != len(series) {
		t.Fatalf("%d visits listed, want %d", len(visits), len(series))
	}
	for i, path := range series { // the series' file names are in date order
		rec, err := parse.File(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		v := visits[i]
		if !strings.Contains(v.textOf(), path) {
			t.Errorf("visit %d does not name its letter %s", i+1, path)
		}
		var areas, points []string
		for _, li := range v.one(t, "div.areas").sel("li") {
			areas = append(areas, li.textOf())
		}
		for _, li := range v.one(t, "div.points").sel("li") {
			points = append(points, strings.TrimPrefix(li.textOf(), "Priority action "))
		}
		norm := func(ss []string) []string {
			var out []string
			for _, s := range ss {
				out = append(out, strings.Join(strings.Fields(s), " "))
			}
			return out
		}
		if diff := cmp.Diff(norm(rec.AreasCovered), areas); diff != "" {
			t.Errorf("visit %d areas covered (-record +page):\n%s", i+1, diff)
		}
		if diff := cmp.Diff(norm(rec.Improvements), points); diff != "" {
			t.Errorf("visit %d points to improve (-record +page):\n%s", i+1, diff)
		}
		if len(rec.Improvements) == 0 {
			t.Errorf("%s: a focused-visit letter with nothing to improve; the test checks nothing", path)
		}
	}
}

// TestReportMonitoringConcerns checks what the page says of monitoring
// letters, which have no list of points to improve: their main concerns,
// each linking to evidence on the page that holds its quoted sentence,
// most negative sentences first, and never "nothing to improve". It also
// checks that each focused visit's column heading names its focus.
func TestReportMonitoringConcerns(t *testing.T) {
	page := renderReport(t, liv17, liv24, liv25)
	if strings.Contains(string(page), "nothing to improve") {
		t.Errorf("the page says a monitoring letter lists nothing to improve")
	}
	root := parsePage(t, page)
	ids := byID(t, root)
	for i, v := range root.sel("li.visit") {
		pts := v.one(t, "div.points")
		if h := pts.one(t, "h5").textOf(); h != "Main concerns in the findings" {
			t.Errorf("visit %d: heading %q", i+1, h)
		}
		items := pts.sel("ul.concerns li")
		if len(items) == 0 || len(items) > mainConcerns {
			t.Fatalf("visit %d: %d main concerns, want 1 to %d", i+1, len(items), mainConcerns)
		}
		last := 1 << 30
		for _, li := range items {
			a := li.one(t, "a")
			ev := ids[strings.TrimPrefix(a.attr["href"], "#")]
			if ev == nil {
				t.Fatalf("visit %d: %s links to nothing", i+1, a.attr["href"])
			}
			text := li.textOf()
			quote := text[strings.Index(text, "“")+len("“") : strings.LastIndex(text, "”")]
			if !strings.Contains(ev.textOf(), quote) {
				t.Errorf("visit %d, %s: the quoted sentence is not in the evidence it links to", i+1, a.textOf())
			}
			m := negativeCount.FindStringSubmatch(text)
			n := 0
			if m != nil {
				n, _ = strconv.Atoi(m[1])
			}
			if m == nil || n > last {
				t.Errorf("visit %d: %q out of order or without a count", i+1, text)
			}
			last = n
		}
	}
	root = parsePage(t, renderReport(t, series...))
	heads := root.sel("th.visit-h")
	for i, path := range series {
		rec, err := parse.File(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		want := "focus not stated" // the 2021 visit, in the pandemic, states none
		if rec.Visit.Focus != "" {
			want = "on " // a theme
		}
		if f := heads[i].sel("span.focus-h"); len(f) != 1 || !strings.HasPrefix(f[0].textOf(), want) {
			t.Errorf("focused visit %d: the column heading %q does not say %q", i+1, heads[i].textOf(), want)
		}
	}
}

// negativeCount reads the count of a main concern ("(5 negative sentences)").
var negativeCount = regexp.MustCompile(`\((\d+) negative sentences?\)`)

// csvStep is one row of letters diff -o csv.
type csvStep struct {
	key, theme, span, fromVisit, toVisit, fromDate, toDate, fromStatus, toStatus, outcome, fromEvidence, toEvidence string
}

func diffCSV(t *testing.T, args ...string) []csvStep {
	t.Helper()
	var b bytes.Buffer
	if err := Trajectories(&b, compareFor(t, args...).Trajectories, Options{Format: FormatCSV}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var steps []csvStep
	for _, r := range recs[1:] {
		f := func(name string) string {
			i, ok := col[name]
			if !ok {
				t.Fatalf("diff -o csv has no column %q", name)
			}
			return r[i]
		}
		steps = append(steps, csvStep{f("authority_key"), f("theme"), f("span"), f("from_visit"), f("to_visit"), f("from_date"), f("to_date"),
			f("from_status"), f("to_status"), f("outcome"), f("from_evidence"), f("to_evidence")})
	}
	return steps
}

// TestReportAgreesWithDiffCSV checks that every row of letters diff -o
// csv is in the page (dates, statuses, outcome and the sentences of both
// visits), that the page has no step that the CSV lacks, and that the
// corpus tables count what the CSV holds, counted here independently.
func TestReportAgreesWithDiffCSV(t *testing.T) {
	for _, c := range reportCases() {
		t.Run(c.name, func(t *testing.T) {
			steps := diffCSV(t, c.args...)
			root := parsePage(t, renderReport(t, c.args...))
			ids := byID(t, root)
			sections := map[string]*node{}
			for _, s := range root.sel("section.la") {
				sections[s.attr["data-key"]] = s
			}
			// evidence returns a cell's sentences as the CSV joins them.
			evidence := func(td *node) string {
				ev := ids[strings.TrimPrefix(td.one(t, "a.cell").attr["href"], "#")]
				var ss []string
				for _, li := range ev.sel("li") {
					pol := li.one(t, "b").textOf()
					text := strings.TrimSpace(strings.TrimPrefix(li.textOf(), pol))
					text = strings.TrimSpace(strings.TrimSuffix(text, li.one(t, "small").textOf()))
					ss = append(ss, "["+pol+"] "+text)
				}
				return strings.Join(ss, "\n")
			}
			pageSteps := 0
			for _, s := range sections {
				pageSteps += len(s.sel("td.step"))
			}
			csvSteps := 0
			byTheme, byKey := map[string]*tally{}, map[string]*tally{}
			latest := map[string]analyse.Status{} // key/theme: the latest judged status
			for _, st := range steps {
				sec := sections[st.key]
				if sec == nil {
					t.Fatalf("no section for authority %q of the CSV", st.key)
				}
				var row *node
				for _, r := range sec.one(t, "table.heatmap").sel("tr[data-theme]") {
					if r.attr["data-theme"] == st.theme {
						row = r
					}
				}
				if row == nil {
					t.Fatalf("%s: no row for theme %s", st.key, st.theme)
				}
				a, _ := strconv.Atoi(st.fromVisit)
				b, _ := strconv.Atoi(st.toVisit)
				if a < 1 || b <= a {
					t.Fatalf("bad visits %q to %q", st.fromVisit, st.toVisit)
				}
				cells := row.sel("td[data-status]")
				heads := sec.sel("th.visit-h")
				var outcome string
				switch st.span {
				case spanStep:
					// The step into visit b; it starts from the latest
					// earlier visit that judged the theme, which the
					// page's step cell names in its title.
					step := row.sel("td.step")[b-2]
					outcome = step.attr["data-outcome"]
					if want := fmt.Sprintf("letter %d to letter %d:", a, b); !strings.HasPrefix(step.attr["title"], want) {
						t.Errorf("%s %s: CSV compares visits %d and %d, the page says %q", st.key, st.theme, a, b, step.attr["title"])
					}
				case spanFirstToLast:
					if a != 1 || b != len(cells) {
						t.Errorf("%s %s: first-to-last from %d to %d of %d visits", st.key, st.theme, a, b, len(cells))
					}
					outcome = row.one(t, "td.overall").attr["data-outcome"]
				default:
					t.Fatalf("span %q", st.span)
				}
				got := csvStep{st.key, st.theme, st.span, st.fromVisit, st.toVisit, heads[a-1].attr["data-date"], heads[b-1].attr["data-date"],
					cells[a-1].attr["data-status"], cells[b-1].attr["data-status"], outcome, stripPlaces(evidence(cells[a-1])), stripPlaces(evidence(cells[b-1]))}
				st.fromEvidence, st.toEvidence = stripPlaces(st.fromEvidence), stripPlaces(st.toEvidence)
				if got != st {
					t.Errorf("CSV and page differ:\ncsv  %+v\npage %+v", st, got)
				}
				if st.span != spanStep {
					continue
				}
				// Count the step as the corpus tables should.
				csvSteps++
				lk := st.key + "/" + st.theme
				if b == 2 {
					latest[lk] = analyse.Status(st.fromStatus)
				}
				// A concern counts once, at the step into the next visit
				// that judges the theme, or at the last step when none
				// does.
				settles := st.toStatus != string(analyse.StatusAbsent) || b == len(cells)
				for _, x := range []*tally{tallyOf(byTheme, st.theme), tallyOf(byKey, st.key)} {
					x.steps++
					if latest[lk].IsConcern() && settles {
						x.concerns++
						switch analyse.Outcome(st.outcome) {
						case analyse.OutcomeRecurring:
							x.recurring++
						case analyse.OutcomeResolved:
							x.resolved++
						case analyse.OutcomeNotRevisited:
							x.notRevisited++
						}
					}
					if analyse.Outcome(st.outcome) == analyse.OutcomeNew {
						x.new++
					}
				}
				if st.toStatus != string(analyse.StatusAbsent) {
					latest[lk] = analyse.Status(st.toStatus)
				}
			}
			if pageSteps != csvSteps {
				t.Errorf("the page has %d steps between visits, the CSV %d", pageSteps, csvSteps)
			}
			corpus := root.sel("section.corpus")
			if len(sections) < 2 {
				if len(corpus) != 0 {
					t.Errorf("a corpus summary for one authority")
				}
				return
			}
			if len(corpus) != 1 {
				t.Fatalf("no corpus summary for %d authorities", len(sections))
			}
			check := func(table, attr string, want map[string]*tally) {
				rows := corpus[0].one(t, "table[id="+table+"]").one(t, "tbody").sel("tr")
				if len(rows) == 0 {
					t.Errorf("%s: no rows", table)
				}
				for _, r := range rows {
					num := func(col string) int {
						n, err := strconv.Atoi(r.one(t, "td[data-col="+col+"]").attr["data-value"])
						if err != nil {
							t.Fatal(err)
						}
						return n
					}
					got := tally{concerns: num("concerns"), recurring: num("recurring"), resolved: num("resolved"), notRevisited: num("not-revisited"), new: num("new")}
					w := *tallyOf(want, r.attr[attr])
					w.steps = 0 // the tables do not show it
					if got != w {
						t.Errorf("%s %s: page %+v, CSV %+v", table, r.attr[attr], got, w)
					}
				}
			}
			check("theme-table", "data-theme", byTheme)
			check("authority-table", "data-key", byKey)
		})
	}
}

// placeInCell matches the place of a sentence in diff's CSV evidence
// cells ("(Findings, paragraph 3, sentence 2, page 2, line 45) "), which
// the page shows apart from the sentence.
var placeInCell = regexp.MustCompile(`(?m)^(\[[a-z]+(?: [0-9.]+)?\]) \([^\n]*?, paragraph \d+, sentence \d+(?:, page \d+)?(?:, line \d+)?\) `)

// stripPlaces takes the places out of an evidence cell.
func stripPlaces(cell string) string { return placeInCell.ReplaceAllString(cell, "$1 ") }

// A tally counts steps as the corpus tables do.
type tally struct{ steps, concerns, recurring, resolved, notRevisited, new int }

// tallyOf returns the tally of key in m, made when missing.
func tallyOf(m map[string]*tally, key string) *tally {
	if m[key] == nil {
		m[key] = &tally{}
	}
	return m[key]
}

// TestReportStructure checks what makes the page usable and safe: one
// file with nothing to fetch, headings in order, table semantics, links
// that land, keyboard access, the legend in words, and the same bytes on
// a second run.
func TestReportStructure(t *testing.T) {
	for _, c := range reportCases() {
		t.Run(c.name, func(t *testing.T) {
			page := renderReport(t, c.args...)
			if again := renderReport(t, c.args...); !bytes.Equal(page, again) {
				t.Errorf("a second run gives a different page")
			}
			root := parsePage(t, page)
			ids := byID(t, root)
			// Self-contained: nothing is loaded from anywhere.
			for _, e := range root.all(func(*node) bool { return true }) {
				for _, a := range []string{"src", "srcset", "data", "action", "poster"} {
					if _, ok := e.attr[a]; ok {
						t.Errorf("<%s %s=%q> loads something", e.name, a, e.attr[a])
					}
				}
				if e.name == "link" || e.name == "iframe" || e.name == "object" || e.name == "img" {
					t.Errorf("<%s> on the page", e.name)
				}
				if h, ok := e.attr["href"]; ok && (!strings.HasPrefix(h, "#") || ids[h[1:]] == nil) {
					t.Errorf("<%s href=%q> does not lead to a part of the page", e.name, h)
				}
			}
			for _, st := range root.sel("style") {
				if css := st.textOf(); strings.Contains(css, "url(") || strings.Contains(css, "@import") {
					t.Errorf("the style sheet fetches something")
				}
			}
			if n := len(root.sel("script")); n != 1 {
				t.Errorf("%d scripts, want 1 (inline)", n)
			}
			if html := root.one(t, "html"); html.attr["lang"] == "" {
				t.Errorf("<html> without lang")
			}
			// Headings: one h1, and no level skipped on the way down.
			heads := root.all(func(e *node) bool {
				return len(e.name) == 2 && e.name[0] == 'h' && e.name[1] >= '1' && e.name[1] <= '6'
			})
			if len(heads) == 0 || heads[0].name != "h1" || len(root.sel("h1")) != 1 {
				t.Fatalf("the page must open with its only h1")
			}
			for i := 1; i < len(heads); i++ {
				if heads[i].name[1] > heads[i-1].name[1]+1 {
					t.Errorf("%s %q follows %s %q: a level skipped", heads[i].name, heads[i].textOf(), heads[i-1].name, heads[i-1].textOf())
				}
			}
			// Tables: captions, column and row headers.
			for _, table := range root.sel("table") {
				if len(table.sel("caption")) != 1 {
					t.Errorf("table %q without caption", table.attr["class"])
				}
				for _, th := range table.one(t, "thead").sel("th") {
					if th.attr["scope"] != "col" {
						t.Errorf("column header %q without scope=col", th.textOf())
					}
				}
				for _, tr := range table.one(t, "tbody").sel("tr") {
					if hs := tr.sel("th"); len(hs) != 1 || hs[0].attr["scope"] != "row" {
						t.Errorf("row %q without one row header", tr.textOf())
					}
				}
			}
			// Keyboard: every cell is a link (focusable, activated with
			// Enter), and the scrolling region of a heat map is focusable.
			for _, td := range root.sel("td[data-status]") {
				if len(td.sel("a.cell")) != 1 {
					t.Errorf("a cell that is not a link: %q", td.textOf())
				}
			}
			for _, r := range root.sel("div.heat-scroll") {
				if r.attr["tabindex"] != "0" || r.attr["role"] != "region" {
					t.Errorf("a heat map's scrolling region cannot be reached by keyboard")
				}
			}
			// The legend says every status and outcome in words.
			legend := root.one(t, "section[id=legend]").textOf()
			for _, st := range []analyse.Status{analyse.StatusConcern, analyse.StatusMixed, analyse.StatusStrength, analyse.StatusAbsent} {
				if !strings.Contains(legend, string(st)) {
					t.Errorf("the legend lacks %s", st)
				}
			}
			for _, o := range analyse.Outcomes() {
				if !strings.Contains(legend, outcomeLabel(o)) {
					t.Errorf("the legend lacks %s", o)
				}
			}
			// Every outcome between visits says itself in words to
			// those who cannot see its symbol.
			for _, td := range root.sel("td.step") {
				if got := strings.TrimSuffix(td.textOf(), acrossKindsWords(true)+acrossKindsMark); got != outcomeLabel(analyse.Outcome(td.attr["data-outcome"])) {
					t.Errorf("step cell %q says %q", td.attr["data-outcome"], got)
				}
			}
		})
	}
}

// TestReportEscapes checks that what a record says is shown as text,
// never run as markup, wherever it appears on the page.
func TestReportEscapes(t *testing.T) {
	dir := t.TempDir()
	const evil = `<script>alert("x")</script><b>Liverpool</b> & Co`
	for _, letter := range []string{liv24, liv25} {
		rec, err := parse.File(context.Background(), letter)
		if err != nil {
			t.Fatal(err)
		}
		rec.Visit.LocalAuthority = evil
		rec.AreasCovered = append([]string{"<img src=x onerror=alert(1)>"}, rec.AreasCovered...)
		data, err := record.EncodeYAML(rec)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(letter)+".yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := renderReport(t, dir)
	root := parsePage(t, page)
	if got := root.one(t, "h2[id=liverpool-h]").textOf(); got != strings.Join(strings.Fields(evil), " ") {
		t.Errorf("authority heading %q, want the name as text", got)
	}
	if n := len(root.sel("script")); n != 1 {
		t.Errorf("%d scripts on the page: a record's text became markup", n)
	}
	if len(root.sel("img")) > 0 || len(root.sel("b")) != len(root.sel("ol.sentences li")) {
		t.Errorf("a record's text became markup")
	}
	if !strings.Contains(root.sel("li.visit")[0].textOf(), "<img src=x onerror=alert(1)>") {
		t.Errorf("the area covered is not shown as text")
	}
}

// BenchmarkReportPage lays out and writes the page of every test letter
// (17 letters, 12 authorities), parsing and profiling excluded.
func BenchmarkReportPage(b *testing.B) {
	res := compareFor(b, append([]string{"../testdata/letters"}, series[1:]...)...)
	var buf bytes.Buffer
	if err := Page(&buf, res, ""); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		buf.Reset()
		if err := Page(&buf, res, ""); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAnchors(t *testing.T) {
	ids := anchors{"legend": idTaken}
	reserveParts(ids, "barnet")
	cases := []struct {
		parts []string
		want  string
	}{
		{[]string{"Liverpool City Council"}, "liverpool-city-council"},
		{[]string{"liverpool", "front-door", "v1"}, "liverpool-front-door-v1"},
		{[]string{"liverpool", "front-door", "v1"}, "liverpool-front-door-v1-2"}, // taken
		{[]string{"legend"}, "legend-2"},                                         // the page's own
		{[]string{"Bath & N.E. Somerset"}, "bath-n-e-somerset"},
		{[]string{"2024 visit"}, "x-2024-visit"}, // an id starts with a letter
		{[]string{"<script>"}, "script"},
		{[]string{"***"}, "x"},
		{[]string{"Ñuñoa"}, "u-oa"},
		{[]string{"Barnet", "evidence", "h"}, "barnet-evidence-h-2"}, // a part of an authority's section
		{[]string{"Barnet", "hub"}, "barnet-hub"},
		{[]string{"barnet"}, "barnet-2"},
	}
	for _, c := range cases {
		if got := ids.make(c.parts...); got != c.want {
			t.Errorf("make(%q) = %q, want %q", c.parts, got, c.want)
		}
	}
}

func TestDayOf(t *testing.T) {
	for in, want := range map[string]string{"2025-09-23": "23 Sep 2025", "2018-03-07": "7 Mar 2018", "2025-13-01": "2025-13-01", "": ""} {
		if got := dayOf(in); got.Text != want || got.ISO != in {
			t.Errorf("dayOf(%q) = %+v, want text %q", in, got, want)
		}
	}
}

// TestReportNeighbours checks an authority's table of statistical
// neighbours: the authority first, then each neighbour in order, linked
// to its section with its figures when the page has its letters, and
// said to have none otherwise.
func TestReportNeighbours(t *testing.T) {
	c := compareFor(t, append([]string{liv24, liv25}, series...)...)
	c.Neighbours = map[string][]Neighbour{"liverpool": {
		{Key: "barking-and-dagenham", Name: "Barking and Dagenham", LACode: "301"},
		{Key: "nowhere", Name: "Nowhere", LACode: "999"}}}
	var b bytes.Buffer
	if err := Page(&b, c, ""); err != nil {
		t.Fatal(err)
	}
	root := parsePage(t, b.Bytes())
	ids := byID(t, root)
	var tables []*node
	for _, s := range root.sel("section.la") {
		if s.attr["data-key"] == "liverpool" {
			tables = s.sel("section.neighbours table")
		} else if len(s.sel("section.neighbours")) > 0 {
			t.Errorf("%s: a table of neighbours it was not given", s.attr["data-key"])
		}
	}
	if len(tables) != 1 {
		t.Fatalf("liverpool: %d tables of neighbours", len(tables))
	}
	rows := tables[0].one(t, "tbody").sel("tr")
	if len(rows) != 3 {
		t.Fatalf("%d rows, want liverpool and two neighbours", len(rows))
	}
	cells := func(r *node) []string {
		var out []string
		for _, c := range r.sel("td") {
			out = append(out, c.textOf())
		}
		return out
	}
	if rows[0].attr["class"] != "self" || !strings.Contains(rows[0].textOf(), "Liverpool") || cells(rows[0])[0] != "341" || cells(rows[0])[1] != "2" {
		t.Errorf("first row %q, want Liverpool itself, 341, 2 letters", rows[0].textOf())
	}
	a := rows[1].one(t, "a")
	if ids[strings.TrimPrefix(a.attr["href"], "#")] == nil || cells(rows[1])[1] != "4" {
		t.Errorf("Barking and Dagenham: link %q, cells %v", a.attr["href"], cells(rows[1]))
	}
	if !strings.Contains(rows[2].textOf(), "no letter in this report") {
		t.Errorf("a neighbour without letters: %q", rows[2].textOf())
	}
}
