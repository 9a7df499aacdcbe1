package cmd

import (
	"testing"
	"time"
)

func TestDescribeProgress(t *testing.T) {
	tests := []struct {
		done, total, failed int
		elapsed             time.Duration
		want                string
	}{
		// The first letter done in 10 µs: no rate yet (it would be 100,000/s).
		{1, 14, 0, 10 * time.Microsecond, "parsing"},
		{1, 14, 2, 500 * time.Millisecond, "parsing (2 failed)"},
		{10, 344, 0, 2 * time.Second, "parsing (5.0 letters/s, 1m7s left)"},
		{344, 344, 1, 4 * time.Second, "parsing (86.0 letters/s, 0s left, 1 failed)"},
	}
	for _, tt := range tests {
		if got := describeProgress(tt.done, tt.total, tt.failed, tt.elapsed); got != tt.want {
			t.Errorf("describeProgress(%d, %d, %d, %v) = %q, want %q", tt.done, tt.total, tt.failed, tt.elapsed, got, tt.want)
		}
	}
}
