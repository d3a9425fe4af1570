# Team B owns everything under /team-b/ in the shared account, and nothing
# else.
iamc {
  account_id = "123456789012"
  manage     = ["/team-b/"]
}

locals {
  path = "/team-b/"
  # Team A's published policy: outside /team-b/, so named by ARN and not
  # owned here.
  payments_read = "arn:aws:iam::${account.id}:policy/team-a/payments-read"
}

group "analysts" {
  path     = local.path
  policies = [local.payments_read, policy.reports-write, aws.policy.AmazonAthenaFullAccess]
}

user "ingrid" {
  path   = local.path
  groups = [group.analysts]
  console_access {}
}

user "kofi" {
  path   = local.path
  groups = [group.analysts]
  console_access {}
}

policy "reports-write" {
  path        = local.path
  description = "Write the reports bucket"
  document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::team-b-reports", "arn:aws:s3:::team-b-reports/*"]
    }]
  })
}

# The nightly report job reads payments through team A's policy.
role "reports-job" {
  path = local.path
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
    }]
  })
  policies = [local.payments_read, policy.reports-write]
}
