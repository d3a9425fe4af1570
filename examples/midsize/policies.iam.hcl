# Customer managed policies of the company.

# People manage their own MFA devices and access keys, and nothing else's.
policy "iam-self-service" {
  description = "Manage one's own credentials"
  statement {
    sid = "OwnCredentials"
    actions = [
      "iam:CreateAccessKey",
      "iam:DeleteAccessKey",
      "iam:ListAccessKeys",
      "iam:UpdateAccessKey",
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:ListMFADevices",
      "iam:ResyncMFADevice",
    ]
    resources = [
      "arn:aws:iam::${account.id}:user/*/$${aws:username}",
      "arn:aws:iam::${account.id}:mfa/$${aws:username}",
    ]
  }
}

# Deploying the services: written as IAM JSON with jsonencode, the form
# teams copy from the AWS documentation.
policy "deploy-services" {
  description = "Deploy the ECS services and their Lambda functions"
  document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "UpdateServices"
        Effect   = "Allow"
        Action   = ["ecs:UpdateService", "ecs:DescribeServices", "ecs:RegisterTaskDefinition"]
        Resource = "*"
      },
      {
        Sid      = "UpdateFunctions"
        Effect   = "Allow"
        Action   = ["lambda:UpdateFunctionCode", "lambda:PublishVersion", "lambda:UpdateAlias"]
        Resource = "arn:aws:lambda:*:${account.id}:function:globex-*"
      },
      {
        Sid      = "PassTaskRoles"
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = role.service.arn
      },
    ]
  })
}

# The data team reads the raw zone and writes the curated one.
policy "data-lake" {
  description = "The data lake's buckets"
  statement {
    sid       = "ReadRaw"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::globex-raw", "arn:aws:s3:::globex-raw/*"]
  }
  statement {
    sid       = "WriteCurated"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::globex-curated", "arn:aws:s3:::globex-curated/*"]
  }
}
