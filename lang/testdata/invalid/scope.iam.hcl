# Entities outside the managed scope are errors.
iamc {
  manage = ["/team-a/"]
}

user "a" {
  path = "/team-a/ops/"
}

user "b" { # ERROR: Path outside the managed scope
}

group "g" {
  path = "/team-b/" # ERROR: Path outside the managed scope
}

policy "p" {
  path     = "/team-a/"
  document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

group "h" {
  path     = "/team-a/"
  policies = [
    "arn:aws:iam::123456789012:policy/team-b/shared",  # managed elsewhere: accepted
    "arn:aws:iam::123456789012:policy/team-a/missing", # ERROR: Reference to undeclared policy
    "arn:aws:iam::123456789012:policy/team-a/P",       # ERROR: Reference to undeclared policy
    "arn:aws:iam::123456789012:policy/p",              # ERROR: Policy path mismatch
    "arn:aws:iam::aws:policy/ReadOnlyAcess",           # ERROR: Unknown AWS managed policy
    "arn:aws:iam::123456789012:user/team-a/a",         # ERROR: Invalid policy reference
    "not-an-arn",                                      # ERROR: Invalid policy ARN
    policy.p.arn,
  ]
}
