# One user per person, each in their team's group, in the engineering
# group when their team writes software, and in everyone. The user's
# address is user.person["ana.souza"]; its name is the key.
user "person" {
  for_each = local.people
  path     = "/people/${each.value}/"
  groups = concat(
    [group.team[each.value], group.everyone],
    contains(local.engineering, each.value) ? [group.engineering] : [],
  )
  tags = merge(local.tags, { team = each.value })

  console_access {
    password_reset_required = true
  }
}

# A group per team. Groups take no tags in IAM.
group "team" {
  for_each = local.teams
  name     = "team-${each.key}"
  path     = "/teams/"
  policies = lookup(local.team_policies, each.key, [])
}

locals {
  # What each team may do beyond what everyone may.
  team_policies = {
    platform = [aws.policy.PowerUserAccess, policy.iam-self-service]
    backend  = [policy.deploy-services, aws.policy.AmazonSQSFullAccess]
    frontend = [policy.deploy-services, aws.policy.CloudFrontFullAccess]
    data     = [policy.data-lake]
    security = [aws.policy.SecurityAudit, aws.policy.AWSCloudTrail_ReadOnlyAccess]
    finance  = [aws.policy.AWSBillingReadOnlyAccess]
  }
}

group "everyone" {
  path     = "/teams/"
  policies = [aws.policy.IAMUserChangePassword, policy.iam-self-service]

  # Everyone signs in with MFA: without it, a user may only set up an MFA
  # device of their own (AWS's documented policy, which iamc provides).
  inline_policy "require-mfa" {
    document = iamc.policy.RequireMFA
  }
}

# The MFA rule holds whatever else a team may do: ReadOnlyAccess lets
# engineers list the buckets, but only once they signed in with MFA.
expect "no-mfa-no-access" {
  principals = [user.person["kemi.mensah"], user.person["tom.wilson"]]
  actions    = ["s3:ListAllMyBuckets"]
  resources  = ["*"]
  decision   = "denied"
}

expect "mfa-then-access" {
  principals = [user.person["kemi.mensah"], user.person["tom.wilson"]]
  actions    = ["s3:ListAllMyBuckets"]
  resources  = ["*"]
  context    = { "aws:MultiFactorAuthPresent" = "true" }
  decision   = "allowed"
}

group "engineering" {
  path     = "/teams/"
  policies = [aws.policy.ReadOnlyAccess]
}
