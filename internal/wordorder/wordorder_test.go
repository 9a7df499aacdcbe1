package wordorder

import (
	"strings"
	"testing"
)

func TestCommon(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"a b c", "a b c", 3},
		{"a b c", "a x b y c", 3},
		{"a b c", "c b a", 1},
		{"a b c d", "b d", 2},
		{"a b", "", 0},
	}
	for _, tt := range tests {
		if got := Common(strings.Fields(tt.a), strings.Fields(tt.b)); got != tt.want {
			t.Errorf("Common(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
