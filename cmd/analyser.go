package cmd

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/internal/profilecache"
	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
	"github.com/ofsted-letters/letters/render"
)

// An analyser profiles the letters that the analysis commands read, with
// the codebook in force, through the profile cache beside the records
// (package profilecache) unless --no-cache.
type analyser struct {
	cb    *analyse.Codebook
	cache *profilecache.Cache // nil: every letter is analysed
	// full keeps whole records (export writes their text), but for those
	// whose evidence is left in the cache (later), which export reads
	// again one at a time; otherwise a record is kept as
	// profilecache.Slim keeps it, which is all that themes, diff,
	// summary and report read of it besides its profile.
	full bool
	// evidence keeps the sentences behind each theme's status; without
	// it a profile holds statuses and counts (see needsEvidence).
	evidence bool
	// later leaves the evidence of a record file's letters in the cache,
	// to be read back one letter at a time by fill when the output prints
	// it, and so memory stays flat (see setLater). Letters that the cache
	// does not hold keep their evidence.
	later bool
	// records keeps each letter's record (slim) for an output that shows
	// it, the page, even when its themes are packed, unless the cache
	// holds it (isDeferred): the page reads it back from there.
	records bool

	// ids are the codebook's themes, in order; packed, when set, holds
	// the packed themes of the profiles read without them (see setPacked).
	ids []string

	mu      sync.Mutex
	origins map[*analyse.Profile]origin // profiles whose evidence is left in the cache
	packed  map[*analyse.Profile][]byte
	// indexed are the profiles, read from their folder's index, whose
	// themes are read back from it rather than held packed.
	indexed map[*analyse.Profile]origin
	// analysing, when set, raises the collector's soft limit for a run
	// that analyses letters (see tuneGC); it is called before each.
	analysing func()
	gcTuned   bool // tuneGC set the collector (see writing)

	// refs holds a letter whose profile the cache holds (originOf) as a
	// letterRef, its profile let go and read back when it is written
	// (see hold): a few dozen bytes a letter instead of a profile.
	refs bool
	// files are the record files that refs point into, in the order
	// their first letter was held.
	files []origin
}

// A letterRef says where a letter held without its profile (see
// analyser.hold) is read back from: the index-th letter of the record
// file analyser.files[file].
type letterRef struct {
	file, index int32
}

// hold returns l as the command holds it: when the analyser holds
// letters by reference and the cache holds the profile of l, without
// it, pointing to where it is read back from. The maps that said where
// it was (originOf) let go of it.
func (an *analyser) hold(l letter) letter {
	if !an.refs || l.prof == nil || l.rec != nil {
		return l
	}
	o, ok := an.originOf(l.prof)
	if !ok {
		return l
	}
	if n := len(an.files); n == 0 || an.files[n-1].path != o.path || an.files[n-1].sum != o.sum {
		an.files = append(an.files, origin{path: o.path, sum: o.sum})
	}
	l.ref = letterRef{file: int32(len(an.files) - 1), index: int32(o.index)}
	l.group, l.keyed = l.groupKey(), l.prof.AuthorityKey != ""
	an.forget(l.prof)
	l.prof = nil
	return l
}

// forget lets go of what the analyser recorded of p (where its themes
// and evidence are), for a letter the command does not keep or holds by
// reference.
func (an *analyser) forget(p *analyse.Profile) {
	an.mu.Lock()
	defer an.mu.Unlock()
	delete(an.indexed, p)
	delete(an.origins, p)
	delete(an.packed, p)
}

// originAt returns where the letter of ref is in the cache.
func (an *analyser) originAt(ref letterRef) origin {
	o := an.files[ref.file]
	o.index = int(ref.index)
	return o
}

// profileOf returns the profile of l, read back from the cache when it
// is held by reference (without its themes' concerns marked).
func (an *analyser) profileOf(l letter) (*analyse.Profile, error) {
	if l.prof != nil {
		return l.prof, nil
	}
	return an.readBack(an.originAt(l.ref))
}

// readBack returns the profile of the letter at o, statuses and counts
// without evidence, as the cache holds it: from its folder's index, or
// else from its cache entry, or else by analysing it again, unless its
// file has changed.
func (an *analyser) readBack(o origin) (*analyse.Profile, error) {
	if entries, ok := an.cache.Heads(o.path, o.sum); ok && o.index < len(entries) {
		return entries[o.index].Profile, nil
	}
	e, err := an.entryAt(o, false)
	if err != nil {
		return nil, err
	}
	p := e.Profile
	p.Sentences = nil
	for k := range p.Themes {
		p.Themes[k].Evidence = nil
	}
	return p, nil
}

// loaded returns the profile of l with its themes, marked by rule: held,
// and unpacked (see unpack), or read back. A profile read back whose
// evidence is left in the cache is recorded as such (see deferred) until
// release lets go of it.
func (an *analyser) loaded(l letter, rule analyse.ConcernRule) (*analyse.Profile, error) {
	if l.prof != nil {
		return l.prof, an.unpack(l.prof, rule)
	}
	o := an.originAt(l.ref)
	p, err := an.readBack(o)
	if err != nil {
		return nil, err
	}
	rule.Mark(p)
	if an.later {
		an.mu.Lock()
		an.origins[p] = o
		an.mu.Unlock()
	}
	return p, nil
}

// release lets go of the themes that loaded gave the letters of group,
// profs their profiles: held ones are packed again (see repack), those
// read back are forgotten.
func (an *analyser) release(group []letter, profs []*analyse.Profile) {
	for i, l := range group {
		if l.prof != nil {
			an.repack(l.prof)
		} else if i < len(profs) {
			an.forget(profs[i])
		}
	}
}

// setPacked makes an analyser whose command reads no more than heads
// (readsHeads) hold each letter's themes packed as it reads them (see
// profilecache.PackThemes), to be unpacked one authority or letter at a
// time.
func (an *analyser) setPacked() {
	if an.readsHeads() {
		an.ids = an.cb.ThemeIDs()
		an.packed = map[*analyse.Profile][]byte{}
		an.indexed = map[*analyse.Profile]origin{}
	}
}

// fromIndex records that profs, the letters of the record file at path
// whose bytes had SHA-256 sum, were read from their folder's index, when
// the analyser packs themes: pack then drops their themes, and unpack
// reads them back from the index.
func (an *analyser) fromIndex(path string, sum [sha256.Size]byte, profs []*analyse.Profile) {
	if an.packed == nil || an.later { // later: origins holds them already
		return
	}
	an.mu.Lock()
	defer an.mu.Unlock()
	for i, p := range profs {
		an.indexed[p] = origin{path: path, sum: sum, index: i}
	}
}

// pack packs the themes of profs, when the analyser packs them and they
// can be: they hold no evidence, or it is left in the cache. The themes
// of a letter read from the index are dropped instead, to be read back
// from it.
func (an *analyser) pack(profs []*analyse.Profile) {
	if an.packed == nil {
		return
	}
	for _, p := range profs {
		if _, cached := an.originOf(p); cached {
			p.Themes = nil
			continue
		}
		if b, ok := profilecache.PackThemes(nil, an.ids, p.Themes); ok {
			an.mu.Lock()
			an.packed[p] = b
			an.mu.Unlock()
			p.Themes = nil
		}
	}
}

// unpack gives p back its themes, marked by rule, when they were packed
// or dropped (see pack).
func (an *analyser) unpack(p *analyse.Profile, rule analyse.ConcernRule) error {
	if p.Themes != nil {
		return nil
	}
	an.mu.Lock()
	b, packed := an.packed[p]
	an.mu.Unlock()
	o, cached := an.originOf(p)
	switch {
	case packed:
		p.Themes, _, _ = profilecache.UnpackThemes(an.ids, b) // packed by pack: whole
	case cached:
		back, err := an.readBack(o)
		if err != nil {
			return err
		}
		p.Themes = back.Themes
	default:
		return nil
	}
	rule.Mark(p)
	return nil
}

// repack lets go of the themes of p that unpack gave it: they stay
// packed, or in the index.
func (an *analyser) repack(p *analyse.Profile) {
	an.mu.Lock()
	_, packed := an.packed[p]
	an.mu.Unlock()
	if _, cached := an.originOf(p); packed || cached {
		p.Themes = nil
	}
}

// originOf returns where the themes of p are read back from when the
// analyser packs themes and the cache holds them: the letter read from
// its folder's index, or whose evidence is left in the cache (which
// holds its themes too); false otherwise.
func (an *analyser) originOf(p *analyse.Profile) (origin, bool) {
	if an.packed == nil {
		return origin{}, false
	}
	an.mu.Lock()
	defer an.mu.Unlock()
	if o, ok := an.indexed[p]; ok {
		return o, true
	}
	o, ok := an.origins[p]
	return o, ok
}

// An origin says where a profile's evidence is read back from: the
// index-th letter of the record file at path, whose bytes had SHA-256 sum.
type origin struct {
	path  string
	sum   [sha256.Size]byte
	index int
}

// setLater makes an analyser that shows evidence leave it in the cache
// until fill reads it back, when the cache is in use.
func (an *analyser) setLater() {
	if an.cache != nil && an.evidence {
		an.later = true
		an.origins = map[*analyse.Profile]origin{}
	}
}

// deferred records that the evidence of profs, the letters of the record
// file at path, is left in the cache, and drops it.
func (an *analyser) deferred(path string, sum [sha256.Size]byte, profs []*analyse.Profile) {
	an.mu.Lock()
	defer an.mu.Unlock()
	for i, p := range profs {
		for k := range p.Themes {
			p.Themes[k].Evidence = nil
		}
		an.origins[p] = origin{path: path, sum: sum, index: i}
	}
}

// isDeferred reports whether the evidence of p was left in the cache,
// where its whole record is too.
func (an *analyser) isDeferred(p *analyse.Profile) bool {
	_, ok := an.deferredAt(p)
	return ok
}

// deferredAt returns where the evidence of p was left in the cache, or
// false when p holds its own.
func (an *analyser) deferredAt(p *analyse.Profile) (origin, bool) {
	an.mu.Lock()
	defer an.mu.Unlock()
	o, ok := an.origins[p]
	return o, ok
}

// entryOf returns the cache entry of a profile whose evidence was left
// in the cache (its record, as profilecache.Slim keeps it, and its whole
// profile), or false when p holds its own evidence. The cache gives it
// back; if the entry has gone since, the letter is analysed again, unless
// its file has changed.
func (an *analyser) entryOf(p *analyse.Profile) (profilecache.Entry, bool, error) {
	o, ok := an.deferredAt(p)
	if !ok {
		return profilecache.Entry{}, false, nil
	}
	e, err := an.entryAt(o, true)
	if err != nil {
		return e, false, err
	}
	return e, true, nil
}

// entryAt returns the cache entry of the letter at o, with its evidence
// when evidence is set: from the cache, or, if the entry has gone since,
// by analysing the letter again, unless its file has changed.
func (an *analyser) entryAt(o origin, evidence bool) (profilecache.Entry, error) {
	var e profilecache.Entry
	if entries, ok := an.cache.Load(o.path, o.sum, evidence); ok && o.index < len(entries) {
		e = entries[o.index]
	} else {
		recs, sum, err := readRecords(o.path)
		if err != nil {
			return e, err
		}
		if sum != o.sum || o.index >= len(recs) {
			return e, fmt.Errorf("%s: changed while it was being read", o.path)
		}
		fillCodes(recs[o.index])
		e = profilecache.Entry{Record: recs[o.index], Profile: an.cb.Profile(recs[o.index])}
	}
	if len(e.Profile.Themes) != len(an.cb.ThemeIDs()) {
		return e, fmt.Errorf("%s: changed while it was being read", o.path)
	}
	return e, nil
}

// A loader gives profiles and trajectories back, just before they are
// written, the themes their analyser packed and the evidence it left in
// the cache (render.Loader), and the page each authority's evidence and
// records (render.PageLoader). profiles holds the profile of each visit
// of the trajectories that are made; groups, the letters of each
// trajectory that is to be made when it is loaded (by its authority key;
// see analyse.Groups), marked by rule.
type loader struct {
	an       *analyser
	rule     analyse.ConcernRule
	profiles render.VisitProfiles
	groups   map[string][]letter
}

// Profile gives p back its themes and their evidence.
func (l loader) Profile(p *analyse.Profile) error {
	if err := l.an.unpack(p, l.rule); err != nil {
		return err
	}
	return l.an.fillProfile(p)
}

// Trajectory makes tr, when it is one of groups, and gives its visits
// back their evidence.
func (l loader) Trajectory(tr *analyse.Trajectory) error {
	profs, err := l.make(tr)
	if err != nil {
		return err
	}
	defer l.release(tr.AuthorityKey, profs)
	_, err = l.an.fillTrajectory(tr, l.profiles)
	return err
}

// Make makes tr, when it is one of groups, its letters' themes unpacked
// or read back until Done (render.PageLoader).
func (l loader) Make(tr *analyse.Trajectory) error {
	_, err := l.make(tr)
	return err
}

// make makes tr, when it is one of groups, and returns the profiles of
// its letters, which the profiles of l hold until release when the
// evidence is read back.
func (l loader) make(tr *analyse.Trajectory) ([]*analyse.Profile, error) {
	group, ok := l.groups[tr.AuthorityKey]
	if !ok {
		return nil, nil
	}
	profs := make([]*analyse.Profile, len(group))
	for i, x := range group {
		p, err := l.an.loaded(x, l.rule)
		if err != nil {
			l.an.release(group[:i], profs)
			return nil, err
		}
		profs[i] = p
	}
	if l.an.later {
		l.profiles[tr.AuthorityKey] = profs
	}
	*tr = l.rule.TrackOne(profs)
	return profs, nil
}

// Done lets go of the trajectory and the themes that Make gave tr, when
// it is one of groups; it holds its authority key again.
func (l loader) Done(tr *analyse.Trajectory) {
	key := tr.AuthorityKey
	if _, ok := l.groups[key]; ok {
		l.release(key, l.profiles[key])
		*tr = analyse.Trajectory{AuthorityKey: key}
	}
}

// release lets go of profs, the profiles that make gave the letters of
// the group of key: the held ones hold their themes packed again, and
// the profiles of l keep only them.
func (l loader) release(key string, profs []*analyse.Profile) {
	group, ok := l.groups[key]
	if !ok {
		return
	}
	l.an.release(group, profs)
	if !l.an.later {
		return
	}
	var held []*analyse.Profile
	for _, x := range group {
		if x.prof != nil {
			held = append(held, x.prof)
		}
	}
	if held == nil {
		delete(l.profiles, key)
	} else {
		l.profiles[key] = held
	}
}

// Authority makes tr as Make does, gives its visits back their
// evidence, and returns the records of those whose evidence was in the
// cache, with the areas covered and points to improve that the analyser
// left there.
func (l loader) Authority(tr *analyse.Trajectory) (map[analyse.Visit]*record.Record, error) {
	if err := l.Make(tr); err != nil {
		return nil, err
	}
	return l.an.fillTrajectory(tr, l.profiles)
}

// fillProfile gives p back the evidence left in the cache.
func (an *analyser) fillProfile(p *analyse.Profile) error {
	e, ok, err := an.entryOf(p)
	if !ok {
		return err
	}
	for k := range p.Themes {
		p.Themes[k].Evidence = e.Profile.Themes[k].Evidence
	}
	return nil
}

// fillTrajectory gives tr back the evidence of its visits left in the
// cache, profiles holding each visit's profile, and returns the records
// of those visits as the cache holds them.
func (an *analyser) fillTrajectory(tr *analyse.Trajectory, profiles render.VisitProfiles) (map[analyse.Visit]*record.Record, error) {
	recs := map[analyse.Visit]*record.Record{}
	for v, visit := range tr.Visits {
		p := profiles.Of(visit)
		if p == nil {
			continue
		}
		e, ok, err := an.entryOf(p)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		recs[visit] = e.Record
		for i := range tr.Themes {
			tt := &tr.Themes[i]
			for k := range p.Themes {
				if p.Themes[k].Theme == tt.Theme {
					tt.Evidence[v] = e.Profile.Themes[k].Evidence
					break
				}
			}
		}
	}
	return recs, nil
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
	model := append([]byte("sentence model "), analyse.ModelSum()...)
	if !cb.UsesModel() { // a codebook in mode: replace, even one that lists the built-in themes
		model = []byte("rules alone")
	}
	an.cache = profilecache.New(profilecache.Fingerprint([]byte(programVersion()), prog, book, model), cb.ThemeIDs()...)
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
	if an.analysing != nil {
		an.analysing()
	}
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

// tuneGC runs the collector at batchGCPercent under the soft limit limit
// (see tuneGC), raised to analysisMemoryLimit once a letter is analysed
// (analysing), when the output holds little of each letter: no evidence,
// or its evidence left in the cache and its themes packed, to be read
// back one letter or authority at a time. Measured on diff --no-cache
// over the 344-letter corpus, 0.85x the CPU for 19 MB more peak. An
// output that holds evidence without the cache keeps Go's default, and
// so does the page once its letters are read (compareLazily).
func (an *analyser) tuneGC(limit int64) (restore func()) {
	if an.evidence && (!an.later || an.packed == nil) {
		return func() {}
	}
	restore = tuneGC(batchGCPercent, limit)
	if limitOurs() && limit < analysisMemoryLimit {
		an.analysing = sync.OnceFunc(func() { debug.SetMemoryLimit(analysisMemoryLimit) })
	}
	an.gcTuned = percentOurs()
	return restore
}

// writing puts the collector back to Go's default target (GOGC=100)
// once the letters are read, when tuneGC changed it, and keeps its soft
// limit: what the output then leaves behind is each authority's
// comparison in turn, and under the fourfold headroom it made a small
// corpus peak higher (diff over 1,000 records: 33 MB against 27).
// A limit other than 0 replaces the soft limit too, when tuneGC set it
// (the page: pageMemoryLimit).
func (an *analyser) writing(limit int64) {
	if !an.gcTuned {
		return
	}
	debug.SetGCPercent(defaultGCPercent)
	if limit != 0 && limitOurs() {
		debug.SetMemoryLimit(limit)
	}
}

// keep returns recs as the command keeps them: whole, or slim; deferred
// says that their evidence is left in the cache (see slim).
func (an *analyser) keep(recs []*record.Record, deferred bool) []*record.Record {
	if an.full && !deferred {
		return recs
	}
	out := make([]*record.Record, len(recs))
	for i, r := range recs {
		out[i] = an.slim(r, deferred)
	}
	return out
}

// profileAndKeep profiles recs (filling in their authorities' codes) and
// returns them and their profiles as the command keeps them (keep, drop).
func (an *analyser) profileAndKeep(recs []*record.Record) ([]*record.Record, []*analyse.Profile) {
	profs := an.drop(an.profile(recs))
	return an.keep(recs, false), profs
}

// readLetter parses and profiles the letter data, read from path, unless
// readBefore (nil: none) reports its SHA-256 as read already: then its
// one record holds only its path and sum, and its profile is nil (see
// readOnce).
func (an *analyser) readLetter(ctx context.Context, path string, data []byte, readBefore func(sum string) bool) ([]*record.Record, []*analyse.Profile, error) {
	var sum string // hashed once, and only to be looked up
	if readBefore != nil {
		if sum = parse.Digest(data); readBefore(sum) {
			return []*record.Record{{Source: record.Source{Path: path, SHA256: sum}}}, []*analyse.Profile{nil}, nil
		}
	}
	rec, err := parse.BytesWithDigest(ctx, path, data, sum)
	if err != nil {
		return nil, nil, err
	}
	recs, profs := an.profileAndKeep([]*record.Record{rec})
	return recs, profs, nil
}

// readFile reads one file, records or a letter as record.IsRecordFile
// tells, and profiles its letters. The profiles of a record file come
// from the cache when it holds them, and go to it when it does not.
//
// A letter whose SHA-256 readBefore reports as read already is neither
// parsed nor analysed (see readLetter).
//
// A FIFO or device is read as readSpecial reads it, and not cached.
func (an *analyser) readFile(ctx context.Context, path string, readBefore func(sum string) bool) ([]*record.Record, []*analyse.Profile, error) {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		recs, err := readSpecial(ctx, path)
		if err != nil {
			return nil, nil, err
		}
		recs, profs := an.profileAndKeep(recs)
		return recs, profs, nil
	}
	if !record.IsRecordFile(path) {
		data, err := parse.ReadFile(ctx, path)
		if err != nil {
			return nil, nil, err
		}
		return an.readLetter(ctx, path, data, readBefore)
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
	fromIndex := false
	if cached && an.readsHeads() {
		entries, fromIndex = an.cache.Heads(path, sum)
	}
	if cached && entries == nil {
		entries, _ = an.cache.Load(path, sum, an.evidence && !an.later)
	}
	if entries != nil && (!an.full || an.later) {
		recs, profs := split(entries)
		if an.later {
			an.deferred(path, sum, profs)
		}
		if fromIndex {
			an.fromIndex(path, sum, profs)
			return recs, profs, nil // as slim as a head
		}
		return an.keep(recs, an.later), profs, nil
	}
	// The records are hashed as they are read: the sum of the bytes
	// looked up above may not be theirs if the file was written since,
	// and an entry stored under it would be served stale should the file
	// ever hold those bytes again.
	recs, readSum, err := readRecords(path)
	if err != nil {
		return nil, nil, err
	}
	if readSum != sum {
		sum, entries = readSum, nil
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
		// A folder that cannot be written to is not cached, and its
		// letters keep their evidence.
		if err := an.cache.Store(path, sum, entries); err == nil && an.later {
			an.deferred(path, sum, profs)
			return an.keep(recs, true), profs, nil
		}
	}
	return an.keep(recs, false), an.drop(profs), nil
}

// readRecords reads every record of the file at path, and returns the
// SHA-256 of the bytes it read them from, which keys their cache entry.
func readRecords(path string) ([]*record.Record, [sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := os.Open(path)
	if err != nil {
		return nil, sum, err
	}
	defer f.Close()
	h := sha256.New()
	recs, err := record.ReadAll(path, io.TeeReader(f, h))
	if err != nil {
		return nil, sum, err
	}
	if _, err := io.Copy(h, f); err != nil { // what follows the last record, if the decoder left any
		return nil, sum, err
	}
	copy(sum[:], h.Sum(nil))
	return recs, sum, nil
}

// readsHeads reports whether the command reads of a record and its
// profile no more than a head (see profilecache.Heads) as it reads them:
// it reads sentences (and whole records) back later, or it keeps records
// slim and prints no sentence. Its letters are then read from the index
// of their folder's cache, one file, rather than from an entry each.
func (an *analyser) readsHeads() bool {
	return an.later || !an.full && !an.evidence
}

// flush writes the indexes of the cache's folders that the run changed
// (see profilecache.Flush). An index is a convenience, like the cache:
// one that cannot be written is left as it was.
func (an *analyser) flush() {
	if an.cache != nil {
		_ = an.cache.Flush()
	}
}

// close closes the index files that the cache holds open to read themes
// back (see profilecache.Cache.Close), once the output is written.
func (an *analyser) close() {
	if an.cache != nil {
		an.cache.Close()
	}
}

// slim returns rec as profilecache.Slim keeps it, and without its areas
// covered and points for improvement unless the output shows evidence
// (only the page, which does, shows them) and it is not deferred: the
// evidence of a deferred record is left in the cache, where the page
// finds the areas and points again (loader.Authority).
func (an *analyser) slim(rec *record.Record, deferred bool) *record.Record {
	r := profilecache.Slim(rec)
	if !an.evidence || deferred {
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
