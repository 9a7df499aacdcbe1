package analyse

import "github.com/ofsted-letters/letters/internal/sentence"

// Sentences splits one paragraph of letter prose into sentences (see
// sentence.Paragraph): whitespace normalised, a paragraph number or
// bullet mark at its start dropped.
func Sentences(paragraph string) []string { return sentence.Paragraph(paragraph) }
