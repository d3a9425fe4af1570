# The baseline every account of the organization has: an admin group for
# the platform team, a break-glass role that only the security account may
# assume, a read-only role for CI, and the role iamc itself works through
# (each account's iamc { assume_role }).

variable "admins" {
  type        = list(string)
  description = "the platform team's users in this account"
}

variable "security_account_id" {
  description = "the account whose principals may assume break-glass"
}

locals {
  # The trust of the roles the security account's principals assume.
  security_account_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${var.security_account_id}:root" }
    }]
  })
}

group "admins" {
  policies = [aws.policy.AdministratorAccess]
}

user "admin" {
  for_each = toset(var.admins)
  name     = each.key
  groups   = [group.admins]
}

role "break_glass" {
  name                 = "break-glass"
  description          = "Emergency access, assumed from the security account with MFA"
  max_session_duration = 3600
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::${var.security_account_id}:root"]
      }
      condition {
        test     = "Bool"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }
  }
  policies = [aws.policy.AdministratorAccess]
}

role "ci_read" {
  name               = "ci-read"
  description        = "Plans of the IAM repository in CI"
  assume_role_policy = local.security_account_trust
  policies           = [aws.policy.IAMReadOnlyAccess]
}

role "iamc" {
  description        = "iamc plans and applies this repository through this role"
  assume_role_policy = local.security_account_trust
  policies           = [aws.policy.IAMFullAccess]
}
