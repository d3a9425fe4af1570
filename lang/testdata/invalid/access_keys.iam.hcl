# A user's access_keys block: counts, days, ids and typos.
user "a" {
  access_keys {
    active       = 3 # ERROR: Invalid number of active keys
    rotate_after = 0 # ERROR: Number of days out of range
  }
}

user "b" {
  access_keys {
    active       = 2
    rotate_after = 90 # ERROR: Rotation needs a free slot
  }
  access_keys { # ERROR: Duplicate access_keys block
  }
}

user "c" {
  access_keys {
    activ                 = 1     # ERROR: Unsupported argument
    delete_inactive_after = 4000  # ERROR: Number of days out of range
    deactivate            = ["AKIA-LEAKED"] # ERROR: Invalid access key id
  }
}

user "d" {
  access_keys {
    active     = "one" # ERROR: Invalid value
    deactivate = "AKIAIOSFODNN7EXAMPLE" # ERROR: Invalid value
  }
}
