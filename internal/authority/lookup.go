package authority

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"sync"
)

//go:embed la-lookup.csv
var lookupCSV []byte

// License is the licence of the embedded lookup (MIT), which must be kept
// with any copy of it.
//
//go:embed la-lookup.LICENSE
var License string

// An Authority is one local authority with children's services.
type Authority struct {
	// Key is the key of its name (see Key).
	Key string
	// Name is its name as the ONS writes it ("Bristol, City of").
	Name string
	// LACode is the Department for Education's three-digit code ("341").
	LACode string
	// ONSCode is the nine-character ONS code ("E08000012"); for an
	// authority that no longer exists, the code it last had.
	ONSCode string
	// Region is its region in England ("North West").
	Region string
	// Neighbours are the DfE codes of its statistical neighbours, nearest
	// first (ten, or none for an authority that no longer exists).
	Neighbours []string
	// Successors is empty for an authority that exists; otherwise it says
	// which authorities took over and when.
	Successors string
}

// successors says, by DfE code, what became of the authorities of the
// lookup that no longer exist.
var successors = map[string]string{
	"909": "replaced in April 2023 by Cumberland (942) and Westmorland and Furness (943)",
	"928": "replaced in April 2021 by North Northamptonshire (940) and West Northamptonshire (941)",
	"836": "merged in April 2019 into Bournemouth, Christchurch and Poole (839)",
}

// table is the lookup, read once: by key and by DfE code.
var table = sync.OnceValues(func() (map[string]*Authority, map[string]*Authority) {
	byKey, byCode, err := read(lookupCSV)
	if err != nil {
		panic("authority: the embedded lookup does not read: " + err.Error()) // a build error, caught by the tests
	}
	return byKey, byCode
})

// ByKey returns the authority whose name, or one of its other names, has
// the key key.
func ByKey(key string) (Authority, bool) {
	byKey, _ := table()
	a, ok := byKey[key]
	if !ok {
		return Authority{}, false
	}
	return a.clone(), true
}

// ByCode returns the authority of a DfE code.
func ByCode(code string) (Authority, bool) {
	_, byCode := table()
	a, ok := byCode[code]
	if !ok {
		return Authority{}, false
	}
	return a.clone(), true
}

// clone returns a copy of a that shares nothing with the lookup, so that a
// caller who changes its Neighbours does not change the table.
func (a *Authority) clone() Authority {
	c := *a
	c.Neighbours = slices.Clone(a.Neighbours)
	return c
}

// read reads the lookup: each row is found under the key of its ONS name,
// then, where no row's ONS name has the same key, of each name it is also
// known as and of its upper-tier name (Cumberland's is "Cumbria", which
// stays Cumbria's). A key that two rows claim stays with the first.
func read(data []byte) (byKey, byCode map[string]*Authority, err error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, nil, err
	}
	if len(rows) < 2 {
		return nil, nil, fmt.Errorf("no rows")
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, h := range []string{"la_code", "la_code_new", "stat_neighbours", "local_authority_ons_name", "also_known_as", "region_name", "ltla23_ons", "utla23nm"} {
		if _, ok := col[h]; !ok {
			return nil, nil, fmt.Errorf("no column %q", h)
		}
	}
	byKey, byCode = map[string]*Authority{}, map[string]*Authority{}
	others := map[*Authority][]string{} // the other names of each row
	var all []*Authority
	for _, r := range rows[1:] {
		get := func(h string) string { return strings.TrimSpace(r[col[h]]) }
		a := &Authority{Name: get("local_authority_ons_name"), LACode: get("la_code"), ONSCode: get("la_code_new"),
			Region: get("region_name"), Successors: successors[get("la_code")]}
		if a.ONSCode == "" {
			a.ONSCode = get("ltla23_ons")
		}
		for n := range strings.SplitSeq(get("stat_neighbours"), ",") {
			if n = strings.TrimSpace(n); n != "" {
				a.Neighbours = append(a.Neighbours, n)
			}
		}
		a.Key = Key(a.Name)
		if byKey[a.Key] == nil {
			byKey[a.Key] = a
		}
		others[a] = append(others[a], get("utla23nm"))
		for n := range strings.SplitSeq(strings.Trim(get("also_known_as"), "[]"), ",") {
			others[a] = append(others[a], n)
		}
		if a.LACode != "" && byCode[a.LACode] == nil {
			byCode[a.LACode] = a
		}
		all = append(all, a)
	}
	for _, a := range all {
		for _, n := range others[a] {
			if k := Key(strings.TrimSpace(n)); k != "" && byKey[k] == nil {
				byKey[k] = a
			}
		}
	}
	return byKey, byCode, nil
}

// Keys returns every key the lookup knows, sorted.
func Keys() []string {
	byKey, _ := table()
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
