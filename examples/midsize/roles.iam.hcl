# The role the services run as (ECS tasks).
role "service" {
  path        = "/service/"
  description = "ECS tasks of the Globex services"
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["ecs-tasks.amazonaws.com"]
      }
    }
  }
  policies = [aws.policy.AmazonECSTaskExecutionRolePolicy, aws.policy.AmazonSQSFullAccess]
  tags     = local.tags
}

# Break-glass administration for the platform team, with MFA, for at most
# two hours at a time.
role "platform-admin" {
  description          = "Administration by the platform team, with MFA"
  max_session_duration = 7200
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [for name, team in local.people : user.person[name].arn if team == "platform"]
      }
      condition {
        test     = "Bool"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }
  }
  policies = [aws.policy.AdministratorAccess]
  tags     = local.tags
}
