#!/usr/bin/env bash
# Many accounts in one run: ACCOUNTS (default 200) accounts, each the
# midsize example plus the organization example's baseline module, each
# its own account (applied to a memory state first), all served by one
# iamc serve (--account ID=STATE for each, --latency 20ms). Each account
# is planned through the role its iamc { assume_role } names, assumed
# from the run's key (which acts in the first account, the baseline's
# security account), at --account-parallelism 1, 8 and 32 (override with
# PARALLELISM), against the plan of one of them: the wall time should
# grow with accounts divided by parallelism.
source "$(dirname "$0")/served.sh"
latency=${LATENCY:-20ms}
accounts=${ACCOUNTS:-200}
port=18865

repo="$work/repo"
mkdir -p "$repo/.git" "$repo/modules" "$repo/accounts"
cp -r examples/organization/modules/baseline "$repo/modules/"
first=$(printf '5%011d' 1)
serveargs=()
for i in $(seq 1 "$accounts"); do
  id=$(printf '5%011d' "$i")
  d="$repo/accounts/acct-$(printf '%03d' "$i")"
  mkdir -p "$d"
  cp examples/midsize/*.iam.hcl "$d/"
  sed -i "s/  account_id = \"123456789012\"/  account_id  = \"$id\"\n  assume_role = \"arn:aws:iam::$id:role\/iamc\"/" "$d/main.iam.hcl"
  cat >"$d/baseline.iam.hcl" <<HCL
module "baseline" {
  source              = "../../modules/baseline"
  admins              = ["platform-oncall"]
  security_account_id = "$first"
}
HCL
  "$work/iamc" apply --root "$repo" --auto-approve --credentials-out "$work/creds-$i.json" "$d" >/dev/null
  serveargs+=(--account "$id=$d/.iamc/account.json")
done

serve_on $port "${serveargs[@]}" --latency "$latency"

plan() { # plan PARALLELISM DIR...
  local p=$1; shift
  local start end
  start=$(date +%s.%N)
  "$work/iamc" plan --provider aws --endpoint-url http://127.0.0.1:$port --root "$repo" --account-parallelism "$p" "$@" >"$work/plan.log" 2>&1 \
    || { echo "plan failed" >&2; tail "$work/plan.log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
# A first plan of every account warms the server: each account's first
# read has it make a credential report.
plan 32 "$repo"/accounts/*/ >/dev/null
one=$(plan 1 "$repo/accounts/acct-001")
printf 'one account, latency %s: %.2f s\n' "$latency" "$one"
for p in ${PARALLELISM:-1 8 32}; do
  t=$(plan "$p" "$repo"/accounts/*/)
  printf '%d accounts, --account-parallelism %2d: %7.2f s (%.1f x one account; accounts/parallelism = %.1f)\n' \
    "$accounts" "$p" "$t" "$(echo "$t / $one" | bc -l)" "$(echo "$accounts / $p" | bc -l)"
done
