package memory

import "hash/fnv"

// Prefixes of IAM's unique ids, per kind of entity.
const (
	userIDPrefix            = "AIDA"
	groupIDPrefix           = "AGPA"
	roleIDPrefix            = "AROA"
	policyIDPrefix          = "ANPA"
	instanceProfileIDPrefix = "AIPA"
)

// idAlphabet is the alphabet of IAM's unique ids (base32: A-Z and 2-7).
const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// newID returns a new unique id: prefix and 17 characters that look random
// but follow from the account id and a counter, so that tests are
// reproducible.
func (s *State) newID(prefix string) string {
	s.NextID++
	return makeID(prefix, s.AccountID, s.NextID)
}

func makeID(prefix, account string, n uint64) string {
	h := fnv.New64a()
	h.Write([]byte(account))
	x := splitmix(n ^ h.Sum64())
	y := splitmix(x)
	var b [21]byte
	copy(b[:], prefix)
	for i := 4; i < 16; i++ { // 12 characters from x
		b[i] = idAlphabet[x&31]
		x >>= 5
	}
	for i := 16; i < 21; i++ { // 5 from y
		b[i] = idAlphabet[y&31]
		y >>= 5
	}
	return string(b[:len(prefix)+17])
}

// splitmix is the SplitMix64 finaliser: a bijective mix of the bits of x.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
