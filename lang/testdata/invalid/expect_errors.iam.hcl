# The expect blocks' own mistakes are reported whatever else is wrong.
group "empty" {}
user "ana" {}
policy "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
expect "ok" {
  principals = [user.ana]
  actions    = ["s3:GetObject"]
  resources  = ["*"]
  decision   = "denied"
}
expect "bad" {
  principals = [group.empty, policy.read, user.nobody] # ERROR: Group without members | ERROR: Invalid principal | ERROR: Reference to undeclared user
  actions    = []
  resources  = ["*"]
  decision   = "maybe" # ERROR: Invalid decision
}
expect "ok" { # ERROR: Duplicate expect block
  principals = [user.ana]
  actions    = ["s3:GetObject"]
  resources  = ["*"]
  decision   = "allowed"
}
expect "incomplete" { # ERROR: Missing required argument | ERROR: Missing required argument | ERROR: Missing required argument
  principals = [user.ana]
}
