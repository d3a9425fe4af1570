# Renames whose old name is declared too: one apply renames each entity
# from a name that is free in the configuration.

# A chain: b becomes c while a becomes b.
user "c" {
  renamed_from = "b" # ERROR: Chain of renames
}

user "b" {
  renamed_from = "a"
}

# A swap: x and y trade names; both ends are reported.
user "x" {
  renamed_from = "y" # ERROR: Swap of names
}

user "y" {
  renamed_from = "x" # ERROR: Swap of names
}

# A rename, and a new entity under the old name.
group "ops" {
  renamed_from = "operations" # ERROR: Old name declared again
}

group "operations" {
}

# Case does not matter, as in IAM.
group "admins" {
  renamed_from = "Staff" # ERROR: Old name declared again
}

group "staff" {
}

# for_each instances: each is checked.
user "dev" {
  for_each     = { alice = "alice.old", bob = "bob.old", carol = "c" }
  renamed_from = each.value # ERROR: Chain of renames
}

# A plain rename from a free name is fine.
group "platform" {
  renamed_from = "infra"
}
