package iamapi

import (
	"sort"
	"sync"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider/memory"
)

// API versions of the two services served.
const (
	iamVersion = "2010-05-08"
	stsVersion = "2011-06-15"
)

// action is one API action served.
type action struct {
	name string
	sts  bool // an STS action (Version 2011-06-15)
	// result is whether the answer has an <ActionResult> element; actions
	// without output answer only the ResponseMetadata, as AWS does.
	result bool
	// write is whether the action changes the account.
	write bool
	run   func(c *call) error
}

// actions is the table of actions served, built on first use.
var actions = sync.OnceValue(func() map[string]*action {
	m := map[string]*action{}
	add := func(name string, result bool, run func(*call) error) {
		m[name] = &action{name: name, result: result, run: run}
	}
	// Every write op iamc plans, and the memory account's calls that no
	// plan makes, decoded into their op and run on the account.
	for _, o := range writeOps() {
		name := o.Action()
		m[name] = &action{name: name, result: opHasResult(name), write: true, run: runOp}
	}
	// Reads.
	for name, run := range readActions() {
		add(name, true, run)
	}
	for name, run := range providerReads() {
		add(name, true, run)
	}
	// Account-level calls that are not ops.
	add("GenerateCredentialReport", true, generateCredentialReport)
	add("GetCredentialReport", true, getCredentialReport)
	m["GetCallerIdentity"] = &action{name: "GetCallerIdentity", sts: true, result: true, run: getCallerIdentity}
	m["AssumeRole"] = &action{name: "AssumeRole", sts: true, result: true, run: assumeRole}
	return m
})

// writeOps are the write calls served: every op iamc plans (package op)
// and the memory account's others (memory.Calls).
func writeOps() []op.Op { return append(op.All(), memory.Calls()...) }

// Actions lists the names of the actions a Handler serves, sorted: every
// IAM write op iamc plans (package op), the calls that make what plans
// clean up (access keys, instance profiles), the IAM reads iamc and its
// provider make and the AWS CLI commonly calls, and STS GetCallerIdentity
// and AssumeRole.
func Actions() []string {
	m := actions()
	out := make([]string, 0, len(m))
	for name := range m {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// lookupAction finds the action a request names and checks its Version.
// The action is returned also with a version error, so that the error is
// answered in its service's namespace.
func lookupAction(f *form) (*action, *apiError) {
	if f.action == "" {
		return nil, newError(codeMissingAction, "Missing Action")
	}
	act := actions()[f.action]
	if act == nil {
		if notServed(f.action) {
			return nil, newError(codeInvalidAction, "The action %s is an IAM action that iamc serve does not implement.", clip(f.action))
		}
		return nil, newError(codeInvalidAction, "Could not find operation %s for version %s", clip(f.action), clip(f.version))
	}
	want := iamVersion
	if act.sts {
		want = stsVersion
	}
	switch f.version {
	case want:
		return act, nil
	case "":
		return act, newError(codeMissingParameter, "The request must contain the parameter Version.")
	}
	return act, newError(codeInvalidAction, "Could not find operation %s for version %s", act.name, clip(f.version))
}

// notServed reports whether name is an IAM action of AWS's API that this
// server does not implement, so that the error says so rather than
// calling it unknown.
func notServed(name string) bool {
	switch name {
	case "ResyncMFADevice", "GetMFADevice",
		"UploadSigningCertificate", "UpdateSigningCertificate",
		"UploadSSHPublicKey", "UpdateSSHPublicKey", "GetSSHPublicKey",
		"CreateServiceSpecificCredential", "ResetServiceSpecificCredential", "UpdateServiceSpecificCredential",
		"ChangePassword", "CreateServiceLinkedRole", "DeleteServiceLinkedRole", "UpdateRoleDescription",
		"SimulatePrincipalPolicy", "SimulateCustomPolicy", "GetContextKeysForCustomPolicy",
		"GetContextKeysForPrincipalPolicy", "GenerateServiceLastAccessedDetails",
		"GetServiceLastAccessedDetails", "GetAccountEmailAddress", "GetAccountName",
		"UploadServerCertificate", "ListServerCertificates", "GetServerCertificate", "DeleteServerCertificate",
		"SetSecurityTokenServicePreferences", "ListPoliciesGrantingServiceAccess":
		return true
	}
	return false
}

// readActions are the read actions served, by name.
func readActions() map[string]func(*call) error {
	return map[string]func(*call) error{
		"GetUser":                        getUser,
		"ListUsers":                      listUsers,
		"ListUserTags":                   listUserTags,
		"GetLoginProfile":                getLoginProfile,
		"ListAccessKeys":                 listAccessKeys,
		"GetAccessKeyLastUsed":           getAccessKeyLastUsed,
		"ListMFADevices":                 listMFADevices,
		"ListVirtualMFADevices":          listVirtualMFADevices,
		"ListSigningCertificates":        listSigningCertificates,
		"ListSSHPublicKeys":              listSSHPublicKeys,
		"ListServiceSpecificCredentials": listServiceSpecificCredentials,
		"ListGroupsForUser":              listGroupsForUser,
		"ListUserPolicies":               listUserPolicies,
		"GetUserPolicy":                  getUserPolicy,
		"ListAttachedUserPolicies":       listAttachedUserPolicies,

		"GetGroup":                  getGroup,
		"ListGroups":                listGroups,
		"ListGroupPolicies":         listGroupPolicies,
		"GetGroupPolicy":            getGroupPolicy,
		"ListAttachedGroupPolicies": listAttachedGroupPolicies,

		"GetRole":                     getRole,
		"ListRoles":                   listRoles,
		"ListRoleTags":                listRoleTags,
		"ListRolePolicies":            listRolePolicies,
		"GetRolePolicy":               getRolePolicy,
		"ListAttachedRolePolicies":    listAttachedRolePolicies,
		"ListInstanceProfilesForRole": listInstanceProfilesForRole,
		"ListInstanceProfiles":        listInstanceProfiles,
		"GetInstanceProfile":          getInstanceProfile,
		"ListInstanceProfileTags":     listInstanceProfileTags,

		"GetPolicy":             getPolicy,
		"ListPolicies":          listPolicies,
		"GetPolicyVersion":      getPolicyVersion,
		"ListPolicyVersions":    listPolicyVersions,
		"ListPolicyTags":        listPolicyTags,
		"ListEntitiesForPolicy": listEntitiesForPolicy,

		"GetAccountAuthorizationDetails": getAccountAuthorizationDetails,
		"GetAccountPasswordPolicy":       getAccountPasswordPolicy,
		"ListAccountAliases":             listAccountAliases,
		"GetAccountSummary":              getAccountSummary,
	}
}

// opHasResult reports whether AWS's answer to a write action has a result
// element: those that return the entity they made, and UpdateRole, whose
// result is empty.
func opHasResult(name string) bool {
	switch name {
	case "CreateUser", "CreateGroup", "CreateRole", "CreatePolicy", "CreatePolicyVersion",
		"CreateLoginProfile", "UpdateRole", "CreateAccessKey", "CreateInstanceProfile",
		"CreateVirtualMFADevice", "CreateOpenIDConnectProvider", "CreateSAMLProvider", "UpdateSAMLProvider":
		return true
	}
	return false
}
