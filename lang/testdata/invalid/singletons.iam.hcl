# The password policy's ranges and the account alias.
password_policy {
  minimum_length            = 5    # ERROR: Password policy value out of range
  max_password_age          = 1096 # ERROR: Password policy value out of range
  password_reuse_prevention = 0    # ERROR: Password policy value out of range
  require_symbols           = "yes" # ERROR: Invalid value
  hard_expiry               = 1.5   # ERROR: Invalid value
  require_numbers           = true
  max_login_attempts        = 3    # ERROR: Unsupported argument
}

password_policy { # ERROR: Duplicate password_policy block
}

account {
  alias = "Acme-Prod" # ERROR: Invalid account alias
}

account { # ERROR: Duplicate account block
  alias = "acme"
}
