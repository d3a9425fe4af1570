# Descriptions: IAM takes a role's description in printable ASCII,
# Latin-1, tabs and line breaks, at most 1000 characters; a managed
# policy's, any 1000 characters.
role "japanese" { # WARNING: Role for EC2 without an instance profile
  description = "日本語 😀" # ERROR: Invalid role description
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

role "latin1" { # WARNING: Role for EC2 without an instance profile
  description = "Café für Jürgen\tand\r\nthe ¡team! ÿ"
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

role "nbsp" { # WARNING: Role for EC2 without an instance profile
  description = "a\u00a0b" # ERROR: Invalid role description
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

role "long" { # WARNING: Role for EC2 without an instance profile
  description = join("", [for i in range(1001) : "x"]) # ERROR: Description too long
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

policy "emoji" {
  description = "日本語 😀"
  statement {
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}

policy "long" {
  description = join("", [for i in range(1001) : "é"]) # ERROR: Description too long
  statement {
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}
