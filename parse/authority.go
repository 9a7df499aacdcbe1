package parse

import (
	"strings"

	"github.com/ofsted-letters/letters/internal/lazyre"
)

// visitTitle matches the title of a letter or the opening of its first
// paragraph, and captures the local authority: "Monitoring visit to
// Liverpool City Council children’s services", "Focused visit to Barnet
// children’s services", "monitoring visit of Liverpool City Council local
// authority children's services".
var visitTitle = lazyre.New(`(?i)\b(?:monitoring|focused|follow-up|support and challenge)?\s*visits?\s+(?:to|of|at)\s+(?:the\s+)?(.+?)(?:['’]s)?\s+(?:local authority\s+)?(?:children['’]?s['’]?|child and family)\s+(?:social care\s+)?services?\b|\bvisits?\s+(?:to|of|at)\s+(?:the\s+)?([A-Z][\w’' &,-]+?\s+Children['’]s\s+(?:Services\s+)?Trust)\b`)

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
