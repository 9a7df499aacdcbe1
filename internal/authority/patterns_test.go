package authority

import (
	"testing"

	"github.com/ofsted-letters/letters/internal/lazyre"
)

// TestPatternsCompile compiles every pattern of the package, which are
// compiled lazily at first use: a bad one fails here, not in a user's run.
func TestPatternsCompile(t *testing.T) {
	if err := lazyre.CompileAll(); err != nil {
		t.Fatal(err)
	}
}
