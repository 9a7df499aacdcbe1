package corpus

import "time"

// lockPoll is how often a run waiting for a record folder's lock tries
// again.
const lockPoll = 100 * time.Millisecond
