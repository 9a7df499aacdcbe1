package parse_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// facts are what a reader of each shared letter can check on the page.
type facts struct {
	date, name, honorific, role, organisation string
	kind, authority, key                      string
	dates                                     []string
	number                                    int
	judgement, event, since                   string
	inspectors                                []string
	framework                                 string
	areas                                     int
	hasOverview                               bool
	subheadings                               []string
	signedBy, signTitle                       string
	copiedTo                                  []string
}

func TestLetterFacts(t *testing.T) {
	tests := []struct {
		file string
		want facts
	}{
		{"liverpool-2025-09-monitoring.txt", facts{
			date: "2025-10-23", name: "Jenny Glennard",
			role:         "Corporate Director of Children and Young People’s Service",
			organisation: "Liverpool City Council",
			kind:         record.KindMonitoring, authority: "Liverpool City Council", key: "liverpool",
			dates: []string{"2025-09-23", "2025-09-24"}, number: 6,
			judgement: "inadequate", since: "2023-05",
			inspectors: []string{"Kathryn Grindrod", "Leanne Cooper"}, framework: "ILACS",
			areas:    4,
			signedBy: "Kathryn Grindrod", signTitle: "His Majesty’s Inspector",
			copiedTo: []string{"Department for Education"},
		}},
		{"liverpool-2024-07-monitoring.txt", facts{
			date: "2024-08-07", name: "Jenny Turnross",
			role:         "Corporate Director of Children and Young People’s Services",
			organisation: "Liverpool City Council",
			kind:         record.KindMonitoring, authority: "Liverpool City Council", key: "liverpool",
			dates: []string{"2024-07-08", "2024-07-09"}, number: 3,
			judgement: "inadequate", since: "2023-05",
			inspectors: []string{"Kathryn Grindrod", "Rebecca Dubbins"}, framework: "ILACS",
			areas:    5,
			signedBy: "Kathryn Grindrod", signTitle: "His Majesty’s Inspector",
			copiedTo: []string{"Department for Education"},
		}},
		{"liverpool-2017-07-monitoring.txt", facts{
			date: "2017-08-11", name: "Colette O'Brien", honorific: "Ms",
			role:         "Director, Children and Young People's Services",
			organisation: "Liverpool City Council",
			kind:         record.KindMonitoring, authority: "Liverpool City Council", key: "liverpool",
			dates: []string{"2017-07-12", "2017-07-13"}, number: 3,
			event: "joint targeted area inspection (JTAI) of the multi-agency response to abuse and neglect", since: "2016-06",
			inspectors: []string{"Nigel Parkes", "Pauline Higham"},
			areas:      3, hasOverview: true,
			subheadings: []string{"1. Leadership and management", "2. Identification, assessment and reduction of risks", "3. Child sexual exploitation and missing"},
			signedBy:    "Nigel Parkes", signTitle: "Her Majesty's Inspector",
			copiedTo: []string{"Department for Education"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rec, err := parse.File(context.Background(), filepath.Join("..", "testdata", "letters", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			since := rec.Visit.Since
			if since == nil {
				since = &record.Since{}
			}
			got := facts{
				date: rec.Letter.Date, name: rec.Letter.Recipient.Name, honorific: rec.Letter.Recipient.Honorific,
				role: rec.Letter.Recipient.Role, organisation: rec.Letter.Recipient.Organisation,
				kind: rec.Letter.Kind, authority: rec.Visit.LocalAuthority, key: rec.Visit.AuthorityKey,
				dates: rec.Visit.Dates, number: rec.Visit.Number,
				judgement: since.Judgement, event: since.Event, since: since.Month,
				inspectors: rec.Visit.Inspectors, framework: rec.Visit.Framework,
				areas:    len(rec.AreasCovered),
				signedBy: rec.Signoff.Name, signTitle: rec.Signoff.Title, copiedTo: rec.Signoff.CopiedTo,
			}
			for _, s := range rec.Sections {
				if s.Kind == record.SectionOverview {
					got.hasOverview = true
				}
				for _, p := range s.Paragraphs {
					if p.Subheading != "" && (len(got.subheadings) == 0 || got.subheadings[len(got.subheadings)-1] != p.Subheading) {
						got.subheadings = append(got.subheadings, p.Subheading)
					}
				}
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(facts{})); diff != "" {
				t.Errorf("facts of %s (-want +got):\n%s", tt.file, diff)
			}
			if len(rec.Findings) == 0 || len(rec.HeadlineFindings) == 0 {
				t.Errorf("findings %d, headline findings %d: want both", len(rec.Findings), len(rec.HeadlineFindings))
			}
		})
	}
}

func TestNotALetter(t *testing.T) {
	inputs, _ := filepath.Glob("../testdata/notletters/*")
	if len(inputs) == 0 {
		t.Fatal("no inputs in ../testdata/notletters")
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			_, err := parse.File(context.Background(), in)
			var pe *parse.Error
			if !errors.Is(err, parse.ErrNotALetter) || !errors.As(err, &pe) || pe.File != in || pe.Line < 1 {
				t.Errorf("got %v, want a *parse.Error for %s at a line, wrapping ErrNotALetter", err, in)
			}
		})
	}
}

// TestLookalike checks that documents Ofsted publishes that are not
// letters letters reads are refused with a reason that names what they
// look like.
func TestLookalike(t *testing.T) {
	tests := []struct {
		file, want string
	}{
		{"ilacs-report.synthetic.txt", "an inspection report (ILACS), not a letter"},
		{"area-send-report.synthetic.txt", "an area SEND inspection report or letter"},
		{"school-report.synthetic.txt", "a school inspection report, not a letter"},
		{"not-a-letter-news-2024.txt", "no salutation"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := parse.File(context.Background(), filepath.Join("../testdata/notletters", tt.file))
			if !errors.Is(err, parse.ErrNotALetter) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want ErrNotALetter saying %q", err, tt.want)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
	}{
		{"empty", "", parse.ErrEmpty},
		{"only space", " \n\t\n", parse.ErrEmpty},
		{"binary", "\x00\x01\x02letter", parse.ErrBinary},
		{"prose", "Children's services in England are inspected by Ofsted.\n", parse.ErrNotALetter},
		{"greeting only", "Dear Sam\n\nThanks for lunch.\n", parse.ErrNotALetter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse.Bytes(context.Background(), "in.txt", []byte(tt.data))
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

// TestBinaryHint checks that binary data under a name a folder walk skips
// (a word processor's document, an image) says what the file is and what
// to do with it, and is still ErrBinary; under any other name it is not
// guessed at.
func TestBinaryHint(t *testing.T) {
	tests := []struct{ name, want string }{
		{"letter.docx", "binary data, neither text nor PDF (a word processor's document: save it as PDF or text to read it)"},
		{"scan.JPG", "binary data, neither text nor PDF (an image: letters reads PDF and text, not scans)"},
		{"letter.txt", "binary data, neither text nor PDF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse.Bytes(context.Background(), tt.name, []byte("PK\x03\x04\x00\x01\x02"))
			if !errors.Is(err, parse.ErrBinary) {
				t.Fatalf("got %v, want ErrBinary", err)
			}
			if got := err.Error(); !strings.HasSuffix(got, tt.want) {
				t.Errorf("got %q, want it to end %q", got, tt.want)
			}
		})
	}
}
