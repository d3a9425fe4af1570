# Locals refer to each other in any order; cycles are errors.
locals {
  a = local.b
  b = local.a          # ERROR: Cycle in references
  c = "${local.d}-x"
  d = "ok"
  e = 1 + "x"          # ERROR: Invalid operand
  f = user.named.name  # a local may name an entity
}

locals {
  d = "again" # ERROR: Duplicate local value
}

user "named" {
  name = "named-${local.d}"
}

user "self" {
  name = "${user.self.path}x" # ERROR: Cycle in references
}

user "loop" {
  for_each = toset([local.g]) # ERROR: Cycle in references
  path     = "/"
}

locals {
  g = user.loop["x"].name
}

user "list" {
  for_each = ["a", "b"] # ERROR: Invalid for_each argument
}

user "nums" {
  for_each = toset([1, 2]) # ERROR: Invalid for_each argument
}

user "nil" {
  for_each = null # ERROR: Invalid for_each argument
}

user "objs" {
  for_each = { alice = { team = "a" }, bob = { team = "b" } }
  path     = "/${each.value.team}/"
}

user "each-in-for-each" {
  for_each = toset([each.key]) # ERROR: Reference to "each" outside for_each
}
