# Policy documents: one form at a time, and package policy's checks at
# the offending expression.
policy "both" {
  document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] }) # ERROR: Both document and statement blocks
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "none" { # ERROR: Missing policy document
  description = "nothing"
}

policy "typo" {
  statement {
    actions   = ["s3:GetObjekt"] # ERROR: Unknown action
    resources = ["*"]
  }
  statment { # ERROR: Unsupported block type
  }
}

policy "json" {
  document = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*", Principal = "*" }] # ERROR: Principal is not allowed
  })
}

policy "broken" {
  document = "{\"Version\": \"2012-10-17\", " # ERROR: Invalid policy document
}

policy "shape" {
  document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = 3, Resource = "*" }] }) # ERROR: Invalid policy document
}

policy "number" {
  document = 42 # ERROR: Invalid policy document
}

policy "object" {
  # An object is encoded to JSON.
  document = {
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  }
}

policy "admin" {
  statement {
    actions   = ["*"] # WARNING: Allow of every action on every resource
    resources = ["*"]
  }
}

policy "admin-quiet" {
  statement {
    actions         = ["*"]
    resources       = ["*"]
    ignore_warnings = ["allow-all"]
  }
}

policy "admin-json-quiet" {
  ignore_warnings = ["allow-all", "allow-everything"] # ERROR: Unknown warning code
  document        = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

policy "renamed" {
  renamed_from = "old" # ERROR: A policy cannot be renamed
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

role "no-trust" { # ERROR: Missing trust policy
}

role "two-trusts" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] }) # ERROR: Both trust and assume_role_policy
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

role "no-principal" {
  renamed_from = "old" # ERROR: A role cannot be renamed
  trust {
    statement { # ERROR: Missing principal
      actions = ["sts:AssumeRole"]
    }
  }
  trust { # ERROR: Duplicate trust block
  }
}

role "empty-trust" {
  trust { # ERROR: Missing policy document
  }
}

role "open" {
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals { # WARNING: Trust open to every principal
        type        = "*"
        identifiers = ["*"]
      }
    }
  }
}

user "u" {
  inline_policy "s3" { # WARNING: User with policies attached directly
    statement {
      effect    = "Alow" # ERROR: Invalid effect
      actions   = ["s3:GetObject"]
      resources = ["*"]
    }
  }
}
