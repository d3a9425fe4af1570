# Tags: none on groups; keys that differ only in case; IAM's rules.
group "g" {
  tags = { team = "x" } # ERROR: Tags on a group
}

user "u" {
  tags = { Team = "a", team = "b" } # ERROR: Invalid tags
}

user "v" {
  tags = { "aws:created" = "x" } # ERROR: Invalid tags
}

user "w" {
  tags = ["a"] # ERROR: Invalid tags
}

user "x" {
  tags = { a = null } # ERROR: Invalid tags
}

user "y" {
  tags = { count = 3, on = true } # numbers and bools are written as strings
}

role "r" {
  tags = { for i in range(51) : "k${i}" => "v" } # ERROR: Invalid tags
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["lambda.amazonaws.com"]
      }
    }
  }
}

policy "p" {
  tags = { "" = "empty key" } # ERROR: Invalid tags
  statement {
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}

# IAM's characters in tags: letters, numbers, white space and _.:/=+-@,
# checked before anything is written. A problem points at the key or the
# value it is in.
user "chars" {
  tags = {
    "bad!"    = "x"           # ERROR: Invalid tags
    ok        = "v!"          # ERROR: Invalid tags
    smile     = "😀"           # ERROR: Invalid tags
    multiline = "a\nb"        # ERROR: Invalid tags
    fine      = "Jürgen 日本 :/=+-@_."
    "aws:x"   = "y"           # ERROR: Invalid tags
    count     = null          # ERROR: Invalid tags
  }
}

role "computed" {
  # A map given otherwise is reported at the expression.
  tags = merge({ a = "b" }, { "c#" = "d" }) # ERROR: Invalid tags
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["lambda.amazonaws.com"]
      }
    }
  }
}
