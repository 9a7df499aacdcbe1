//go:build !unix

package output

import "os"

// running reports whether a process with id pid exists. Where processes
// cannot be asked, it says yes, so no temporary file is removed that a
// running process may still rename.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
