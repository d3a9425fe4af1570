package audit

import (
	"fmt"
	"time"

	"github.com/iamc/iamc/model"
)

// credentials runs the credential report's checks: console users
// without MFA, keys older than 90 days, passwords and keys unused for 45
// days, users with two active keys.
func (a *auditor) credentials() {
	if a.in.Posture == nil || a.in.Posture.Report == nil {
		return
	}
	for _, row := range a.in.Posture.Report.Users {
		addr := model.UserAddr(row.User)
		if row.PasswordEnabled && !row.MFAActive {
			a.add(checkConsoleMFA, addr, fmt.Sprintf("User %s signs in to the console without MFA", row.User),
				"A console password alone is one phishing page away from the account.",
				"Have the user enable an MFA device (Security credentials in the console), and deny actions without aws:MultiFactorAuthPresent to console users.")
		}
		if row.PasswordEnabled {
			if since, what, ok := a.idle(row.PasswordLastUsed, row.PasswordLastChanged, "signed in", "set", unusedDays); ok {
				a.add(checkUnused, addr, fmt.Sprintf("User %s's console password %s %d days ago", row.User, what, since),
					"A password nobody uses is one nobody would miss if it were stolen and used.",
					fmt.Sprintf("Remove the login profile (console_access { enabled = false } in the user block, or aws iam delete-login-profile --user-name %s).", row.User))
			}
		}
		active := 0
		for i, k := range row.Keys {
			if !k.Active {
				continue
			}
			active++
			if !k.LastRotated.IsZero() && a.days(k.LastRotated) >= keyMaxAgeDays {
				a.add(checkKeyAge, addr, fmt.Sprintf("User %s's access key %d was made %d days ago", row.User, i+1, a.days(k.LastRotated)),
					"The longer a key lives, the more places it has been copied to and the longer a leaked one works.",
					"Make a new key, move its users to it, then deactivate and delete the old one.")
			}
			if since, what, ok := a.idle(k.LastUsed, k.LastRotated, "used", "made", unusedDays); ok {
				a.add(checkUnused, addr, fmt.Sprintf("User %s's access key %d was last %s %d days ago", row.User, i+1, what, since),
					"An active key nobody uses is a standing credential that only an attacker would use.",
					fmt.Sprintf("Deactivate it, then delete it: aws iam update-access-key --user-name %s --status Inactive --access-key-id ...", row.User))
			}
		}
		if active == 2 {
			a.add(checkTwoKeys, addr, fmt.Sprintf("User %s has two active access keys", row.User),
				"Two live keys double what can leak; a second key is for a rotation in progress only.",
				"Finish the rotation: deactivate and delete the older key.")
		}
	}
}

// idle reports whether a credential or role last used at used (zero:
// never), or made at made when never used, has been idle for limit days
// or more: the days, and "used"/"made, never used," (as usedWord,
// madeWord) for the message.
func (a *auditor) idle(used, made time.Time, usedWord, madeWord string, limit int) (int, string, bool) {
	t, what := used, usedWord
	if t.IsZero() {
		t, what = made, madeWord+", never used,"
		if t.IsZero() {
			return 0, "", false
		}
	}
	d := a.days(t)
	return d, what, d >= limit
}
