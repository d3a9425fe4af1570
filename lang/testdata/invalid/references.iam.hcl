# Every kind of reference that names nothing.
locals {
  teams = ["a", "b"]
}

variable "env" {
  default = "prod"
}

group "developers" {
  members = [user.tylr] # ERROR: Reference to undeclared user
}

group "admins" {
  policies = [policy.billing, aws.policy.AdministratorAcess] # ERROR: Reference to undeclared policy | ERROR: Reference to unknown AWS managed policy
}

user "tyler" {
  groups = [group.admns]     # ERROR: Reference to undeclared group
  path   = "/${var.evn}/"    # ERROR: Reference to undeclared input variable
  tags   = { team = local.team } # ERROR: Reference to undeclared local value
}

user "ana" {
  groups = [grp.admins]             # ERROR: Reference to unknown object
  tags   = { account = account.di } # ERROR: Unsupported attribute
}

user "bo" {
  tags = { key = each.key } # ERROR: Reference to "each" outside for_each
}

user "cy" {
  tags = { arn = user.tyler.nam } # ERROR: Unsupported attribute
}

user "many" {
  for_each = toset(local.teams)
  tags     = { x = each.keys } # ERROR: Invalid reference
}

group "team" {
  members = [user.many.name]          # ERROR: Missing instance key
}

group "team2" {
  members = [user.many["c"], user.tyler["a"]] # ERROR: Reference to undeclared user instance | ERROR: Unexpected instance key
}

group "team3" {
  members = [user.many] # ERROR: Missing instance key
}

role "r" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = role.rr.arn } # ERROR: Reference to undeclared role
    }]
  })
  policies = [aws.policies.ReadOnlyAccess] # ERROR: Invalid reference
}

policy "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::${local.bucket}/*"] # ERROR: Reference to undeclared local value
  }
}
