// Package output writes what letters produces to the paths a user names,
// without ever clobbering what is there.
//
// Every output path of every command (--out, --errors, and any later one)
// goes through Write, which decides by what the path is:
//
//   - "-" is standard output;
//   - a regular file, or nothing yet, is replaced atomically: the data goes
//     to a temporary file in the same folder, renamed over the path, so the
//     path never holds a partial file, even when the process is killed;
//   - a symbolic link to a file is followed: its target is replaced
//     atomically and the link stays;
//   - anything else that is not a folder (a device such as /dev/null, a
//     FIFO, a socket) is opened and written through, never replaced;
//   - a folder, or a symbolic link to nothing, is refused with an error.
//
// Files that record folders hold (records, index.csv) go through Replace,
// which writes only over a regular file or nothing and refuses the rest,
// so that nothing outside the folder is written through a link in it.
//
// A new file gets mode 0644 less the umask, as files made by a shell
// redirection do; a file replaced keeps its mode.
//
// Temporary files are named ".letters-tmp-PID-N" (PID the writing
// process), a name that no user file is mistaken for and that stays short
// whatever the final name's length; Stale tells the ones a killed process
// left behind.
package output

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"

	"github.com/ofsted-letters/letters/internal/pathcause"
)

// Stdout is the path that names standard output.
const Stdout = "-"

// Perm is the mode of a new file, less the umask.
const Perm fs.FileMode = 0o644

// tempPrefix starts the name of every temporary file Replace makes.
const tempPrefix = ".letters-tmp-"

// tempTries bounds the names tried for a temporary file.
const tempTries = 1000

var (
	// ErrIsDir says that an output path is a folder.
	ErrIsDir = errors.New("is a folder, not a file")
	// ErrIsFile says that an output folder is a file.
	ErrIsFile = errors.New("is a file, not a folder")
	// ErrDangling says that an output path is a symbolic link to nothing.
	ErrDangling = errors.New("is a symbolic link to nothing; not replaced")
	// ErrNotRegular says that a path Replace was given is not a regular
	// file (a link, a folder, a device...).
	ErrNotRegular = errors.New("is not a regular file; not replaced")
)

// Check reports whether path can take output, before any work is done: it
// is "-", or not a folder, not a link to nothing, and in a folder that
// exists and that a file can be made in (a regular file is replaced by
// way of a temporary file beside it; see CanWrite). A special file that
// exists, such as /dev/null or a pipe, is written to in place and asks
// nothing of its folder.
func Check(path string) error {
	if path == Stdout {
		return nil
	}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s: %w", path, ErrIsDir)
	case err == nil && !fi.Mode().IsRegular():
		return nil
	case err == nil:
		return canWriteBeside(path)
	}
	if err := underFile(path); err != nil {
		return err
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if li, lerr := os.Lstat(path); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s: %w", path, ErrDangling)
	}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no folder %s: %w", path, dir, fs.ErrNotExist)
	} else if err != nil {
		return err
	}
	return canWriteBeside(path)
}

// canWriteBeside returns nil when a file can be made in path's folder,
// else why not, naming path: a folder without write permission is told
// before any input is read, not after.
func canWriteBeside(path string) error {
	if err := CanWrite(filepath.Dir(path)); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// CheckDir reports whether path can be the folder that output is written
// into (made when missing), before any work is done: it is a folder that a
// file can be made in (see CanWrite); or it is missing, none of its parents
// that exist is a file, neither it nor the nearest of its parents that
// exists is a symbolic link to nothing, and a folder can be made in that
// nearest parent. A folder that cannot be made for another reason (a full
// disk) is told when it is made.
func CheckDir(path string) error {
	fi, err := os.Stat(path)
	switch {
	case err == nil && !fi.IsDir():
		return fmt.Errorf("%s: %w", path, ErrIsFile)
	case err == nil:
		return CanWrite(path)
	}
	if err := underFile(path); err != nil {
		return err
	}
	if err := underDangling(path); err != nil {
		return err
	}
	if parent, _, ok := nearestExisting(filepath.Dir(path), os.Stat); ok {
		if err := CanWrite(parent); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return nil
}

// underDangling returns an error when path, or else the nearest of its
// parents that exists, is a symbolic link to nothing; nil otherwise.
func underDangling(path string) error {
	p, li, ok := nearestExisting(path, os.Lstat)
	if !ok || li.Mode()&fs.ModeSymlink == 0 {
		return nil
	}
	if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
		return nil // a folder, or a reason mkdir will tell
	}
	if p == path {
		return fmt.Errorf("%s: %w", path, ErrDangling)
	}
	return fmt.Errorf("%s: %s %w", path, p, ErrDangling)
}

// underFile returns an error when the nearest parent folder of path that
// exists is a file, so that path can be neither written nor made; nil
// otherwise.
func underFile(path string) error {
	dir, fi, ok := nearestExisting(filepath.Dir(path), os.Stat)
	if ok && !fi.IsDir() {
		return fmt.Errorf("%s: %s is not a folder", path, dir)
	}
	return nil
}

// nearestExisting returns the first of p and its parents, nearest first,
// that stat (os.Stat or os.Lstat) finds, with what stat says of it; ok is
// false when stat finds none of them, up to the root.
func nearestExisting(p string, stat func(string) (fs.FileInfo, error)) (found string, fi fs.FileInfo, ok bool) {
	for ; ; p = filepath.Dir(p) {
		if fi, err := stat(p); err == nil {
			return p, fi, true
		}
		if filepath.Dir(p) == p {
			return "", nil, false
		}
	}
}

// Write writes data to path, chosen by what path is (see the package
// doc): stdout for "-", an atomic replacement of a regular file or of a
// link's target, or writing through to a device or FIFO. Opening a FIFO
// waits for a reader, as a shell redirection does, until ctx is done.
func Write(ctx context.Context, path string, data []byte, stdout io.Writer) error {
	return Stream(ctx, path, stdout, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Stream writes to path what write writes to the writer it is given, as
// Write writes data, without holding it all: a regular file is still
// replaced only once write has returned without error (it is otherwise
// left as it was), but standard output, a device or a FIFO may have
// taken part of it when write fails.
func Stream(ctx context.Context, path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == Stdout {
		return write(stdout)
	}
	if err := Check(path); err != nil {
		return err
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ReplaceWith(path, write)
	case err != nil:
		return err
	case fi.Mode().IsRegular():
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return err
		}
		return ReplaceWith(target, write)
	default:
		return writeThrough(ctx, path, write)
	}
}

// writeThrough opens a file that is not a regular file (a device, a FIFO)
// and writes into it what write writes. It gives up when ctx is done,
// leaving the blocked open or write to end with the process.
func writeThrough(ctx context.Context, path string, write func(io.Writer) error) error {
	done := make(chan error, 1)
	go func() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			done <- err
			return
		}
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Replace writes data to path through a temporary file in the same folder
// and a rename, so that path never holds a partial file, even when the
// process is killed. Path must be a regular file or nothing; anything
// else, a symbolic link included, is refused with ErrNotRegular. A new
// file gets Perm less the umask; a replaced file keeps its mode.
//
// It does not sync to disk: a power cut may lose the latest files (never
// leave them half written), and syncing each of thousands of records
// would double a run's time.
func Replace(path string, data []byte) error {
	return ReplaceWith(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// ReplaceWith is Replace of what write writes to the writer it is
// given (the temporary file), without holding it all; an error of write
// is returned as it is, and leaves path as it was.
func ReplaceWith(path string, write func(io.Writer) error) error {
	var keep fs.FileMode
	switch fi, err := os.Lstat(path); {
	case err == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("%s: %w", path, ErrNotRegular)
	case err == nil:
		keep = fi.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	tmp, err := createTemp(filepath.Dir(path))
	if err != nil {
		return atPath("create", path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	if err := write(tmp); err != nil {
		tmp.Close()
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == tmp.Name() {
			return atPath("write", path, err)
		}
		return err
	}
	if keep != 0 {
		if err := tmp.Chmod(keep); err != nil {
			tmp.Close()
			return atPath("chmod", path, err)
		}
	}
	if err := tmp.Close(); err != nil {
		return atPath("write", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return atPath("replace", path, err)
	}
	return nil
}

// atPath returns err, met on Replace's temporary file, as an error of op
// on path: the user named path and has never heard of the temporary file.
// The cause (a full disk, a folder without write permission) stays for
// errors.Is.
func atPath(op, path string, err error) error {
	return &fs.PathError{Op: op, Path: path, Err: pathcause.Of(err)}
}

// CanWrite returns nil when a file can be made in the folder dir, or
// else why not, as an error on dir: it makes a temporary file there and
// removes it. A command that is to write many files into dir asks first,
// so that a folder it cannot write to fails once, not once a file.
func CanWrite(dir string) error {
	f, err := createTemp(dir)
	if err != nil {
		return atPath("write in", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// createTemp creates a new temporary file in dir, with mode Perm less the
// umask (os.CreateTemp would give 0600).
func createTemp(dir string) (*os.File, error) {
	prefix := filepath.Join(dir, tempPrefix+strconv.Itoa(os.Getpid())+"-")
	for range tempTries {
		name := prefix + strconv.FormatUint(uint64(rand.Uint32()), 36)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, Perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: prefix + "*", Err: fs.ErrExist}
}

// tempName matches the name of a temporary file made by Replace and holds
// the id of the process that made it.
var tempName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(tempPrefix) + `([0-9]+)-[0-9a-z]+$`)
})

// Stale reports whether name (a base name) is a temporary file left by a
// process of this program that is no longer running: one that nothing
// will rename, and that can be removed. A user's file never matches.
func Stale(name string) bool {
	m := tempName().FindStringSubmatch(name)
	if m == nil {
		return false
	}
	pid, err := strconv.Atoi(m[1])
	if err != nil || pid == os.Getpid() {
		return false
	}
	return !running(pid)
}
