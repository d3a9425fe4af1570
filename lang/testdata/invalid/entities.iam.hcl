# Attributes of users, groups and roles.
user "a" {
  renamed_from = "a" # ERROR: Invalid renamed_from
  console_access {
    enabled                 = "sometimes" # ERROR: Invalid value
    password_reset_required = false
  }
  console_access { # ERROR: Duplicate console_access block
  }
}

user "b" {
  renamed_from = "old b" # ERROR: Invalid renamed_from
}

user "c" {
  renamed_from = "a" # ERROR: Old name declared again
}

user "d" {
  renamed_from = "gone"
}

user "e" {
  renamed_from = "Gone" # ERROR: Duplicate renamed_from
}

user "f" {
  description = "users have none" # ERROR: Unsupported argument
  console_acces {                 # ERROR: Unsupported block type
  }
}

group "g" {
  renamed_from = "old-g"
  path         = 3 # ERROR: Invalid path
}

role "r" {
  description          = join("", [for i in range(1001) : "x"]) # ERROR: Description too long
  max_session_duration = 60                                      # ERROR: Invalid max_session_duration
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.d.arn]
      }
    }
  }
  permissions_boundary = aws.policy.PowerUserAccess
}

role "s" {
  max_session_duration = 3600.5 # ERROR: Invalid value
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::${account.id}:root" } }] })
  permissions_boundary = [aws.policy.PowerUserAccess] # ERROR: Invalid permissions boundary
}
