# iamc.policy.NAME is a document: a policies list takes managed policies.
group "g" {
  policies = [iamc.policy.RequireMFA] # ERROR: Invalid policy reference
  inline_policy "mfa" {
    document = iamc.policy.RequireMFA
  }
}

policy "p" {
  document = iamc.policy.RequireMfa # ERROR: Reference to unknown built-in policy
}

policy "q" {
  document = iamc.RequireMFA # ERROR: Invalid reference
}
