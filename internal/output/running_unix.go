//go:build unix

package output

import (
	"errors"
	"syscall"
)

// running reports whether a process with id pid exists.
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
