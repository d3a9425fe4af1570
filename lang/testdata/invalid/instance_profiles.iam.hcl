# Instance profiles: references, names, tags, and roles for EC2.
role "web" { # WARNING: Role for EC2 without an instance profile
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

user "alice" {}

instance_profile "typo" {
  role = role.wbe # ERROR: Reference to undeclared role
}

instance_profile "user" {
  role = user.alice # ERROR: Invalid role reference
}

instance_profile "bad" {
  name = "a b" # ERROR: Invalid instance_profile name
}

instance_profile "Bad2" {}

instance_profile "dup" {
  name = "BAD2" # ERROR: Duplicate instance_profile name
}

instance_profile "tags" {
  tags   = { "a" = "x", "A" = "y" } # ERROR: Invalid tags
  policy = "x" # ERROR: Unsupported argument
}

user "bob" {
  tags = { p = instance_profile.tpyo.arn } # ERROR: Reference to undeclared instance_profile
}

instance_profile "byname" {
  role = "web" # ERROR: Role named by a string
}

instance_profile "outside" {
  role = "someone-elses"
}

instance_profile "badname" {
  role = "a b" # ERROR: Invalid role name
}
