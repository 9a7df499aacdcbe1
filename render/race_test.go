//go:build race

package render

// raceEnabled reports whether the tests run under the race detector.
const raceEnabled = true
