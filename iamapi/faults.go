package iamapi

import (
	"math/rand"
	"sync"
)

type fault int

const (
	faultNone fault = iota
	faultThrottle
	faultError
)

// dice decide which requests get an injected fault. They are seeded, and
// every request draws the same numbers whatever the rates, so that a run
// with a given seed and order of requests is reproducible.
type dice struct {
	mu  sync.Mutex
	rng *rand.Rand
}

func newDice(seed int64) *dice { return &dice{rng: rand.New(rand.NewSource(seed))} }

// roll draws one request's fault: Throttling with probability throttle,
// else a 500 with probability errRate.
func (d *dice) roll(throttle, errRate float64) fault {
	d.mu.Lock()
	a, b := d.rng.Float64(), d.rng.Float64()
	d.mu.Unlock()
	switch {
	case a < throttle:
		return faultThrottle
	case b < errRate:
		return faultError
	}
	return faultNone
}

// coin is a fair coin from the same dice.
func (d *dice) coin() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.rng.Intn(2) == 0
}
