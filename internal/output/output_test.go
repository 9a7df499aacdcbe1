package output

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteNewAndReplaced(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := Write(context.Background(), path, []byte("one"), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), path, []byte("two"), nil); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "two")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file has mode %v, want the 0600 it had", fi.Mode().Perm())
	}
	assertNoTemp(t, dir)
}

func TestWriteStdout(t *testing.T) {
	var out bytes.Buffer
	if err := Write(context.Background(), "-", []byte("to stdout"), &out); err != nil {
		t.Fatal(err)
	}
	if out.String() != "to stdout" {
		t.Errorf("stdout got %q", out.String())
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.csv")
	link := filepath.Join(dir, "link.csv")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.csv", link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Write(context.Background(), link, []byte("new"), nil); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", fi.Mode(), err)
	}
	assertFile(t, target, "new")
	assertNoTemp(t, dir)
}

func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink("nothing-here", dangling); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	tests := []struct {
		path string
		want error
	}{
		{dir, ErrIsDir},
		{dangling, ErrDangling},
		{filepath.Join(dir, "no-such-folder", "out.html"), fs.ErrNotExist},
	}
	for _, tt := range tests {
		err := Write(context.Background(), tt.path, []byte("x"), nil)
		if !errors.Is(err, tt.want) {
			t.Errorf("Write(%s) = %v, want %v", tt.path, err, tt.want)
		}
		if err != nil && strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("error of more than one line: %q", err)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "nothing-here")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("writing to a dangling link created its target")
	}
}

func TestReplaceRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "outside.yaml")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "record.yaml")
	if err := os.Symlink(outside, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Replace(link, []byte("x")); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Replace over a link = %v, want ErrNotRegular", err)
	}
	if err := Replace(dir, []byte("x")); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Replace over a folder = %v, want ErrNotRegular", err)
	}
	assertFile(t, outside, "keep")
	assertNoTemp(t, dir)
}

func TestStale(t *testing.T) {
	own := tempPrefix + itoa(os.Getpid()) + "-abc"
	tests := []struct {
		name string
		want bool
	}{
		{tempPrefix + "1073741823-k3x9", true}, // past any pid_max: no such process
		{own, false},                           // this process's own
		{tempPrefix + "1-abc", false},          // init is running
		{".draft.tmp", false},
		{".letter.yaml.tmp123", false},
		{"letters-tmp-1073741823-abc", false},
		{tempPrefix + "1073741823-abc.yaml", false},
	}
	for _, tt := range tests {
		if got := Stale(tt.name); got != tt.want {
			t.Errorf("Stale(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLongNameTemp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, strings.Repeat("x", 250)+".yaml") // 255 bytes
	if err := Replace(path, []byte("x")); err != nil {
		t.Fatalf("a 255-byte name: %v", err)
	}
	assertFile(t, path, "x")
}

func assertFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Errorf("%s holds %q (%v), want %q", path, got, err, want)
	}
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestStreamFailureLeavesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "corpus.qdpx")
	if err := Write(context.Background(), path, []byte("before"), nil); err != nil {
		t.Fatal(err)
	}
	broken := errors.New("broken")
	err := Stream(context.Background(), path, nil, func(w io.Writer) error {
		if _, err := io.WriteString(w, "half of it"); err != nil {
			return err
		}
		return broken
	})
	if !errors.Is(err, broken) {
		t.Fatalf("Stream returned %v, want the writer's error", err)
	}
	assertFile(t, path, "before")
	assertNoTemp(t, dir)
	if err := Stream(context.Background(), path, nil, func(w io.Writer) error {
		_, err := io.WriteString(w, "after")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "after")
}

// TestCheckUnderFile checks that an output path below a file is refused
// alike by Check (a file) and CheckDir (a folder), naming the file, and
// that a folder to make is not.
func TestCheckUnderFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		check func(string) error
		path  string
		want  string // "" means no error
	}{
		{"page below a file", Check, filepath.Join(file, "page.html"), file + " is not a folder"},
		{"site below a file", CheckDir, filepath.Join(file, "site"), file + " is not a folder"},
		{"site deep below a file", CheckDir, filepath.Join(file, "a", "b"), file + " is not a folder"},
		{"site that is a file", CheckDir, file, "is a file, not a folder"},
		{"site to make", CheckDir, filepath.Join(dir, "a", "b"), ""},
		{"site that is a folder", CheckDir, dir, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(tt.path)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("%s: %v, want no error", tt.path, err)
			case tt.want != "" && (err == nil || !strings.HasSuffix(err.Error(), tt.want)):
				t.Errorf("%s: %v, want an error ending %q", tt.path, err, tt.want)
			}
		})
	}
}

// TestCheckDirDangling checks that a folder to write into that is a
// symbolic link to nothing, or below one, is refused before any work, as
// an output file that is one is (Check): it cannot be made (mkdir says
// only "file exists", once the inputs are read), and its target is not
// made for it.
func TestCheckDirDangling(t *testing.T) {
	dir := t.TempDir()
	dangling := filepath.Join(dir, "site")
	if err := os.Symlink("nothing-here", dangling); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"the folder", dangling, dangling + ": is a symbolic link to nothing; not replaced"},
		{"below it", filepath.Join(dangling, "a", "b"), filepath.Join(dangling, "a", "b") + ": " + dangling + " is a symbolic link to nothing; not replaced"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckDir(tt.path)
			if err == nil || err.Error() != tt.want || !errors.Is(err, ErrDangling) {
				t.Errorf("CheckDir(%s) = %v, want %q", tt.path, err, tt.want)
			}
		})
	}
	if _, err := os.Lstat(filepath.Join(dir, "nothing-here")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("checking a dangling link made its target")
	}
}
