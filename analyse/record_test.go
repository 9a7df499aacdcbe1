package analyse

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/parse"
)

var (
	testHeading = regexp.MustCompile(`(?i)^[#* ]*(headline findings|overview|findings and evaluation of progress|main findings|findings|what needs to improve.*|areas for priority action|areas covered by the visit)[*? ]*$`)
	testStop    = regexp.MustCompile(`(?i)^(ofsted will take|i am copying|yours sincerely|this visit was carried out)`)
	testSub     = regexp.MustCompile(`^#+ `)
)

// mustRecord reads a text letter into a Record with a small reader of its
// own: headings, paragraphs and bullets only.
func mustRecord(t testing.TB, path string) *parse.Record {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rec := &parse.Record{Source: parse.Source{Path: path}}
	var sec *parse.Section
	var cur []string
	curLine, curBullet := 0, false
	flush := func() {
		if len(cur) == 0 || sec == nil {
			cur = nil
			return
		}
		kind := parse.ParagraphText
		if curBullet {
			kind = parse.ParagraphBullet
		}
		text := strings.Join(cur, " ")
		sec.Paragraphs = append(sec.Paragraphs, parse.Paragraph{Kind: kind, Text: text, Pos: parse.Pos{Line: curLine}})
		if sec.Kind == parse.SectionAreas && curBullet {
			rec.AreasCovered = append(rec.AreasCovered, text)
		}
		cur = nil
	}
	for i, l := range strings.Split(string(b), "\n") {
		tl := strings.TrimSpace(l)
		if m := testHeading.FindStringSubmatch(tl); m != nil {
			flush()
			h := strings.ToLower(m[1])
			kind := parse.SectionFindings
			switch {
			case strings.HasPrefix(h, "headline"):
				kind = parse.SectionHeadline
			case h == "overview":
				kind = parse.SectionOverview
			case strings.HasPrefix(h, "what needs"):
				kind = parse.SectionImprovements
			case strings.HasPrefix(h, "areas for priority"):
				kind = parse.SectionPriority
			case strings.HasPrefix(h, "areas covered"):
				kind = parse.SectionAreas
			}
			rec.Sections = append(rec.Sections, parse.Section{Heading: m[1], Kind: kind, Pos: parse.Pos{Line: i + 1}})
			sec = &rec.Sections[len(rec.Sections)-1]
			continue
		}
		if testStop.MatchString(tl) {
			flush()
			sec = nil
			continue
		}
		if sec == nil {
			continue
		}
		if testSub.MatchString(tl) {
			flush()
			continue
		}
		if tl == "" {
			if n := len(cur); n > 0 && strings.HasSuffix(strings.TrimRight(cur[n-1], "’'\")”"), ".") {
				flush()
			}
			continue
		}
		bullet := false
		if tl == "◼" || strings.HasPrefix(tl, "◼ ") || strings.HasPrefix(tl, "B ") || strings.HasPrefix(tl, "- ") {
			flush()
			bullet = true
			tl = strings.TrimSpace(strings.TrimLeft(tl, "◼B-"))
			if tl == "" {
				curBullet = true
				continue
			}
		}
		if len(cur) == 0 {
			curLine, curBullet = i+1, bullet || curBullet
		}
		if n := len(cur); n > 0 && strings.HasSuffix(cur[n-1], "-") {
			cur[n-1] += tl
			continue
		}
		cur = append(cur, tl)
	}
	flush()
	// The focus of a focused visit: the sentence "Inspectors looked at ...".
	flat := strings.Join(strings.Fields(string(b)), " ")
	if i := strings.Index(flat, "Inspectors looked at"); i >= 0 {
		if j := strings.Index(flat[i:], ". "); j > 0 {
			rec.Visit.Focus = flat[i : i+j+1]
		}
	}
	return rec
}
