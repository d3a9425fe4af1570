# Quotas: per entity, and for the account.
iamc {
  quotas {
    groups            = 2
    policies_per_user = 2
    roles             = 1
    trust_policy_size = 150
  }
}

locals {
  arns = [for n in ["AmazonS3ReadOnlyAccess", "AmazonEC2ReadOnlyAccess", "AWSLambda_ReadOnlyAccess", "IAMReadOnlyAccess", "AmazonSQSReadOnlyAccess", "AmazonSNSReadOnlyAccess", "AmazonRDSReadOnlyAccess", "CloudWatchReadOnlyAccess", "AmazonDynamoDBReadOnlyAccess", "AmazonVPCReadOnlyAccess", "AWSCloudTrail_ReadOnlyAccess"] : "arn:aws:iam::aws:policy/${n}"]
}

group "a" {
  policies = local.arns # ERROR: Too many managed policies
}

group "b" {}

group "c" { # ERROR: Too many groups in the account
}

user "u" {
  policies        = [aws.policy.ReadOnlyAccess, aws.policy.IAMReadOnlyAccess, aws.policy.AmazonS3ReadOnlyAccess] # ERROR: Too many managed policies
  ignore_warnings = ["direct-user-policy"]
}

role "r1" { # WARNING: Role for EC2 without an instance profile
  trust { # ERROR: Trust policy too large
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com"]
      }
    }
  }
}

role "r2" { # ERROR: Too many roles in the account | WARNING: Role for EC2 without an instance profile
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
