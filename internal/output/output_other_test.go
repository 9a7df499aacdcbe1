//go:build !unix

package output

import "strconv"

func itoa(i int) string { return strconv.Itoa(i) }
