# Identity providers: URLs, client ids, thumbprints, metadata, references.
oidc_provider "github" {
  url        = "https://token.actions.githubusercontent.com"
  client_ids = ["sts.amazonaws.com", ""] # ERROR: Invalid client id
  thumbprints = ["not-a-thumbprint"] # ERROR: Invalid thumbprint
}

oidc_provider "plain" {
  url = "http://idp.example.com" # ERROR: Invalid OpenID Connect provider URL
}

oidc_provider "again" {
  url = "https://TOKEN.actions.githubusercontent.com/" # ERROR: Duplicate oidc_provider name
}

oidc_provider "nourl" { # ERROR: Missing required argument
}

oidc_provider "five" {
  url = "https://five.example.com"
  thumbprints = [ # ERROR: Too many thumbprints
    "0000000000000000000000000000000000000001", "0000000000000000000000000000000000000002",
    "0000000000000000000000000000000000000003", "0000000000000000000000000000000000000004",
    "0000000000000000000000000000000000000005", "0000000000000000000000000000000000000006",
  ]
}

saml_provider "sp" {
  metadata = "<EntityDescriptor><SPSSODescriptor/></EntityDescriptor>" # ERROR: Invalid SAML metadata
}

saml_provider "bad" {
  name     = "a b" # ERROR: Invalid saml_provider name
  metadata = "<EntityDescriptor><IDPSSODescriptor/></EntityDescriptor>"
}

role "ci" {
  trust {
    statement {
      actions = ["sts:AssumeRoleWithWebIdentity"]
      principals {
        type        = "Federated"
        identifiers = [oidc_provider.githb.arn] # ERROR: Reference to undeclared oidc_provider
      }
    }
  }
}
