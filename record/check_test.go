package record

import "testing"

// TestWhyNotADate checks the explanation given for dates that do not exist.
func TestWhyNotADate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-02-29", " (February 2025 has 28 days)"},
		{"2024-02-30", " (February 2024 has 29 days)"},
		{"2024-04-31", " (April 2024 has 30 days)"},
		{"2024-00-10", " (there is no month 0)"},
		{"2024-13-10", " (there is no month 13)"},
		{"2024-05-00", " (May 2024 has 31 days)"},
		{"2024-13", " (there is no month 13)"},
		{"2024-12", ""},
		{"sometime", ""},
	}
	for _, tt := range tests {
		if got := WhyNotADate(tt.in); got != tt.want {
			t.Errorf("WhyNotADate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
