# Groups hold users only; users are in groups only.
locals {
  everyone = [group.developers, user.tyler]
}

group "developers" {
  members = [user.tyler, group.admins] # ERROR: Group nesting is not supported
}

group "admins" {
  groups  = [group.developers] # ERROR: Group nesting is not supported
  members = [role.ci]          # ERROR: Invalid group member
}

group "everyone" {
  members = local.everyone # ERROR: Group nesting is not supported
}

user "tyler" {
  groups   = [group.admins, user.ana] # ERROR: Invalid group reference
  policies = [user.ana]               # ERROR: Invalid policy reference
}

user "ana" {
  groups               = ["admins"]       # ERROR: Invalid group reference
  permissions_boundary = group.admins     # ERROR: Invalid permissions boundary
  policies             = [aws.policy.ReadOnlyAccess]  # WARNING: User with policies attached directly
}

user "bo" {
  groups = [aws.policy.ReadOnlyAccess] # ERROR: Invalid group reference
}

user "cy" {
  groups = group.admins # ERROR: Invalid value
}

role "ci" {
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}
