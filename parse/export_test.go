package parse

// IsFurnitureLine exports isFurniture to the tests of package parse_test.
func IsFurnitureLine(text string) bool { return isFurniture(text) }
