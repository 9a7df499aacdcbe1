// Package render draws what the analysis finds: every output of `letters
// themes` and `letters diff` (a table for people, markdown, CSV, YAML and
// JSON, in text.go) and the self-contained HTML of `letters report`
// (html.go lays it out, page.go writes its markup, and its style sheet
// and script in htmlpage/ are embedded in the binary): one page (Page), or for a large corpus a site
// of linked pages, an index and a page per authority (Site). Both are
// written one authority at a time, and with Comparison.Load hold one
// authority's sentences at a time.
//
// It decides nothing about letters: statuses, outcomes, which earlier
// visit a step compares with (analyse.ThemeTrack.From) and what each
// status and outcome means (Status.Meaning, Outcome.Meaning) come from
// package analyse. It reads no files and knows no flags: package cmd
// reads the inputs, compares them and hands over an Options or a
// Comparison.
//
// The page's tests parse it as XML (the page is well-formed XML too) and check every number and sentence against
// the diff output for the same letters; with Chromium installed, the
// browser tests also drive the page (keyboard, printing, no JavaScript).
//
// Across the repository, a line of a letter is classified in one place,
// classify in parse/lines.go; a record is read in one place, package
// record (codec.go); and the outputs of themes, diff,
// summary, report and export are drawn in package render.
package render
