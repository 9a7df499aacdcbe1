package render

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The markup of the report's pages is written here by Go code, not by a
// template (html/template): a binary that links text/template's
// executor, which looks methods up by name, makes the linker keep every
// exported method of every type that may be put in an interface, with
// the code and package initialisation behind them, and every command of
// letters paid for that at start (README: Start-up).

// markup is text that goes onto a page as it is: the page's own markup,
// its style sheet and its script. Every other value is escaped.
type markup string

// htmlEscaper escapes text and quoted attribute values as html/template
// does (its htmlEscaper), so that the pages are the same bytes as when a
// template wrote them. URLs need no more: every link on a page is a file
// name or an id (letters, digits, hyphens and dots), made here.
var htmlEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

// A pageWriter writes the markup of a page, buffered; its first write
// error is kept, and returned by flush.
type pageWriter struct{ w *bufio.Writer }

func newPageWriter(w io.Writer) pageWriter { return pageWriter{bufio.NewWriter(w)} }

// printf writes format with args, each escaped unless it is markup.
func (p pageWriter) printf(format string, args ...any) {
	for i, a := range args {
		switch a := a.(type) {
		case markup:
			args[i] = string(a)
		case string:
			args[i] = htmlEscaper.Replace(a)
		case int:
			// Digits need no escaping.
		default:
			args[i] = htmlEscaper.Replace(fmt.Sprint(a))
		}
	}
	fmt.Fprintf(p.w, format, args...)
}

// print writes s, page markup, as it is.
func (p pageWriter) print(s markup) { p.w.WriteString(string(s)) }

// printIf writes s, page markup, when cond holds.
func (p pageWriter) printIf(cond bool, s markup) {
	if cond {
		p.print(s)
	}
}

// flush writes what is buffered and returns the first write error.
func (p pageWriter) flush() error { return p.w.Flush() }

// percent is n as a whole percentage of of ("–" when of is 0).
func percent(n, of int) string {
	if of == 0 {
		return "–"
	}
	return strconv.Itoa((200*n+of)/(2*of)) + "%"
}

// symbols are the icons of statuses and outcomes that a page's cells use.
const symbols = `<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false">
<symbol id="i-concern" viewBox="0 0 16 16"><path d="M4.5 4.5l7 7M11.5 4.5l-7 7" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/></symbol>
<symbol id="i-mixed" viewBox="0 0 16 16"><circle cx="8" cy="8" r="5.6" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M8 2.4a5.6 5.6 0 0 1 0 11.2z" fill="currentColor"/></symbol>
<symbol id="i-strength" viewBox="0 0 16 16"><path d="M3.2 8.6l3.1 3.1 6.5-7" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/></symbol>
<symbol id="i-absent" viewBox="0 0 16 16"><path d="M4.5 8h7" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></symbol>
<symbol id="o-recurring" viewBox="0 0 16 16"><path d="M12.6 9.4A4.8 4.8 0 1 1 11.4 4.6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/><path d="M13.4 2.2v4.2H9.2z" fill="currentColor"/></symbol>
<symbol id="o-resolved" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6.4" fill="currentColor"/><path d="M4.9 8.3l2.1 2.1 4.1-4.4" fill="none" stroke="#fff" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round"/></symbol>
<symbol id="o-new" viewBox="0 0 16 16"><path d="M8 1.8l6.6 11.8H1.4z" fill="currentColor"/><path d="M8 6v3.6" stroke="#fff" stroke-width="1.7" stroke-linecap="round"/><circle cx="8" cy="11.6" r="1" fill="#fff"/></symbol>
<symbol id="o-not-revisited" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="1.6" stroke-dasharray="2.4 1.8"/><path d="M6.1 6.4a1.95 1.95 0 1 1 2.7 1.8c-.55.25-.8.6-.8 1.2v.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/><circle cx="8" cy="11.7" r=".95" fill="currentColor"/></symbol>
<symbol id="o-sustained" viewBox="0 0 16 16"><path d="M3.5 6h9M3.5 10.2h9" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></symbol>
<symbol id="o-new-strength" viewBox="0 0 16 16"><path d="M8 3.2v9.6M3.2 8h9.6" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/></symbol>
<symbol id="o-absent" viewBox="0 0 16 16"><circle cx="8" cy="8" r="1.2" fill="currentColor"/></symbol>
</svg>
`

// writeTop writes the start of a page: its head, title, navigation and
// legend, and the corpus's tables on a page of several authorities.
func writeTop(w io.Writer, pg *page) error {
	p := newPageWriter(w)
	p.printf(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="generator" content="letters report"/>
<title>%s</title>
<style>%s</style>
</head>
`, pg.Title, pg.CSS)
	p.print("<body")
	p.printIf(pg.Corpus != nil, ` class="many"`)
	p.print(">\n" + symbols)
	p.printf(`<a class="skip" href="#main">Skip to the report</a>
<header class="page-head">
<div class="wrap">
<p class="kicker">Ofsted letters on children’s services: monitoring and focused visits, joint targeted area inspections</p>
<h1>%s</h1>
<p class="scope">%s`, pg.Title, plural(pg.Letters, "letter", "letters"))
	if pg.Corpus != nil {
		p.printf(" about %s", plural(pg.Corpus.Authorities, "local authority", "local authorities"))
	}
	if pg.From == pg.To {
		p.printf(`, %s on <time datetime="%s">%s</time>.</p>`, occasions(pg.Letters, pg.Inspections), pg.From.ISO, pg.From.Text)
	} else {
		p.printf(`, %s from <time datetime="%s">%s</time> to <time datetime="%s">%s</time>.</p>`, occasions(pg.Letters, pg.Inspections), pg.From.ISO, pg.From.Text, pg.To.ISO, pg.To.Text)
	}
	p.printf(`
<p class="scope rule" data-concern-share="%s">Concern: %s.`, pg.ConcernShare, pg.Rule)
	if pg.Filters != "" {
		p.printf(" Letters: %s.", pg.Filters)
	}
	p.print("</p>\n<nav aria-label=\"Contents\"><ul>")
	if pg.Index != "" {
		p.printf(`
<li><a href="%s">All authorities</a></li>`, pg.Index)
	}
	p.print(`
<li><a href="#legend">How to read this page</a></li>`)
	switch {
	case pg.Corpus != nil:
		p.print(`
<li><a href="#corpus-themes">Concerns at the next letter, by theme</a></li>
<li><a href="#corpus-authorities">Authorities with the most recurring concerns</a></li>`)
	case pg.Only != "":
		p.printf(`
<li><a href="#%s">Heat map</a></li>
<li><a href="#%[1]s-visits">The letters</a></li>
<li><a href="#%[1]s-evidence">Evidence</a></li>`, pg.Only)
	}
	p.print(`
</ul></nav>
</div>
</header>
<main id="main">
<div class="wrap">
<section id="legend" class="legend" aria-labelledby="legend-h">
<h2 id="legend-h" class="vh">How to read this page</h2>
<div class="legend-box">
<h3>Status in a letter</h3>
<ul class="keys">`)
	for _, e := range pg.Statuses {
		p.printf(`
<li><span class="swatch s-%s"><svg class="ic" aria-hidden="true"><use href="#i-%[1]s"/></svg>%s</span> %s</li>`, e.Key, e.Label, e.Meaning)
	}
	p.print(`
</ul>
<h3>At the next letter</h3>
<ul class="keys">`)
	for _, e := range pg.Outcomes {
		p.printf(`
<li><span class="mark o-%s"><svg class="ic" aria-hidden="true"><use href="#o-%[1]s"/></svg>%s</span> %s</li>`, e.Key, e.Label, e.Meaning)
	}
	p.printf(`
</ul>
</div>
<p class="hint">%s A letter that does not judge a theme is passed over: the next letter is compared with the latest one that did. Each cell links to the sentences behind it and to its status's confidence, the chance that the labelling coders give the same status; a cell shows it in brackets when below %s, as <code>letters diff</code> does: those are the statuses to check first.</p>
</section>`, pg.ConcernKey, UnsureText())
	if pg.Corpus != nil {
		writeCorpus(p, pg.Corpus)
	}
	return p.flush()
}

// writeCorpus writes the corpus's section: its figures, and its tables by
// theme and by authority.
func writeCorpus(p pageWriter, cv *corpusView) {
	p.printf(`
<section id="corpus" class="corpus" aria-labelledby="corpus-h">
<h2 id="corpus-h">Across %s</h2>
<dl class="stats">
<div><dt>Authorities with more than one letter</dt><dd>%d</dd></div>
<div><dt>Concerns followed by another letter</dt><dd>%d</dd></div>
<div class="o-recurring"><dt>Recurring at the next letter judging the theme</dt><dd>%d <small>%s</small></dd></div>
<div class="o-resolved"><dt>Resolved</dt><dd>%d <small>%s</small></dd></div>
<div class="o-not-revisited"><dt>Not revisited</dt><dd>%d <small>%s</small></dd></div>
<div class="o-new"><dt>New concerns</dt><dd>%d</dd></div>
</dl>`, plural(cv.Authorities, "local authority", "local authorities"), cv.Repeated, cv.Concerns,
		cv.Recurring, percent(cv.Recurring, cv.Concerns), cv.Resolved, percent(cv.Resolved, cv.Concerns),
		cv.NotRevisited, percent(cv.NotRevisited, cv.Concerns), cv.New)
	if cv.AcrossKinds > 0 {
		p.printf(`
<p class="hint" id="corpus-kinds" data-steps-across-kinds="%d">Steps between letters of different kinds: %[1]d of the %s from one letter to the next (%s). Such a step compares letters whose scope differs; <code>--kind</code> keeps one kind.</p>`,
			cv.AcrossKinds, plural(cv.Steps, "step", "steps"), cv.Crossings)
	}
	p.print(`
<h3 id="corpus-themes">What became of a concern at the next letter, by theme</h3>
<p class="hint">Each concern (a letter where the theme counts as a concern, followed by another letter) is counted once, by the next letter that judges the theme, and as not revisited only when no later letter judges it. The bar splits each theme’s concerns into <span class="mark o-recurring">recurring</span>, <span class="mark o-resolved">resolved</span> and <span class="mark o-not-revisited">not revisited</span>; the longest bar is the theme with most concerns. Sort by any column with its heading.</p>
<div class="scroll">
<table class="data sortable" id="theme-table">
<caption class="vh">Concerns at the next letter, by theme</caption>
<thead><tr>
<th scope="col" data-sort="text">Theme</th>
<th scope="col" data-sort="num" class="num">Letters where it is a concern</th>
<th scope="col" data-sort="num" class="num">Concerns followed by a letter</th>
<th scope="col" data-sort="num" class="num">Recurring</th>
<th scope="col" data-sort="num" class="num">Resolved</th>
<th scope="col" data-sort="num" class="num">Not revisited</th>
<th scope="col" class="barcol">Share</th>
<th scope="col" data-sort="num" class="num">Recurrence rate</th>
<th scope="col" data-sort="num" class="num">New concerns</th>
<th scope="col" data-sort="num" class="num">Authorities with a concern followed by a letter</th>
<th scope="col" data-sort="num" class="num">Authorities where it recurs</th>
</tr></thead>
<tbody>`)
	for _, t := range cv.Themes {
		rate := "-1"
		if t.Concerns != 0 {
			rate = percent(t.Recurring, t.Concerns)
		}
		p.printf(`
<tr data-theme="%s">
<th scope="row" data-value="%s">%[2]s</th>
<td class="num" data-col="letters-concern" data-value="%d">%[3]d</td>
<td class="num" data-col="concerns" data-value="%d">%[4]d</td>
<td class="num" data-col="recurring" data-value="%d">%[5]d</td>
<td class="num" data-col="resolved" data-value="%d">%[6]d</td>
<td class="num" data-col="not-revisited" data-value="%d">%[7]d</td>
<td class="barcol">`, t.Theme, t.Label, t.Letters.Counted, t.Concerns, t.Recurring, t.Resolved, t.NotRevisited)
		writeBar(p, t.Bar)
		p.printf(`</td>
<td class="num" data-col="rate" data-value="%s">%s</td>
<td class="num" data-col="new" data-value="%d">%[3]d</td>
<td class="num" data-col="authorities" data-value="%d">%[4]d</td>
<td class="num" data-col="authorities-recurring" data-value="%d">%[5]d</td>
</tr>`, rate, percent(t.Recurring, t.Concerns), t.New, t.AuthoritiesConcerned, t.AuthoritiesRecurring)
	}
	p.print(`
</tbody>
</table>
</div>
<h3 id="corpus-authorities">Authorities with the most recurring concerns</h3>
<p class="hint">Most recurring concerns first (then most themes recurring). Steps are counted as in the theme table; an authority with one letter has none. The authority’s name leads to its heat map.`)
	if len(cv.Pages) > 0 {
		p.printf(` This page lists authorities %d to %d of %d, and sorts only them; each page below lists %d, and <code>letters summary -o csv</code> gives every authority in one table.`,
			cv.First, cv.Last, cv.Authorities, cv.PerPage)
	}
	p.print("</p>")
	if len(cv.Pages) > 0 {
		p.print(`
<nav class="pager" aria-label="Pages of authorities"><ul>`)
		for _, pl := range cv.Pages {
			current := ""
			if pl.Current {
				current = ` aria-current="page"`
			}
			p.printf(`
<li><a href="%s"%s>%s</a></li>`, pl.Href, markup(current), pl.Label)
		}
		p.print(`
</ul></nav>`)
	}
	p.print(`
<div class="scroll">
<table class="data sortable" id="authority-table">
<caption class="vh">Authorities by recurring concerns</caption>
<thead><tr>
<th scope="col" data-sort="text">Authority</th>
<th scope="col" data-sort="num" class="num">Letters</th>
<th scope="col" data-sort="text">First letter</th>
<th scope="col" data-sort="text">Last letter</th>
<th scope="col" data-sort="num" class="num">Concerns followed by a letter</th>
<th scope="col" data-sort="num" class="num" aria-sort="descending">Recurring</th>
<th scope="col" data-sort="num" class="num">Resolved</th>
<th scope="col" data-sort="num" class="num">Not revisited</th>
<th scope="col" class="barcol">Share</th>
<th scope="col" data-sort="num" class="num">New</th>
<th scope="col" data-sort="num" class="num">Concerns in the last letter</th>
<th scope="col" data-sort="num">Themes recurring</th>
</tr></thead>
<tbody>`)
	for _, a := range cv.Ranking {
		p.printf(`
<tr data-key="%[1]s">
<th scope="row" data-value="%[2]s"><a href="%[3]s">%[2]s</a></th>
<td class="num" data-col="letters" data-value="%[4]d">%[4]d</td>
<td data-col="first" data-value="%[5]s"><time datetime="%[5]s">%[6]s</time></td>
<td data-col="last" data-value="%[7]s"><time datetime="%[7]s">%[8]s</time></td>
<td class="num" data-col="concerns" data-value="%[9]d">%[9]d</td>
<td class="num" data-col="recurring" data-value="%d">%[10]d</td>
<td class="num" data-col="resolved" data-value="%d">%[11]d</td>
<td class="num" data-col="not-revisited" data-value="%d">%[12]d</td>
<td class="barcol">`, a.AuthorityKey, a.Name, a.Href, a.Visits, a.From.ISO, a.From.Text, a.To.ISO, a.To.Text,
			a.Concerns, a.Recurring, a.Resolved, a.NotRevisited)
		writeBar(p, a.Bar)
		p.printf(`</td>
<td class="num" data-col="new" data-value="%d">%[1]d</td>
<td class="num" data-col="latest" data-value="%d">%[2]d</td>
<td class="themes-list" data-col="themes" data-value="%d">`, a.New, a.Latest, len(a.RecurringThemes))
		if len(a.RecurringLabels) > 0 {
			p.printf("<details><summary>%d</summary>", len(a.RecurringLabels))
			for i, label := range a.RecurringLabels {
				p.printIf(i > 0, ", ")
				p.printf("%s", label)
			}
			p.print("</details>")
		} else {
			p.print("0")
		}
		p.print("</td>\n</tr>")
	}
	p.print(`
</tbody>
</table>
</div>
</section>`)
}

// writeBar writes a stacked bar of segments.
func writeBar(p pageWriter, segments []barSegment) {
	p.print(`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">`)
	for _, s := range segments {
		p.printf(`<rect class="%s" x="%s" width="%s" height="10"/>`, s.Class,
			strconv.FormatFloat(s.X, 'f', 2, 64), strconv.FormatFloat(s.W, 'f', 2, 64))
	}
	p.print("</svg>")
}

// writeAuthority writes an authority's section: its heat map, its
// statistical neighbours, its visits and the evidence behind each cell.
func writeAuthority(w io.Writer, av *authorityView) error {
	p := newPageWriter(w)
	many := len(av.Visits) > 1
	p.printf(`
<section class="la" id="%[1]s" data-key="%[2]s" aria-labelledby="%[1]s-h">
<h2 id="%[1]s-h">%[3]s</h2>`, av.Anchor, av.Key, av.Name)
	if len(av.Printed) > 0 {
		p.printf(`
<p class="la-printed">As its letters print it: %s.</p>`, strings.Join(av.Printed, ", "))
	}
	if av.Meta {
		first, last := av.Visits[0].Date, av.Visits[len(av.Visits)-1].Date
		p.printf(`
<p class="la-meta">%s, %s from <time datetime="%s">%s</time> to <time datetime="%s">%s</time>.</p>`,
			plural(len(av.Visits), "letter", "letters"), occasions(len(av.Visits), av.Inspections), first.ISO, first.Text, last.ISO, last.Text)
	}
	if many {
		p.printf(`
<dl class="stats small" aria-label="Between consecutive letters">
<div><dt>Concerns followed by another letter</dt><dd>%d</dd></div>
<div class="o-recurring"><dt>Recurring</dt><dd>%d</dd></div>
<div class="o-resolved"><dt>Resolved</dt><dd>%d</dd></div>
<div class="o-not-revisited"><dt>Not revisited</dt><dd>%d</dd></div>
<div class="o-new"><dt>New concerns</dt><dd>%d</dd></div>
</dl>`, av.Tally.Concerns, av.Tally.Recurring, av.Tally.Resolved, av.Tally.NotRevisited, av.Tally.New)
	}
	p.printf(`
<div class="la-grid">
<div class="heat-scroll" role="region" aria-labelledby="%s-cap" tabindex="0">
<table class="heatmap">
<caption id="%[1]s-cap">%s: each theme’s status in each letter`, av.Anchor, av.Name)
	p.printIf(many, ", and the outcome from one letter to the next")
	if av.MixedKinds {
		p.printf(`. An outcome marked %s compares letters of different kinds, whose scope differs`, acrossKindsMark)
	}
	p.print(`</caption>
<thead><tr>
<th scope="col" class="theme-h">Theme</th>`)
	for _, v := range av.Visits {
		p.printf(`
<th scope="col" class="visit-h" data-visit="%[1]d" data-date="%[2]s" data-kind="%[3]s"><span class="vn">Letter %[1]d</span> <time datetime="%[2]s">%[4]s</time> <span class="kind">%[5]s</span>`,
			v.N, v.Date.ISO, v.Kind, v.Date.Text, v.KindLabel)
		if v.FocusLabel != "" {
			p.printf(` <span class="focus-h">%s</span>`, v.FocusLabel)
		}
		p.print("</th>")
		if !v.Last {
			p.printf(`
<th scope="col" class="step-h"><span class="vh">Outcome at letter %d</span></th>`, v.N+1)
		}
	}
	p.printIf(many, `
<th scope="col" class="overall-h">First to last letter</th>`)
	p.print(`
</tr></thead>
<tbody>`)
	for _, row := range av.Rows {
		writeHeatRow(p, &row)
	}
	p.print(`
</tbody>
</table>
</div>
<aside class="panel" aria-label="Evidence of the selected cell">
<div class="panel-body" aria-live="polite"><p class="panel-hint">Click a cell, or move to it with the Tab key, to read here the sentences behind it.</p></div>
</aside>
</div>`)
	if len(av.Neighbours) > 0 {
		writeNeighbours(p, av)
	}
	p.printf(`
<section class="visits" id="%s-visits" aria-labelledby="%[1]s-visits-h">
<h3 id="%[1]s-visits-h">The letters</h3>
<ol class="visit-list">`, av.Anchor)
	for _, v := range av.Visits {
		writeVisit(p, &v)
	}
	p.printf(`
</ol>
</section>
<section class="evidence" id="%s-evidence" aria-labelledby="%[1]s-evidence-h">
<h3 id="%[1]s-evidence-h">Evidence behind each cell</h3>`, av.Anchor)
	for _, row := range av.Rows {
		writeEvidence(p, &row)
	}
	p.print(`
</section>
</section>`)
	return p.flush()
}

// writeHeatRow writes one theme's row of a heat map.
func writeHeatRow(p pageWriter, row *rowView) {
	p.printf(`
<tr data-theme="%s">
<th scope="row" class="theme" title="%[1]s">%s</th>`, row.Theme, row.Label)
	for _, c := range row.Cells {
		p.printf(`
<td class="st s-%s" data-status="%[1]s"><a class="cell" id="%s" href="#%s"><svg class="ic" aria-hidden="true"><use href="#i-%[1]s"/></svg>%[1]s`,
			c.Status, c.ID, c.Evidence.ID)
		if c.Weight != "" {
			p.printf(`<span class="n"><span aria-hidden="true">%s</span><span class="vh"> %s</span></span>`, c.Weight, c.Spoken)
		}
		if c.Unsure {
			p.printf(`<span class="cf"><span aria-hidden="true">(%s)</span><span class="vh">, confidence %[1]s</span></span>`, c.Confidence)
		}
		p.print("</a></td>")
		if c.Step != "" {
			p.printf(`
<td class="step o-%s" data-outcome="%[1]s" title="letter %d to letter %d: %s%s"><svg class="ic" aria-hidden="true"><use href="#o-%[1]s"/></svg><span class="vh">%[4]s%[5]s</span>`,
				c.Step, c.StepFrom, c.Visit.N+1, c.StepLabel, acrossKindsWords(c.StepAcross))
			writeAcrossMark(p, c.StepAcross)
			p.print("</td>")
		}
	}
	if row.Overall != "" {
		p.printf(`
<td class="overall o-%s" data-outcome="%[1]s"><svg class="ic" aria-hidden="true"><use href="#o-%[1]s"/></svg>%s`,
			row.Overall, row.OverallLabel)
		if row.OverallAcross {
			p.printf(`<span class="vh">%s</span>`, acrossKindsWords(true))
		}
		writeAcrossMark(p, row.OverallAcross)
		p.print("</td>")
	}
	p.print("\n</tr>")
}

// acrossKindsWords says in words, after an outcome, that it compares
// letters of different kinds when across holds; "" otherwise.
func acrossKindsWords(across bool) string {
	if across {
		return ", between letters of different kinds"
	}
	return ""
}

// writeAcrossMark writes acrossKindsMark after an outcome between letters
// of different kinds (across), for the eye; acrossKindsWords says it to
// screen readers.
func writeAcrossMark(p pageWriter, across bool) {
	if across {
		p.printf(`<span class="xk" aria-hidden="true">%s</span>`, acrossKindsMark)
	}
}

// writeNeighbours writes an authority's table of statistical neighbours.
func writeNeighbours(p pageWriter, av *authorityView) {
	p.printf(`
<section class="neighbours" aria-labelledby="%s-nb-h">
<h3 id="%[1]s-nb-h">Beside its statistical neighbours</h3>
<table class="nb">
<caption class="vh">%s and its statistical neighbours (Department for Education), nearest first</caption>
<thead><tr><th scope="col">Authority</th><th scope="col">DfE code</th><th scope="col">Letters here</th><th scope="col">Latest letter</th><th scope="col">Concerns at it</th><th scope="col">Recurring steps</th></tr></thead>
<tbody>`, av.Anchor, av.Name)
	for _, n := range av.Neighbours {
		p.print("\n<tr")
		p.printIf(n.Self, ` class="self"`)
		p.print(`><th scope="row">`)
		if n.Href != "" && !n.Self {
			p.printf(`<a href="%s">%s</a>`, n.Href, n.Name)
		} else {
			p.printf("%s", n.Name)
		}
		p.printf("</th><td>%s</td>", n.LACode)
		if n.Visits != 0 {
			p.printf(`<td>%d</td><td><time datetime="%s">%s</time></td><td>%d</td><td>%d</td>`,
				n.Visits, n.LatestDate.ISO, n.LatestDate.Text, n.Latest, n.Recurring)
		} else {
			p.print(`<td>0</td><td colspan="3">no letter in this report</td>`)
		}
		p.print("</tr>")
	}
	p.print(`
</tbody>
</table>
</section>`)
}

// writeVisit writes one visit of an authority's list of visits: its
// dates, its areas covered and its points to improve, or its main
// concerns when it lists no points.
func writeVisit(p pageWriter, v *visitView) {
	p.printf(`
<li class="visit" data-visit="%d">
<h4>Letter %[1]d: %s of <time datetime="%s">%s</time></h4>
<p class="meta">Letter dated <time datetime="%s">%s</time>, from <span class="src">%s</span></p>`,
		v.N, v.KindLabel, v.Date.ISO, v.Date.Text, v.LetterDate.ISO, v.LetterDate.Text, v.Source)
	if v.Focus != "" {
		p.printf(`
<p class="focus">%s</p>`, v.Focus)
	}
	p.print(`
<div class="cols">
<div class="areas">
<h5>Areas covered</h5>`)
	if len(v.Areas) > 0 {
		p.print("\n<ul>")
		for _, a := range v.Areas {
			p.printf("\n<li>%s</li>", a)
		}
		p.print("\n</ul>")
	} else {
		p.print(`
<p class="none">The letter lists no areas covered.</p>`)
	}
	p.print(`
</div>
<div class="points">`)
	switch {
	case len(v.Points) > 0:
		p.print(`
<h5>What needs to improve</h5>
<ul>`)
		for _, pt := range v.Points {
			if pt.Priority {
				p.printf(`
<li class="priority"><strong class="tag">Priority action</strong> %s</li>`, pt.Text)
			} else {
				p.printf(`
<li class="">%s</li>`, pt.Text)
			}
		}
		p.print("\n</ul>")
	case len(v.Concerns) > 0:
		p.print(`
<h5>Main concerns in the findings</h5>
<p class="note">The letter has no list of points to improve; its findings judge these themes as concerns, most negative sentences first.</p>
<ul class="concerns">`)
		for _, c := range v.Concerns {
			p.printf(`
<li><a href="%s">%s</a> (%s)`, c.Href, c.Label, plural(c.Negatives, "negative sentence", "negative sentences"))
			if c.Quote != "" {
				p.printf(": “%s”", c.Quote)
			}
			p.print("</li>")
		}
		p.print("\n</ul>")
		if v.MoreConcerns != 0 {
			p.printf(`
<p class="note">And %s in the heat map.</p>`, plural(v.MoreConcerns, "more theme", "more themes"))
		}
	default:
		p.print(`
<h5>Main concerns in the findings</h5>
<p class="none">The letter has no list of points to improve, and its findings judge no theme as a concern.</p>`)
	}
	p.print(`
</div>
</div>
</li>`)
}

// writeEvidence writes the evidence behind each cell of one theme's row.
func writeEvidence(p pageWriter, row *rowView) {
	p.printf(`
<div class="ev-theme" data-theme="%s">
<h4>%s <span class="tid">%[1]s</span></h4>`, row.Theme, row.Label)
	for _, c := range row.Cells {
		ev := &c.Evidence
		p.printf(`
<div class="ev" id="%s">
<h5><span class="swatch s-%s"><svg class="ic" aria-hidden="true"><use href="#i-%[2]s"/></svg>%[2]s</span> %s, letter %d: %s of <time datetime="%s">%s</time></h5>`,
			ev.ID, c.Status, row.Label, c.Visit.N, c.Visit.KindLabel, c.Visit.Date.ISO, c.Visit.Date.Text)
		if c.Confidence != "" {
			p.printf(`
<p class="conf">Confidence %s`, c.Confidence)
			p.printIf(c.Unsure, ": check it first")
			p.print("</p>")
		}
		if len(ev.Sentences) > 0 {
			p.print("\n<ol class=\"sentences\">")
			for _, s := range ev.Sentences {
				p.printf(`
<li class="p-%s"><b>%s</b> %s <small>%s</small></li>`, s.Polarity, s.Label, s.Text, s.Where)
			}
			p.print("\n</ol>")
		} else {
			p.print(`
<p class="none">No finding of this letter judges the theme.</p>`)
		}
		if ev.Mentions != 0 || ev.Examined {
			p.print("\n<p class=\"note\">")
			if ev.Examined {
				p.printf("The %s examined this theme (%s).", occasion(c.Visit.Kind), examinedBecause(c.Visit.Kind))
			}
			p.printIf(ev.Examined && ev.Mentions != 0, " ")
			if ev.Mentions != 0 {
				p.printf("%s it without judging it.", plural(ev.Mentions, "more sentence names", "more sentences name"))
			}
			p.print("</p>")
		}
		p.printf(`
<a class="back" href="#%s">Back to the heat map</a>
</div>`, c.ID)
	}
	p.print("\n</div>")
}

// writeBottom writes the end of a page: its footer and its script.
func writeBottom(w io.Writer, pg *page) error {
	p := newPageWriter(w)
	p.printf(`
</div>
</main>
<footer class="page-foot"><div class="wrap"><p>Written by <code>letters report</code> from %s. The statuses and outcomes are those of <code>letters diff</code> for the same letters: read from the letters by rules, not by people, so check the sentences before quoting a status.</p></div></footer>
%s
</body>
</html>
`, plural(pg.Letters, "letter", "letters"), pg.Script)
	return p.flush()
}
