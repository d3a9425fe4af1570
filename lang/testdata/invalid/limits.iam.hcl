# What a configuration makes is bounded: no function call, local or
# attribute builds a string over 16 MiB or a collection over 100,000
# elements, whatever its arguments.
locals {
  r      = range(1024)
  big    = join("", [for i in local.r : "0123456789abcdef"])     # 16 KiB
  bigger = join("", [for i in local.r : local.big])         # 16 MiB
  # Each of these would build gigabytes if it were run.
  joined    = join(local.bigger, range(100))                       # ERROR: Invalid function argument
  widths    = format("%999999999d", 1)                             # ERROR: Invalid function argument
  replaced  = replace(local.bigger, "", "x")                       # ERROR: Invalid function argument
  indented  = indent(100000000, "a\nb")                            # ERROR: Invalid function argument
  product   = setproduct(local.r, local.r)                 # ERROR: Invalid function argument
  flattened = flatten([for i in local.r : local.r])        # ERROR: Invalid function argument
  doubled   = "${local.bigger}${local.bigger}"                     # ERROR: Value too large
  decoded   = jsondecode(join("", [for i in range(65) : "["]))     # ERROR: Invalid function argument
  # Within the bounds, functions work as before, tuples of one type or not.
  ok1 = toset(["a", "b", "a"])
  ok2 = join(",", ["a", 1, true])
  ok3 = tomap({ a = "x", b = "y" })
  ok4 = strlen(local.big)
  ok5 = concat(["a"], [1], tolist(["b"]))
  ok6 = distinct(["a", "a", 1])
}

user "many" {
  for_each = toset([for i in range(1024) : "u${i}"])
  path     = "/many/"
}
