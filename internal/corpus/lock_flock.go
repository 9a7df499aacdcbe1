//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// Lock takes an exclusive lock on the folder dir (flock(2) on the folder
// itself: no lock file is made, and the kernel releases the lock when the
// process ends, however it ends). While another process holds it, Lock
// calls onWait (if not nil) once and tries again every lockPoll until the
// lock is free or ctx is done. On a file system without locks (some
// network file systems) the run goes on unlocked. The returned function
// releases the lock.
func Lock(ctx context.Context, dir string, onWait func()) (unlock func() error, err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for waited := false; ; waited = true {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return f.Close, nil // closing the folder releases the lock
		case errors.Is(err, syscall.ENOLCK), errors.Is(err, syscall.ENOTSUP), errors.Is(err, syscall.ENOSYS):
			return f.Close, nil
		case !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR):
			f.Close()
			return nil, fmt.Errorf("%s: locking the folder: %w", dir, err)
		}
		if !waited && onWait != nil {
			onWait()
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}
