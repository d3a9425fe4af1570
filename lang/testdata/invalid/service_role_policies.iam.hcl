# AWS service role policies (under /aws-service-role/) go to AWS's
# service-linked roles only: IAM refuses to attach them to users, groups
# and roles, and as permissions boundaries (PolicyNotAttachable).
locals {
  support = aws.policy.AWSSupportServiceRolePolicy
}

user "u" {
  ignore_warnings = ["direct-user-policy"]
  policies = [
    aws.policy.ReadOnlyAccess,
    aws.policy.AWSSupportServiceRolePolicy, # ERROR: Service role policy cannot be attached
  ]
  permissions_boundary = aws.policy.AWSSupportServiceRolePolicy # ERROR: Service role policy as a permissions boundary
}

group "g" {
  policies = [
    "arn:aws:iam::aws:policy/aws-service-role/AmazonRDSServiceRolePolicy", # ERROR: Service role policy cannot be attached
    local.support,                                                          # ERROR: Service role policy cannot be attached
  ]
}

role "r" {
  policies             = concat([aws.policy.ReadOnlyAccess], [local.support]) # ERROR: Service role policy cannot be attached
  permissions_boundary = "arn:aws:iam::aws:policy/aws-service-role/AmazonRDSServiceRolePolicy" # ERROR: Service role policy as a permissions boundary
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["rds.amazonaws.com"]
      }
    }
  }
}

role "ok" {
  # Other paths of AWS managed policies attach as usual.
  policies = [aws.policy.AWSLambdaBasicExecutionRole, "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["lambda.amazonaws.com"]
      }
    }
  }
}
