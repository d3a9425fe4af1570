iamc {
  account_id  = "222222222222"
  assume_role = "arn:aws:iam::222222222222:role/iamc"
}

module "baseline" {
  source              = "../../modules/baseline"
  admins              = ["alice", "bob", "carol"]
  security_account_id = "111111111111"
}

group "developers" {
  policies = [aws.policy.PowerUserAccess]
}

user "dave" {
  groups = [group.developers]
}
