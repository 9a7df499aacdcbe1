package analyse

import (
	"os"
	"testing"
)

func TestDebugSentence(t *testing.T) {
	s := os.Getenv("SENTENCE")
	if s == "" {
		t.Skip()
	}
	cb := mustBuiltin(t)
	toks := tokenize(s)
	for _, cl := range splitClauses(toks) {
		var words []string
		for _, tk := range cl.toks {
			words = append(words, tk.text)
		}
		cues := cb.compiled.cues(cl.toks)
		var cs []string
		for _, c := range cues {
			w := ""
			for i := c.start; i < c.end; i++ {
				w += cl.toks[i].text + " "
			}
			cs = append(cs, w+"="+map[bool]string{true: "B", false: ""}[c.burden]+string(rune('0'+int(c.value+1))))
		}
		t.Logf("role %d past %v score %.2f: %v cues %v", cl.role, cl.past, cb.compiled.scoreClause(cl.toks, cl.past), words, cs)
	}
	j := cb.Judge(s)
	t.Logf("%s %v", j.Polarity, j.Themes)
}
