# The people of the account: what pull requests change day to day.

group "developers" {
  policies = [aws.policy.ReadOnlyAccess]
  members  = [user.chloe, user.lucas]
}

user "chloe" {
  path = "/people/"
  tags = { team = "web" }
}

user "lucas" {
  path = "/people/"
  tags = { team = "data" }
}
