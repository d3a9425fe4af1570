# Document sizes as AWS counts them, against the account's quotas.
policy "big" { # ERROR: Policy too large
  statement {
    actions   = ["s3:GetObject"]
    resources = [for i in range(300) : "arn:aws:s3:::bucket-${i}/*"]
  }
}

policy "big-json" {
  document = jsonencode({ # ERROR: Policy too large
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = [for i in range(300) : "arn:aws:s3:::bucket-${i}/*"] }]
  })
}

user "u" {
  ignore_warnings = ["direct-user-policy"]
  inline_policy "a" {
    statement {
      actions   = ["s3:GetObject"]
      resources = [for i in range(50) : "arn:aws:s3:::bucket-${i}/*"]
    }
  }
  inline_policy "b" { # ERROR: Inline policies too large
    statement {
      actions   = ["s3:PutObject"]
      resources = [for i in range(50) : "arn:aws:s3:::bucket-${i}/*"]
    }
  }
  inline_policy "c" {
    statement {
      actions   = ["s3:DeleteObject"]
      resources = ["arn:aws:s3:::bucket/*"]
    }
  }
}

group "g" {
  inline_policy "a" {
    statement {
      actions   = ["s3:GetObject"]
      resources = [for i in range(100) : "arn:aws:s3:::bucket-${i}/*"]
    }
  }
}
