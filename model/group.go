package model

// Group is an IAM group. Its members are kept on the users (User.Groups);
// see Account.GroupMembers.
type Group struct {
	Name            string         `json:"name"`
	Path            string         `json:"path"`
	ARN             string         `json:"arn,omitempty"`
	ID              string         `json:"id,omitempty"`
	ManagedPolicies []string       `json:"managed_policies,omitempty"`
	InlinePolicies  []InlinePolicy `json:"inline_policies,omitempty"`
	RenamedFrom     string         `json:"renamed_from,omitempty"`
}
