package analyse

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestConfidenceBound checks which statuses a bound keeps: those below it
// (compared unrounded), and those with no confidence, in codebook order;
// a letter left with none holds an empty list, which JSON writes as [].
func TestConfidenceBound(t *testing.T) {
	themes := []ThemeStatus{
		{Theme: "front-door", Confidence: 0.99},
		{Theme: "planning", Confidence: 0.31},
		{Theme: "permanence", Confidence: 0.8},
		{Theme: "my-theme"}, // a codebook addition: no confidence
		{Theme: "early-help", Confidence: 0.795},
	}
	sure := []ThemeStatus{{Theme: "front-door", Confidence: 0.99}, {Theme: "lado", Confidence: 0.8}}
	cases := []struct {
		name   string
		bound  ConfidenceBound
		themes []ThemeStatus
		want   []string
	}{
		{"off: every status", 0, themes, []string{"front-door", "planning", "permanence", "my-theme", "early-help"}},
		{"below 0.8: the bound itself is not below it, 0.795 is", 0.8, themes, []string{"planning", "my-theme", "early-help"}},
		{"below 0.3: only the one with no confidence", 0.3, themes, []string{"my-theme"}},
		{"1: all but a status at 1", 1, append(slices.Clone(themes), ThemeStatus{Theme: "lado", Confidence: 1}), []string{"front-door", "planning", "permanence", "my-theme", "early-help"}},
		{"none left", 0.5, sure, []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := &Profile{Themes: slices.Clone(tc.themes)}
			before := slices.Clone(p.Themes)
			shared := p.Themes
			tc.bound.Keep(p)
			got := []string{}
			for _, ts := range p.Themes {
				got = append(got, ts.Theme)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Keep under %v left %q, want %q", tc.bound, got, tc.want)
			}
			if !reflect.DeepEqual(shared, before) {
				t.Error("Keep changed the themes the profile held")
			}
			data, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			if len(tc.want) == 0 && !strings.Contains(string(data), `"themes":[]`) {
				t.Errorf("a profile with no status left is written %s, want \"themes\":[]", data)
			}
		})
	}
}

// TestNewConfidenceBound checks the values a bound takes: above 0 and at
// most 1.
func TestNewConfidenceBound(t *testing.T) {
	for _, ok := range []float64{0.5, 0.71, 1} {
		if b, err := NewConfidenceBound(ok); err != nil || float64(b) != ok {
			t.Errorf("NewConfidenceBound(%v) = %v, %v", ok, b, err)
		}
	}
	for _, bad := range []float64{0, -0.1, 1.5, math.NaN(), math.Inf(1)} {
		if _, err := NewConfidenceBound(bad); err == nil {
			t.Errorf("NewConfidenceBound(%v): no error", bad)
		}
	}
	if _, err := NewConcernRule(0); err != nil {
		t.Errorf("NewConcernRule(0): %v", err) // the share takes 0, the bound does not
	}
}
