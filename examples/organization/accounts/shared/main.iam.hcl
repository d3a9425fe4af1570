iamc {
  account_id  = "111111111111"
  assume_role = "arn:aws:iam::111111111111:role/iamc"
}

module "baseline" {
  source              = "../../modules/baseline"
  admins              = ["alice", "bob"]
  security_account_id = "111111111111"
}

group "security" {
  policies = [aws.policy.SecurityAudit]
  members  = [module.baseline.user.admin["alice"]]
}
