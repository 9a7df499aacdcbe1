package parse_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"

	"github.com/ofsted-letters/letters/parse"
)

// TestReadWhole checks that an input is read byte for byte, whether its
// size is known (a file, a bytes.Reader) or not (a pipe, read a byte at
// a time), at sizes around the chunks it is read in.
func TestReadWhole(t *testing.T) {
	for _, n := range []int{0, 1, 64<<10 - 1, 64 << 10, 64<<10 + 1, 3<<20 + 7} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte('a' + i%26)
		}
		path := filepath.Join(t.TempDir(), "in.txt")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		readers := map[string]func() ([]byte, error){
			"file":  func() ([]byte, error) { return parse.ReadFile(context.Background(), path) },
			"sized": func() ([]byte, error) { return parse.ReadAll(context.Background(), "in", bytes.NewReader(data)) },
			"stream": func() ([]byte, error) {
				return parse.ReadAll(context.Background(), "in", iotest.HalfReader(io.MultiReader(bytes.NewReader(data))))
			},
		}
		for name, read := range readers {
			got, err := read()
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s of %d bytes: got %d bytes, %v; want the input", name, n, len(got), err)
			}
		}
	}
}

// TestReadTooLarge checks that a stream past MaxInput is refused.
func TestReadTooLarge(t *testing.T) {
	r := io.LimitReader(zeros{}, parse.MaxInput+1)
	if _, err := parse.ReadAll(context.Background(), "in", r); !errors.Is(err, parse.ErrTooLarge) {
		t.Errorf("got %v, want ErrTooLarge", err)
	}
}

// zeros reads as endless zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
