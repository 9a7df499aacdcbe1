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
// A record names the SHA-256 of the letter it came from. A letter whose
// record file already holds the same SHA-256 is skipped, unless Force is
// set. Records whose letter has gone are listed in Summary.Orphans, never
// deleted.
//
// # Interruption
//
// Every record and the index are written to a temporary file and renamed
// into place, so an interrupted run (a cancelled context, a killed
// process) leaves only whole files. Temporary files left by a killed run
// are removed when the folder is next opened, and the next run parses
// what the interrupted one did not reach.
package corpus
