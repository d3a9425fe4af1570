# Paths: IAM's rules, AWS's reserved paths, and the managed scope.
iamc {
  manage = ["/team-a/", "/aws-reserved/x/"] # ERROR: Reserved path in manage
}

iamc { # ERROR: Duplicate iamc block
}

user "a" {
  path = "team-a/" # ERROR: Invalid path
}

user "b" {
  path = "/team-a//x/" # ERROR: Invalid path
}

user "c" {
  path = "/aws-service-role/" # ERROR: Reserved path
}

user "d" {
  path = "/team-a/ x/" # ERROR: Invalid path
}
