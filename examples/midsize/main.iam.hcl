# A company of a few dozen people in six teams. Everyone is declared once,
# in local.people, and the users, their team groups and what each team
# may do follow from that one map: hiring someone is one line.

iamc {
  account_id = "123456789012"
  manage     = ["/"]
}

variable "env" {
  description = "the environment this account hosts (the alias ends with it)"
  default     = "prod"
}

account {
  alias = "globex-${var.env}"
}

password_policy {
  minimum_length                 = 16
  require_uppercase              = true
  require_lowercase              = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
  max_password_age               = 180
  password_reuse_prevention      = 12
}

locals {
  # Who works here, and in which team. IAM user names are their e-mail
  # names; the map's keys become the users' names.
  people = {
    "ana.souza"     = "platform"
    "ben.okafor"    = "platform"
    "carla.rossi"   = "platform"
    "dev.patel"     = "backend"
    "emma.larsen"   = "backend"
    "farid.haddad"  = "backend"
    "gina.kim"      = "backend"
    "hugo.martin"   = "frontend"
    "iris.novak"    = "frontend"
    "jonas.fischer" = "frontend"
    "kemi.mensah"   = "data"
    "leo.tanaka"    = "data"
    "mia.costa"     = "data"
    "nora.ivanova"  = "security"
    "omar.khan"     = "security"
    "paula.reyes"   = "finance"
    "quinn.dubois"  = "finance"
    "ravi.sato"     = "backend"
    "sofia.lopez"   = "frontend"
    "tom.wilson"    = "platform"
  }

  teams = toset(values(local.people))

  # Teams whose people build and run software.
  engineering = toset(["platform", "backend", "frontend", "data"])

  tags = {
    company    = "globex"
    managed-by = "iamc"
  }
}
