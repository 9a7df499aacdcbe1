package parse

import (
	"regexp"
	"strings"
)

// visitTitle matches the title of a letter or the opening of its first
// paragraph, and captures the local authority: "Monitoring visit to
// Liverpool City Council children’s services", "Focused visit to Barnet
// children’s services", "monitoring visit of Liverpool City Council local
// authority children's services".
var visitTitle = regexp.MustCompile(`(?i)\b(?:monitoring|focused|follow-up|support and challenge)?\s*visits?\s+(?:to|of|at)\s+(?:the\s+)?(.+?)(?:['’]s)?\s+(?:local authority\s+)?(?:children['’]?s['’]?|child and family)\s+(?:social care\s+)?services?\b`)

// authorityNoise are the words of an authority's name that do not tell
// authorities apart; the key leaves them out.
var authorityNoise = regexp.MustCompile(`(?i)\b(?:london borough of|royal borough of|metropolitan borough council|metropolitan borough of|metropolitan district council|metropolitan council|borough council|county borough council|district council|county council|city council|city of|council of the|council|borough of|county of|the|children['’]?s trust|trust|local authority)\b`)

// nonKey matches runs of characters that a key does not keep.
var nonKey = regexp.MustCompile(`[^a-z0-9]+`)

// authorityKey returns a short key that groups one authority's letters:
// its name in lower case without "City Council", "London Borough of" and
// the like, words joined by hyphens ("London Borough of Barking and
// Dagenham" is "barking-and-dagenham").
func authorityKey(name string) string {
	key := authorityNoise.ReplaceAllString(name, " ")
	if strings.TrimSpace(key) == "" {
		key = name
	}
	key = strings.ToLower(key)
	key = strings.ReplaceAll(key, "&", " and ")
	key = strings.ReplaceAll(key, "’", "")
	key = strings.ReplaceAll(key, "'", "")
	return strings.Trim(nonKey.ReplaceAllString(key, "-"), "-")
}

// authorityFrom returns the local authority that a title or sentence
// names, or "".
func authorityFrom(text string) string {
	m := visitTitle.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	name := strings.TrimSpace(m[1])
	name = strings.TrimSuffix(name, ",")
	return name
}
