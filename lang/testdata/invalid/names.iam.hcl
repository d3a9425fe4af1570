# IAM names: characters, lengths, and uniqueness without regard to case.
user "alice" {}

user "Alice" { # ERROR: Duplicate user name
}

user "al" {
  name = "ALICE" # ERROR: Duplicate user name
}

user "alice" { # ERROR: Duplicate user declaration
}

user "bad" {
  name = "bob smith" # ERROR: Invalid user name
}

user "long" {
  name = "a234567890123456789012345678901234567890123456789012345678901234X" # ERROR: Invalid user name
}

user "n" {
  name = 42
}

user "empty" {
  name = "" # ERROR: Invalid user name
}

user "nul" {
  name = null # ERROR: Invalid value
}

user "bob.smith" { # ERROR: Invalid user label
}

group "Admins" {}

group "admins" { # ERROR: Duplicate group name
}

role "deploy" { # WARNING: Role for EC2 without an instance profile
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}

role "Deploy" { # ERROR: Duplicate role name
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}

policy "p" {
  name = "read-all"
  document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

policy "q" {
  name = "Read-All" # ERROR: Duplicate policy name
  document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

variable "x-1" {} # ERROR: No value for required variable
variable "x-1" { # ERROR: Duplicate variable declaration
  default = "a"
}

group "g" {
  inline_policy "a b" { # ERROR: Invalid inline policy name
    document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "s3:*", Resource = "*" }] })
  }
  inline_policy "deny" {
    document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "s3:*", Resource = "*" }] })
  }
  inline_policy "DENY" { # ERROR: Duplicate inline policy
    document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "s3:*", Resource = "*" }] })
  }
}
