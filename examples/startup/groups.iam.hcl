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
