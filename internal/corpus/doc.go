// Package corpus keeps a folder of records in step with a folder of
// letters: it parses many letters at once with a bounded pool of workers,
// delivers the results in input order, skips letters whose record is
// already up to date, writes each record atomically, and keeps an index of
// the folder (index.csv) for spreadsheets and scripts.
//
// It does not parse letters itself (package parse does) and it does not
// print: callers get each result and the counts, and report them as they
// choose.
//
// # Incremental runs
//
// A record names the path and SHA-256 of the letter it came from. Store.Assign
// gives each letter of a run the record already in the folder that came
// from it (the same path, compared as absolute paths, or else the same
// bytes), in either format, and otherwise a name no file in the folder
// has: so a record never replaces the record of another letter, whichever
// run wrote it. A letter whose record holds its path and SHA-256 in the
// run's format is up to date and skipped by the caller (unless it forces a
// parse). Records no letter of the run claimed and whose letter has gone
// are listed by Store.Orphans, never deleted.
//
// # Interruption
//
// Every record and the index are written through output.Replace, to a
// temporary file and renamed into place, so an interrupted run (a
// cancelled context, a killed process) leaves only whole files. Temporary
// files that a killed run left (named .letters-tmp-PID-N, PID a process
// no longer running) are removed when the folder is next opened; no other
// file is ever removed, the user's own .draft.tmp included. The next run
// parses what the interrupted one did not reach.
//
// # Names and where they go
//
// A record's file name comes from its letter's name (Stem) and is always
// a plain name inside the folder: no slash, no leading dot, no control
// character, and short enough for any file system whatever the letter's
// name. A record or index path that is a link, a folder or a device is
// refused, never written through, so nothing outside the folder is ever
// written.
//
// # Two runs on one folder
//
// Open takes an exclusive lock on the folder (flock on the folder itself,
// where the system has it; released by Close or when the process ends),
// so runs on one folder take turns: a second run waits until the first
// has written its index, then sees its records. The index therefore lists
// every record whatever runs overlapped.
//
// Across the repository, a line of a letter is classified in one place,
// classify in parse/lines.go; a record is read in one place, package
// record (codec.go); and the outputs of themes, diff,
// summary, report and export are drawn in package render.
package corpus
