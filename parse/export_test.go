package parse

import "github.com/ofsted-letters/letters/record"

// IsFurnitureLine exports isFurniture to the tests of package parse_test.
func IsFurnitureLine(text string) bool { return isFurniture(text) }

// The limits of one letter, for the tests of package parse_test.
const (
	MaxTextBytes  = maxTextBytes
	MaxLines      = maxLines
	MaxWords      = maxWords
	MaxParagraphs = maxParagraphs
)

// SplitAddressee exports splitAddressee to the tests of package parse_test.
func SplitAddressee(text string) record.Addressee { return splitAddressee(text) }
