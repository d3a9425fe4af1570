# Deploying from GitHub Actions without stored keys: the workflow of one
# repository asks GitHub for an OpenID Connect token and exchanges it for
# the deploy role's credentials (aws-actions/configure-aws-credentials
# with role-to-assume). No access key is kept in GitHub's secrets.

variable "repository" {
  description = "the repository allowed to deploy, OWNER/NAME"
  default     = "acme/web"
}

oidc_provider "github" {
  url        = "https://token.actions.githubusercontent.com"
  client_ids = ["sts.amazonaws.com"]
  tags       = { ci = "github" }
}

# Only the main branch of one repository can assume the role: without
# the sub condition, any workflow of any repository on GitHub could.
role "deploy" {
  path                 = "/ci/"
  description          = "GitHub Actions deploys of ${var.repository}"
  max_session_duration = 3600
  trust {
    statement {
      actions = ["sts:AssumeRoleWithWebIdentity"]
      principals {
        type        = "Federated"
        identifiers = [oidc_provider.github.arn]
      }
      condition {
        test     = "StringEquals"
        variable = "token.actions.githubusercontent.com:aud"
        values   = ["sts.amazonaws.com"]
      }
      condition {
        test     = "StringEquals"
        variable = "token.actions.githubusercontent.com:sub"
        values   = ["repo:${var.repository}:ref:refs/heads/main"]
      }
    }
  }
  inline_policy "deploy-site" {
    statement {
      sid       = "PublishSite"
      actions   = ["s3:PutObject", "s3:DeleteObject", "s3:ListBucket"]
      resources = ["arn:aws:s3:::acme-web-site", "arn:aws:s3:::acme-web-site/*"]
    }
    statement {
      sid       = "InvalidateCache"
      actions   = ["cloudfront:CreateInvalidation"]
      resources = ["*"]
    }
  }
  tags = { repository = var.repository }
}

expect "only-main-of-the-repository-deploys" {
  principals = [role.deploy]
  actions    = ["s3:PutObject"]
  resources  = ["arn:aws:s3:::acme-web-site/index.html"]
  decision   = "allowed"
}
