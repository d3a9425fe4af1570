# iamc { assume_role }: the ARN of a role of the declared account.
iamc {
  account_id  = "111111111111"
  assume_role = "arn:aws:iam::222222222222:role/iamc" # ERROR: Role of another account
}
