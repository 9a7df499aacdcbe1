package analyse

import (
	"slices"
	"strings"

	"github.com/ofsted-letters/letters/record"
)

// A Visit names one letter: which authority, which visit, from which file.
type Visit struct {
	// Source is the path of the letter the record was read from.
	Source string `yaml:"source" json:"source"`
	// Authority is the local authority as printed.
	Authority string `yaml:"authority" json:"authority"`
	// AuthorityKey groups the visits of one authority.
	AuthorityKey string `yaml:"authority_key" json:"authority_key"`
	// LACode, ONSCode and Region are the authority's codes and region,
	// as in record.Visit; empty when unknown.
	LACode  string `yaml:"la_code,omitempty" json:"la_code,omitempty"`
	ONSCode string `yaml:"ons_code,omitempty" json:"ons_code,omitempty"`
	Region  string `yaml:"region,omitempty" json:"region,omitempty"`
	// Number is which monitoring visit the letter reports (the "sixth"
	// is 6), 0 when it does not say.
	Number int `yaml:"number,omitempty" json:"number,omitempty"`
	// Focus is what a focused visit looked at, as the letter says it.
	Focus string `yaml:"focus,omitempty" json:"focus,omitempty"`
	// Kind is the kind of letter, as in record.Letter.Kind.
	Kind string `yaml:"kind" json:"kind"`
	// Date is the first day of the visit, YYYY-MM-DD, or the letter's date
	// when the letter gives no visit dates.
	Date string `yaml:"date" json:"date"`
	// LetterDate is the date of the letter, YYYY-MM-DD.
	LetterDate string `yaml:"letter_date" json:"letter_date"`
}

// A Profile is what one letter says about every theme of the codebook.
type Profile struct {
	Visit `yaml:",inline" json:",inline"`
	// ConcernShare is the share of the ConcernRule that set each theme's
	// Concern (0: any negative sentence).
	ConcernShare float64 `yaml:"concern_share" json:"concern_share"`
	// Themes has one entry per codebook theme, in codebook order.
	Themes []ThemeStatus `yaml:"themes" json:"themes"`
	// Sentences are the judged sentences of the letter's findings, in
	// letter order.
	Sentences []Sentence `yaml:"-" json:"-"`
}

// A ThemeStatus is one theme's status in one letter, with its evidence.
type ThemeStatus struct {
	Theme  string `yaml:"theme" json:"theme"`
	Status Status `yaml:"status" json:"status"`
	// Negatives and Positives count the sentences that judge the theme
	// badly and well; a sentence that judges it both ways (polarity
	// mixed) counts in both. They say how much the status rests on: one
	// negative sentence beside eighteen positive ones is mixed too.
	Negatives int `yaml:"negatives" json:"negatives"`
	Positives int `yaml:"positives" json:"positives"`
	// Concern reports whether the status counts as a concern for
	// outcomes under the profile's ConcernRule (see ConcernRule.Mark).
	Concern bool `yaml:"concern" json:"concern"`
	// Examined reports whether the letter says the visit looked at the
	// theme: its areas covered or its focus name it.
	Examined bool `yaml:"examined" json:"examined"`
	// Evidence are the sentences that name the theme, in letter order;
	// the status rests on those that judge it.
	Evidence []Evidence `yaml:"evidence,omitempty" json:"evidence,omitempty"`
	// Confidence is the chance that the coders who labelled the
	// development set give the theme the same status, calibrated on the development set out of fold (see
	// calibration.go); 0 for a theme the model was not trained on.
	Confidence float64 `yaml:"confidence,omitempty" json:"confidence,omitempty"`
}

// Where says where a sentence stands in its letter.
type Where struct {
	// Section is the heading of the sentence's section.
	Section string `yaml:"section" json:"section"`
	// SectionKind is the section's kind, as in parse.Section.Kind.
	SectionKind string `yaml:"section_kind" json:"section_kind"`
	// Paragraph counts the paragraphs of the section from 1.
	Paragraph int `yaml:"paragraph" json:"paragraph"`
	// Sentence counts the sentences of the paragraph from 1.
	Sentence int `yaml:"sentence" json:"sentence"`
	// Line and Page are where the paragraph starts (see parse.Pos).
	Line int `yaml:"line" json:"line"`
	Page int `yaml:"page,omitempty" json:"page,omitempty"`
}

// Evidence is one sentence that names a theme.
type Evidence struct {
	Text string `yaml:"text" json:"text"`
	// Polarity is how the sentence judges the theme: Positive, Negative,
	// Mixed (both, in different clauses) or Neutral.
	Polarity Polarity `yaml:"polarity" json:"polarity"`
	// Score is the sentence model's probability that the sentence judges
	// the theme as Polarity says (for Neutral: the larger of its two
	// probabilities); 0 for a theme the model was not trained on.
	Score float64 `yaml:"score,omitempty" json:"score,omitempty"`
	Where `yaml:",inline" json:",inline"`
}

// A Sentence is one sentence of a letter's findings with its judgement.
type Sentence struct {
	Text string
	Where
	Judgement
}

// findingKinds are the kinds of section whose sentences are findings: with
// a joint targeted area inspection's strengths and its case studies.
var findingKinds = []string{record.SectionOverview, record.SectionHeadline, record.SectionFindings, record.SectionImprovements, record.SectionPriority, record.SectionStrengths, record.SectionCaseStudy}

// concernKinds are the kinds of section whose every sentence is a concern.
var concernKinds = []string{record.SectionImprovements, record.SectionPriority}

// strengthKinds are the kinds of section whose every sentence is a strength.
var strengthKinds = []string{record.SectionStrengths}

// definedPolarity returns the polarity that every sentence of a section
// of kind has by definition, or Neutral when its sentences are read.
func definedPolarity(kind string) Polarity {
	switch {
	case slices.Contains(concernKinds, kind):
		return Negative
	case slices.Contains(strengthKinds, kind):
		return Positive
	}
	return Neutral
}

// Profile reads the findings of one letter and returns every theme's
// status. A theme's status is concern when the sentences that name it only
// judge it badly, strength when only well, mixed when both, absent when
// none judges it. A sentence that judges without naming a theme and opens
// by referring back ("This means that ...", "However, ...") speaks of the
// themes of the sentence before it in the same paragraph; so does one whose
// subject is a pronoun standing for that sentence ("However, this is not
// always ..."), unless it names one of those themes itself.
func (cb *Codebook) Profile(rec *record.Record) *Profile {
	p, lc := cb.read(rec)
	var scores [][]senScore
	m := cb.sentenceModel()
	if m != nil {
		scores = m.apply(p, lc)
	}
	for _, id := range cb.ThemeIDs() {
		ts := ThemeStatus{Theme: id, Status: StatusAbsent, Examined: lc.examined[id]}
		for _, s := range p.Sentences {
			for _, m := range s.Themes {
				if m.Theme != id {
					continue
				}
				ts.Evidence = append(ts.Evidence, Evidence{Text: s.Text, Polarity: m.Polarity, Score: m.Score, Where: s.Where})
				if m.Polarity == Positive || m.Polarity == Mixed {
					ts.Positives++
				}
				if m.Polarity == Negative || m.Polarity == Mixed {
					ts.Negatives++
				}
			}
		}
		ts.Status = statusOf(ts.Negatives, ts.Positives)
		ts.Concern = AnyNegative.IsConcern(ts.Status, ts.Negatives, ts.Positives)
		if k := m.themeIndex(id); k >= 0 && scores != nil {
			ts.Confidence = m.statusConfidence(scores, k, ts.Status)
		}
		p.Themes = append(p.Themes, ts)
	}
	return p
}

// statusOf returns the status of a theme judged badly by neg sentences
// and well by pos.
func statusOf(neg, pos int) Status {
	switch {
	case neg > 0 && pos > 0:
		return StatusMixed
	case neg > 0:
		return StatusConcern
	case pos > 0:
		return StatusStrength
	}
	return StatusAbsent
}

// read splits a letter's findings into sentences and judges each by the
// rules; it returns the profile without statuses and what the model reads.
func (cb *Codebook) read(rec *record.Record) (*Profile, *letterContext) {
	p := &Profile{Visit: VisitOf(rec)}
	focus := cb.focusTheme(rec)
	yieldTo := cb.yieldFocus(rec)
	lc := &letterContext{focus: focus, examined: cb.examined(rec), kind: kindFeature(rec.Letter.Kind)}
	para := 0
	for _, sec := range rec.Sections {
		if !slices.Contains(findingKinds, sec.Kind) {
			continue
		}
		defined := definedPolarity(sec.Kind)
		for pi, pg := range sec.Paragraphs {
			para++
			var prev []ThemeMark
			for si, text := range Sentences(pg.Text) {
				toks := tokenize(text)
				j, details := cb.judge(toks, defined, true, yieldTo)
				back := si > 0 && (len(j.Themes) == 0 && j.Polarity != Neutral && refersBack(toks) || pronounSubject(toks))
				if back {
					j = inherit(j, prev)
				}
				if len(j.Themes) > 0 {
					prev = j.Themes
				}
				p.Sentences = append(p.Sentences, Sentence{
					Text: text,
					Where: Where{Section: sec.Heading, SectionKind: sec.Kind, Paragraph: pi + 1, Sentence: si + 1,
						Line: pg.Line, Page: pg.Page},
					Judgement: j,
				})
				lc.sens = append(lc.sens, senContext{toks: toks, kind: sec.Kind, para: para, rule: j, details: details, pronoun: back})
			}
		}
	}
	return p, lc
}

// anaphora are the openings of a sentence that speaks of what the sentence
// before it spoke of: "This means that ...", "However, ...".
var anaphora = [][]string{{"this"}, {"these"}, {"it"}, {"however"}, {"consequently"}, {"as", "a", "result"}, {"despite", "this"}, {"such"}, {"that"}, {"nevertheless"}, {"in", "addition"}, {"but"}}

// refersBack reports whether a sentence, as tokens, opens by referring to
// the one before.
func refersBack(toks []token) bool {
	return matchWords(toks, 0, anaphora) > 0
}

// connectives may stand before the pronoun of a sentence that refers back:
// "However, this is ...", "As a result, they ...".
var connectives = [][]string{{"however"}, {"but"}, {"and"}, {"also"}, {"consequently"}, {"as", "a", "result"}, {"in", "addition"}, {"nevertheless"}, {"nonetheless"}, {"in", "turn"}, {"despite", "this"}, {"because", "of", "this"}}

// verbAfterThis are words that, after "this" or "these", show the pronoun
// standing alone as the subject ("This is ...", "These have ..."), not as
// the determiner of a noun ("This approach ...").
var verbAfterThis = []string{"is", "are", "was", "were", "has", "have", "had", "can", "could", "may", "might", "will", "would", "should", "must", "does", "do", "did", "not", "also", "in", "then", "now", "often", "sometimes", "still", "remains", "remain", "include", "provide", "help", "mean", "ensure", "support", "lead", "led", "result", "limit", "reduce", "contribute", "give", "allow", "enable", "continue"}

// pronounSubject reports whether the subject of a sentence, as tokens, is a
// pronoun that stands for what the sentence before it spoke of: "This means that ...",
// "However, this is not always ...", "They do not ...", "It is ...".
// Such a sentence speaks of the same themes as the one before, whatever
// else it names. A demonstrative before a noun ("This approach ...") is
// not a pronoun subject: the noun says what is spoken of.
func pronounSubject(toks []token) bool {
	i := 0
	for {
		n := matchWords(toks, i, connectives)
		if n == 0 {
			break
		}
		i += n
		if i < len(toks) && toks[i].text == "," {
			i++
		}
	}
	if i >= len(toks) {
		return false
	}
	switch toks[i].text {
	case "they", "it":
		return true
	case "this", "these":
	default:
		return false
	}
	if i+1 >= len(toks) {
		return false
	}
	next := toks[i+1]
	if next.punct || slices.Contains(verbAfterThis, next.text) {
		return true
	}
	w := next.text
	// A verb in the third person ("means", "helps") or the past
	// ("culminated"); not a noun in -ss, -us or -is ("process", "focus",
	// "analysis"), and "these" takes no -s verb.
	if toks[i].text == "this" && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
		return true
	}
	return strings.HasSuffix(w, "ed") && len(w) > 4
}

// inherit adds to a sentence's judgement the themes of the sentence before
// it that it does not name itself, judged as the sentence judges.
func inherit(j Judgement, prev []ThemeMark) Judgement {
	named := func(m ThemeMark) bool {
		return slices.ContainsFunc(j.Themes, func(o ThemeMark) bool { return o.Theme == m.Theme })
	}
	if slices.ContainsFunc(prev, named) {
		// The sentence picks its subject among the themes before it.
		return j
	}
	for _, m := range prev {
		if !slices.ContainsFunc(j.Themes, func(o ThemeMark) bool { return o.Theme == m.Theme }) {
			j.Themes = append(j.Themes, ThemeMark{Theme: m.Theme, Polarity: j.Polarity})
		}
	}
	return j
}

// FocusTheme returns the theme that a focused visit's focus names first,
// or "" when the letter states no focus or its focus names no theme.
func (cb *Codebook) FocusTheme(rec *record.Record) string { return cb.focusTheme(rec) }

// focusTheme returns the theme that a focused visit's focus names first,
// or "" when the letter states no focus. It decides the yield rules.
func (cb *Codebook) focusTheme(rec *record.Record) string {
	if rec.Visit.Focus == "" {
		return ""
	}
	best, at := "", -1
	for _, h := range cb.compiled.themeHits(tokenize(rec.Visit.Focus)) {
		if at < 0 || h.positions[0] < at {
			best, at = h.id, h.positions[0]
		}
	}
	return best
}

// yieldFocus returns the theme that the yield rules give way to in a
// focused visit: the one theme that the first sentence of its focus names,
// or "" when that sentence names none or several. A visit about "care
// leavers" reads its assessments as pathway assessments; one about
// "help and protection, children in care and care leavers' services,
// together with the impact of leadership" is broad, and its assessments
// stay assessments (themes.md: a theme gives way only to a single focus).
func (cb *Codebook) yieldFocus(rec *record.Record) string {
	first, _, _ := strings.Cut(rec.Visit.Focus, ". ")
	if strings.TrimSpace(first) == "" {
		return ""
	}
	hits := cb.compiled.themeHits(tokenize(first))
	if len(hits) != 1 {
		return ""
	}
	return hits[0].id
}

// examined returns the themes that a letter's areas covered and focus name.
func (cb *Codebook) examined(rec *record.Record) map[string]bool {
	out := map[string]bool{}
	texts := slices.Clone(rec.AreasCovered)
	if rec.Visit.Focus != "" {
		texts = append(texts, rec.Visit.Focus)
	}
	for _, t := range texts {
		for _, h := range cb.compiled.themeHits(tokenize(t)) {
			out[h.id] = true
		}
	}
	return out
}

// VisitOf returns the Visit that names a record.
func VisitOf(rec *record.Record) Visit {
	v := Visit{
		Source:       rec.Source.Path,
		Authority:    rec.Visit.LocalAuthority,
		AuthorityKey: rec.Visit.AuthorityKey,
		LACode:       rec.Visit.LACode,
		ONSCode:      rec.Visit.ONSCode,
		Region:       rec.Visit.Region,
		Number:       rec.Visit.Number,
		Focus:        rec.Visit.Focus,
		Kind:         rec.Letter.Kind,
		LetterDate:   rec.Letter.Date,
		Date:         rec.Letter.Date,
	}
	if len(rec.Visit.Dates) > 0 && rec.Visit.Dates[0] != "" {
		v.Date = rec.Visit.Dates[0]
	}
	return v
}

// Status returns the status of theme id, or StatusAbsent.
func (p *Profile) Status(id string) Status {
	if ts := p.theme(id); ts != nil {
		return ts.Status
	}
	return StatusAbsent
}

// Examined reports whether the letter examined theme id (see
// ThemeStatus.Examined); false for a theme the profile does not hold.
func (p *Profile) Examined(id string) bool {
	ts := p.theme(id)
	return ts != nil && ts.Examined
}

func (p *Profile) theme(id string) *ThemeStatus {
	for i := range p.Themes {
		if p.Themes[i].Theme == id {
			return &p.Themes[i]
		}
	}
	return nil
}
