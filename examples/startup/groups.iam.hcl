# Permissions go to groups, never to people directly.

# The founders administer the account. AdministratorAccess is an AWS
# managed policy: aws.policy.NAME is checked against iamc's catalog.
group "admins" {
  policies = [aws.policy.AdministratorAccess]
}

# Developers read everything that helps them watch the product run, and
# may change their own credentials.
group "developers" {
  policies = [
    policy.monitoring-read,
    aws.policy.IAMUserChangePassword,
  ]
}

# The monitoring policy is kept as plain IAM JSON next to the
# configuration, as it was copied from the AWS documentation.
policy "monitoring-read" {
  description = "Read CloudWatch metrics, alarms, dashboards and logs"
  document    = file("monitoring-read.json")
}

# Access tests, checked on every validate and plan: developers read the
# account and its metrics, but never change who may do what. (maria is in
# developers and admins both, so group.developers here would fail for her.)
expect "developers-cannot-change-iam" {
  principals = [user.chloe, user.lucas]
  actions    = ["iam:CreateUser", "iam:AttachUserPolicy", "iam:PutRolePolicy"]
  resources  = ["*"]
  decision   = "denied"
}
