# The iamc block: account id, manage, quotas; variables only.
variable "id" {
  default = "12345"
}

locals {
  prefix = "/x/"
}

iamc {
  account_id = var.id            # ERROR: Invalid account id
  manage     = [local.prefix]    # ERROR: Invalid reference in the iamc block
  quotas {
    policies_per_role = 30       # ERROR: Quota out of range
    groups_per_user   = 20       # ERROR: Quota cannot be adjusted
    rolez             = 2000     # ERROR: Unknown quota
    policies_per_user = "twenty" # ERROR: Invalid value
    roles             = 1.5      # ERROR: Invalid value
  }
  quotas { # ERROR: Duplicate quotas block
  }
  owner = "me" # ERROR: Unsupported argument
}
