package record

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// recordExt are the extensions of the files `letters parse` writes.
var recordExt = map[string]bool{".yaml": true, ".yml": true, ".json": true, ".jsonl": true}

// HasRecordExt reports whether path ends in an extension of the files
// `letters parse` writes: .yaml, .yml, .json or .jsonl.
func HasRecordExt(path string) bool {
	return recordExt[strings.ToLower(filepath.Ext(path))]
}

// sniffSize is how much of a file IsRecordFile reads to tell records
// from a letter: enough for any comments above a record's first key.
const sniffSize = 4096

// IsRecordFile reports whether the file at path holds records rather
// than a letter: by its extension when it is one that `letters parse`
// writes, by its content (see Looks) otherwise. A file that cannot be
// read is not a record file; reading it as a letter reports why.
func IsRecordFile(path string) bool {
	if HasRecordExt(path) {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head, _ := bufio.NewReaderSize(f, sniffSize).Peek(sniffSize)
	return Looks(head)
}

// What a walk of a folder keeps.
type Want int

const (
	// Both keeps letters and records (themes, diff, report).
	Both Want = iota
	// Letters leaves out record files (parse).
	Letters
	// Records keeps only record files (validate).
	Records
)

// ListOptions say which files List keeps.
type ListOptions struct {
	// Want says which files of a folder are kept.
	Want Want
	// Skip is a folder a walk passes over (parse's --out-dir); "" for none.
	Skip string
	// Unique lists a path named twice once.
	Unique bool
}

// A ListError is an argument or a folder entry that cannot be listed.
type ListError = fs.PathError

// List expands the paths a command is given into the files to read, in
// order: "-" (standard input) as given, a file as given whatever its name,
// a folder walked in lexical order. A walk passes over hidden files and
// folders (a name starting with "."), files that are not regular (links,
// devices, pipes), .csv files (a record folder's index.csv, an --errors
// report), the folder opts.Skip, and the files opts.Want leaves out.
// Every path that cannot be listed is returned in errs, and the rest are
// still listed; files holds what could be.
//
// It is the one place that decides which files a command reads.
func List(paths []string, opts ListOptions) (files []string, errs []*ListError) {
	seen := map[string]bool{}
	add := func(p string) {
		if opts.Unique && p != "-" {
			c := filepath.Clean(p)
			if seen[c] {
				return
			}
			seen[c] = true
		}
		files = append(files, p)
	}
	var skip os.FileInfo
	if opts.Skip != "" {
		skip, _ = os.Stat(opts.Skip)
	}
	for _, arg := range paths {
		if arg == "-" {
			add(arg)
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			errs = append(errs, pathError(arg, err))
			continue
		}
		if !info.IsDir() {
			add(arg)
			continue
		}
		filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, pathError(path, err))
				return nil
			}
			if path == arg {
				return nil
			}
			hidden := strings.HasPrefix(d.Name(), ".")
			if d.IsDir() {
				if hidden || (skip != nil && sameAs(path, skip)) {
					return filepath.SkipDir
				}
				return nil
			}
			if hidden || !d.Type().IsRegular() || strings.EqualFold(filepath.Ext(path), ".csv") {
				return nil
			}
			switch isRecord := HasRecordExt(path); {
			case opts.Want == Letters && isRecord, opts.Want == Records && !isRecord:
				return nil
			}
			add(path)
			return nil
		})
	}
	return files, errs
}

// pathError returns err as a *ListError for path.
func pathError(path string, err error) *ListError {
	if pe, ok := err.(*fs.PathError); ok {
		return pe
	}
	return &fs.PathError{Op: "list", Path: path, Err: err}
}

// sameAs reports whether path is the file or folder of info.
func sameAs(path string, info os.FileInfo) bool {
	pi, err := os.Stat(path)
	return err == nil && os.SameFile(pi, info)
}
