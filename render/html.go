package render

import (
	"bytes"
	"cmp"
	"embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/record"
)

// The page's style sheet and script, embedded so that the page
// needs nothing but the binary to be written and nothing but itself to be
// read.
//
//go:embed htmlpage/page.css htmlpage/page.js
var pageFiles embed.FS

// A Comparison is what the page shows: the visits of letters compared,
// with the profiles and records behind them.
type Comparison struct {
	// Codebook names the themes.
	Codebook *analyse.Codebook
	// Rule decided which statuses count as concerns.
	Rule analyse.ConcernRule
	// Filters says which letters the filters kept ("" for all).
	Filters string
	// Trajectories are the visits of each authority compared.
	Trajectories []analyse.Trajectory
	// Neighbours lists, by authority key, the authority's statistical
	// neighbours, nearest first; nil shows none (letters report
	// --neighbours fills it).
	Neighbours map[string][]Neighbour
	// Names names the authorities in headings and tables; nil keeps the
	// names the letters print.
	Names Names
	// Records and Profiles are those of each visit of the trajectories.
	Records  map[analyse.Visit]*record.Record
	Profiles VisitProfiles
	// Load, when set, gives each authority its evidence, and its records
	// their areas covered and points to improve, just before the page
	// lays the authority out; the evidence is dropped again once the
	// authority is written, so that only one authority's sentences are
	// held at a time.
	Load PageLoader
}

// VisitProfiles holds the profile of each visit, by authority: a
// corpus has a few letters an authority, so a visit's profile is found
// among its authority's without a map keyed by the whole visit (168
// bytes a letter).
type VisitProfiles map[string][]*analyse.Profile

// visitGroup returns the key that VisitProfiles files v under: its
// authority key, else its authority, as analyse.Groups groups them.
func visitGroup(v *analyse.Visit) string { return cmp.Or(v.AuthorityKey, v.Authority) }

// Add files p under its visit; a later profile of the same visit
// replaces the earlier.
func (ps VisitProfiles) Add(p *analyse.Profile) {
	k := visitGroup(&p.Visit)
	ps[k] = append(ps[k], p)
}

// Of returns the profile of visit v, or nil (also for a nil
// VisitProfiles).
func (ps VisitProfiles) Of(v analyse.Visit) *analyse.Profile {
	group := ps[visitGroup(&v)]
	for i := len(group) - 1; i >= 0; i-- {
		if group[i].Visit == v {
			return group[i]
		}
	}
	return nil
}

// A PageLoader gives the page what it shows of one authority besides
// statuses and counts (see Comparison.Load). A trajectory of the
// comparison may hold only its authority key, to be made by the loader
// when the page reads it: then only one authority's statuses are held
// at a time too.
type PageLoader interface {
	// Make makes tr, when it holds only its authority key, without
	// evidence.
	Make(tr *analyse.Trajectory) error
	// Authority makes tr as Make does and gives its themes their
	// evidence, and returns the records of those visits whose record in
	// Comparison.Records lacks the areas covered and points to improve.
	Authority(tr *analyse.Trajectory) (map[analyse.Visit]*record.Record, error)
	// Done lets go of what Make or Authority gave tr, once the page has
	// written it.
	Done(tr *analyse.Trajectory)
}

// A Neighbour is one statistical neighbour of an authority.
type Neighbour struct {
	// Key is its authority key, as its letters would carry it; Name its
	// name; LACode its DfE code.
	Key, Name, LACode string
}

// Page writes the HTML page of a comparison (letters report): the corpus,
// when it has more than one authority, then every authority; title ""
// makes one from the authorities and letters. It writes one authority at
// a time, and so holds one authority's evidence at a time when c.Load is
// set.
func Page(w io.Writer, c Comparison, title string) error {
	l, err := newLayout(c, false, 1)
	if err != nil {
		return err
	}
	pg := l.page(title, 0, len(c.Trajectories))
	if len(c.Trajectories) > 1 {
		pg.Corpus = l.corpus()
	} else if len(l.heads) == 1 {
		pg.Only = l.heads[0].Anchor
	}
	if err := writeTop(w, pg); err != nil {
		return err
	}
	for i := range c.Trajectories {
		if err := l.writeAuthority(w, i, l.ids, len(c.Trajectories) > 1); err != nil {
			return err
		}
	}
	return writeBottom(w, pg)
}

// IndexFile is the name of a site's index page (see Site).
const IndexFile = "index.html"

// Site writes the pages of a comparison as a site of linked pages (letters
// report --out-dir), for a corpus too large for one page: one page per
// authority, named by its anchor (its key made an id: PageFile), then the
// index, IndexFile, with the corpus's tables and a row per authority
// linking to its page (IndexRows a page: more go to further pages of the
// index, IndexPage). Each page is made whole, handed to write with its
// file name, and dropped: one page is held at a time, and with c.Load
// set one authority's evidence. title "" makes the index's title from the
// authorities and letters; an authority's page is titled by its name.
func Site(c Comparison, title string, write func(name string, page []byte) error) error {
	return site(c, title, IndexRows, write)
}

// site writes the site of c as Site does, its index listing rows
// authorities a page.
func site(c Comparison, title string, rows int, write func(name string, page []byte) error) error {
	l, err := newLayout(c, true, (len(c.Trajectories)+rows-1)/rows)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	for i, h := range l.heads {
		b.Reset()
		pg := l.page("", i, i+1)
		pg.Only, pg.Index = h.Anchor, IndexFile
		if err := writeTop(&b, pg); err != nil {
			return err
		}
		if err := l.writeAuthority(&b, i, reservedIDs(), false); err != nil {
			return err
		}
		if err := writeBottom(&b, pg); err != nil {
			return err
		}
		if err := write(PageFile(h.Anchor), b.Bytes()); err != nil {
			return err
		}
	}
	all := l.corpus()
	pages := indexPages(len(all.Ranking), rows)
	// The index's first page last, once every page it links to is there.
	for p := len(pages) - 1; p >= 0; p-- {
		b.Reset()
		pg := l.page(title, 0, len(l.heads))
		cv := *all
		if len(pages) > 1 {
			cv.First, cv.Last, cv.PerPage = p*rows+1, min((p+1)*rows, len(all.Ranking)), rows
			cv.Ranking = all.Ranking[cv.First-1 : cv.Last]
			cv.Pages = slices.Clone(pages)
			cv.Pages[p].Current = true
			if p > 0 {
				pg.Title += fmt.Sprintf(" (authorities %d to %d)", cv.First, cv.Last)
			}
		}
		pg.Corpus = &cv
		if err := writeTop(&b, pg); err != nil {
			return err
		}
		if err := writeBottom(&b, pg); err != nil {
			return err
		}
		if err := write(pages[p].Href, b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// IndexRows is how many authorities a page of a site's index lists: a
// table of many more rows is slow to open (measured in headless
// Chromium: 4,218 rows, 5.3 MB, took 23 s; 423 rows 2.5 s, on a
// machine busy with other work), so the authorities of a larger corpus
// are listed on further pages, index-2.html and on (IndexPage).
const IndexRows = 500

// IndexPage is the file name of the n-th page of a site's index,
// counting from 1: IndexFile, then index-2.html and on.
func IndexPage(n int) string {
	if n == 1 {
		return IndexFile
	}
	return "index-" + strconv.Itoa(n) + ".html"
}

// indexPages returns the links to the pages of an index of n
// authorities, rows a page.
func indexPages(n, rows int) []pagerLink {
	var out []pagerLink
	for first := 0; first == 0 || first < n; first += rows {
		out = append(out, pagerLink{Href: IndexPage(len(out) + 1), Label: fmt.Sprintf("%d–%d", first+1, min(first+rows, n))})
	}
	return out
}

// PageFile is the file name of the page of the authority whose anchor is
// given, in a site.
func PageFile(anchor string) string { return anchor + ".html" }

// A page is everything the HTML report shows. Its markup (page.go) only
// lays it out; every count and every word of a status or outcome is decided here
// or in analyse.
type page struct {
	Title string
	CSS   markup
	// Script is the script element, its text in a CDATA section so that
	// the page is also well-formed XML.
	Script markup
	// Letters counts the letters, Inspections the joint targeted area
	// inspections among them (see occasions).
	Letters, Inspections int
	// Rule says when a status counts as a concern, ConcernShare is its
	// share, and Filters which letters the filters kept ("" for all).
	Rule, ConcernShare, Filters string
	// From and To are the first and last visit dates of all letters (the
	// first day of the visit or inspection).
	From, To day
	// Corpus is the summary across authorities; nil on a page of one
	// authority.
	Corpus *corpusView
	// Only is the anchor of the one authority that a page shows, whose
	// parts its navigation links to; "" on a page of several.
	Only string
	// Index is the file name of the site's index, on an authority's page
	// of a site; "" otherwise.
	Index    string
	Statuses []legendEntry
	Outcomes []legendEntry
	// ConcernKey says in the legend what counts as a concern (see
	// concernKey).
	ConcernKey markup
}

// A day is a date as <time datetime=ISO>Text</time>.
type day struct{ ISO, Text string }

// dayOf formats an ISO date for people ("7 Mar 2018"); a date it cannot
// read is shown as given.
func dayOf(iso string) day {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return day{ISO: iso, Text: iso}
	}
	return day{ISO: iso, Text: t.Format("2 Jan 2006")}
}

// A legendEntry explains one status or outcome.
type legendEntry struct{ Key, Label, Meaning string }

// statusLegend and outcomeLegend say what each status and outcome
// means, in the words of package analyse.
func statusLegend() []legendEntry {
	var out []legendEntry
	for _, st := range []analyse.Status{analyse.StatusConcern, analyse.StatusMixed, analyse.StatusStrength, analyse.StatusAbsent} {
		out = append(out, legendEntry{string(st), string(st), st.Meaning()})
	}
	return out
}

func outcomeLegend() []legendEntry {
	var out []legendEntry
	for _, o := range []analyse.Outcome{analyse.OutcomeRecurring, analyse.OutcomeResolved, analyse.OutcomeNew,
		analyse.OutcomeNotRevisited, analyse.OutcomeSustained, analyse.OutcomeNewStrength, analyse.OutcomeAbsent} {
		out = append(out, legendEntry{string(o), outcomeLabel(o), o.Meaning()})
	}
	return out
}

// concernKey is the legend's sentence on what counts as a concern. The
// outcomes' meanings are themes.md's, which count every mixed theme as a
// concern; under a concern share a mixed theme below it counts as a
// strength, and the key says that the outcomes' strengths then include it
// (a mixed theme can be "resolved", "sustained" or "new-strength").
func concernKey(r analyse.ConcernRule) markup {
	if r.Share == 0 {
		return `A concern is a theme judged <em>concern</em> or <em>mixed</em>.`
	}
	return markup(fmt.Sprintf(`A concern is a theme judged <em>concern</em>, or <em>mixed</em> with at least %s%% of its judging sentences negative (concern share %s). A mixed theme below that share counts as a strength: in the key above, “only strengths”, “strengths” and “as a strength” include it.`,
		r.PercentText(), r.ShareText()))
}

// outcomeLabel is an outcome as words ("not revisited").
func outcomeLabel(o analyse.Outcome) string { return strings.ReplaceAll(string(o), "-", " ") }

// corpusView is the summary of every authority.
type corpusView struct {
	analyse.Tally
	Authorities int
	// Repeated counts the authorities with more than one letter.
	Repeated int
	// AcrossKinds counts the steps of Tally.Steps between letters of
	// different kinds, and Crossings lists them by kinds, most first
	// ("32 from a joint targeted area inspection (JTAI) to a focused
	// visit, ..."), as summary's headline does.
	AcrossKinds int
	Crossings   string
	Themes      []themeSummaryView
	Ranking     []authoritySummaryView
	// Pages links to each page of a site's index when the authorities
	// take more than one; First and Last number the authorities of this
	// page, counting from 1, of PerPage a page.
	Pages                []pagerLink
	First, Last, PerPage int
}

// A pagerLink links to one page of a site's index.
type pagerLink struct {
	Href, Label string
	Current     bool
}

// A themeSummaryView is one row of the corpus's theme table.
type themeSummaryView struct {
	analyse.ThemeSummary
	Label string
	// Bar divides the theme's concerns into recurring, resolved and not
	// revisited, as a share of the widest bar.
	Bar []barSegment
}

// A barSegment is one part of a stacked bar; X and W are percentages of
// the bar's width.
type barSegment struct {
	Class string
	X, W  float64
}

// An authoritySummaryView is one row of the corpus's authority table.
type authoritySummaryView struct {
	analyse.AuthoritySummary
	// Name names the authority as its heading does (see Names).
	Name string
	// Href links to the authority's heat map.
	Href            string
	From, To        day
	RecurringLabels []string
	Bar             []barSegment
}

// An authorityView is one authority's section: its heat map, its visits
// and the evidence of every cell.
type authorityView struct {
	Anchor, Key, Name string
	// Printed are the names its letters print, when some differs from
	// Name (see Names.printed).
	Printed []string
	// Meta says the authority's letters and dates under its name, on a
	// page of several authorities.
	Meta bool
	// Inspections counts the joint targeted area inspections among
	// Visits.
	Inspections int
	// MixedKinds reports whether its letters are of more than one kind.
	MixedKinds bool
	Visits     []visitView
	Rows       []rowView
	// Tally counts the steps between consecutive visits; Latest the
	// themes the latest visit judges a concern.
	Tally  analyse.Tally
	Latest int
	// Neighbours shows the authority beside its statistical neighbours,
	// itself first; nil when the page shows none.
	Neighbours []neighbourView
}

// A neighbourView is one row of an authority's table of statistical
// neighbours: the authority itself or a neighbour, with its figures when
// the page has its letters.
type neighbourView struct {
	Name, LACode string
	Self         bool
	// Href links to its heat map; "" when the report has no letter of it.
	Href       string
	Visits     int
	LatestDate day
	// Latest counts the concerns of its latest visit; Recurring its
	// recurring steps.
	Latest, Recurring int
}

// A visitView is one letter of an authority.
type visitView struct {
	N          int // counts from 1, oldest first
	Date       day
	LetterDate day
	Kind       string
	KindLabel  string
	LACode     string // the authority's DfE code, "" when unknown
	Source     string
	Focus      string
	Areas      []string
	Points     []pointView
	// Concerns are, for a letter without points to improve, the themes
	// its findings judge as concerns, most negative sentences first (at
	// most mainConcerns); MoreConcerns counts the others.
	Concerns     []concernView
	MoreConcerns int
	// FocusLabel says what a focused visit looked at ("" for other
	// visits; see focusLabel).
	FocusLabel string
	Last       bool
}

// A concernView is one theme that a letter's findings judge a concern,
// shown for a letter without points to improve: the theme, its count of
// negative sentences, a link to its evidence and its first negative
// sentence.
type concernView struct {
	Label     string
	Negatives int
	Href      string
	Quote     string
}

// mainConcerns is how many concerns a visit without points to improve
// lists; the rest are counted.
const mainConcerns = 5

// A pointView is one point of a letter's "what needs to improve".
type pointView struct {
	Text     string
	Priority bool
}

// A rowView is one theme of a heat map.
type rowView struct {
	Theme, Label string
	Cells        []cellView
	// Overall is the outcome from the first visit to the last; "" with
	// one visit.
	Overall analyse.Outcome
	// OverallLabel is Overall in words.
	OverallLabel string
	// OverallAcross reports whether the first and last letters are of
	// different kinds (see acrossKindsMark).
	OverallAcross bool
}

// A cellView is one theme at one visit, and the outcome from it to the
// next visit.
type cellView struct {
	ID     string // the cell link's id
	Status analyse.Status
	// Weight shows how many sentences judge the theme badly and well
	// ("−1 +18"; "" for none), and Spoken says it in words for screen
	// readers ("1 negative, 18 positive sentences").
	Weight, Spoken string
	// Confidence is the status's confidence with two decimals ("" when
	// the model does not judge the theme), and Unsure reports whether
	// unsureText shows it: the cell shows it then, as diff's table does.
	Confidence string
	Unsure     bool
	Visit      *visitView
	Evidence   evidenceView
	// Step is the outcome at the next visit; "" at the last visit.
	Step      analyse.Outcome
	StepLabel string
	// StepFrom is the visit that Step compares the next visit with: this
	// one, or the latest earlier visit that judged the theme.
	StepFrom int
	// StepAcross reports whether Step compares letters of different
	// kinds (see acrossKindsMark).
	StepAcross bool
}

// An evidenceView is what lies behind a cell: the sentences that judge
// the theme in one letter.
type evidenceView struct {
	ID        string
	Sentences []sentenceView
	// Mentions counts the sentences that name the theme without judging it.
	Mentions int
	Examined bool
}

// A sentenceView is one judging sentence and where it stands (section,
// paragraph and sentence, page and line, as diff's evidence says it).
type sentenceView struct {
	Text     string
	Polarity analyse.Polarity
	// Label is the polarity with the sentence model's score ("negative
	// 0.87"), as the text outputs write it.
	Label string
	Where string
}

// inspections counts the joint targeted area inspections among visits.
func inspections(visits []analyse.Visit) int {
	n := 0
	for _, v := range visits {
		if v.Kind == record.KindJTAI {
			n++
		}
	}
	return n
}

// occasions names what n letters report, inspections of them joint
// targeted area inspections, for the words before their dates: "a visit",
// "visits", "an inspection", "inspections", or both ("visits and an
// inspection"). A letter of any other kind reports a visit.
func occasions(n, inspections int) string {
	visits := n - inspections
	word := func(k int, one, many string) string {
		if k == 1 {
			return one
		}
		return many
	}
	switch {
	case inspections == 0:
		return word(visits, "a visit", "visits")
	case visits == 0:
		return word(inspections, "an inspection", "inspections")
	}
	return word(visits, "a visit", "visits") + " and " + word(inspections, "an inspection", "inspections")
}

// occasion names what a letter of the kind reports: "inspection" for a
// joint targeted area inspection, "visit" for the others.
func occasion(kind string) string {
	if kind == record.KindJTAI {
		return "inspection"
	}
	return "visit"
}

// examinedBecause says what marks a theme examined for a letter of kind:
// a JTAI's subject and deep dive, a visit's areas covered or focus.
func examinedBecause(kind string) string {
	if kind == record.KindJTAI {
		return "its subject or deep dive names it"
	}
	return "its areas covered or focus name it"
}

// kindLabel names a kind of letter for people.
func kindLabel(kind string) string {
	switch kind {
	case record.KindMonitoring:
		return "monitoring visit"
	case record.KindFocused:
		return "focused visit"
	case record.KindJTAI:
		return "joint targeted area inspection (JTAI)"
	}
	return "letter"
}

// anchors makes HTML ids from names: lower-case letters, digits and
// hyphens, unique within a page. An authority's anchor takes the ids of
// its section's parts too (reserveParts) without holding them: at 4,218
// authorities, 30,000 ids fewer in the site's layout.
type anchors map[string]idUse

// An idUse says how an id is taken.
type idUse uint8

const (
	idTaken     idUse = iota + 1 // the id alone
	idWithParts                  // the id and the ids of its parts (partSuffixes)
)

// partSuffixes make the ids of the parts of an authority's section from
// its anchor.
var partSuffixes = []string{"-h", "-cap", "-visits", "-visits-h", "-evidence", "-evidence-h", "-nb-h"}

// taken reports whether id is taken, itself or as a part of an anchor.
func (a anchors) taken(id string) bool {
	if a[id] != 0 {
		return true
	}
	for _, suffix := range partSuffixes {
		if base, ok := strings.CutSuffix(id, suffix); ok && a[base] == idWithParts {
			return true
		}
	}
	return false
}

func (a anchors) make(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		for _, r := range strings.ToLower(p) {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				b.WriteRune(r)
			default:
				if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
					b.WriteByte('-')
				}
			}
		}
		if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
			b.WriteByte('-')
		}
	}
	base := strings.TrimSuffix(b.String(), "-")
	switch {
	case base == "":
		base = "x"
	case base[0] < 'a': // an id starts with a letter
		base = "x-" + base
	}
	id := base
	for n := 2; a.taken(id); n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	a[id] = idTaken
	return id
}

// A layout is what the pages of a comparison share: the style sheet and
// script, the ids taken, and each authority's anchor and key figures, which the
// corpus tables and the tables of neighbours show.
type layout struct {
	res   Comparison
	css   markup
	js    markup
	sum   CorpusSummary
	heads []authorityHead // one per trajectory, in order
	byKey map[string]*authorityHead
	// ids are the ids of the single page; site says that each authority
	// has a page of its own, PageFile(Anchor).
	ids  anchors
	site bool
}

// An authorityHead is what the pages show of an authority outside its
// own section: where it is, and its key figures.
type authorityHead struct {
	Anchor, Key, Name, LACode string
	// Visits counts the authority's letters, Inspections its joint
	// targeted area inspections.
	Visits, Inspections int
	From, To            day
	// Tally counts the steps between consecutive visits; Latest the
	// themes the latest visit judges a concern.
	Tally  analyse.Tally
	Latest int
}

// reservedIDs returns the ids that the page's markup uses for its own parts,
// and the site's index (whose name no authority's page may take).
func reservedIDs() anchors {
	ids := anchors{}
	for _, id := range []string{"main", "legend", "corpus", "corpus-kinds", "corpus-themes", "corpus-authorities", "authorities", "index"} {
		ids[id] = idTaken
	}
	return ids
}

// newLayout lays out what the pages of res share; site says that each
// authority gets a page of its own, beside an index of indexes pages
// (whose names no authority's page may take).
func newLayout(res Comparison, site bool, indexes int) (*layout, error) {
	l := &layout{res: res, ids: reservedIDs(), site: site, byKey: map[string]*authorityHead{}}
	for n := 2; n <= indexes; n++ {
		l.ids[strings.TrimSuffix(IndexPage(n), ".html")] = idTaken
	}
	if err := l.parse(); err != nil {
		return nil, err
	}
	var z Summariser
	l.heads = make([]authorityHead, len(res.Trajectories))
	for i := range res.Trajectories {
		if err := l.make(i, func(tr *analyse.Trajectory) error {
			z.Add(tr)
			h := authorityHead{Key: tr.AuthorityKey, Name: res.Names.name(tr.AuthorityKey, tr.Authority), Visits: len(tr.Visits), Inspections: inspections(tr.Visits)}
			h.Anchor = l.ids.make(h.Key)
			reserveParts(l.ids, h.Anchor)
			if n := len(tr.Visits); n > 0 {
				h.LACode = tr.Visits[0].LACode
				h.From, h.To = dayOf(tr.Visits[0].Date), dayOf(tr.Visits[n-1].Date)
			}
			l.heads[i] = h
			return nil
		}); err != nil {
			return nil, err
		}
	}
	l.sum = z.Summary()
	figures := map[string]analyse.AuthoritySummary{}
	for _, as := range l.sum.Authorities {
		figures[as.AuthorityKey] = as
	}
	for i := range l.heads {
		h := &l.heads[i]
		as := figures[h.Key]
		h.Tally, h.Latest = as.Tally, as.Latest
		l.byKey[h.Key] = h
	}
	return l, nil
}

// make calls use with the i-th trajectory, made by the loader when it
// holds only its authority key, and lets go of it again after.
func (l *layout) make(i int, use func(tr *analyse.Trajectory) error) error {
	tr := &l.res.Trajectories[i]
	if l.res.Load == nil {
		return use(tr)
	}
	if err := l.res.Load.Make(tr); err != nil {
		return err
	}
	defer l.res.Load.Done(tr)
	return use(tr)
}

// reserveParts takes the ids of the parts of the section of the
// authority whose anchor is given.
func reserveParts(ids anchors, anchor string) {
	ids[anchor] = idWithParts
}

// href links to the heat map of the authority whose anchor is given: its
// section of the page, or its page of the site.
func (l *layout) href(anchor string) string {
	if l.site {
		return PageFile(anchor)
	}
	return "#" + anchor
}

// page returns the parts of a page about the authorities heads[from:to]
// that its top and bottom show; title "" makes one from them.
func (l *layout) page(title string, from, to int) *page {
	res := l.res
	pg := &page{Title: title, CSS: l.css, Script: l.js, Statuses: statusLegend(), Outcomes: outcomeLegend(),
		Rule: res.Rule.String(), ConcernShare: res.Rule.ShareText(), ConcernKey: concernKey(res.Rule), Filters: res.Filters}
	// An authority's visits are in date order: the first and the last
	// are its earliest and latest.
	for i, h := range l.heads[from:to] {
		pg.Letters += h.Visits
		pg.Inspections += h.Inspections
		if h.Visits == 0 {
			continue
		}
		if i == 0 || h.From.ISO < pg.From.ISO {
			pg.From = h.From
		}
		if i == 0 || h.To.ISO > pg.To.ISO {
			pg.To = h.To
		}
	}
	if pg.Title == "" {
		if to-from == 1 {
			pg.Title = fmt.Sprintf("%s: themes across %s", l.heads[from].Name, plural(pg.Letters, "letter", "letters"))
		} else {
			pg.Title = fmt.Sprintf("Themes across %s of %d local authorities", plural(pg.Letters, "letter", "letters"), to-from)
		}
	}
	return pg
}

// writeAuthority writes the section of the i-th authority, its ids taken
// from ids; meta says its letters and dates under its name. With a
// loader, its evidence and records are read first, and its evidence
// dropped once written.
func (l *layout) writeAuthority(w io.Writer, i int, ids anchors, meta bool) error {
	tr := &l.res.Trajectories[i]
	var recs map[analyse.Visit]*record.Record
	if l.res.Load != nil {
		var err error
		if recs, err = l.res.Load.Authority(tr); err != nil {
			return err
		}
		defer func() {
			for k := range tr.Themes {
				clear(tr.Themes[k].Evidence)
			}
			l.res.Load.Done(tr)
		}()
	}
	av := l.authority(*tr, l.heads[i], recs, ids)
	av.Meta = meta
	return writeAuthority(w, &av)
}

// authority lays out one trajectory, whose head is h; recs holds the
// records that replace those of the comparison, when there are any.
func (l *layout) authority(tr analyse.Trajectory, h authorityHead, recs map[analyse.Visit]*record.Record, ids anchors) authorityView {
	res := l.res
	av := authorityView{Key: h.Key, Name: h.Name, Printed: res.Names.printed(&tr), Anchor: h.Anchor, Tally: h.Tally, Latest: h.Latest,
		Inspections: h.Inspections, MixedKinds: mixedKinds(tr)}
	reserveParts(ids, av.Anchor)
	for k, v := range tr.Visits {
		vv := visitView{N: k + 1, Date: dayOf(v.Date), LetterDate: dayOf(v.LetterDate), Kind: v.Kind, KindLabel: kindLabel(v.Kind), LACode: v.LACode,
			Source: v.Source, Last: k == len(tr.Visits)-1}
		rec := recs[v]
		if rec == nil {
			rec = res.Records[v]
		}
		if rec != nil {
			vv.Focus = rec.Visit.Focus
			if rec.Letter.Kind == record.KindFocused {
				vv.FocusLabel = focusLabel(res.Codebook, rec)
			}
			vv.Areas = rec.AreasCovered
			for _, p := range rec.Improvements {
				vv.Points = append(vv.Points, pointView{Text: p, Priority: slices.Contains(rec.PriorityActions, p)})
			}
		}
		av.Visits = append(av.Visits, vv)
	}
	for _, tt := range tr.Themes {
		row := rowView{Theme: tt.Theme, Label: res.Codebook.Label(tt.Theme)}
		if len(tr.Visits) > 1 {
			row.Overall, row.OverallLabel = tt.Overall, outcomeLabel(tt.Overall)
			row.OverallAcross = acrossKinds(&tr, 0, len(tr.Visits)-1)
		}
		for k, st := range tt.Statuses {
			evID := ids.make(av.Anchor, tt.Theme, "v"+strconv.Itoa(k+1))
			c := cellView{ID: ids.make("c", evID), Status: st,
				Visit: &av.Visits[k], Evidence: evidenceView{ID: evID}}
			c.Weight, c.Spoken = cellWeight(tt.Negatives[k], tt.Positives[k])
			c.Confidence, c.Unsure = probabilityText(tt.Confidence(k)), unsureText(tt.Confidence(k)) != ""
			for _, e := range tt.Evidence[k] {
				if e.Polarity == analyse.Neutral {
					c.Evidence.Mentions++
					continue
				}
				c.Evidence.Sentences = append(c.Evidence.Sentences, sentenceView{Text: e.Text, Polarity: e.Polarity, Label: scored(e), Where: where(e)})
			}
			if p := res.Profiles.Of(tr.Visits[k]); p != nil {
				c.Evidence.Examined = p.Examined(tt.Theme)
			}
			if k < len(tt.Steps) {
				c.Step, c.StepLabel = tt.Steps[k], outcomeLabel(tt.Steps[k])
				c.StepFrom = tt.From(k) + 1
				c.StepAcross = acrossKinds(&tr, tt.From(k), k+1)
			}
			row.Cells = append(row.Cells, c)
		}
		av.Rows = append(av.Rows, row)
	}
	for k := range av.Visits {
		if len(av.Visits[k].Points) == 0 {
			av.Visits[k].Concerns, av.Visits[k].MoreConcerns = concernsOf(tr, av.Rows, k)
		}
	}
	av.Neighbours = l.neighbours(h)
	return av
}

// focusLabel names what a focused visit looked at, for its column
// heading: "on " and the theme its focus names first, or the start of the
// focus when it names no theme, or that the letter states none.
func focusLabel(cb *analyse.Codebook, rec *record.Record) string {
	if id := cb.FocusTheme(rec); id != "" {
		return "on " + cb.Label(id)
	}
	words := strings.Fields(rec.Visit.Focus)
	switch {
	case len(words) == 0:
		return "focus not stated"
	case len(words) > focusWords:
		return strings.Join(words[:focusWords], " ") + " …"
	}
	return rec.Visit.Focus
}

// focusWords is how many words of a focus that names no theme a column
// heading shows.
const focusWords = 8

// concernsOf returns the themes that visit k judges as concerns (under
// the trajectory's concern rule), most negative sentences first, then in
// codebook order: at most mainConcerns, and how many more there are.
func concernsOf(tr analyse.Trajectory, rows []rowView, k int) ([]concernView, int) {
	var out []concernView
	for i, tt := range tr.Themes {
		if !tt.Concern[k] {
			continue
		}
		c := concernView{Label: rows[i].Label, Negatives: tt.Negatives[k], Href: "#" + rows[i].Cells[k].Evidence.ID}
		for _, e := range tt.Evidence[k] {
			if e.Polarity == analyse.Negative || e.Polarity == analyse.Mixed {
				c.Quote = e.Text
				break
			}
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b concernView) int { return b.Negatives - a.Negatives })
	if len(out) > mainConcerns {
		return out[:mainConcerns], len(out) - mainConcerns
	}
	return out, 0
}

// neighbours returns the table of statistical neighbours of the
// authority h, itself first, each with its figures when the report has
// its letters; nil when the report shows no neighbours of it.
func (l *layout) neighbours(h authorityHead) []neighbourView {
	ns := l.res.Neighbours[h.Key]
	if len(ns) == 0 {
		return nil
	}
	row := func(name, code, key string, self bool) neighbourView {
		nv := neighbourView{Name: name, LACode: code, Self: self}
		if n := l.byKey[key]; n != nil {
			nv.Href, nv.Visits = l.href(n.Anchor), n.Visits
			nv.LatestDate = n.To
			nv.Latest, nv.Recurring = n.Latest, n.Tally.Recurring
		}
		return nv
	}
	rows := []neighbourView{row(h.Name, h.LACode, h.Key, true)}
	for _, n := range ns {
		rows = append(rows, row(n.Name, n.LACode, n.Key, false))
	}
	return rows
}

// cellWeight returns a heat-map cell's counts of negative and positive
// sentences, as figures and in words.
func cellWeight(neg, pos int) (weight, spoken string) {
	var fig, words []string
	if neg > 0 {
		fig = append(fig, "−"+strconv.Itoa(neg))
		words = append(words, strconv.Itoa(neg)+" negative")
	}
	if pos > 0 {
		fig = append(fig, "+"+strconv.Itoa(pos))
		words = append(words, strconv.Itoa(pos)+" positive")
	}
	if len(fig) == 0 {
		return "", ""
	}
	noun := " sentences"
	if neg+pos == 1 {
		noun = " sentence"
	}
	return strings.Join(fig, " "), strings.Join(words, ", ") + noun
}

// corpus lays out the summary of every trajectory.
func (l *layout) corpus() *corpusView {
	s, cb := l.sum, l.res.Codebook
	cv := &corpusView{Tally: s.Tally, Authorities: len(l.heads), AcrossKinds: s.StepsAcrossKinds,
		Crossings: s.crossings(func(n int, from, to string) string {
			return fmt.Sprintf("%d from a %s to a %s", n, kindLabel(from), kindLabel(to))
		})}
	widest := 1
	for _, ts := range s.Themes {
		widest = max(widest, ts.Concerns)
	}
	for _, ts := range s.Themes {
		cv.Themes = append(cv.Themes, themeSummaryView{ThemeSummary: ts, Label: cb.Label(ts.Theme),
			Bar: bar(widest, ts.Recurring, ts.Resolved, ts.NotRevisited)})
	}
	widest = 1
	for _, as := range s.Authorities {
		widest = max(widest, as.Concerns)
		if as.Visits > 1 {
			cv.Repeated++
		}
	}
	for _, as := range s.Authorities {
		v := authoritySummaryView{AuthoritySummary: as, Name: l.res.Names.name(as.AuthorityKey, as.Authority),
			Bar: bar(widest, as.Recurring, as.Resolved, as.NotRevisited)}
		if h := l.byKey[as.AuthorityKey]; h != nil {
			v.Href = l.href(h.Anchor)
			v.From, v.To = h.From, h.To
		}
		for _, id := range as.RecurringThemes {
			v.RecurringLabels = append(v.RecurringLabels, cb.Label(id))
		}
		cv.Ranking = append(cv.Ranking, v)
	}
	return cv
}

// bar divides recurring, resolved and not revisited concerns into the
// segments of a stacked bar whose full width is widest.
func bar(widest, recurring, resolved, notRevisited int) []barSegment {
	var out []barSegment
	x := 0.0
	for _, s := range []struct {
		class string
		n     int
	}{{"o-recurring", recurring}, {"o-resolved", resolved}, {"o-not-revisited", notRevisited}} {
		if s.n == 0 {
			continue
		}
		w := 100 * float64(s.n) / float64(widest)
		out = append(out, barSegment{Class: s.class, X: x, W: w})
		x += w
	}
	return out
}

// parse reads the page's style sheet and script.
func (l *layout) parse() error {
	css, err := pageFiles.ReadFile("htmlpage/page.css")
	if err != nil {
		return err
	}
	js, err := pageFiles.ReadFile("htmlpage/page.js")
	if err != nil {
		return err
	}
	l.css = markup(css)
	l.js = markup("<script>//<![CDATA[\n" + string(js) + "//]]></script>")
	return nil
}
