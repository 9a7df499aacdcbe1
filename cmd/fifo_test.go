//go:build unix

package cmd

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFIFOInterrupted names a FIFO with no writer on the command line of
// every command that reads letters and sends SIGTERM while letters waits
// for the writer: letters stops at once with exit code 130, as for
// Ctrl-C. (Linux: the test waits, through /proc, for the process to block
// opening the FIFO.)
func TestFIFOInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	for _, args := range [][]string{{"parse"}, {"themes"}, {"diff", "../testdata/letters/liverpool-2024-07-monitoring.txt"}, {"report", "--out", "-"}} {
		t.Run(args[0], func(t *testing.T) { fifoInterrupted(t, args) })
	}
}

// fifoInterrupted runs letters with args and a FIFO, and interrupts it.
func fifoInterrupted(t *testing.T, args []string) {
	fifo := filepath.Join(t.TempDir(), "letter.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	var stderr bytes.Buffer
	c := startBlockedOnFIFO(t, &stderr, append(args, fifo)...)
	c.Process.Signal(syscall.SIGTERM)
	err := c.Wait()
	if code := c.ProcessState.ExitCode(); code != exitInterrupted {
		t.Errorf("exit code %d (%v), want %d; stderr:\n%s", code, err, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say the run was interrupted:\n%s", stderr.String())
	}
}

// startBlockedOnFIFO starts letters with args, its standard error going to
// stderr (if not nil), and waits for it to block opening a FIFO; the test
// is skipped if that cannot be seen.
func startBlockedOnFIFO(t *testing.T, stderr *bytes.Buffer, args ...string) *exec.Cmd {
	t.Helper()
	c := exec.Command(os.Args[0], args...)
	c.Env = append(os.Environ(), "LETTERS_RUN_MAIN=1")
	if stderr != nil {
		c.Stderr = stderr
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	if !waitBlockedOnFIFO(c.Process.Pid) {
		c.Process.Kill()
		c.Wait()
		t.Skip("cannot see, through /proc, the process wait for the FIFO's other end")
	}
	return c
}

// waitBlockedOnFIFO reports whether a thread of process pid comes to wait
// in the kernel for a FIFO's other end within 20 seconds.
func waitBlockedOnFIFO(pid int) bool {
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		chans, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/wchan", pid))
		for _, p := range chans {
			if w, _ := os.ReadFile(p); string(w) == "wait_for_partner" {
				return true
			}
		}
	}
	return false
}

// TestFIFOWithWriter parses a letter that a writer sends through a FIFO.
func TestFIFOWithWriter(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "letter.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	data, err := os.ReadFile("../testdata/letters/rochdale_2019-02-01.txt")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		if err := os.WriteFile(fifo, data, 0o600); err != nil {
			t.Error(err)
		}
	}()
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"parse", fifo}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "authority_key: rochdale") {
		t.Errorf("no record of the letter:\n%.300s", stdout.String())
	}
}

// TestOutFIFOInterrupted gives report --out (and export --qdpx, and parse
// --errors) a FIFO that nobody reads and sends SIGTERM while letters waits
// for a reader: it stops with exit code 130 and the FIFO is still a FIFO.
func TestOutFIFOInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	letters := []string{"../testdata/letters/liverpool-2024-07-monitoring.txt", "../testdata/letters/liverpool-2025-09-monitoring.txt"}
	for _, flags := range [][]string{{"report", "--out"}, {"export", "--qdpx"}, {"parse", "--errors"}} {
		t.Run(flags[0], func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "out")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skipf("no FIFOs here: %v", err)
			}
			var stderr bytes.Buffer
			c := startBlockedOnFIFO(t, &stderr, append(append(flags, fifo), letters...)...)
			c.Process.Signal(syscall.SIGTERM)
			err := c.Wait()
			if code := c.ProcessState.ExitCode(); code != exitInterrupted {
				t.Errorf("exit code %d (%v), want %d; stderr:\n%s", code, err, exitInterrupted, stderr.String())
			}
			if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
				t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
			}
		})
	}
}

// TestSecondSignal runs letters validate, which reads records without a
// context, on a FIFO that has no writer: the first SIGTERM cannot end the
// wait, and a second one ends the process as SIGTERM does by default.
func TestSecondSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	fifo := filepath.Join(t.TempDir(), "records.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	c := startBlockedOnFIFO(t, nil, "validate", fifo)
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	c.Process.Signal(syscall.SIGTERM)
	// The second signal must come after the first was taken in; send it
	// until the process ends, for at most 20 seconds.
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		select {
		case <-done:
			ws, ok := c.ProcessState.Sys().(syscall.WaitStatus)
			if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
				t.Errorf("process ended with %v, want killed by SIGTERM", c.ProcessState)
			}
			return
		case <-time.After(100 * time.Millisecond):
			c.Process.Signal(syscall.SIGTERM)
		}
	}
	c.Process.Kill()
	<-done
	t.Fatal("a second SIGTERM did not end the process")
}
