package analyse

import (
	"math"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/record"
)

// TestPronounSubject checks which openings make a sentence's subject a
// pronoun for the sentence before it. The sentences are made up.
func TestPronounSubject(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"This means that children wait.", true},
		{"However, this is not always recorded.", true},
		{"As a result, they are seen regularly.", true},
		{"It is not yet embedded.", true},
		{"These include visits and direct work.", true},
		{"This culminated in delays.", true},
		{"This approach helps families.", false},
		{"This process is slow.", false},
		{"These meetings are well attended.", false},
		{"Social workers visit children.", false},
		{"However, plans are weak.", false},
	}
	for _, c := range cases {
		if got := pronounSubject(tokenize(c.in)); got != c.want {
			t.Errorf("pronounSubject(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// findingsRecord returns a focused-visit record with one findings
// paragraph.
func findingsRecord(focus string, paragraph string) *record.Record {
	return &record.Record{
		Letter: record.Letter{Kind: record.KindFocused},
		Visit:  record.Visit{Focus: focus},
		Sections: []record.Section{{
			Heading:    "Findings",
			Kind:       record.SectionFindings,
			Paragraphs: []record.Paragraph{{Kind: record.ParagraphText, Text: paragraph}},
		}},
	}
}

// TestProfileRules checks the rules that read a sentence in its letter:
// a pronoun subject takes the themes of the sentence before, and a plain
// description of practice in the findings is a strength.
func TestProfileRules(t *testing.T) {
	cb := mustBuiltin(t)
	cb.setModel(nil) // the rules alone
	cases := []struct {
		name, focus, text, theme string
		want                     Status
	}{
		{"pronoun subject inherits", "",
			"Social workers take account of children's culture and religion in assessments. However, this is not always reflected in their daily lives.",
			"identity-diversity", StatusMixed},
		{"pronoun subject naming a theme before keeps to it", "",
			"Care plans are clear and social workers know children well. This means that care plans are reviewed regularly.",
			"voice-of-child", StatusStrength},
		{"plain description of practice is a strength", "",
			"Urgent child protection enquiries are responded to immediately.",
			"strategy-s47", StatusStrength},
		{"elaboration stays neutral", "",
			"This includes strategy discussions held by the police.",
			"strategy-s47", StatusAbsent},
		{"count stays neutral", "",
			"The number of strategy discussions has doubled.",
			"strategy-s47", StatusAbsent},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkStatus(t, cb.Profile(findingsRecord(c.focus, c.text)), c.theme, c.want)
		})
	}
}

// TestProfileWeights checks that every status carries its counts and
// confidence and every judging sentence its model score.
func TestProfileWeights(t *testing.T) {
	cb := mustBuiltin(t)
	p := cb.Profile(findingsRecord("", "Supervision is regular and reflective. However, supervision records do not always set out clear actions for children."))
	ts := p.theme(ThemeSupervisionOversight)
	if ts.Status != StatusMixed || ts.Negatives != 1 || ts.Positives != 1 {
		t.Fatalf("got %s with %d negative, %d positive; want mixed with 1 and 1: %+v", ts.Status, ts.Negatives, ts.Positives, ts.Evidence)
	}
	if ts.Confidence <= 0 || ts.Confidence > 1 {
		t.Errorf("confidence %v, want in (0, 1]", ts.Confidence)
	}
	// Every output writes a confidence with two decimals, and a bound
	// (themes --below) compares it so: it holds no more.
	for _, ts := range p.Themes {
		if c := ts.Confidence * 100; math.Abs(c-math.Round(c)) > 1e-9 {
			t.Errorf("%s: confidence %v has more than two decimals", ts.Theme, ts.Confidence)
		}
	}
	for _, e := range ts.Evidence {
		if e.Polarity != Neutral && (e.Score <= cb.sentenceModel().Threshold || e.Score > 1) {
			t.Errorf("%s sentence scored %v, want above the threshold %v: %s", e.Polarity, e.Score, cb.sentenceModel().Threshold, e.Text)
		}
	}
	cb.setModel(nil)
	if ts := cb.Profile(findingsRecord("", "Supervision is regular.")).theme(ThemeSupervisionOversight); ts.Confidence != 0 || ts.Evidence[0].Score != 0 {
		t.Errorf("rules alone gave confidence %v, score %v; want none", ts.Confidence, ts.Evidence[0].Score)
	}
}

// TestModelFollowsCodebook checks which codebooks the sentence model
// judges with: the built-in one and one that extends it, not one that
// replaces it (the model learned the built-in rules as features); a theme
// the model was not trained on is judged by the rules, without scores.
func TestModelFollowsCodebook(t *testing.T) {
	ext, err := LoadCodebook("ext.yaml", strings.NewReader("format: 1\nthemes:\n  - id: neglect\n    terms: [neglect*]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if ext.sentenceModel() == nil {
		t.Fatal("an extending codebook lost the model")
	}
	p := ext.Profile(findingsRecord("", "Children are not left in neglectful situations for too long, and supervision is regular and reflective."))
	if ts := p.theme("neglect"); ts.Status == StatusAbsent || ts.Confidence != 0 || ts.Evidence[0].Score != 0 {
		t.Errorf("a codebook's own theme: %+v; want judged by the rules, without confidence or score", ts)
	}
	if ts := p.theme(ThemeSupervisionOversight); ts.Confidence == 0 {
		t.Errorf("a core theme under an extending codebook has no confidence")
	}
	var src strings.Builder
	src.WriteString("format: 1\nmode: replace\nthemes:\n")
	for _, id := range CoreThemes() {
		src.WriteString("  - id: " + id + "\n    terms: [" + id + "]\n")
	}
	rep, err := LoadCodebook("rep.yaml", strings.NewReader(src.String()))
	if err != nil {
		t.Fatal(err)
	}
	if rep.sentenceModel() != nil {
		t.Error("a replacing codebook kept the model")
	}
}

// TestDefinedSections checks the sections whose points are judged by
// definition: a point to improve is a concern whatever its words, and a
// point among a JTAI letter's strengths is a strength unless it reads as
// a shortfall itself.
func TestDefinedSections(t *testing.T) {
	cb := mustBuiltin(t)
	cb.setModel(nil) // the rules alone
	cases := []struct {
		name, kind, text, theme string
		want                    Status
	}{
		{"a strength point", record.SectionStrengths,
			"Children's views are clearly recorded in assessments.",
			"voice-of-child", StatusStrength},
		{"a strength point with no judging word", record.SectionStrengths,
			"Joint visits by police and social workers to children.",
			"partnership", StatusStrength},
		{"a shortfall among the strengths", record.SectionStrengths,
			"However, the assessments completed by the police do not always incorporate the child's voice.",
			"voice-of-child", StatusConcern},
		{"a point to improve in words of praise", record.SectionImprovements,
			"Strengthen the quality and consistency of supervision.",
			"supervision-oversight", StatusConcern},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := findingsRecord("", c.text)
			rec.Letter.Kind = record.KindJTAI
			rec.Sections[0].Kind = c.kind
			checkStatus(t, cb.Profile(rec), c.theme, c.want)
		})
	}
}

// checkStatus fails t when profile p does not give theme the status want,
// and then logs how each sentence was read.
func checkStatus(t *testing.T, p *Profile, theme string, want Status) {
	t.Helper()
	if got := p.Status(theme); got != want {
		t.Errorf("%s: got %s, want %s", theme, got, want)
		for _, s := range p.Sentences {
			t.Logf("%s %v %q", s.Polarity, s.Themes, s.Text)
		}
	}
}

// TestJTAISubjectsExamined: a joint targeted area inspection names its
// subject in its own words, and the themes those words stand for were
// examined: "initial need and risk" is the front door, "children and
// families who need help" early help; "who need help and protection",
// Ofsted's name for all help and protection, is not early help.
func TestJTAISubjectsExamined(t *testing.T) {
	cb := mustBuiltin(t)
	tests := []struct {
		subject string
		want    string
		yes     bool
	}{
		{"the multi-agency response to identification of initial need and risk", ThemeFrontDoor, true},
		{"the multi-agency response to children and families who need help", ThemeEarlyHelp, true},
		{"the response for children and families who need help and protection", ThemeEarlyHelp, false},
		{"the response for children who need help or protection", ThemeEarlyHelp, false},
	}
	for _, tt := range tests {
		rec := &record.Record{AreasCovered: []string{tt.subject}}
		if got := cb.examined(rec)[tt.want]; got != tt.yes {
			t.Errorf("%q: %s examined %v, want %v", tt.subject, tt.want, got, tt.yes)
		}
	}
}
