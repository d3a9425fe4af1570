# Team A owns everything under /team-a/ in the shared account, and nothing
# else.
iamc {
  account_id = "123456789012"
  manage     = ["/team-a/"]
}

locals {
  path = "/team-a/"
  tags = { team = "a", service = "payments" }
}

group "payments-devs" {
  path     = local.path
  members  = [user.yuki, user.ivan]
  policies = [policy.payments-deploy, policy.payments-read]
}

user "yuki" {
  path = local.path
  tags = local.tags
  console_access {}
}

user "ivan" {
  path = local.path
  tags = local.tags
}

policy "payments-deploy" {
  path        = local.path
  description = "Deploy the payments service"
  statement {
    actions   = ["lambda:UpdateFunctionCode", "lambda:GetFunction"]
    resources = ["arn:aws:lambda:*:${account.id}:function:payments-*"]
  }
}

# Published for other teams: they attach it by its ARN,
# arn:aws:iam::123456789012:policy/team-a/payments-read.
policy "payments-read" {
  path        = local.path
  description = "Read the payments tables (for other teams)"
  tags        = local.tags
  statement {
    actions   = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:DescribeTable"]
    resources = ["arn:aws:dynamodb:*:${account.id}:table/payments-*"]
  }
}

role "payments" {
  path        = local.path
  description = "The payments service's Lambda functions"
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["lambda.amazonaws.com"]
      }
    }
  }
  policies = [aws.policy.AWSLambdaBasicExecutionRole, policy.payments-read]
  tags     = local.tags
}
