package model

import "time"

// DeclaredKeys is a user's access_keys block: how many active keys the
// user has, when they are rotated and when inactive ones go, and keys to
// deactivate now. Desired accounts only; nil means the user's keys are
// left as they are.
type DeclaredKeys struct {
	// Active is the number of active keys: 0, 1 or 2.
	Active int `json:"active"`
	// RotateAfter is the age in days past which the active key gets a
	// successor; 0 means keys are not rotated. Only with Active <= 1.
	RotateAfter int `json:"rotate_after,omitempty"`
	// DeleteInactiveAfter is the age in days past which an inactive key
	// is deleted; 0 means inactive keys stay.
	DeleteInactiveAfter int `json:"delete_inactive_after,omitempty"`
	// Deactivate lists key ids to deactivate now (a leaked key).
	Deactivate []string `json:"deactivate,omitempty"`
}

// IAM's limits on access keys, and iamc's rotation grace.
const (
	// MaxAccessKeys is how many access keys a user may have.
	MaxAccessKeys = 2
	// MinAccessKeyIDLen and MaxAccessKeyIDLen bound an access key id.
	MinAccessKeyIDLen = 16
	MaxAccessKeyIDLen = 128
	// RotationGrace is how long after its successor's creation a rotated
	// key stays active when the successor has not been seen in use.
	RotationGrace = 7 * 24 * time.Hour
)

// Days is a number of days as a duration.
func Days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// ValidAccessKeyID reports whether id has the form of an access key id:
// 16 to 128 letters and digits.
func ValidAccessKeyID(id string) bool {
	if len(id) < MinAccessKeyIDLen || len(id) > MaxAccessKeyIDLen {
		return false
	}
	for _, c := range id {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
