package validate

import (
	"encoding/json"
	"testing"

	"github.com/ofsted-letters/letters/schema"
)

// TestPatternMessages checks that every schema definition with a pattern
// has its own message, so that no user is shown a bare regular expression.
func TestPatternMessages(t *testing.T) {
	var doc struct {
		Defs map[string]struct {
			Pattern string `json:"pattern"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	for name, def := range doc.Defs {
		if def.Pattern != "" && patternMessages[name] == "" {
			t.Errorf("$defs/%s has a pattern but no message in patternMessages", name)
		}
	}
}

// TestSuggest checks which typos get a "did you mean".
func TestSuggest(t *testing.T) {
	fields := []string{"date", "kind", "title", "salutation", "recipient"}
	tests := []struct {
		name, got, want string
	}{
		{"one letter missing", "dat", "date"},
		{"two letters swapped", "saltuation", "salutation"},
		{"capitals", "Title", "title"},
		{"a prefix", "recip", "recipient"},
		{"nothing close", "colour", ""},
		{"short words need to be closer", "dx", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := suggest(tt.got, fields); got != tt.want {
				t.Errorf("suggest(%q) = %q, want %q", tt.got, got, tt.want)
			}
		})
	}
}

// TestWhyNotADate checks the explanation given for dates that do not exist.
func TestWhyNotADate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-02-29", " (February 2025 has 28 days)"},
		{"2024-02-30", " (February 2024 has 29 days)"},
		{"2024-04-31", " (April 2024 has 30 days)"},
		{"2024-00-10", " (there is no month 0)"},
		{"2024-13-10", " (there is no month 13)"},
		{"2024-05-00", " (May 2024 has 31 days)"},
	}
	for _, tt := range tests {
		if got := whyNotADate(tt.in); got != tt.want {
			t.Errorf("whyNotADate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
