package pdftext

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// pdftotextWords returns the words pdftotext reads from the file at path,
// caching its output by the file's hash, or ok false when pdftotext is
// not installed.
func pdftotextWords(path string, data []byte) (words []string, ok bool, err error) {
	sum := sha256.Sum256(data)
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	cache := filepath.Join(dir, "letters-pdftotext", hex.EncodeToString(sum[:])+".txt")
	if b, err := os.ReadFile(cache); err == nil {
		return refWords(b), true, nil
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return nil, false, nil
	}
	out, err := exec.Command("pdftotext", "-q", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		return nil, true, err
	}
	if err := os.MkdirAll(filepath.Dir(cache), 0o755); err == nil {
		_ = os.WriteFile(cache, out, 0o644)
	}
	return refWords(out), true, nil
}

// refWords splits pdftotext's output into words, with the symbol-font
// private-use code points that it passes through as "•", as Read gives
// them.
func refWords(b []byte) []string {
	words := strings.Fields(string(b))
	for i, w := range words {
		words[i] = strings.Map(func(r rune) rune {
			if r >= 0xF000 && r <= 0xF0FF {
				return '•'
			}
			return r
		}, w)
	}
	return words
}

// docWords returns the words of a document. A word broken by a hyphen at
// the end of a line is joined without it, as pdftotext joins it.
func docWords(doc *Document) []string {
	var words []string
	joinNext := false
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			fields := strings.Fields(l.Text)
			for i, f := range fields {
				if joinNext && i == 0 && len(words) > 0 {
					words[len(words)-1] += f
				} else {
					words = append(words, f)
				}
				joinNext = false
			}
			if n := len(words); n > 0 && len(fields) > 0 {
				last := words[n-1]
				if len(last) > 1 && strings.HasSuffix(last, "-") && last[len(last)-2] != '-' && last[len(last)-2] != ' ' {
					words[n-1] = last[:len(last)-1]
					joinNext = true
				}
			}
		}
	}
	return words
}
