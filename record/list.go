package record

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
// read, and a file that is not a regular file (a FIFO, a device), is not
// a record file by content; reading it as a letter reports why.
func IsRecordFile(path string) bool {
	if HasRecordExt(path) {
		return true
	}
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
		return false // a FIFO or device is not opened here: it may wait for ever
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head, _ := bufio.NewReaderSize(f, sniffSize).Peek(sniffSize)
	return Looks(head)
}

// pdfHead is how far into a file the PDF header may stand.
const pdfHead = 1024

// IsPDF reports whether data starts like a PDF file, a letter rather than
// records. The header may follow a little junk, as readers allow.
func IsPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), pdfHead)], []byte("%PDF-"))
}

// Want is what a walk of a folder keeps.
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
	// Skipped, when not nil, is told of every file of a folder that a
	// walk passes over for a reason a user may not expect: a FIFO, device
	// or socket, a broken link, a link that leads back into a folder
	// already walked, a spreadsheet, an archive, a word processor's
	// document (a file, or a Mac's package folder) or an image.
	Skipped func(path, reason string)
}

// skippedExt are the extensions of files that are neither letters nor
// records but turn up in folders of them, and why each is skipped. (The
// files of outputExt are passed over without a word.)
var skippedExt = map[string]string{
	".tsv":     skipSpreadsheet,
	".xlsx":    skipSpreadsheet,
	".xls":     skipSpreadsheet,
	".ods":     skipSpreadsheet,
	".numbers": skipSpreadsheet,
	".zip":     skipArchive,
	".gz":      skipArchive,
	".tgz":     skipArchive,
	".7z":      skipArchive,
	".docx":    skipDocument,
	".doc":     skipDocument,
	".odt":     skipDocument,
	".rtf":     skipDocument,
	".rtfd":    skipDocument,
	".pages":   skipDocument,
	".png":     skipImage,
	".jpg":     skipImage,
	".jpeg":    skipImage,
	".gif":     skipImage,
	".tif":     skipImage,
	".tiff":    skipImage,
	".bmp":     skipImage,
	".webp":    skipImage,
	".heic":    skipImage,
}

// SkipReason returns why a folder walk skips a file of this name (see
// List): "a spreadsheet, not a letter or record" for list.xlsx, and so on;
// "" for a name it reads.
func SkipReason(name string) string {
	return skippedExt[strings.ToLower(filepath.Ext(name))]
}

// bundleExt are the extensions of skippedExt that a Mac keeps as a folder
// (a package: Pages, Numbers, RTFD), skipped whole rather than walked.
var bundleExt = map[string]bool{".pages": true, ".numbers": true, ".rtfd": true}

// Why the files of skippedExt are skipped: letters reads text and PDF (and
// records) alone, so a letter kept in another form must be saved as one
// first.
const (
	skipSpreadsheet = "a spreadsheet, not a letter or record"
	skipArchive     = "an archive: unpack it to read the letters in it"
	skipDocument    = "a word processor's document: save it as PDF or text to read it"
	skipImage       = "an image: letters reads PDF and text, not scans"
)

// outputExt are the extensions of the files that letters itself writes
// beside records and letters, passed over without a word: .csv (a record
// folder's index.csv, an --errors report, a table), .html and .htm (the
// pages of report, a site written into a folder of records) and .qdpx
// (export's project). Read as letters, every later run would fail on them.
var outputExt = map[string]bool{".csv": true, ".html": true, ".htm": true, ".qdpx": true}

// notesHead is how much of a file isNotes reads: a README or licence
// longer than this that has no salutation in it is still notes, and a
// letter's salutation stands on its first page.
const notesHead = 64 << 10

// notesNames are the names (without extension, any case) of the files
// that projects keep beside their data.
var notesNames = map[string]bool{"readme": true, "license": true, "licence": true, "copying": true,
	"changelog": true, "notes": true, "authors": true, "contributing": true}

// isNotes reports whether the file at path is plainly notes about the
// letters rather than a letter: text (not a PDF, not records) with no
// line beginning "Dear " (no salutation, which every letter has), that
// is named like a README or licence or opens with a Markdown heading
// ("# "). A letter that fails to parse is never notes: it has its
// salutation, or neither such a name nor a heading.
func isNotes(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false // reading it as a letter says why
	}
	defer f.Close()
	head, _ := bufio.NewReaderSize(f, notesHead).Peek(notesHead)
	if IsPDF(head) || Looks(head) {
		return false
	}
	base := filepath.Base(path)
	named := notesNames[strings.ToLower(strings.TrimSuffix(base, filepath.Ext(base)))]
	heading := false
	first := true
	for line, rest, more := []byte(nil), head, true; more; {
		line, rest, more = bytes.Cut(rest, []byte("\n"))
		t := bytes.TrimSpace(line)
		if bytes.HasPrefix(t, []byte("Dear ")) {
			return false
		}
		if first && len(t) > 0 {
			heading, first = bytes.HasPrefix(t, []byte("# ")), false
		}
	}
	return named || heading
}

// A ListError is an argument or a folder entry that cannot be listed.
type ListError = fs.PathError

// List expands the paths a command is given into the files to read, in
// order: "-" (standard input) as given, a file as given whatever its name,
// a folder walked in lexical order. A walk follows links to files, and to
// folders after the folder's own tree (a link to a folder already walked,
// a loop among them, is not followed again), and passes over hidden files and folders (a name starting with
// "."), the files letters writes (outputExt: .csv, .html, .qdpx), the
// folder opts.Skip, the files opts.Want leaves out, and, telling
// opts.Skipped why, files that are not regular (FIFOs, devices, sockets),
// broken links, spreadsheets and archives. Every path that cannot be
// listed is returned in errs, and the rest are still listed; files holds
// what could be.
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
	skipped := func(path, reason string) {
		if opts.Skipped != nil {
			opts.Skipped(path, reason)
		}
	}
	var skip os.FileInfo
	if opts.Skip != "" {
		skip, _ = os.Stat(opts.Skip)
	}
	var walked []os.FileInfo // the folders walked for one argument, to stop link loops
	// enter reports whether the folder at path, which info describes, is
	// to be walked: it is not opts.Skip and was not walked already.
	enter := func(path string, info os.FileInfo, link bool) bool {
		if skip != nil && os.SameFile(info, skip) {
			return false
		}
		if slices.ContainsFunc(walked, func(w os.FileInfo) bool { return os.SameFile(w, info) }) {
			if link {
				skipped(path, "a link to a folder already read")
			}
			return false
		}
		walked = append(walked, info)
		return true
	}
	var walk func(root string)
	walk = func(root string) {
		// Links to folders are followed after the folder's own tree, so
		// that a file is listed by its own path rather than a link's.
		var links []string
		defer func() {
			for _, l := range links {
				if info, err := os.Stat(l); err == nil && enter(l, info, true) {
					walk(l)
				}
			}
		}()
		start := root
		if li, err := os.Lstat(root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			// WalkDir walks the target of a link only when told so.
			start = root + string(filepath.Separator)
		}
		filepath.WalkDir(start, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, pathError(path, err))
				return nil
			}
			if path == start {
				return nil // entered by the caller
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			link := d.Type()&fs.ModeSymlink != 0
			typ := d.Type()
			var info os.FileInfo
			if link || d.IsDir() {
				// A link is followed: what it leads to decides.
				if info, err = os.Stat(path); err != nil {
					skipped(path, "a broken link")
					return nil
				}
				typ = info.Mode().Type()
			}
			ext := strings.ToLower(filepath.Ext(name))
			switch {
			case typ.IsDir() && bundleExt[ext]:
				skipped(path, skippedExt[ext])
				if link {
					return nil
				}
				return filepath.SkipDir
			case typ.IsDir() && link:
				links = append(links, path) // WalkDir does not follow links
				return nil
			case typ.IsDir():
				if !enter(path, info, false) {
					return filepath.SkipDir
				}
				return nil
			case !typ.IsRegular():
				skipped(path, "not a regular file (a FIFO, device or socket)")
				return nil
			}
			if reason, ok := skippedExt[ext]; ok {
				skipped(path, reason)
				return nil
			}
			if outputExt[ext] {
				return nil
			}
			switch isRecord := HasRecordExt(path); {
			case opts.Want == Letters && isRecord, opts.Want == Records && !isRecord:
				return nil
			case !isRecord && isNotes(path):
				skipped(path, "notes, not a letter (a heading or licence text and no \"Dear ...\")")
				return nil
			}
			add(path)
			return nil
		})
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
		walked = append(walked[:0], info)
		walk(arg)
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
