package pathcause_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ofsted-letters/letters/internal/pathcause"
)

func TestOf(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	_, openErr := os.Open(missing)
	linkErr := os.Rename(missing, missing+".new")
	other := errors.New("no standard input")
	tests := []struct {
		name string
		err  error
		want string
		is   error // a cause errors.Is must still find; nil for none
	}{
		{"open", openErr, "no such file or directory", fs.ErrNotExist},
		{"wrapped", fmt.Errorf("reading: %w", openErr), "no such file or directory", fs.ErrNotExist},
		{"rename", linkErr, "no such file or directory", fs.ErrNotExist},
		{"not about a path", other, "no standard input", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pathcause.Of(tt.err)
			if got.Error() != tt.want {
				t.Errorf("Of(%q) = %q, want %q", tt.err, got, tt.want)
			}
			if tt.is != nil && !errors.Is(got, tt.is) {
				t.Errorf("Of(%q) is not %v", tt.err, tt.is)
			}
		})
	}
}
