// Package examples holds iamc's example configurations, one directory
// each, and the tests that validate, plan and apply every one of them to
// a memory account:
//
//   - startup: a young company set up as the AWS IAM tutorials recommend:
//     an admin group, developers with a monitoring policy read from a
//     JSON file, a backup service user with an inline S3 policy, an EC2
//     role with its instance profile, a strong password policy and an
//     account alias.
//   - midsize: a company whose users, team groups and team permissions
//     follow from one locals map of people to teams, through for_each.
//   - shared: one account shared by two teams, each applying its own
//     configuration with its own manage scope.
//   - github-deploy: a deploy role that GitHub Actions workflows of one
//     repository's main branch assume through the account's OpenID
//     Connect provider, with no access key stored anywhere.
//   - gitops: an account that declares its own pipeline's roles, iamc-plan
//     (read-only, for pull requests and drift checks) and iamc-apply (for
//     the main branch), beside the GitHub Actions workflow that plans
//     pull requests, applies merges and reports drift
//     (.github/workflows/iamc.yml).
//   - organization: three accounts (shared, dev, prod), each a directory
//     under accounts/ that uses the baseline module under modules/ (an
//     admin group, a break-glass role and a CI role) and adds its own,
//     planned together with iamc plan accounts/*/.
//
// The package has no code of its own besides its tests.
package examples
