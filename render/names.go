package render

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ofsted-letters/letters/analyse"
)

// Names gives, by authority key, the name of each authority as the
// lookup of local authority codes writes it (the ONS's name: "Derby",
// "Lewisham", "Bristol, City of"), the authority of the key's la_code.
// Letters print an authority's name in many ways ("Derby City", "Derby
// City Council", "London Borough of Lewisham"), and a trajectory is named
// by its first letter, so that the name would change with the letters
// given and a corpus table would mix the styles. The headings and tables
// that name an authority rather than a letter (diff's table and markdown,
// the report) use this name and list the printed ones beside it; a key
// it lacks keeps the name its first letter prints. What names one letter,
// and YAML, JSON and CSV, keep the printed name. Package cmd fills it.
type Names map[string]string

// name returns the name of the authority whose key and printed name (its
// first letter's) are given.
func (n Names) name(key, printed string) string {
	if s := n[key]; s != "" {
		return s
	}
	return cmp.Or(printed, key)
}

// printed returns the names that the letters of tr print for their
// authority, each once, in letter order, when the lookup names it and
// some letter prints another name; nil otherwise.
func (n Names) printed(tr *analyse.Trajectory) []string {
	name := n[tr.AuthorityKey]
	if name == "" {
		return nil
	}
	var out []string
	for _, v := range tr.Visits {
		if v.Authority != "" && !slices.Contains(out, v.Authority) {
			out = append(out, v.Authority)
		}
	}
	if len(out) == 0 || len(out) == 1 && out[0] == name {
		return nil
	}
	return out
}

// heading names the authority of tr over its table in diff: "Derby
// (derby; as printed: Derby City, Derby City Council)".
func (n Names) heading(tr *analyse.Trajectory) string {
	s := n.name(tr.AuthorityKey, tr.Authority) + " (" + tr.AuthorityKey
	if p := n.printed(tr); p != nil {
		s += "; as printed: " + strings.Join(p, ", ")
	}
	return s + ")"
}
