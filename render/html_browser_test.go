package render

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/analyse"
)

// A laptop screen, in CSS pixels.
const laptopWidth, laptopHeight = 1366, 768

// writeReportFile renders a report of args into dir/name and returns its
// file URL.
func writeReportFile(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, renderReport(t, args...), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(path)
}

// keepScreenshot writes a screenshot where LETTERS_SCREENSHOTS says, for
// people to look at; without it, into the test's temporary folder.
func keepScreenshot(t *testing.T, name string, data []byte) image.Image {
	t.Helper()
	dir := os.Getenv("LETTERS_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if b := img.Bounds(); b.Dx() != laptopWidth || b.Dy() != laptopHeight {
		t.Errorf("screenshot %s is %dx%d, want %dx%d", name, b.Dx(), b.Dy(), laptopWidth, laptopHeight)
	}
	return img
}

// parseRGB reads a computed CSS colour, "rgb(r, g, b)".
func parseRGB(t *testing.T, s string) color.RGBA {
	t.Helper()
	var r, g, b uint8
	if _, err := fmt.Sscanf(s, "rgb(%d, %d, %d)", &r, &g, &b); err != nil {
		t.Fatalf("colour %q: %v", s, err)
	}
	return color.RGBA{r, g, b, 255}
}

// contrast returns the WCAG contrast ratio of two colours.
func contrast(a, b color.RGBA) float64 {
	lum := func(c color.RGBA) float64 {
		ch := func(v uint8) float64 {
			x := float64(v) / 255
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// near reports whether two colours differ by at most 3 in each channel.
func near(a color.Color, b color.RGBA) bool {
	r, g, bl, _ := a.RGBA()
	d := func(x uint32, y uint8) bool { return math.Abs(float64(x>>8)-float64(y)) <= 3 }
	return d(r, b.R) && d(g, b.G) && d(bl, b.B)
}

// TestReportInBrowser renders the report of the Liverpool letters and of
// a focused-visit series in headless Chromium at a laptop's size, as a
// person would see it: what the first screen shows, the cells and their
// colours and words, the evidence that focusing a cell with the keyboard
// or clicking it shows, the page with JavaScript off, sorting, printing.
func TestReportInBrowser(t *testing.T) {
	if raceEnabled {
		t.Skip("the browser test checks the page, not Go's concurrency: it runs without -race")
	}
	dir := t.TempDir()
	b := startBrowser(t, laptopWidth, laptopHeight)
	for _, c := range []struct {
		name  string
		args  []string
		theme string // the theme whose cell at the last visit is clicked
	}{
		{"liverpool", liverpool, analyse.ThemeSupervisionOversight},
		{"series", series, analyse.ThemeFrontDoor},
	} {
		t.Run(c.name, func(t *testing.T) {
			b.t = t
			trs := diffJSON(t, c.args...)
			tr := trs[0]
			b.open(writeReportFile(t, dir, c.name+".html", c.args...))

			// The cells, by the DOM: one per theme and visit, each
			// saying its status in words and in its colour.
			var cells []struct {
				Theme, Status, Text, Color, Background string
				Top, Left, Bottom                      float64
			}
			b.eval(`Array.from(document.querySelectorAll('table.heatmap tbody tr')).flatMap(function (tr) {
				return Array.from(tr.querySelectorAll('td[data-status]')).map(function (td) {
					var s = getComputedStyle(td), r = td.getBoundingClientRect();
					return {Theme: tr.dataset.theme, Status: td.dataset.status, Text: td.innerText,
						Color: s.color, Background: s.backgroundColor, Top: r.top, Left: r.left, Bottom: r.bottom};
				});
			})`, &cells)
			if want := len(tr.Themes) * len(tr.Visits); len(cells) != want {
				t.Fatalf("%d cells in the browser, want %d", len(cells), want)
			}
			backgrounds := map[string]color.RGBA{}
			for i, cell := range cells {
				tt := tr.Themes[i/len(tr.Visits)]
				if cell.Theme != tt.Theme || cell.Status != string(tt.Statuses[i%len(tr.Visits)]) {
					t.Errorf("cell %d is %s %s, diff says %s %s", i, cell.Theme, cell.Status, tt.Theme, tt.Statuses[i%len(tr.Visits)])
				}
				if !strings.Contains(cell.Text, cell.Status) {
					t.Errorf("%s cell %q does not say its status in words", cell.Status, cell.Text)
				}
				fg, bg := parseRGB(t, cell.Color), parseRGB(t, cell.Background)
				if r := contrast(fg, bg); r < 4.5 {
					t.Errorf("%s cell: contrast %.1f:1, want at least 4.5:1", cell.Status, r)
				}
				if old, ok := backgrounds[cell.Status]; ok && old != bg {
					t.Errorf("%s cells in two colours", cell.Status)
				}
				backgrounds[cell.Status] = bg
			}
			seen := map[color.RGBA]string{}
			for st, bg := range backgrounds {
				if other, ok := seen[bg]; ok {
					t.Errorf("%s and %s cells share a colour", st, other)
				}
				seen[bg] = st
			}

			// The first screen of a laptop shows the heat map, painted.
			img := keepScreenshot(t, c.name+"-first-screen.png", b.screenshot())
			if cells[0].Top >= laptopHeight {
				t.Errorf("the heat map starts at %.0fpx, below the first screen (%dpx)", cells[0].Top, laptopHeight)
			}
			painted := 0
			for _, cell := range cells {
				if cell.Bottom > laptopHeight {
					continue
				}
				// A few pixels in from the cell's top left corner is its
				// background, clear of text and rounded corners.
				if near(img.At(int(cell.Left)+4, int(cell.Top)+4), backgrounds[cell.Status]) {
					painted++
				} else {
					t.Errorf("%s %s cell not painted in its colour on the screen", cell.Theme, cell.Status)
				}
			}
			if painted == 0 {
				t.Errorf("no cell of the heat map on the first screen")
			}

			// Keyboard: Tab to the first cell; the panel shows its evidence.
			var focus struct {
				Cell, Outline, Panel, Target string
				Selected                     bool
			}
			for range 30 {
				b.key("Tab", 9)
				b.eval(`(function () {
					var a = document.activeElement;
					if (!a.matches('a.cell')) { return {}; }
					return {Cell: a.getAttribute('href'), Outline: getComputedStyle(a).outlineStyle,
						Panel: a.closest('section').querySelector('.panel-body').innerText,
						Target: document.getElementById(a.hash.slice(1)).innerText,
						Selected: a.parentElement.classList.contains('sel')};
				})()`, &focus)
				if focus.Cell != "" {
					break
				}
			}
			if focus.Cell == "" {
				t.Fatal("30 presses of Tab never reach a cell of the heat map")
			}
			if focus.Outline == "none" || !focus.Selected {
				t.Errorf("the focused cell is not shown as focused (outline %s, selected %v)", focus.Outline, focus.Selected)
			}
			if !strings.Contains(focus.Panel, firstLine(focus.Target)) || len(focus.Panel) < len(focus.Target)/2 {
				t.Errorf("focusing %s does not show its evidence beside the map:\npanel %q\nevidence %q", focus.Cell, focus.Panel, focus.Target)
			}

			// Click: the cell of c.theme at the last visit shows every
			// sentence behind it, with its page.
			last := len(tr.Visits)
			tt := tr.Theme(c.theme)
			if tt == nil || len(judging(tt.Evidence[last-1])) == 0 {
				t.Fatalf("%s at visit %d has no evidence to show", c.theme, last)
			}
			sel := fmt.Sprintf(`tr[data-theme=%q] td[data-status] a.cell`, c.theme)
			var href string
			b.eval(fmt.Sprintf(`Array.from(document.querySelectorAll(%q))[%d].getAttribute('href')`, sel, last-1), &href)
			b.click(fmt.Sprintf(`a.cell[href=%q]`, href))
			var clicked struct{ Hash, Panel string }
			b.eval(`({Hash: location.hash, Panel: document.activeElement.closest('section').querySelector('.panel-body').innerText})`, &clicked)
			if clicked.Hash != href {
				t.Errorf("after the click the address says %q, want %q", clicked.Hash, href)
			}
			panel := strings.Join(strings.Fields(clicked.Panel), " ")
			paged := 0
			for _, e := range judging(tt.Evidence[last-1]) {
				if !strings.Contains(panel, strings.Join(strings.Fields(e.Text), " ")) {
					t.Errorf("the panel lacks %q", e.Text)
				}
				if e.Page > 0 {
					paged++
					if !strings.Contains(panel, "page "+strconv.Itoa(e.Page)) {
						t.Errorf("the panel does not give page %d", e.Page)
					}
				}
			}
			// The series was extracted with its page breaks, so its
			// sentences have pages (Liverpool's text letters have none).
			if c.name == "series" && paged == 0 {
				t.Errorf("no sentence of the series with its page: nothing checked")
			}
			var panelTop float64
			b.eval(`document.activeElement.closest('section').querySelector('.panel').getBoundingClientRect().top`, &panelTop)
			if panelTop < 0 || panelTop > laptopHeight {
				t.Errorf("the panel's top is at %.0fpx, off the screen", panelTop)
			}
			keepScreenshot(t, c.name+"-clicked.png", b.screenshot())
		})
	}

	t.Run("address names a cell", func(t *testing.T) {
		b.t = t
		// A link to a cell's evidence, as the address bar holds it after
		// a click, opens the page with that evidence beside the map.
		b.open(writeReportFile(t, dir, "linked.html", series...) + "#barking-and-dagenham-front-door-v4")
		var got struct {
			Panel    string
			Selected []string
		}
		b.eval(`({Panel: document.querySelector('.panel-body').innerText,
			Selected: Array.from(document.querySelectorAll('td.sel a')).map(function (a) { return a.hash; })})`, &got)
		if !strings.Contains(got.Panel, "Threshold decisions for child in need") {
			t.Errorf("the panel does not show the evidence the address names: %q", got.Panel)
		}
		if !slices.Equal(got.Selected, []string{"#barking-and-dagenham-front-door-v4"}) {
			t.Errorf("selected cells %v", got.Selected)
		}
	})

	t.Run("corpus tables sort", func(t *testing.T) {
		b.t = t
		b.open(writeReportFile(t, dir, "corpus.html", append(slices.Clone(liverpool), series...)...))
		order := func() (keys []string) {
			b.eval(`Array.from(document.querySelectorAll('#authority-table tbody tr')).map(function (r) { return r.dataset.key; })`, &keys)
			return keys
		}
		if got := order(); !slices.Equal(got, []string{"barking-and-dagenham", "liverpool"}) {
			t.Errorf("authorities %v: want the most recurring concerns first", got)
		}
		var names []string
		b.eval(`Array.from(document.querySelectorAll('#theme-table tbody tr th')).map(function (th) { return th.textContent; })`, &names)
		b.click(`#theme-table thead th:first-child button`)
		var sorted []string
		b.eval(`Array.from(document.querySelectorAll('#theme-table tbody tr th')).map(function (th) { return th.textContent; })`, &sorted)
		want := slices.Clone(names)
		slices.SortFunc(want, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
		if !slices.Equal(sorted, want) {
			t.Errorf("themes after sorting by name:\n%v\nwant\n%v", sorted, want)
		}
		var ariaSort string
		b.eval(`document.querySelector('#theme-table thead th:first-child').getAttribute('aria-sort')`, &ariaSort)
		if ariaSort != "ascending" {
			t.Errorf("the sorted column says aria-sort=%q", ariaSort)
		}
		b.click(`#authority-table thead th:first-child button`)
		if got := order(); !slices.Equal(got, []string{"liverpool", "barking-and-dagenham"}) {
			t.Errorf("authorities by name %v", got) // Liverpool City Council < London Borough of ...
		}
		keepScreenshot(t, "corpus-first-screen.png", b.screenshot())
	})

	t.Run("print", func(t *testing.T) {
		b.t = t
		b.open(writeReportFile(t, dir, "print.html", liverpool...))
		b.do("Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil)
		var p struct {
			Panel, Nav string
			Cells      int
		}
		b.eval(`({Panel: getComputedStyle(document.querySelector('.panel')).display,
			Nav: getComputedStyle(document.querySelector('header nav')).display,
			Cells: Array.from(document.querySelectorAll('td[data-status]')).filter(function (td) { return td.getBoundingClientRect().width > 0; }).length})`, &p)
		if p.Panel != "none" || p.Nav != "none" {
			t.Errorf("printing shows the panel (%s) or the navigation (%s)", p.Panel, p.Nav)
		}
		if p.Cells != 3*len(analyse.CoreThemes()) {
			t.Errorf("%d cells printed, want %d", p.Cells, 3*len(analyse.CoreThemes()))
		}
		var pdf struct {
			Data string `json:"data"`
		}
		b.do("Page.printToPDF", map[string]any{"printBackground": true}, &pdf)
		if len(pdf.Data) < 1000 {
			t.Errorf("printing gives %d bytes", len(pdf.Data))
		}
		b.do("Emulation.setEmulatedMedia", map[string]any{"media": ""}, nil)
	})
}

// TestReportWithoutJavaScript reads the page with JavaScript off: no
// panel, and a cell's link leads to its evidence further down.
func TestReportWithoutJavaScript(t *testing.T) {
	if raceEnabled {
		t.Skip("the browser test checks the page, not Go's concurrency: it runs without -race")
	}
	b := startBrowser(t, laptopWidth, laptopHeight)
	b.do("Emulation.setScriptExecutionDisabled", map[string]any{"value": true}, nil)
	b.open(writeReportFile(t, t.TempDir(), "nojs.html", series...))
	var state struct {
		JS    bool
		Panel string
	}
	b.eval(`({JS: document.documentElement.classList.contains('js'), Panel: getComputedStyle(document.querySelector('.panel')).display})`, &state)
	if state.JS || state.Panel != "none" {
		t.Fatalf("scripts ran (js class %v) or the empty panel shows (%s)", state.JS, state.Panel)
	}
	href := "#barking-and-dagenham-front-door-v4"
	b.click(`a.cell[href="` + href + `"]`)
	var landed struct {
		Hash, Target, Text string
		Top                float64
	}
	b.eval(`(function () {
		var e = document.querySelector(':target');
		return {Hash: location.hash, Target: e ? e.id : '', Text: e ? e.innerText : '', Top: e ? e.getBoundingClientRect().top : -1};
	})()`, &landed)
	if landed.Hash != href || "#"+landed.Target != href {
		t.Fatalf("the link led to %q (target %q), want %q", landed.Hash, landed.Target, href)
	}
	if landed.Top < 0 || landed.Top > laptopHeight/2 {
		t.Errorf("the evidence is at %.0fpx, not brought into view", landed.Top)
	}
	if !strings.Contains(landed.Text, "Threshold decisions") || !strings.Contains(landed.Text, "page 1") {
		t.Errorf("the evidence reached shows no sentence with its page: %q", landed.Text)
	}
}

// firstLine returns the first non-blank line of s.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// TestSiteInBrowser opens the site of every test letter in headless
// Chromium from disk, as a person would: the index's table of
// authorities, a click on an authority's name that opens its page with
// its heat map on the first screen and a cell that shows its evidence
// when clicked, and the link back to the index.
func TestSiteInBrowser(t *testing.T) {
	if raceEnabled {
		t.Skip("the browser test checks the page, not Go's concurrency: it runs without -race")
	}
	dir := t.TempDir()
	for name, page := range renderSite(t, compareFor(t, reportCases()[len(reportCases())-1].args...)) {
		if err := os.WriteFile(filepath.Join(dir, name), page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := startBrowser(t, laptopWidth, laptopHeight)
	b.open("file://" + filepath.ToSlash(filepath.Join(dir, IndexFile)))
	var rows int
	b.eval(`document.querySelectorAll('#authority-table tbody tr').length`, &rows)
	if rows < 2 {
		t.Fatalf("the index lists %d authorities", rows)
	}
	b.follow(`#authority-table a[href="liverpool.html"]`)
	var landed struct {
		Path, Title string
		Top         float64
	}
	b.eval(`({Path: location.pathname, Title: document.title,
		Top: document.querySelector('a.cell') ? document.querySelector('a.cell').getBoundingClientRect().top : -1})`, &landed)
	if !strings.HasSuffix(landed.Path, "/liverpool.html") || !strings.HasPrefix(landed.Title, "Liverpool") {
		t.Fatalf("the click on Liverpool led to %s (%q)", landed.Path, landed.Title)
	}
	if landed.Top < 0 || landed.Top > laptopHeight {
		t.Errorf("Liverpool's heat map starts at %.0fpx, off the first screen", landed.Top)
	}
	keepScreenshot(t, "site-liverpool.png", b.screenshot())
	b.click(`a.cell`)
	var panel string
	b.eval(`document.querySelector('.panel-body').innerText`, &panel)
	if !strings.Contains(panel, "letter 1") {
		t.Errorf("a click on a cell of the authority's page shows %q in the panel", panel)
	}
	b.follow(`header nav a[href="` + IndexFile + `"]`)
	var path string
	b.eval(`location.pathname`, &path)
	if !strings.HasSuffix(path, "/"+IndexFile) {
		t.Errorf("the link back led to %s, not the index", path)
	}
}
