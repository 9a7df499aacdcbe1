//go:build !race

package cmd

// raceEnabled reports whether the tests run under the race detector.
const raceEnabled = false
