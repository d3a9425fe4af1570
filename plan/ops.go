package plan

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// The ops that users, groups and roles share, made for the entity's kind.

func attachOp(k model.Kind, name, arn string) op.Op {
	switch k {
	case model.KindUser:
		return &op.AttachUserPolicy{UserName: name, PolicyArn: arn}
	case model.KindGroup:
		return &op.AttachGroupPolicy{GroupName: name, PolicyArn: arn}
	}
	return &op.AttachRolePolicy{RoleName: name, PolicyArn: arn}
}

func detachOp(k model.Kind, name, arn string) op.Op {
	switch k {
	case model.KindUser:
		return &op.DetachUserPolicy{UserName: name, PolicyArn: arn}
	case model.KindGroup:
		return &op.DetachGroupPolicy{GroupName: name, PolicyArn: arn}
	}
	return &op.DetachRolePolicy{RoleName: name, PolicyArn: arn}
}

func putInlineOp(k model.Kind, name, policyName, doc string) op.Op {
	switch k {
	case model.KindUser:
		return &op.PutUserPolicy{UserName: name, PolicyName: policyName, PolicyDocument: doc}
	case model.KindGroup:
		return &op.PutGroupPolicy{GroupName: name, PolicyName: policyName, PolicyDocument: doc}
	}
	return &op.PutRolePolicy{RoleName: name, PolicyName: policyName, PolicyDocument: doc}
}

func deleteInlineOp(k model.Kind, name, policyName string) op.Op {
	switch k {
	case model.KindUser:
		return &op.DeleteUserPolicy{UserName: name, PolicyName: policyName}
	case model.KindGroup:
		return &op.DeleteGroupPolicy{GroupName: name, PolicyName: policyName}
	}
	return &op.DeleteRolePolicy{RoleName: name, PolicyName: policyName}
}

func putBoundaryOp(k model.Kind, name, arn string) op.Op {
	if k == model.KindUser {
		return &op.PutUserPermissionsBoundary{UserName: name, PermissionsBoundary: arn}
	}
	return &op.PutRolePermissionsBoundary{RoleName: name, PermissionsBoundary: arn}
}

func deleteBoundaryOp(k model.Kind, name string) op.Op {
	if k == model.KindUser {
		return &op.DeleteUserPermissionsBoundary{UserName: name}
	}
	return &op.DeleteRolePermissionsBoundary{RoleName: name}
}

// tagOps returns the tag and untag ops of a user, role or policy; target is
// the name, or the ARN of a policy.
func tagOp(k model.Kind, target string, tags []op.Tag) op.Op {
	switch k {
	case model.KindUser:
		return &op.TagUser{UserName: target, Tags: tags}
	case model.KindRole:
		return &op.TagRole{RoleName: target, Tags: tags}
	}
	return &op.TagPolicy{PolicyArn: target, Tags: tags}
}

func untagOp(k model.Kind, target string, keys []string) op.Op {
	switch k {
	case model.KindUser:
		return &op.UntagUser{UserName: target, TagKeys: keys}
	case model.KindRole:
		return &op.UntagRole{RoleName: target, TagKeys: keys}
	}
	return &op.UntagPolicy{PolicyArn: target, TagKeys: keys}
}

// Keys of the steps that more than one change may need.

func detachKey(k model.Kind, name, arn string) string {
	return "detach\x00" + string(k) + "\x00" + model.Fold(name) + "\x00" + arn
}

func removeMemberKey(group, user string) string {
	return "member\x00" + model.Fold(group) + "\x00" + model.Fold(user)
}

func boundaryKey(k model.Kind, name string) string {
	return "boundary\x00" + string(k) + "\x00" + model.Fold(name)
}

func kindPhase(k model.Kind) int {
	switch k {
	case model.KindUser:
		return phUser
	case model.KindGroup:
		return phGroup
	case model.KindRole:
		return phRole
	}
	return phPolicy
}
