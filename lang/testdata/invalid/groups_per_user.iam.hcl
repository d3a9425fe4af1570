# A user in more than 10 groups, counting both sides of the relation.
locals {
  names = ["g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9", "g10"]
}

group "many" {
  for_each = toset(local.names)
}

group "extra" {
  members = [user.u]
}

user "u" {
  groups = values(group.many) # ERROR: Too many groups for one user
}

user "v" { # ERROR: Too many groups for one user
}

group "more" {
  members = [user.v, user.v] # WARNING: Duplicate member
}

group "more2" {
  for_each = toset(local.names)
  name     = "more-${each.key}"
  members  = [user.v]
}
