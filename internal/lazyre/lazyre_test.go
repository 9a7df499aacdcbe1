package lazyre

import (
	"strings"
	"testing"
)

func TestRegexpMatchesLikeRegexp(t *testing.T) {
	r := New(`(\d+)-(\d+)`)
	if !r.MatchString("a 12-34 b") || r.MatchString("none") {
		t.Fatal("MatchString")
	}
	if got := r.FindStringSubmatch("a 12-34"); len(got) != 3 || got[2] != "34" {
		t.Fatalf("FindStringSubmatch = %q", got)
	}
	if got := r.ReplaceAllString("1-2 and 3-4", "$2-$1"); got != "2-1 and 4-3" {
		t.Fatalf("ReplaceAllString = %q", got)
	}
	if got := New(`\s*,\s*`).Split("a , b,c", -1); strings.Join(got, "|") != "a|b|c" {
		t.Fatalf("Split = %q", got)
	}
}

func TestCompileAllFindsABadPattern(t *testing.T) {
	if err := CompileAll(); err != nil {
		t.Fatalf("CompileAll before a bad pattern: %v", err)
	}
	bad := New(`(unclosed`)
	if err := CompileAll(); err == nil {
		t.Fatal("CompileAll accepted (unclosed")
	}
	allMu.Lock()
	all = all[:len(all)-1] // leave the list as other tests expect it
	allMu.Unlock()
	_ = bad
}
