package render

import (
	"bytes"
	"slices"
	"testing"

	"github.com/ofsted-letters/letters/analyse"
)

// TestNames checks the name an authority goes by where the output names
// the authority rather than a letter: the lookup's, with the names its
// letters print beside it, whichever letter comes first; the printed
// name alone for a key the lookup lacks.
func TestNames(t *testing.T) {
	visits := func(printed ...string) []analyse.Visit {
		var vs []analyse.Visit
		for _, p := range printed {
			vs = append(vs, analyse.Visit{Authority: p, AuthorityKey: "lewisham"})
		}
		return vs
	}
	names := Names{"lewisham": "Lewisham"}
	cases := []struct {
		name  string
		names Names
		tr    analyse.Trajectory
		want  string
	}{
		{"two styles", names, analyse.Trajectory{AuthorityKey: "lewisham", Authority: "London Borough of Lewisham",
			Visits: visits("London Borough of Lewisham", "Lewisham")}, "Lewisham (lewisham; as printed: London Borough of Lewisham, Lewisham)"},
		{"printed as the lookup has it", names, analyse.Trajectory{AuthorityKey: "lewisham", Authority: "Lewisham",
			Visits: visits("Lewisham", "Lewisham")}, "Lewisham (lewisham)"},
		{"no lookup", nil, analyse.Trajectory{AuthorityKey: "lewisham", Authority: "London Borough of Lewisham",
			Visits: visits("London Borough of Lewisham", "Lewisham")}, "London Borough of Lewisham (lewisham)"},
		{"a key the lookup lacks", names, analyse.Trajectory{AuthorityKey: "nowhere", Authority: "Nowhere Council"}, "Nowhere Council (nowhere)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.names.heading(&c.tr); got != c.want {
				t.Errorf("heading %q, want %q", got, c.want)
			}
		})
	}
}

// TestReportNames checks that the report names an authority as the
// lookup does, in its heading, its page's title and the corpus's table,
// and keeps the names its letters print under the heading.
func TestReportNames(t *testing.T) {
	c := compareFor(t, append(slices.Clone(liverpool), series...)...)
	c.Names = Names{"liverpool": "Liverpool"}
	var b bytes.Buffer
	if err := Page(&b, c, ""); err != nil {
		t.Fatal(err)
	}
	root := parsePage(t, b.Bytes())
	sec := root.one(t, `section[data-key=liverpool]`)
	if h := sec.one(t, "h2").textOf(); h != "Liverpool" {
		t.Errorf("heading %q, want Liverpool", h)
	}
	if p := sec.one(t, "p.la-printed").textOf(); p != "As its letters print it: Liverpool City Council." {
		t.Errorf("printed names %q", p)
	}
	row := root.one(t, `table[id=authority-table] tr[data-key=liverpool]`)
	if name := row.one(t, "th").textOf(); name != "Liverpool" {
		t.Errorf("the corpus table names it %q, want Liverpool", name)
	}
	for _, sec := range root.sel("section.la") {
		if sec.attr["data-key"] != "liverpool" && len(sec.sel("p.la-printed")) != 0 {
			t.Errorf("%s: printed names without a name from the lookup", sec.attr["data-key"])
		}
	}

	// The page of one authority takes its title from the lookup too.
	one := compareFor(t, liverpool...)
	one.Names = c.Names
	b.Reset()
	if err := Page(&b, one, ""); err != nil {
		t.Fatal(err)
	}
	if title := parsePage(t, b.Bytes()).one(t, "title").textOf(); title != "Liverpool: themes across 3 letters" {
		t.Errorf("the page of one authority is titled %q, want %q", title, "Liverpool: themes across 3 letters")
	}
}
