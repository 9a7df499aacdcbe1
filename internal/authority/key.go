package authority

import (
	"strings"

	"github.com/ofsted-letters/letters/internal/lazyre"
)

// noise are the words of an authority's name that do not tell
// authorities apart; the key leaves them out.
var noise = lazyre.New(`(?i)\b(?:london borough of|royal borough of|metropolitan borough council|metropolitan borough of|metropolitan district council|metropolitan council|borough council|county borough council|district council|county council|city council|city of|council of the|council|borough of|county of|the|children['’]?s trust|trust|local authority)\b`)

// tail matches generic words that some letters print after an
// authority's name ("Derby City", "Dudley MBC", "Trafford Metropolitan
// Borough").
var tail = lazyre.New(`(?i)(?:\s+(?:city|borough|county|mbc|metropolitan|district|unitary))+\s*$`)

// aliases maps keys of short or ambiguous names to the key of the
// authority's full name, so that one authority's letters group together
// however they name it.
var aliases = map[string]string{
	"newcastle":          "newcastle-upon-tyne",
	"hull":               "kingston-upon-hull",
	"bcp":                "bournemouth-christchurch-and-poole",
	"london":             "city-of-london", // the City of London Corporation
	"london-corporation": "city-of-london",
}

// parenthesis matches a bracketed aside, such as an acronym: "(BCP)".
var parenthesis = lazyre.New(`\([^)]*\)`)

// nonKey matches runs of characters that a key does not keep.
var nonKey = lazyre.New(`[^a-z0-9]+`)

// Key returns the short key that groups one authority's letters: its
// name in lower case without "City Council", "London Borough of" and the
// like, words joined by hyphens ("London Borough of Barking and Dagenham"
// is "barking-and-dagenham").
func Key(name string) string {
	key := parenthesis.ReplaceAllString(name, " ")
	key = noise.ReplaceAllString(key, " ")
	key = tail.ReplaceAllString(key, "")
	if strings.TrimSpace(key) == "" {
		key = name
	}
	key = strings.ToLower(key)
	key = strings.ReplaceAll(key, "&", " and ")
	key = strings.ReplaceAll(key, "’", "")
	key = strings.ReplaceAll(key, "'", "")
	key = strings.Trim(nonKey.ReplaceAllString(key, "-"), "-")
	if alias, ok := aliases[key]; ok {
		return alias
	}
	return key
}
