package render

import "testing"

// TestUnsure checks which confidences diff's table and markdown show
// beside a status: those below UnsureConfidence (a confidence has two
// decimals, see analyse.ThemeStatus), never a confidence that is not there.
func TestUnsure(t *testing.T) {
	cases := []struct {
		name string
		c    float64
		want string
	}{
		{"none: a theme the model does not judge", 0, ""},
		{"low", 0.31, " (0.31)"},
		{"just below", 0.69, " (0.69)"},
		{"at the bound", 0.7, ""},
		{"sure", 0.97, ""},
		{"certain", 1, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := unsure(c.c); got != c.want {
				t.Errorf("unsure(%v) = %q, want %q", c.c, got, c.want)
			}
		})
	}
}
