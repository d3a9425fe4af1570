# The account's own pipeline (.github/workflows/iamc.yml): GitHub Actions
# plans every pull request and applies every merge to main, with roles
# this configuration declares, assumed through GitHub's OpenID Connect
# provider. No access key is stored in GitHub.
#
# The first apply, before these roles exist, is made by an administrator
# with their own credentials; from then on, the pipeline applies its own
# changes too.

# Plans and applies refuse any other account: the workflow's credentials
# cannot be pointed at another by mistake. The repository is the whole
# truth for the account's IAM.
iamc {
  account_id = "123456789012"
  manage     = ["/"]
}

variable "repository" {
  description = "the repository that holds this configuration, OWNER/NAME"
  default     = "acme/iam"
}

oidc_provider "github" {
  url        = "https://token.actions.githubusercontent.com"
  client_ids = ["sts.amazonaws.com"]
  tags       = { ci = "github" }
}

# Pull requests plan with this role, and the scheduled drift check runs
# with it on main. It reads the account and changes nothing, so a pull
# request, whoever wrote its configuration, can do no more than read.
role "iamc-plan" {
  path                 = "/ci/"
  description          = "iamc plan of ${var.repository}: pull requests and drift checks"
  max_session_duration = 3600
  trust {
    statement {
      actions = ["sts:AssumeRoleWithWebIdentity"]
      principals {
        type        = "Federated"
        identifiers = [oidc_provider.github.arn]
      }
      condition {
        test     = "StringEquals"
        variable = "token.actions.githubusercontent.com:aud"
        values   = ["sts.amazonaws.com"]
      }
      condition {
        test     = "StringEquals"
        variable = "token.actions.githubusercontent.com:sub"
        values = [
          "repo:${var.repository}:pull_request",
          "repo:${var.repository}:ref:refs/heads/main",
        ]
      }
    }
  }
  policies = [policy.iamc-read]
  tags     = { repository = var.repository }
}

# Merges to main apply with this role. Its sub condition names the main
# branch only: no pull request, and no other branch, can assume it.
role "iamc-apply" {
  path                 = "/ci/"
  description          = "iamc apply of ${var.repository}: merges to main"
  max_session_duration = 3600
  trust {
    statement {
      actions = ["sts:AssumeRoleWithWebIdentity"]
      principals {
        type        = "Federated"
        identifiers = [oidc_provider.github.arn]
      }
      condition {
        test     = "StringEquals"
        variable = "token.actions.githubusercontent.com:aud"
        values   = ["sts.amazonaws.com"]
      }
      condition {
        test     = "StringEquals"
        variable = "token.actions.githubusercontent.com:sub"
        values   = ["repo:${var.repository}:ref:refs/heads/main"]
      }
    }
  }
  policies = [policy.iamc-read, policy.iamc-write]
  tags     = { repository = var.repository }
}

# What iamc plan reads: the calls of the AWS provider (README, "aws"),
# nothing else. sts:GetCallerIdentity needs no permission.
policy "iamc-read" {
  path        = "/ci/"
  description = "The IAM reads of iamc plan"
  tags        = { repository = var.repository }
  statement {
    sid = "ReadAccount"
    actions = [
      "iam:GetAccountAuthorizationDetails",
      "iam:ListRoles",
      "iam:GetAccountPasswordPolicy",
      "iam:ListAccountAliases",
      "iam:GetAccountSummary",
      "iam:GetLoginProfile",
      "iam:ListAccessKeys",
      "iam:ListSigningCertificates",
      "iam:ListSSHPublicKeys",
      "iam:ListServiceSpecificCredentials",
      "iam:ListMFADevices",
      "iam:ListPolicyTags",
      "iam:ListInstanceProfiles",
      "iam:ListInstanceProfileTags",
      "iam:ListOpenIDConnectProviders",
      "iam:GetOpenIDConnectProvider",
      "iam:ListSAMLProviders",
      "iam:GetSAMLProvider",
      "iam:GenerateCredentialReport",
      "iam:GetCredentialReport",
    ]
    resources = ["*"]
  }
}

# What iamc apply writes: one IAM call per step of a plan, and no other.
# It is no iam:PassRole, no sts:AssumeRole and nothing outside IAM.
policy "iamc-write" {
  path        = "/ci/"
  description = "The IAM writes of iamc apply"
  tags        = { repository = var.repository }
  statement {
    sid = "WriteUsers"
    actions = [
      "iam:CreateUser", "iam:UpdateUser", "iam:DeleteUser", "iam:TagUser", "iam:UntagUser",
      "iam:PutUserPermissionsBoundary", "iam:DeleteUserPermissionsBoundary",
      "iam:AttachUserPolicy", "iam:DetachUserPolicy", "iam:PutUserPolicy", "iam:DeleteUserPolicy",
      "iam:AddUserToGroup", "iam:RemoveUserFromGroup",
      "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:DeleteLoginProfile",
      "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey", "iam:DeleteSigningCertificate", "iam:DeleteSSHPublicKey",
      "iam:DeleteServiceSpecificCredential", "iam:DeactivateMFADevice", "iam:DeleteVirtualMFADevice",
    ]
    resources = ["*"]
  }
  statement {
    sid = "WriteGroups"
    actions = [
      "iam:CreateGroup", "iam:UpdateGroup", "iam:DeleteGroup",
      "iam:AttachGroupPolicy", "iam:DetachGroupPolicy", "iam:PutGroupPolicy", "iam:DeleteGroupPolicy",
    ]
    resources = ["*"]
  }
  statement {
    sid = "WriteRoles"
    actions = [
      "iam:CreateRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole",
      "iam:TagRole", "iam:UntagRole", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary",
      "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
      "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile",
      "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile",
    ]
    resources = ["*"]
  }
  statement {
    sid = "WritePolicies"
    actions = [
      "iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion",
      "iam:DeletePolicy", "iam:TagPolicy", "iam:UntagPolicy",
    ]
    resources = ["*"]
  }
  statement {
    sid = "WriteIdentityProviders"
    actions = [
      "iam:CreateOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider",
      "iam:AddClientIDToOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider",
      "iam:UpdateOpenIDConnectProviderThumbprint", "iam:TagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider",
      "iam:CreateSAMLProvider", "iam:UpdateSAMLProvider", "iam:DeleteSAMLProvider",
      "iam:TagSAMLProvider", "iam:UntagSAMLProvider",
    ]
    resources = ["*"]
  }
  statement {
    sid = "WriteAccount"
    actions = [
      "iam:UpdateAccountPasswordPolicy", "iam:DeleteAccountPasswordPolicy",
      "iam:CreateAccountAlias", "iam:DeleteAccountAlias",
    ]
    resources = ["*"]
  }
}

# What a pull request can do is what iamc-plan can: read. These run on
# every validate and plan, so a change that gives the plan role a write
# fails before review.
expect "the-plan-role-cannot-write-iam" {
  principals = [role.iamc-plan]
  actions = [
    "iam:CreateUser", "iam:CreateAccessKey", "iam:AttachRolePolicy", "iam:PutRolePolicy",
    "iam:UpdateAssumeRolePolicy", "iam:CreatePolicyVersion", "iam:DeleteRolePermissionsBoundary",
    "iam:AddUserToGroup", "iam:CreateOpenIDConnectProvider", "iam:PassRole",
  ]
  resources = ["*", "arn:aws:iam::${account.id}:role/ci/iamc-plan", "arn:aws:iam::${account.id}:role/ci/iamc-apply"]
  decision  = "denied"
}

expect "the-plan-role-reads-the-account" {
  principals = [role.iamc-plan]
  actions    = ["iam:GetAccountAuthorizationDetails", "iam:ListRoles", "iam:GetAccountSummary"]
  resources  = ["*"]
  decision   = "allowed"
}

expect "the-apply-role-writes-iam-and-nothing-else" {
  principals = [role.iamc-apply]
  actions    = ["iam:PassRole", "iam:CreateServiceLinkedRole", "s3:GetObject", "sts:AssumeRole"]
  resources  = ["*"]
  decision   = "denied"
}
