package model

import "time"

// AccessKey is an access key of a user as the current account holds it:
// its id, never its secret; its status and age; and its last use, as the
// credential report and GetAccessKeyLastUsed give it. Key rotation and
// the audit read these.
type AccessKey struct {
	ID string `json:"id"`
	// Active is the key's status: true for Active, false for Inactive.
	Active     bool      `json:"active"`
	CreateDate time.Time `json:"create_date,omitzero"`
	// LastUsed is the key's last use; zero when it was never used or the
	// provider could not tell.
	LastUsed        time.Time `json:"last_used,omitzero"`
	LastUsedService string    `json:"last_used_service,omitempty"`
	LastUsedRegion  string    `json:"last_used_region,omitempty"`
}

// AccessKeyIDs returns the ids of the keys, in order.
func AccessKeyIDs(keys []AccessKey) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.ID
	}
	return out
}
