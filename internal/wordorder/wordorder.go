// Package wordorder measures how much of one text another keeps, word for
// word and in order. The corpus checks of pdftext and parse use it to
// compare their text with pdftotext's.
package wordorder

// Common returns the length of the longest common subsequence of a and b:
// the number of a's words found in order in b. It runs Myers' O(ND)
// algorithm, which is fast when the two are alike.
func Common(a, b []string) int {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return 0
	}
	maxD := n + m
	v := make([]int, 2*maxD+2)
	off := maxD + 1
	for d := 0; d <= maxD; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return (n + m - d) / 2
			}
		}
	}
	return 0
}
