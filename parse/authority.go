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
var visitTitle = regexp.MustCompile(`(?i)\b(?:monitoring|focused|follow-up|support and challenge)?\s*visits?\s+(?:to|of|at)\s+(?:the\s+)?(.+?)(?:['’]s)?\s+(?:local authority\s+)?(?:children['’]?s['’]?|child and family)\s+(?:social care\s+)?services?\b|\bvisits?\s+(?:to|of|at)\s+(?:the\s+)?([A-Z][\w’' &,-]+?\s+Children['’]s\s+(?:Services\s+)?Trust)\b`)

// authorityNoise are the words of an authority's name that do not tell
// authorities apart; the key leaves them out.
var authorityNoise = regexp.MustCompile(`(?i)\b(?:london borough of|royal borough of|metropolitan borough council|metropolitan borough of|metropolitan district council|metropolitan council|borough council|county borough council|district council|county council|city council|city of|council of the|council|borough of|county of|the|children['’]?s trust|trust|local authority)\b`)

// authorityTail matches generic words that some letters print after an
// authority's name ("Derby City", "Dudley MBC", "Trafford Metropolitan
// Borough").
var authorityTail = regexp.MustCompile(`(?i)(?:\s+(?:city|borough|county|mbc|metropolitan|district|unitary))+\s*$`)

// authorityAliases maps keys of short or ambiguous names to the key of the
// authority's full name, so that one authority's letters group together
// however they name it.
var authorityAliases = map[string]string{
	"newcastle":          "newcastle-upon-tyne",
	"hull":               "kingston-upon-hull",
	"bcp":                "bournemouth-christchurch-and-poole",
	"london":             "city-of-london", // the City of London Corporation
	"london-corporation": "city-of-london",
}

// parenthesis matches a bracketed aside, such as an acronym: "(BCP)".
var parenthesis = regexp.MustCompile(`\([^)]*\)`)

// nonKey matches runs of characters that a key does not keep.
var nonKey = regexp.MustCompile(`[^a-z0-9]+`)

// authorityKey returns a short key that groups one authority's letters:
// its name in lower case without "City Council", "London Borough of" and
// the like, words joined by hyphens ("London Borough of Barking and
// Dagenham" is "barking-and-dagenham").
func authorityKey(name string) string {
	key := parenthesis.ReplaceAllString(name, " ")
	key = authorityNoise.ReplaceAllString(key, " ")
	key = authorityTail.ReplaceAllString(key, "")
	if strings.TrimSpace(key) == "" {
		key = name
	}
	key = strings.ToLower(key)
	key = strings.ReplaceAll(key, "&", " and ")
	key = strings.ReplaceAll(key, "’", "")
	key = strings.ReplaceAll(key, "'", "")
	key = strings.Trim(nonKey.ReplaceAllString(key, "-"), "-")
	if alias, ok := authorityAliases[key]; ok {
		return alias
	}
	return key
}

// authorityFrom returns the local authority that a title or sentence
// names, or "".
func authorityFrom(text string) string {
	m := visitTitle.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	name := strings.TrimSpace(m[1] + m[2])
	name = strings.TrimSuffix(name, ",")
	return name
}
