// Package yamlpos reads positions out of the errors of yaml.v3, which
// carries them only in its messages ("yaml: line 3: did not find expected
// key"; "yaml: unmarshal errors:\n  line 7: field dat not found"). It is
// the one place that does, for records (package record) and codebooks
// (package analyse).
package yamlpos

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Of returns the line (from 1; 0 when it names none) that an error of
// yaml.v3 names, and its message without the "yaml: " prefix and, for a
// syntax error, without the position. A type error gives the line of its
// first problem and keeps its message whole.
func Of(err error) (line int, msg string) {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		if _, scanErr := fmt.Sscanf(te.Errors[0], "line %d:", &line); scanErr != nil {
			line = 0
		}
		return line, err.Error()
	}
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		if _, after, ok := strings.Cut(msg, ": "); ok {
			msg = after
		}
		return line, msg
	}
	return 0, msg
}

// linePos finds the positions in yaml.v3's messages.
var linePos = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\bline \d+`) })

// Shift adds n to every "line N" of a message of yaml.v3 about a document
// parsed on its own that starts on line n+1 of its file.
func Shift(msg string, n int) string {
	if n == 0 {
		return msg
	}
	return linePos().ReplaceAllStringFunc(msg, func(m string) string {
		var line int
		fmt.Sscanf(m, "line %d", &line)
		return fmt.Sprintf("line %d", line+n)
	})
}
