package render

import (
	"archive/zip"
	"cmp"
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/record"
)

// QDANamespace is the namespace of a REFI-QDA project (QDA-XML 1.0).
const QDANamespace = "urn:QDA-XML:project:1.0"

// qdaNamespaceUUID is the namespace of the name-based UUIDs of an export
// (RFC 9562, version 5): the same letters give the same GUIDs, so a
// re-export diffs cleanly.
var qdaNamespaceUUID = [16]byte{0x6f, 0x66, 0x73, 0x74, 0x65, 0x64, 0x4c, 0x65, 0x8e, 0x74, 0x74, 0x65, 0x72, 0x73, 0x51, 0x44}

// zipTime is the modification time of every file in the archive: a fixed
// one, so that the same input gives the same bytes.
var zipTime = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// Colours of the codes (#RRGGBB), as on the HTML page.
const (
	colourTheme    = "#5B6770"
	colourConcern  = "#B3261E"
	colourStrength = "#1E6B37"
)

// Child codes of each theme.
const (
	codeConcern  = "concern"  // sentences that judge the theme badly
	codeStrength = "strength" // sentences that judge it well
)

// A QDALetter is one letter to export: its record and its profile.
type QDALetter struct {
	Record  *record.Record
	Profile *analyse.Profile
}

// A QDALoader gives a letter back whole, just before QDPX writes it: its
// whole record (its text), and its profile with the evidence of each
// theme when evidence is set. Until then QDPX reads of a letter only its
// record's source and visit, so that letters may be held as no more than
// that.
type QDALoader func(l QDALetter, evidence bool) (QDALetter, error)

// QDAStats counts what an export holds.
type QDAStats struct {
	// Letters counts the text sources, Selections the coded sentences,
	// and Codings the codes given to them (a sentence can have several).
	Letters, Selections, Codings int
	// Unplaced counts evidence sentences not found in their letter's
	// text; they are left out (a bug if ever not 0).
	Unplaced int
}

// QDPX writes a REFI-QDA project (.qdpx: a zip of project.qde and one
// plain text per letter under sources/) that NVivo, ATLAS.ti, MAXQDA and
// QualCoder import. The codebook has a code per theme with the child
// codes concern and strength; each letter is a TextSource with its
// variables (authority, codes, region, dates, kind, visit number); each
// sentence that names a theme is a PlainTextSelection, at character
// (Unicode code point) offsets into the letter's text, coded concern
// (negative), strength (positive), both (mixed) or with the theme itself
// (named without being judged). Each authority is a Case of its letters.
//
// The project is written as it is made, one letter at a time, each
// given back whole by load (twice: for its text, then for its coded
// sentences), or taken as it is when load is nil; w receives the
// archive in pieces.
func QDPX(w io.Writer, name string, letters []QDALetter, load QDALoader, cb *analyse.Codebook, description string) (QDAStats, error) {
	if load == nil {
		load = func(l QDALetter, _ bool) (QDALetter, error) { return l, nil }
	}
	p := qdaProject{Xmlns: QDANamespace, Name: name, Origin: "letters", CreatingUser: guid("user", "letters"), Description: description}
	p.Users = &qdaUsers{User: []qdaUser{{GUID: p.CreatingUser, Name: "letters"}}}
	codes := map[string]string{} // theme id or id/child: GUID
	var book []qdaCode
	for _, id := range cb.ThemeIDs() {
		c := qdaCode{GUID: guid("code", id), Name: cb.Label(id), IsCodable: true, Color: colourTheme,
			Description: id + ": sentences that name the theme; its children hold those that judge it"}
		codes[id] = c.GUID
		for _, child := range []struct{ name, colour, what string }{
			{codeConcern, colourConcern, "judge it badly"}, {codeStrength, colourStrength, "judge it well"}} {
			g := guid("code", id+"/"+child.name)
			codes[id+"/"+child.name] = g
			c.Code = append(c.Code, qdaCode{GUID: g, Name: child.name, IsCodable: true, Color: child.colour,
				Description: "sentences that " + child.what + " (" + id + ")"})
		}
		book = append(book, c)
	}
	p.CodeBook = &qdaCodeBook{Codes: qdaCodes{Code: book}}
	vars := qdaVariableList()
	p.Variables = &qdaVariables{}
	for _, v := range vars {
		p.Variables.Variable = append(p.Variables.Variable, qdaVariable{GUID: guid("variable", v.name), Name: v.name, Type: v.kind, Description: v.what})
	}
	zw := zip.NewWriter(w)
	cases := map[string]*qdaCase{}
	var caseKeys []string
	for _, l := range letters {
		rec := l.Record
		key := cmp.Or(rec.Visit.AuthorityKey, rec.Visit.LocalAuthority)
		if cases[key] == nil {
			cases[key] = &qdaCase{GUID: guid("case", key), Name: cmp.Or(rec.Visit.LocalAuthority, key)}
			caseKeys = append(caseKeys, key)
		}
		cases[key].SourceRef = append(cases[key].SourceRef, qdaRef{Target: sourceGUID(rec)})
		l, err := load(l, false)
		if err != nil {
			return QDAStats{}, err
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: "sources/" + sourceGUID(rec) + ".txt", Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return QDAStats{}, err
		}
		text, _ := plainText(l.Record, false)
		if _, err := io.WriteString(f, text); err != nil {
			return QDAStats{}, err
		}
	}
	slices.Sort(caseKeys)
	if len(caseKeys) > 0 {
		p.Cases = &qdaCases{}
		for _, k := range caseKeys {
			p.Cases.Case = append(p.Cases.Case, *cases[k])
		}
	}
	src := &qdaSources{letters: letters, load: load, codes: codes, vars: vars}
	p.Sources = src
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "project.qde", Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return src.stats, err
	}
	if _, err := io.WriteString(f, xml.Header); err != nil {
		return src.stats, err
	}
	enc := xml.NewEncoder(f)
	enc.Indent("", " ")
	if err := enc.Encode(p); err != nil {
		return src.stats, err
	}
	return src.stats, zw.Close()
}

// sourceGUID returns the GUID of a letter's text source, made of its
// SHA-256, or its path when it has none.
func sourceGUID(rec *record.Record) string {
	return guid("source", cmp.Or(rec.Source.SHA256, rec.Source.Path))
}

// qdaSources writes the Sources of a project, one letter at a time as
// load gives it back, and counts them in stats. TextSource holds them
// when a project is read back.
type qdaSources struct {
	TextSource []qdaTextSource `xml:"TextSource"`

	letters []QDALetter
	load    QDALoader
	codes   map[string]string // theme id or id/child: GUID
	vars    []qdaVariableDef
	stats   QDAStats
}

// MarshalXML writes the element start with a TextSource per letter.
func (s *qdaSources) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	elem := xml.StartElement{Name: xml.Name{Local: "TextSource"}}
	for _, l := range s.letters {
		l, err := s.load(l, true)
		if err != nil {
			return err
		}
		rec := l.Record
		src := qdaTextSource{GUID: sourceGUID(rec), Name: sourceName(rec)}
		src.PlainTextPath = "internal://" + src.GUID + ".txt"
		text, spans := plainText(rec, true)
		selections, codings, unplaced := selectionsOf(l.Profile, text, spans, s.codes, src.GUID)
		src.Selections = selections
		s.stats.Selections += len(selections)
		s.stats.Codings += codings
		s.stats.Unplaced += unplaced
		src.Variables = variableValues(s.vars, l.Profile.Visit)
		if err := e.EncodeElement(src, elem); err != nil {
			return err
		}
		s.stats.Letters++
	}
	return e.EncodeToken(start.End())
}

// sourceName names a letter in the project: its file name.
func sourceName(rec *record.Record) string {
	p := rec.Source.Path
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		p = p[i+1:]
	}
	return p
}

// A textSpan is where one sentence stands in a letter's plain text, in
// characters (code points) from 0; End is past its last character.
type textSpan struct {
	Text       string
	Start, End int
}

// spanKey names a sentence as analyse.Where does.
func spanKey(heading, kind string, paragraph, sentence int) string {
	return fmt.Sprintf("%s\x00%s\x00%d\x00%d", heading, kind, paragraph, sentence)
}

// plainText writes a letter as plain text, the title and then each
// section's heading and paragraphs, a blank line between them, and
// returns where each sentence of each paragraph stands in it, under its
// spanKey, unless withSpans is false. A sentence is found in its
// paragraph's text from where the one before it ended.
func plainText(rec *record.Record, withSpans bool) (string, map[string][]textSpan) {
	var b strings.Builder
	n := 0 // characters written
	write := func(s string) {
		b.WriteString(s)
		n += utf8.RuneCountInString(s)
	}
	var spans map[string][]textSpan
	if withSpans {
		spans = map[string][]textSpan{}
	}
	if rec.Letter.Title != "" {
		write(rec.Letter.Title + "\n\n")
	}
	for _, sec := range rec.Sections {
		if sec.Heading != "" {
			write(sec.Heading + "\n\n")
		}
		for pi, para := range sec.Paragraphs {
			if !withSpans {
				write(para.Text + "\n\n")
				continue
			}
			start := n
			from := 0 // bytes of para.Text already matched
			for si, s := range analyse.Sentences(para.Text) {
				i := strings.Index(para.Text[from:], s)
				if i < 0 {
					continue
				}
				at := start + utf8.RuneCountInString(para.Text[:from+i])
				k := spanKey(sec.Heading, sec.Kind, pi+1, si+1)
				spans[k] = append(spans[k], textSpan{Text: s, Start: at, End: at + utf8.RuneCountInString(s)})
				from += i + len(s)
			}
			write(para.Text + "\n\n")
		}
	}
	return b.String(), spans
}

// selectionsOf returns a letter's selections: one per sentence that names
// a theme, in text order, each with its codings; how many codings; and
// how many evidence sentences were not found in the text.
func selectionsOf(p *analyse.Profile, text string, spans map[string][]textSpan, codes map[string]string, source string) ([]qdaSelection, int, int) {
	type placed struct {
		span  textSpan
		codes []string
	}
	byStart := map[int]*placed{}
	var starts []int
	unplaced := 0
	for _, ts := range p.Themes {
		for _, e := range ts.Evidence {
			var sp *textSpan
			for _, c := range spans[spanKey(e.Section, e.SectionKind, e.Paragraph, e.Sentence)] {
				if c.Text == e.Text {
					sp = &c
					break
				}
			}
			if sp == nil {
				unplaced++
				continue
			}
			pl := byStart[sp.Start]
			if pl == nil {
				pl = &placed{span: *sp}
				byStart[sp.Start] = pl
				starts = append(starts, sp.Start)
			}
			switch e.Polarity {
			case analyse.Negative:
				pl.codes = append(pl.codes, ts.Theme+"/"+codeConcern)
			case analyse.Positive:
				pl.codes = append(pl.codes, ts.Theme+"/"+codeStrength)
			case analyse.Mixed:
				pl.codes = append(pl.codes, ts.Theme+"/"+codeConcern, ts.Theme+"/"+codeStrength)
			default:
				pl.codes = append(pl.codes, ts.Theme)
			}
		}
	}
	slices.Sort(starts)
	var out []qdaSelection
	codings := 0
	for _, s := range starts {
		pl := byStart[s]
		id := source + "/" + strconv.Itoa(pl.span.Start)
		sel := qdaSelection{GUID: guid("selection", id), Name: excerpt(pl.span.Text), Start: pl.span.Start, End: pl.span.End}
		for _, c := range pl.codes {
			sel.Coding = append(sel.Coding, qdaCoding{GUID: guid("coding", id+"/"+c), CodeRef: qdaRef{Target: codes[c]}})
		}
		codings += len(sel.Coding)
		out = append(out, sel)
	}
	return out, codings, unplaced
}

// excerptWords is how many words of a sentence name its selection.
const excerptWords = 8

// excerpt names a selection by the first words of its sentence.
func excerpt(s string) string {
	w := strings.Fields(s)
	if len(w) > excerptWords {
		return strings.Join(w[:excerptWords], " ") + " …"
	}
	return s
}

// A qdaVariableDef is one variable of every letter.
type qdaVariableDef struct {
	name, kind, what string
	value            func(v analyse.Visit) string
}

// qdaVariableList returns the variables of a letter, in order.
func qdaVariableList() []qdaVariableDef {
	return []qdaVariableDef{
		{"authority", "Text", "the local authority as the letter prints it", func(v analyse.Visit) string { return v.Authority }},
		{"authority_key", "Text", "the key that groups an authority's letters", func(v analyse.Visit) string { return v.AuthorityKey }},
		{"la_code", "Text", "the Department for Education's code of the authority", func(v analyse.Visit) string { return v.LACode }},
		{"ons_code", "Text", "the ONS code of the authority", func(v analyse.Visit) string { return v.ONSCode }},
		{"region", "Text", "the authority's region of England", func(v analyse.Visit) string { return v.Region }},
		{"letter_date", "Date", "the date of the letter", func(v analyse.Visit) string { return v.LetterDate }},
		{"visit_date", "Date", "the first day of the visit", func(v analyse.Visit) string { return v.Date }},
		{"kind", "Text", "monitoring-visit, focused-visit, joint-targeted-area-inspection or other", func(v analyse.Visit) string { return v.Kind }},
		{"visit_number", "Integer", "which monitoring visit", func(v analyse.Visit) string { return number(v.Number) }},
	}
}

// variableValues returns the values a letter has (an unknown value is
// left out).
func variableValues(defs []qdaVariableDef, v analyse.Visit) []qdaVariableValue {
	var out []qdaVariableValue
	for _, d := range defs {
		val := d.value(v)
		if val == "" {
			continue
		}
		vv := qdaVariableValue{Ref: qdaRef{Target: guid("variable", d.name)}}
		switch d.kind {
		case "Date":
			if _, err := time.Parse(time.DateOnly, val); err != nil {
				continue
			}
			vv.Date = val
		case "Integer":
			vv.Integer = val
		default:
			vv.Text = &val
		}
		out = append(out, vv)
	}
	return out
}

// guid returns the name-based UUID (version 5, SHA-1) of kind and name,
// in the 8-4-4-4-12 form.
func guid(kind, name string) string {
	h := sha1.New()
	h.Write(qdaNamespaceUUID[:])
	h.Write([]byte(kind + ":" + name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// The elements of project.qde, in the order of the schema.
type qdaProject struct {
	XMLName      xml.Name      `xml:"Project"`
	Xmlns        string        `xml:"xmlns,attr"`
	Name         string        `xml:"name,attr"`
	Origin       string        `xml:"origin,attr"`
	CreatingUser string        `xml:"creatingUserGUID,attr"`
	Users        *qdaUsers     `xml:"Users"`
	CodeBook     *qdaCodeBook  `xml:"CodeBook"`
	Variables    *qdaVariables `xml:"Variables"`
	Cases        *qdaCases     `xml:"Cases"`
	Sources      *qdaSources   `xml:"Sources"` // written by its MarshalXML
	Description  string        `xml:"Description,omitempty"`
}

type qdaUsers struct {
	User []qdaUser `xml:"User"`
}

type qdaUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
}

type qdaCodeBook struct {
	Codes qdaCodes `xml:"Codes"`
}

type qdaCodes struct {
	Code []qdaCode `xml:"Code"`
}

type qdaCode struct {
	GUID        string    `xml:"guid,attr"`
	Name        string    `xml:"name,attr"`
	IsCodable   bool      `xml:"isCodable,attr"`
	Color       string    `xml:"color,attr,omitempty"`
	Description string    `xml:"Description,omitempty"`
	Code        []qdaCode `xml:"Code"`
}

type qdaVariables struct {
	Variable []qdaVariable `xml:"Variable"`
}

type qdaVariable struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Type        string `xml:"typeOfVariable,attr"`
	Description string `xml:"Description,omitempty"`
}

type qdaCases struct {
	Case []qdaCase `xml:"Case"`
}

type qdaCase struct {
	GUID      string   `xml:"guid,attr"`
	Name      string   `xml:"name,attr"`
	SourceRef []qdaRef `xml:"SourceRef"`
}

type qdaRef struct {
	Target string `xml:"targetGUID,attr"`
}

type qdaTextSource struct {
	GUID          string             `xml:"guid,attr"`
	Name          string             `xml:"name,attr"`
	PlainTextPath string             `xml:"plainTextPath,attr"`
	Selections    []qdaSelection     `xml:"PlainTextSelection"`
	Variables     []qdaVariableValue `xml:"VariableValue"`
}

type qdaSelection struct {
	GUID   string      `xml:"guid,attr"`
	Name   string      `xml:"name,attr"`
	Start  int         `xml:"startPosition,attr"`
	End    int         `xml:"endPosition,attr"`
	Coding []qdaCoding `xml:"Coding"`
}

type qdaCoding struct {
	GUID    string `xml:"guid,attr"`
	CodeRef qdaRef `xml:"CodeRef"`
}

type qdaVariableValue struct {
	Ref     qdaRef  `xml:"VariableRef"`
	Text    *string `xml:"TextValue"`
	Integer string  `xml:"IntegerValue,omitempty"`
	Date    string  `xml:"DateValue,omitempty"`
}
