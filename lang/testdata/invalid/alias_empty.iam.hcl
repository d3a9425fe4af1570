# An empty alias is not how an account without an alias is written:
# that is alias = null.
account {
  alias = "" # ERROR: Invalid account alias
}
