# expect blocks: access tests checked on every validate and plan.
group "devs" {
  members = [user.ana]
}
group "empty" {}

user "ana" {}
user "bo" {
  groups = [group.devs]
}
user "admin" {
  policies        = [aws.policy.AdministratorAccess]
  ignore_warnings = ["direct-user-policy"]
}

policy "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::data/*"]
  }
}

role "app" { # WARNING: Role for EC2 without an instance profile
  policies = [policy.read]
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["ec2.amazonaws.com"]
      }
    }
  }
}

# Met: no error.
expect "app-reads-data" {
  principals = [role.app]
  actions    = ["s3:GetObject"]
  resources  = ["arn:aws:s3:::data/x"]
  decision   = "allowed"
}
expect "devs-write-nothing" {
  principals = [group.devs] # each member of devs: ana and bo
  actions    = ["s3:PutObject"]
  resources  = ["arn:aws:s3:::data/x"]
  context    = { "aws:MultiFactorAuthPresent" = "true", "aws:SourceIp" = ["10.0.0.1"] }
  decision   = "denied"
}
expect "admin-is-admin" { # ERROR: Expectation not met
  principals = [user.admin]
  actions    = ["iam:CreateUser"]
  resources  = ["*"]
  decision   = "denied"
}
expect "app-writes" { # ERROR: Expectation not met
  principals = [role.app]
  actions    = ["s3:PutObject"]
  resources  = ["arn:aws:s3:::data/x"]
  decision   = "allowed"
}
