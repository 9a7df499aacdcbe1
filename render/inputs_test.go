package render

import (
	"context"
	"slices"
	"testing"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// Letters of the tests.
const (
	liv17 = "../testdata/letters/liverpool-2017-07-monitoring.txt"
	liv24 = "../testdata/letters/liverpool-2024-07-monitoring.txt"
	liv25 = "../testdata/letters/liverpool-2025-09-monitoring.txt"
)

// compareFor compares the letters or records that args name as letters
// diff and letters report do with their default flags: two letters
// named are compared whichever their authorities, more are grouped by
// authority.
func compareFor(t testing.TB, args ...string) Comparison {
	t.Helper()
	files, errs := record.List(args, record.ListOptions{})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	var recs []*record.Record
	for _, f := range files {
		if record.IsRecordFile(f) {
			rs, err := record.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			recs = append(recs, rs...)
			continue
		}
		rec, err := parse.File(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	recs, _ = analyse.OneVisitEach(recs)
	cb, err := analyse.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	c := Comparison{Codebook: cb, Records: map[analyse.Visit]*record.Record{}, Profiles: VisitProfiles{}}
	var profiles []*analyse.Profile
	for _, r := range recs {
		p := cb.Profile(r)
		c.Rule.Mark(p)
		profiles = append(profiles, p)
		c.Records[p.Visit] = r
		c.Profiles.Add(p)
	}
	if len(args) == 2 && !slices.Contains(args, "-") && len(profiles) == 2 {
		c.Trajectories = []analyse.Trajectory{c.Rule.Compare(profiles[0], profiles[1])}
	} else {
		c.Trajectories = c.Rule.Track(profiles)
	}
	return c
}
