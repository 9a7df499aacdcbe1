//go:build !unix

package record_test

import "errors"

// mkfifo reports that FIFOs cannot be made here.
func mkfifo(string) error { return errors.New("no FIFOs on this system") }
