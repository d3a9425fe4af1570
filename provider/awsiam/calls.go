package awsiam

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// send makes the one SDK call an op stands for. For the ops that create
// a user, group, role or policy it returns the new entity's ARN.
func (p *Provider) send(ctx context.Context, o op.Op) (arn string, err error) {
	c := p.iam
	switch o := o.(type) {
	// ---- users
	case *op.CreateUser:
		out, err := c.CreateUser(ctx, &iam.CreateUserInput{
			UserName:            &o.UserName,
			Path:                opt(o.Path),
			PermissionsBoundary: opt(o.PermissionsBoundary),
			Tags:                tags(o.Tags),
		})
		if err != nil {
			return "", err
		}
		if out.User != nil {
			arn = deref(out.User.Arn)
		}
		return arn, nil
	case *op.UpdateUser:
		_, err = c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: &o.UserName, NewUserName: opt(o.NewUserName), NewPath: opt(o.NewPath)})
	case *op.DeleteUser:
		_, err = c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: &o.UserName})
	case *op.TagUser:
		_, err = c.TagUser(ctx, &iam.TagUserInput{UserName: &o.UserName, Tags: tags(o.Tags)})
	case *op.UntagUser:
		_, err = c.UntagUser(ctx, &iam.UntagUserInput{UserName: &o.UserName, TagKeys: o.TagKeys})
	case *op.PutUserPermissionsBoundary:
		_, err = c.PutUserPermissionsBoundary(ctx, &iam.PutUserPermissionsBoundaryInput{UserName: &o.UserName, PermissionsBoundary: &o.PermissionsBoundary})
	case *op.DeleteUserPermissionsBoundary:
		_, err = c.DeleteUserPermissionsBoundary(ctx, &iam.DeleteUserPermissionsBoundaryInput{UserName: &o.UserName})
	case *op.AttachUserPolicy:
		_, err = c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: &o.UserName, PolicyArn: &o.PolicyArn})
	case *op.DetachUserPolicy:
		_, err = c.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: &o.UserName, PolicyArn: &o.PolicyArn})
	case *op.PutUserPolicy:
		_, err = c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: &o.UserName, PolicyName: &o.PolicyName, PolicyDocument: &o.PolicyDocument})
	case *op.DeleteUserPolicy:
		_, err = c.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: &o.UserName, PolicyName: &o.PolicyName})
	case *op.AddUserToGroup:
		_, err = c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{UserName: &o.UserName, GroupName: &o.GroupName})
	case *op.RemoveUserFromGroup:
		_, err = c.RemoveUserFromGroup(ctx, &iam.RemoveUserFromGroupInput{UserName: &o.UserName, GroupName: &o.GroupName})
	case *op.CreateLoginProfile:
		if o.Password == "" {
			return "", &provider.Error{Code: provider.InvalidInput, Action: o.Action(), Target: o.Target(),
				Message: "no initial password: apply generates one before this step"}
		}
		_, err = c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: &o.UserName, Password: &o.Password, PasswordResetRequired: o.PasswordResetRequired})
	case *op.UpdateLoginProfile:
		_, err = c.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: &o.UserName, PasswordResetRequired: aws.Bool(o.PasswordResetRequired)})
	case *op.DeleteLoginProfile:
		_, err = c.DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{UserName: &o.UserName})
	case *op.CreateAccessKey:
		out, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: &o.UserName})
		if err != nil {
			return "", err
		}
		if out.AccessKey == nil || out.AccessKey.AccessKeyId == nil || out.AccessKey.SecretAccessKey == nil {
			return "", fmt.Errorf("CreateAccessKey answered without the key it made")
		}
		o.AccessKeyId, o.SecretAccessKey = *out.AccessKey.AccessKeyId, *out.AccessKey.SecretAccessKey
		return "", nil
	case *op.UpdateAccessKey:
		_, err = c.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: &o.UserName, AccessKeyId: &o.AccessKeyId, Status: types.StatusType(o.Status)})
	case *op.DeleteAccessKey:
		_, err = c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: &o.UserName, AccessKeyId: &o.AccessKeyId})
	case *op.DeleteSigningCertificate:
		_, err = c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: &o.UserName, CertificateId: &o.CertificateId})
	case *op.DeleteSSHPublicKey:
		_, err = c.DeleteSSHPublicKey(ctx, &iam.DeleteSSHPublicKeyInput{UserName: &o.UserName, SSHPublicKeyId: &o.SSHPublicKeyId})
	case *op.DeleteServiceSpecificCredential:
		_, err = c.DeleteServiceSpecificCredential(ctx, &iam.DeleteServiceSpecificCredentialInput{UserName: &o.UserName, ServiceSpecificCredentialId: &o.ServiceSpecificCredentialId})
	case *op.DeactivateMFADevice:
		_, err = c.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: &o.UserName, SerialNumber: &o.SerialNumber})
	case *op.DeleteVirtualMFADevice:
		_, err = c.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: &o.SerialNumber})

	// ---- groups
	case *op.CreateGroup:
		out, err := c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: &o.GroupName, Path: opt(o.Path)})
		if err != nil {
			return "", err
		}
		if out.Group != nil {
			arn = deref(out.Group.Arn)
		}
		return arn, nil
	case *op.UpdateGroup:
		_, err = c.UpdateGroup(ctx, &iam.UpdateGroupInput{GroupName: &o.GroupName, NewGroupName: opt(o.NewGroupName), NewPath: opt(o.NewPath)})
	case *op.DeleteGroup:
		_, err = c.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: &o.GroupName})
	case *op.AttachGroupPolicy:
		_, err = c.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: &o.GroupName, PolicyArn: &o.PolicyArn})
	case *op.DetachGroupPolicy:
		_, err = c.DetachGroupPolicy(ctx, &iam.DetachGroupPolicyInput{GroupName: &o.GroupName, PolicyArn: &o.PolicyArn})
	case *op.PutGroupPolicy:
		_, err = c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: &o.GroupName, PolicyName: &o.PolicyName, PolicyDocument: &o.PolicyDocument})
	case *op.DeleteGroupPolicy:
		_, err = c.DeleteGroupPolicy(ctx, &iam.DeleteGroupPolicyInput{GroupName: &o.GroupName, PolicyName: &o.PolicyName})

	// ---- roles
	case *op.CreateRole:
		out, err := c.CreateRole(ctx, &iam.CreateRoleInput{
			RoleName:                 &o.RoleName,
			Path:                     opt(o.Path),
			AssumeRolePolicyDocument: &o.AssumeRolePolicyDocument,
			Description:              opt(o.Description),
			MaxSessionDuration:       optInt(o.MaxSessionDuration),
			PermissionsBoundary:      opt(o.PermissionsBoundary),
			Tags:                     tags(o.Tags),
		})
		if err != nil {
			return "", err
		}
		if out.Role != nil {
			arn = deref(out.Role.Arn)
		}
		return arn, nil
	case *op.UpdateRole:
		_, err = c.UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: &o.RoleName, Description: o.Description, MaxSessionDuration: optInt(o.MaxSessionDuration)})
	case *op.UpdateAssumeRolePolicy:
		_, err = c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: &o.RoleName, PolicyDocument: &o.PolicyDocument})
	case *op.DeleteRole:
		_, err = c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: &o.RoleName})
	case *op.TagRole:
		_, err = c.TagRole(ctx, &iam.TagRoleInput{RoleName: &o.RoleName, Tags: tags(o.Tags)})
	case *op.UntagRole:
		_, err = c.UntagRole(ctx, &iam.UntagRoleInput{RoleName: &o.RoleName, TagKeys: o.TagKeys})
	case *op.PutRolePermissionsBoundary:
		_, err = c.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: &o.RoleName, PermissionsBoundary: &o.PermissionsBoundary})
	case *op.DeleteRolePermissionsBoundary:
		_, err = c.DeleteRolePermissionsBoundary(ctx, &iam.DeleteRolePermissionsBoundaryInput{RoleName: &o.RoleName})
	case *op.AttachRolePolicy:
		_, err = c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: &o.RoleName, PolicyArn: &o.PolicyArn})
	case *op.DetachRolePolicy:
		_, err = c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: &o.RoleName, PolicyArn: &o.PolicyArn})
	case *op.PutRolePolicy:
		_, err = c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: &o.RoleName, PolicyName: &o.PolicyName, PolicyDocument: &o.PolicyDocument})
	case *op.DeleteRolePolicy:
		_, err = c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: &o.RoleName, PolicyName: &o.PolicyName})
	case *op.RemoveRoleFromInstanceProfile:
		_, err = c.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{RoleName: &o.RoleName, InstanceProfileName: &o.InstanceProfileName})
	case *op.AddRoleToInstanceProfile:
		_, err = c.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{RoleName: &o.RoleName, InstanceProfileName: &o.InstanceProfileName})
	case *op.CreateOpenIDConnectProvider, *op.DeleteOpenIDConnectProvider, *op.AddClientIDToOpenIDConnectProvider,
		*op.RemoveClientIDFromOpenIDConnectProvider, *op.UpdateOpenIDConnectProviderThumbprint,
		*op.TagOpenIDConnectProvider, *op.UntagOpenIDConnectProvider,
		*op.CreateSAMLProvider, *op.UpdateSAMLProvider, *op.DeleteSAMLProvider, *op.TagSAMLProvider, *op.UntagSAMLProvider:
		return p.sendProvider(ctx, o)
	case *op.CreateInstanceProfile:
		out, err := c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: &o.InstanceProfileName, Path: opt(o.Path), Tags: tags(o.Tags)})
		if err != nil {
			return "", err
		}
		if out.InstanceProfile != nil {
			arn = deref(out.InstanceProfile.Arn)
		}
		return arn, nil
	case *op.DeleteInstanceProfile:
		_, err = c.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: &o.InstanceProfileName})
	case *op.TagInstanceProfile:
		_, err = c.TagInstanceProfile(ctx, &iam.TagInstanceProfileInput{InstanceProfileName: &o.InstanceProfileName, Tags: tags(o.Tags)})
	case *op.UntagInstanceProfile:
		_, err = c.UntagInstanceProfile(ctx, &iam.UntagInstanceProfileInput{InstanceProfileName: &o.InstanceProfileName, TagKeys: o.TagKeys})

	// ---- managed policies
	case *op.CreatePolicy:
		out, err := c.CreatePolicy(ctx, &iam.CreatePolicyInput{
			PolicyName:     &o.PolicyName,
			Path:           opt(o.Path),
			PolicyDocument: &o.PolicyDocument,
			Description:    opt(o.Description),
			Tags:           tags(o.Tags),
		})
		if err != nil {
			return "", err
		}
		if out.Policy != nil {
			arn = deref(out.Policy.Arn)
		}
		return arn, nil
	case *op.CreatePolicyVersion:
		_, err = c.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: &o.PolicyArn, PolicyDocument: &o.PolicyDocument, SetAsDefault: o.SetAsDefault})
	case *op.DeletePolicyVersion:
		_, err = c.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: &o.PolicyArn, VersionId: &o.VersionId})
	case *op.SetDefaultPolicyVersion:
		_, err = c.SetDefaultPolicyVersion(ctx, &iam.SetDefaultPolicyVersionInput{PolicyArn: &o.PolicyArn, VersionId: &o.VersionId})
	case *op.DeletePolicy:
		_, err = c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: &o.PolicyArn})
	case *op.TagPolicy:
		_, err = c.TagPolicy(ctx, &iam.TagPolicyInput{PolicyArn: &o.PolicyArn, Tags: tags(o.Tags)})
	case *op.UntagPolicy:
		_, err = c.UntagPolicy(ctx, &iam.UntagPolicyInput{PolicyArn: &o.PolicyArn, TagKeys: o.TagKeys})

	// ---- account
	case *op.UpdateAccountPasswordPolicy:
		_, err = c.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{
			MinimumPasswordLength:      optInt(o.MinimumPasswordLength),
			RequireSymbols:             o.RequireSymbols,
			RequireNumbers:             o.RequireNumbers,
			RequireUppercaseCharacters: o.RequireUppercaseCharacters,
			RequireLowercaseCharacters: o.RequireLowercaseCharacters,
			AllowUsersToChangePassword: o.AllowUsersToChangePassword,
			MaxPasswordAge:             optInt(o.MaxPasswordAge),
			PasswordReusePrevention:    optInt(o.PasswordReusePrevention),
			HardExpiry:                 aws.Bool(o.HardExpiry),
		})
	case *op.DeleteAccountPasswordPolicy:
		_, err = c.DeleteAccountPasswordPolicy(ctx, &iam.DeleteAccountPasswordPolicyInput{})
	case *op.CreateAccountAlias:
		_, err = c.CreateAccountAlias(ctx, &iam.CreateAccountAliasInput{AccountAlias: &o.AccountAlias})
	case *op.DeleteAccountAlias:
		_, err = c.DeleteAccountAlias(ctx, &iam.DeleteAccountAliasInput{AccountAlias: &o.AccountAlias})
	default:
		return "", &provider.Error{Code: provider.Unsupported, Action: o.Action(), Target: o.Target(),
			Message: fmt.Sprintf("the aws provider has no call for %T", o)}
	}
	return "", err
}

// opt is nil for "" (the parameter is left out), else a pointer to s.
func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// optInt is nil for 0 (the parameter is left out), else n as int32.
func optInt(n int) *int32 {
	if n == 0 {
		return nil
	}
	v := int32(n)
	return &v
}

func tags(in []op.Tag) []types.Tag {
	if len(in) == 0 {
		return nil
	}
	out := make([]types.Tag, len(in))
	for i, t := range in {
		out[i] = types.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)}
	}
	return out
}
