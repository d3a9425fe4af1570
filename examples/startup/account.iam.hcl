# A young startup's AWS account, set up the way the AWS IAM tutorials
# recommend: nobody works as root, people sign in as IAM users who get
# their permissions from groups, services use roles, and a strong
# password policy applies to everyone.
#
# iamc owns every user, group, role and customer managed policy of the
# account (no iamc block: manage = ["/"]).

# The sign-in page becomes https://acme-startup.signin.aws.amazon.com/console.
account {
  alias = "acme-startup"
}

# Strong passwords, as the IAM best practices suggest: long, mixed,
# rotated every 90 days, never reused.
password_policy {
  minimum_length                 = 14
  require_uppercase              = true
  require_lowercase              = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
  max_password_age               = 90
  password_reuse_prevention      = 24
  hard_expiry                    = false
}
