iamc {
  account_id  = "333333333333"
  assume_role = "arn:aws:iam::333333333333:role/iamc"
}

module "baseline" {
  source              = "../../modules/baseline"
  admins              = ["alice"]
  security_account_id = "111111111111"
}

group "oncall" {
  policies = [aws.policy.ReadOnlyAccess]
  members  = [module.baseline.user.admin["alice"]]
}
