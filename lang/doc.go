// Package lang is iamc's HCL front end: it reads the *.iam.hcl (and
// *.iam.json) files of a configuration directory and compiles them into
// the desired model.Account, with every diagnostic of the run.
//
// Load parses the files, decodes the blocks of DESIGN.md section 3
// (iamc, variable, locals, account, password_policy, policy, group, user,
// role and their nested blocks), evaluates their expressions with go-cty's
// standard functions plus file, resolves references (user.X, group.X,
// role.X, policy.X, aws.policy.NAME, account.id, var.X, local.X, each.*),
// and checks every rule of the language: IAM's names, paths and quotas,
// group nesting, case-insensitive uniqueness, password policy ranges, the
// account alias, and the account-level sizes of policy documents. The
// checks inside one policy document (grammar, the action catalog,
// least-privilege warnings) belong to package policy, whose problems lang
// turns into diagnostics at the offending expression.
//
// Every diagnostic names the file, line and column of what it is about;
// compilation collects them and goes on, so that one run reports every
// error. Config.Declarations maps each entity's address to its declaring
// block, so that later errors (a failed apply) can point back at it.
// Format gives the canonical layout of a file, for iamc fmt.
//
// lang is imported by internal/cli; it imports model, policy and catalog,
// and knows nothing of plans or providers.
package lang
