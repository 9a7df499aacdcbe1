package cmd

import (
	"context"
	"crypto/sha256"
	"os"
	"sync"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/internal/profilecache"
	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// An analyser profiles the letters that the analysis commands read, with
// the codebook in force, through the profile cache beside the records
// (package profilecache) unless --no-cache.
type analyser struct {
	cb    *analyse.Codebook
	cache *profilecache.Cache // nil: every letter is analysed
	// full keeps whole records (export writes their text); otherwise a
	// record is kept as profilecache.Slim keeps it, which is all that
	// themes, diff, summary and report read of it besides its profile.
	full bool
	// evidence keeps the sentences behind each theme's status; without
	// it a profile holds statuses and counts (see needsEvidence).
	evidence bool
}

// newAnalyser returns the analyser of codebook cb; noCache leaves the
// cache alone, and so does a program that cannot read itself.
func newAnalyser(cb *analyse.Codebook, noCache, full, evidence bool) (*analyser, error) {
	an := &analyser{cb: cb, full: full, evidence: evidence}
	if noCache {
		return an, nil
	}
	prog := programSum()
	if prog == nil {
		return an, nil
	}
	book, err := cb.Marshal()
	if err != nil {
		return nil, err
	}
	an.cache = profilecache.New(profilecache.Fingerprint([]byte(programVersion()), prog, book))
	return an, nil
}

// programSum returns the SHA-256 of the running program's file, or nil
// when it cannot be read: a new release, or any rebuild of the rules or
// of a model embedded in the program, changes it.
var programSum = sync.OnceValue(func() []byte {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	sum, err := profilecache.Sum(exe)
	if err != nil {
		return nil
	}
	return sum[:]
})

// profile profiles recs, each with its authority's codes filled in first.
func (an *analyser) profile(recs []*record.Record) []*analyse.Profile {
	profs := make([]*analyse.Profile, len(recs))
	for i, r := range recs {
		fillCodes(r)
		p := an.cb.Profile(r)
		p.Sentences = nil // only the themes' evidence is shown
		profs[i] = p
	}
	return profs
}

// drop leaves out of profs what the output does not show: the evidence,
// unless it shows it.
func (an *analyser) drop(profs []*analyse.Profile) []*analyse.Profile {
	if an.evidence {
		return profs
	}
	for _, p := range profs {
		for k := range p.Themes {
			p.Themes[k].Evidence = nil
		}
	}
	return profs
}

// tuneGC runs the collector at batchGCPercent (see tuneGC) when the
// output holds no evidence, and so memory stays small: measured on diff
// --no-cache over the 344-letter corpus, 0.85× the CPU for 19 MB more
// peak. An output with evidence holds it all, and keeps Go's default.
func (an *analyser) tuneGC() (restore func()) {
	if an.evidence {
		return func() {}
	}
	return tuneGC(batchGCPercent)
}

// keep returns recs as the command keeps them: whole, or slim.
func (an *analyser) keep(recs []*record.Record) []*record.Record {
	if an.full {
		return recs
	}
	out := make([]*record.Record, len(recs))
	for i, r := range recs {
		out[i] = an.slim(r)
	}
	return out
}

// profileAndKeep profiles recs (filling in their authorities' codes) and
// returns them and their profiles as the command keeps them (keep, drop).
func (an *analyser) profileAndKeep(recs []*record.Record) ([]*record.Record, []*analyse.Profile) {
	profs := an.drop(an.profile(recs))
	return an.keep(recs), profs
}

// readFile reads one file, records or a letter as record.IsRecordFile
// tells, and profiles its letters. The profiles of a record file come
// from the cache when it holds them, and go to it when it does not.
//
// A FIFO or device is read as readSpecial reads it, and not cached.
func (an *analyser) readFile(ctx context.Context, path string) ([]*record.Record, []*analyse.Profile, error) {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		recs, err := readSpecial(ctx, path)
		if err != nil {
			return nil, nil, err
		}
		recs, profs := an.profileAndKeep(recs)
		return recs, profs, nil
	}
	if !record.IsRecordFile(path) {
		rec, err := parse.File(ctx, path)
		if err != nil {
			return nil, nil, err
		}
		recs, profs := an.profileAndKeep([]*record.Record{rec})
		return recs, profs, nil
	}
	var sum [sha256.Size]byte
	cached := an.cache != nil
	if cached {
		var err error
		if sum, err = profilecache.Sum(path); err != nil {
			cached = false // record.ReadFile says why
		}
	}
	var entries []profilecache.Entry
	if cached {
		entries, _ = an.cache.Load(path, sum, an.evidence)
	}
	if entries != nil && !an.full {
		recs, profs := split(entries)
		return an.keep(recs), profs, nil
	}
	recs, err := record.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	if entries != nil && len(entries) == len(recs) {
		_, profs := split(entries)
		for _, r := range recs {
			fillCodes(r)
		}
		return recs, profs, nil
	}
	profs := an.profile(recs)
	if cached {
		entries = make([]profilecache.Entry, len(recs))
		for i := range recs {
			entries[i] = profilecache.Entry{Record: recs[i], Profile: profs[i]}
		}
		_ = an.cache.Store(path, sum, entries) // a folder that cannot be written to is not cached
	}
	return an.keep(recs), an.drop(profs), nil
}

// slim returns rec as profilecache.Slim keeps it, and without its areas
// covered and points for improvement when the output shows no evidence
// (only the page, which shows evidence, shows them).
func (an *analyser) slim(rec *record.Record) *record.Record {
	r := profilecache.Slim(rec)
	if !an.evidence {
		r.AreasCovered, r.Improvements, r.PriorityActions = nil, nil, nil
	}
	return r
}

// split returns the records and profiles of cache entries.
func split(entries []profilecache.Entry) ([]*record.Record, []*analyse.Profile) {
	recs := make([]*record.Record, len(entries))
	profs := make([]*analyse.Profile, len(entries))
	for i, e := range entries {
		recs[i], profs[i] = e.Record, e.Profile
	}
	return recs, profs
}
