package analyse

import (
	"testing"

	"github.com/ofsted-letters/letters/record"
)

func TestOneVisitEach(t *testing.T) {
	rec := func(path, format, key, letter string, days ...string) *record.Record {
		r := &record.Record{}
		r.Source.Path, r.Source.Format = path, format
		r.Visit.AuthorityKey, r.Visit.Dates, r.Letter.Date = key, days, letter
		return r
	}
	const txt, pdf = record.FormatText, record.FormatPDF
	cases := []struct {
		name  string
		recs  []*record.Record
		kept  []string
		aside map[string]string // set aside: kept instead
	}{
		{"text then PDF: the PDF is kept in the text's place",
			[]*record.Record{rec("a.txt", txt, "k", "2020-02-01", "2020-01-01"), rec("b.txt", txt, "k", "2021-02-01", "2021-01-01"), rec("a.pdf", pdf, "k", "2020-02-01", "2020-01-01")},
			[]string{"a.pdf", "b.txt"}, map[string]string{"a.txt": "a.pdf"}},
		{"PDF then text",
			[]*record.Record{rec("a.pdf", pdf, "k", "", "2020-01-01", "2020-01-02"), rec("a.txt", txt, "k", "", "2020-01-01", "2020-01-02")},
			[]string{"a.pdf"}, map[string]string{"a.txt": "a.pdf"}},
		{"two PDFs: the first",
			[]*record.Record{rec("a1.pdf", pdf, "k", "", "2020-01-01"), rec("a2.pdf", pdf, "k", "", "2020-01-01")},
			[]string{"a1.pdf"}, map[string]string{"a2.pdf": "a1.pdf"}},
		{"other days are another visit",
			[]*record.Record{rec("a.pdf", pdf, "k", "", "2020-01-01", "2020-01-02"), rec("b.pdf", pdf, "k", "", "2020-01-01")},
			[]string{"a.pdf", "b.pdf"}, nil},
		{"other authority, same days",
			[]*record.Record{rec("a.pdf", pdf, "k", "", "2020-01-01"), rec("b.pdf", pdf, "m", "", "2020-01-01")},
			[]string{"a.pdf", "b.pdf"}, nil},
		{"no visit dates: the letter date",
			[]*record.Record{rec("a.txt", txt, "k", "2020-03-01"), rec("a.pdf", pdf, "k", "2020-03-01"), rec("b.pdf", pdf, "k", "2020-04-01")},
			[]string{"a.pdf", "b.pdf"}, map[string]string{"a.txt": "a.pdf"}},
		{"no date at all: never taken for another",
			[]*record.Record{rec("a.txt", txt, "k", ""), rec("b.txt", txt, "k", "")},
			[]string{"a.txt", "b.txt"}, nil},
		{"no authority key: never taken for another",
			[]*record.Record{rec("a.txt", txt, "", "", "2020-01-01"), rec("b.txt", txt, "", "", "2020-01-01")},
			[]string{"a.txt", "b.txt"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kept, aside := OneVisitEach(c.recs)
			var got []string
			for _, r := range kept {
				got = append(got, r.Source.Path)
			}
			if len(got) != len(c.kept) {
				t.Fatalf("kept %v, want %v", got, c.kept)
			}
			for i := range got {
				if got[i] != c.kept[i] {
					t.Fatalf("kept %v, want %v", got, c.kept)
				}
			}
			if len(aside) != len(c.aside) {
				t.Fatalf("set aside %d letters, want %d", len(aside), len(c.aside))
			}
			for _, a := range aside {
				if want := c.aside[a.Record.Source.Path]; a.Kept.Source.Path != want {
					t.Errorf("%s set aside for %s, want %s", a.Record.Source.Path, a.Kept.Source.Path, want)
				}
				if a.Reason == "" {
					t.Errorf("%s set aside without a reason", a.Record.Source.Path)
				}
			}
		})
	}
}
