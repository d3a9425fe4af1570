#!/usr/bin/env bash
# The IAM calls a no-op plan of the large generated organisation makes to
# read the account through the AWS provider from iamc serve, by action:
# first the organisation as generated (its EC2 roles hold instance
# profiles), then with two OpenID Connect providers and a SAML provider
# declared as well, then with 500 of its users declaring access keys.
source "$(dirname "$0")/served.sh"
go run ./bench/orggen/cmd/orggen -out "$work/org" >/dev/null
port=18865

measure() { # measure LABEL: apply to a memory account, serve it, plan through it
  rm -f "$work/state.json"
  "$work/iamc" apply --state "$work/state.json" --auto-approve --credentials-out "$work/creds.json" "$work/org" >/dev/null
  rm -f "$work/creds.json"
  serve_on $port --state "$work/state.json"
  signed -X POST http://127.0.0.1:$port/iamc/stats/reset >/dev/null
  "$work/iamc" plan --provider aws --endpoint-url http://127.0.0.1:$port --detailed-exitcode "$work/org" >"$work/plan.log" 2>&1 \
    || { echo "the plan is not empty (exit $?)" >&2; tail "$work/plan.log" >&2; }
  echo "$1: $(signed http://127.0.0.1:$port/iamc/stats)"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  port=$((port+1))
}

measure "the large org"

cp internal/cli/testdata/script/aws_providers.txtar "$work/script.txtar"
sed -n '/^-- okta.xml --$/,/^-- sp.xml --$/p' "$work/script.txtar" | sed '1d;$d' >"$work/org/okta.xml"
cat >"$work/org/providers.iam.hcl" <<'HCL'
oidc_provider "github" {
  url        = "https://token.actions.githubusercontent.com"
  client_ids = ["sts.amazonaws.com"]
}

oidc_provider "eks" {
  url        = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
  client_ids = ["sts.amazonaws.com"]
}

saml_provider "okta" {
  metadata = file("okta.xml")
}
HCL
measure "with 2 OIDC providers and 1 SAML provider"

# 500 of the users declare access keys (rotated every 90 days): one
# ListAccessKeys each, their last use from the credential report.
n=0
for f in "$work"/org/users-*.iam.hcl; do
  awk -v left=$((500 - n)) '{ print } /^user "/ && left > 0 {
    print "  access_keys {\n    rotate_after          = 90\n    delete_inactive_after = 30\n  }"; left-- }' "$f" >"$f.new"
  mv "$f.new" "$f"
  n=$(grep -c '^  access_keys {' "$work"/org/users-*.iam.hcl | awk -F: '{ s += $2 } END { print s }')
  [ "$n" -ge 500 ] && break
done
measure "and 500 users declaring access_keys"
