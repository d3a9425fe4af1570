# The people of the startup. Each gets a console password on the first
# apply (written to the --credentials-out file) that they must change
# when they first sign in.

user "maria" {
  path   = "/people/"
  groups = [group.admins, group.developers]
  tags   = { role = "CTO" }
  console_access {
    password_reset_required = true
  }
}

user "arjun" {
  path   = "/people/"
  groups = [group.admins]
  tags   = { role = "CEO" }
  console_access {}
}

user "chloe" {
  path   = "/people/"
  groups = [group.developers]
  console_access {}
}

user "lucas" {
  path   = "/people/"
  groups = [group.developers]
  console_access {}
}

# The nightly backup job runs outside AWS and needs an access key (created
# by hand: iamc never creates access keys). It may write to the backup
# bucket and nothing else, so its one inline policy is attached to the
# user itself; iamc warns about policies attached directly to users, and
# this user says that it is on purpose.
user "backup" {
  path            = "/service/"
  tags            = { purpose = "nightly database backups" }
  ignore_warnings = ["direct-user-policy"]

  inline_policy "backup-bucket" {
    statement {
      sid       = "ListBucket"
      actions   = ["s3:ListBucket"]
      resources = ["arn:aws:s3:::acme-startup-backups"]
    }
    statement {
      sid       = "WriteBackups"
      actions   = ["s3:PutObject", "s3:GetObject"]
      resources = ["arn:aws:s3:::acme-startup-backups/db/*"]
    }
  }
}

# The backup user writes its bucket's db/ prefix, and no other bucket.
expect "backup-writes-backups" {
  principals = [user.backup]
  actions    = ["s3:PutObject"]
  resources  = ["arn:aws:s3:::acme-startup-backups/db/2026-12-02.sql.gz"]
  decision   = "allowed"
}

expect "backup-writes-nothing-else" {
  principals = [user.backup]
  actions    = ["s3:PutObject", "s3:DeleteObject"]
  resources  = ["arn:aws:s3:::acme-startup-website/index.html"]
  decision   = "denied"
}
