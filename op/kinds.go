package op

import "github.com/iamc/iamc/model"

// The calls that users, groups and roles (and, for tags, managed
// policies) share, made for the entity's kind: a planner that handles
// the kinds alike asks for "attach" and gets AttachUserPolicy,
// AttachGroupPolicy or AttachRolePolicy.

// AttachPolicy attaches a managed policy to a user, group or role.
func AttachPolicy(k model.Kind, name, arn string) Op {
	switch k {
	case model.KindUser:
		return &AttachUserPolicy{UserName: name, PolicyArn: arn}
	case model.KindGroup:
		return &AttachGroupPolicy{GroupName: name, PolicyArn: arn}
	}
	return &AttachRolePolicy{RoleName: name, PolicyArn: arn}
}

// DetachPolicy detaches a managed policy from a user, group or role.
func DetachPolicy(k model.Kind, name, arn string) Op {
	switch k {
	case model.KindUser:
		return &DetachUserPolicy{UserName: name, PolicyArn: arn}
	case model.KindGroup:
		return &DetachGroupPolicy{GroupName: name, PolicyArn: arn}
	}
	return &DetachRolePolicy{RoleName: name, PolicyArn: arn}
}

// PutInlinePolicy creates or replaces an inline policy of a user, group or
// role.
func PutInlinePolicy(k model.Kind, name, policyName, doc string) Op {
	switch k {
	case model.KindUser:
		return &PutUserPolicy{UserName: name, PolicyName: policyName, PolicyDocument: doc}
	case model.KindGroup:
		return &PutGroupPolicy{GroupName: name, PolicyName: policyName, PolicyDocument: doc}
	}
	return &PutRolePolicy{RoleName: name, PolicyName: policyName, PolicyDocument: doc}
}

// DeleteInlinePolicy deletes an inline policy of a user, group or role.
func DeleteInlinePolicy(k model.Kind, name, policyName string) Op {
	switch k {
	case model.KindUser:
		return &DeleteUserPolicy{UserName: name, PolicyName: policyName}
	case model.KindGroup:
		return &DeleteGroupPolicy{GroupName: name, PolicyName: policyName}
	}
	return &DeleteRolePolicy{RoleName: name, PolicyName: policyName}
}

// PutBoundary sets the permissions boundary of a user or role.
func PutBoundary(k model.Kind, name, arn string) Op {
	if k == model.KindUser {
		return &PutUserPermissionsBoundary{UserName: name, PermissionsBoundary: arn}
	}
	return &PutRolePermissionsBoundary{RoleName: name, PermissionsBoundary: arn}
}

// DeleteBoundary removes the permissions boundary of a user or role.
func DeleteBoundary(k model.Kind, name string) Op {
	if k == model.KindUser {
		return &DeleteUserPermissionsBoundary{UserName: name}
	}
	return &DeleteRolePermissionsBoundary{RoleName: name}
}

// TagEntity tags a user, role or managed policy; target is the name, or
// the ARN of a policy.
func TagEntity(k model.Kind, target string, tags []Tag) Op {
	switch k {
	case model.KindUser:
		return &TagUser{UserName: target, Tags: tags}
	case model.KindRole:
		return &TagRole{RoleName: target, Tags: tags}
	case model.KindInstanceProfile:
		return &TagInstanceProfile{InstanceProfileName: target, Tags: tags}
	case model.KindOIDCProvider:
		return &TagOpenIDConnectProvider{OpenIDConnectProviderArn: target, Tags: tags}
	case model.KindSAMLProvider:
		return &TagSAMLProvider{SAMLProviderArn: target, Tags: tags}
	}
	return &TagPolicy{PolicyArn: target, Tags: tags}
}

// UntagEntity removes tags of a user, role or managed policy; target is
// the name, or the ARN of a policy.
func UntagEntity(k model.Kind, target string, keys []string) Op {
	switch k {
	case model.KindUser:
		return &UntagUser{UserName: target, TagKeys: keys}
	case model.KindRole:
		return &UntagRole{RoleName: target, TagKeys: keys}
	case model.KindInstanceProfile:
		return &UntagInstanceProfile{InstanceProfileName: target, TagKeys: keys}
	case model.KindOIDCProvider:
		return &UntagOpenIDConnectProvider{OpenIDConnectProviderArn: target, TagKeys: keys}
	case model.KindSAMLProvider:
		return &UntagSAMLProvider{SAMLProviderArn: target, TagKeys: keys}
	}
	return &UntagPolicy{PolicyArn: target, TagKeys: keys}
}
