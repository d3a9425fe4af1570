# iamc { assume_role } must be a role's ARN.
iamc {
  assume_role = "arn:aws:iam::111111111111:user/iamc" # ERROR: Invalid role ARN
}
