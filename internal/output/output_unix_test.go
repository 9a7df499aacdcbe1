//go:build unix

package output

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

func itoa(i int) string { return strconv.Itoa(i) }

// TestModeUmask: a new file is 0644 less the umask, as a shell makes it.
func TestModeUmask(t *testing.T) {
	for _, tt := range []struct {
		umask int
		want  fs.FileMode
	}{{0o022, 0o644}, {0o027, 0o640}, {0o077, 0o600}} {
		old := syscall.Umask(tt.umask)
		path := filepath.Join(t.TempDir(), "index.csv")
		err := Write(context.Background(), path, []byte("x"), nil)
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != tt.want {
			t.Errorf("umask %03o: mode %v, want %v", tt.umask, fi.Mode().Perm(), tt.want)
		}
	}
}

// TestWriteDevNull: /dev/null is written through and stays a device.
func TestWriteDevNull(t *testing.T) {
	before, err := os.Stat(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	if err := Write(context.Background(), os.DevNull, []byte("gone"), nil); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(os.DevNull)
	if err != nil || after.Mode() != before.Mode() || !os.SameFile(before, after) {
		t.Errorf("%s was replaced: mode %v, was %v", os.DevNull, after.Mode(), before.Mode())
	}
}

// TestWriteFIFO: a FIFO is written through to its reader and stays a FIFO.
func TestWriteFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		data, _ := io.ReadAll(f)
		f.Close()
		got <- string(data)
	}()
	if err := Write(context.Background(), fifo, []byte("through the pipe"), nil); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("reader got %q", s)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
}

// TestWriteFIFOCancelled: with no reader, cancelling gives up the wait.
func TestWriteFIFOCancelled(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, fifo, []byte("x"), nil); err != context.Canceled {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	// Unblock the open left waiting, so the test ends clean.
	if f, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
		f.Close()
	}
}

// TestReplaceErrorNamesPath: when the temporary file cannot be made, the
// error names the path the user gave, not the temporary file, and keeps
// its cause.
func TestReplaceErrorNamesPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gone", "report.html")
	err := Replace(path, []byte("x"))
	if want := "create " + path + ": no such file or directory"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%v is not fs.ErrNotExist", err)
	}
}

// TestCanWrite: a folder that can be written to is left as it was; one
// that cannot is named with the cause, so that a command fails once for
// it rather than once for every file it would write there.
func TestCanWrite(t *testing.T) {
	dir := t.TempDir()
	if err := CanWrite(dir); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("CanWrite left %v", entries)
	}
	gone := filepath.Join(dir, "gone")
	if err := CanWrite(gone); err == nil || err.Error() != "write in "+gone+": no such file or directory" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing folder: got %v", err)
	}
	if os.Geteuid() == 0 {
		t.Skip("root writes into a read-only folder")
	}
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	if err := CanWrite(ro); err == nil || err.Error() != "write in "+ro+": permission denied" {
		t.Errorf("a read-only folder: got %v", err)
	}
}

// TestCheckReadOnlyFolder: an output file in a folder that cannot be
// written to is refused by Check, before any input is read, naming the
// file and the cause, whether the file exists or is new; a special file
// there (here a pipe) is written in place and is not refused. The folder
// itself, as one to write files into, is refused by CheckDir likewise, and
// so is a folder to be made in it.
func TestCheckReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into a read-only folder")
	}
	ro := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	old, fifo := filepath.Join(ro, "old.html"), filepath.Join(ro, "fifo")
	if err := os.WriteFile(old, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) }) // so that TempDir can remove it
	for _, path := range []string{old, filepath.Join(ro, "new.html")} {
		if err := Check(path); err == nil || err.Error() != path+": write in "+ro+": permission denied" || !errors.Is(err, fs.ErrPermission) {
			t.Errorf("Check(%s) = %v", path, err)
		}
	}
	if err := Check(fifo); err != nil {
		t.Errorf("Check(%s) = %v, want nil", fifo, err)
	}
	if err := CheckDir(ro); err == nil || err.Error() != "write in "+ro+": permission denied" || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("CheckDir(%s) = %v", ro, err)
	}
	site := filepath.Join(ro, "site", "pages")
	if err := CheckDir(site); err == nil || err.Error() != site+": write in "+ro+": permission denied" || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("CheckDir(%s) = %v", site, err)
	}
}
