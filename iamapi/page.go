package iamapi

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strings"
)

// defaultMaxItems is IAM's page size when MaxItems is not given, for the
// List* calls and GetAccountAuthorizationDetails alike.
const defaultMaxItems = 100

// pageReq is a paginated call's MaxItems and Marker.
type pageReq struct {
	max   int
	after string // the sort key of the last item of the previous page
	given bool   // a Marker was given
}

// markerPrefix starts every marker's decoded text, so that a marker from
// elsewhere is recognised as not ours.
const markerPrefix = "iamc1:"

// page reads MaxItems and Marker. A marker this server did not write is a
// ValidationError.
func (c *call) page() pageReq {
	p := pageReq{max: defaultMaxItems}
	if n, ok := c.f.integer("MaxItems"); ok && n >= 1 {
		p.max = n
	}
	if m := c.f.str("Marker", false); m != "" {
		raw, err := base64.RawURLEncoding.DecodeString(m)
		key, ok := strings.CutPrefix(string(raw), markerPrefix)
		if err != nil || !ok {
			c.f.fail(validation("Invalid Marker: %s is not a marker this endpoint returned.", clip(m)))
			return p
		}
		p.after, p.given = key, true
	}
	return p
}

// cut returns the window [lo, hi) of n items, ordered by the strictly
// increasing keys key(0..n-1), that this page holds, and the marker of
// the next page ("" on the last).
func (p pageReq) cut(n int, key func(i int) string) (lo, hi int, next string) {
	if p.given {
		lo = sort.Search(n, func(i int) bool { return key(i) > p.after })
	}
	hi = lo + p.max
	if hi >= n {
		return lo, n, ""
	}
	return lo, hi, base64.RawURLEncoding.EncodeToString([]byte(markerPrefix + key(hi-1)))
}

// indexKey is the sort key of the i-th item of a list kept in an order of
// its own (attachment order, creation order).
func indexKey(i int) string { return fmt.Sprintf("%08d", i) }
