package parse

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"

	"github.com/ofsted-letters/letters/internal/pathcause"
	"github.com/ofsted-letters/letters/record"
)

// ReadFile reads the input at path for parsing: at most MaxInput bytes,
// refusing a larger input with ErrTooLarge after reading one byte more,
// so that a device such as /dev/zero costs no more than a large file.
// A FIFO is read like a file, waiting for its writer, and the wait and
// every read end when ctx is done. Errors are *Error naming path.
func ReadFile(ctx context.Context, path string) ([]byte, error) {
	f, err := open(ctx, path)
	if err != nil {
		return nil, ioError(path, err)
	}
	defer f.Close()
	// A pipe or device waits in Read; a deadline set when ctx is done
	// ends the wait. Regular files take no deadline and need none.
	stop := context.AfterFunc(ctx, func() { f.SetReadDeadline(time.Now()) })
	defer stop()
	size := int64(0)
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = info.Size()
	}
	data, err := readLimited(f, size)
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil {
			err = ctx.Err()
		}
		return nil, ioError(path, err)
	}
	return data, nil
}

// ioError returns err as an *Error naming path once: without the path
// that an *fs.PathError repeats.
func ioError(path string, err error) error {
	return &Error{Pos: record.Pos{File: path}, Err: pathcause.Of(err)}
}

// ReadAll reads an input from r, such as stdin, with the limit of
// ReadFile; name is used in errors. When ctx is done first, ReadAll
// returns ctx's error at once and leaves the read, which cannot be
// interrupted, to finish in the background.
func ReadAll(ctx context.Context, name string, r io.Reader) ([]byte, error) {
	type read struct {
		data []byte
		err  error
	}
	// A reader that says how much it holds, such as a bytes.Reader, is
	// read in one chunk of that size.
	size := int64(0)
	if l, ok := r.(interface{ Len() int }); ok {
		size = int64(l.Len())
	}
	done := make(chan read, 1)
	go func() {
		data, err := readLimited(r, size)
		done <- read{data, err}
	}()
	var res read
	select {
	case res = <-done:
	case <-ctx.Done():
		res.err = ctx.Err()
	}
	if res.err != nil {
		return nil, &Error{Pos: record.Pos{File: name}, Err: res.err}
	}
	return res.data, nil
}

// readLimited reads r to its end, or refuses it with ErrTooLarge after
// reading MaxInput+1 bytes. size, when known, is how many bytes r holds.
func readLimited(r io.Reader, size int64) ([]byte, error) {
	r = io.LimitReader(r, MaxInput+1)
	// Read in chunks and join them only when the whole is within the
	// limit, so that a device or pipe past it costs no more memory than
	// the limit. An input of known size is read in one chunk, one byte
	// longer to see the end (or growth); else the chunks double from
	// firstChunk to maxChunk, so that a letter of tens of kilobytes
	// costs tens of kilobytes.
	next := firstChunk
	if size > 0 && size <= MaxInput {
		next = int(size) + 1
	}
	var chunks [][]byte
	total := 0
	for {
		chunk := make([]byte, next)
		n, err := io.ReadFull(r, chunk)
		chunks = append(chunks, chunk[:n])
		total += n
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
		next = min(2*next, maxChunk)
	}
	if total > MaxInput {
		return nil, ErrTooLarge
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	return bytes.Join(chunks, nil), nil
}

// The sizes of the first and the largest chunks readLimited reads an
// input of unknown size in.
const (
	firstChunk = 64 << 10
	maxChunk   = 1 << 20
)

// open opens path for reading. Opening a FIFO blocks until a writer opens
// it; if ctx is done first, open returns ctx's error, and ends the wait of
// the abandoned open by opening the FIFO for writing for a moment.
func open(ctx context.Context, path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Mode()&fs.ModeNamedPipe == 0 {
		return os.Open(path)
	}
	type opened struct {
		f   *os.File
		err error
	}
	done := make(chan opened, 1)
	go func() {
		f, err := os.Open(path)
		done <- opened{f, err}
	}()
	select {
	case o := <-done:
		return o.f, o.err
	case <-ctx.Done():
	}
	go func() {
		// The open in flight may not have reached the kernel yet, when
		// opening for writing finds no reader: try a few times.
		var o opened
	wait:
		for range fifoTries {
			if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
			select {
			case o = <-done:
				break wait
			case <-time.After(fifoRetry):
			}
		}
		if o.f == nil && o.err == nil {
			o = <-done
		}
		if o.f != nil {
			o.f.Close()
		}
	}()
	return nil, ctx.Err()
}

// How often, and how many times, open tries to end the wait of an
// abandoned open of a FIFO.
const (
	fifoRetry = 50 * time.Millisecond
	fifoTries = 20
)
