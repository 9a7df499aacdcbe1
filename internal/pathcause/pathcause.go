// Package pathcause gives the cause of an error about a path, for a
// message that names the path once, itself: "missing.yaml: no such file
// or directory", not "missing.yaml: open missing.yaml: no such file or
// directory".
package pathcause

import (
	"errors"
	"io/fs"
	"os"
)

// Of returns the cause of the first *fs.PathError in err's chain, or
// else of the first *os.LinkError, without the operation and the paths
// its message repeats, and err itself when there is neither. The cause
// stays for errors.Is (fs.ErrNotExist, fs.ErrPermission).
func Of(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
