//go:build race

package analyse

// raceEnabled skips the tests that train models, which the race detector
// slows tenfold.
const raceEnabled = true
