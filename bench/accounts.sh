#!/usr/bin/env bash
# Many accounts in one run: ACCOUNTS (default 200) directories, each the
# midsize example plus the organization example's baseline module,
# planned with the AWS provider against one served account (iamc serve,
# --latency 20ms) at --account-parallelism 1, 8 and 32 (override with
# PARALLELISM), against the plan of one of them. Every directory plans
# the same served account: the figure is the cost of the fan-out, whose
# wall time should grow with accounts divided by parallelism.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
go build -o "$work/iamc" ./cmd/iamc
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
latency=${LATENCY:-20ms}
accounts=${ACCOUNTS:-200}
port=18865

repo="$work/repo"
mkdir -p "$repo/.git" "$repo/modules" "$repo/accounts"
cp -r examples/organization/modules/baseline "$repo/modules/"
for i in $(seq -w 1 "$accounts"); do
  d="$repo/accounts/acct-$i"
  mkdir -p "$d"
  cp examples/midsize/*.iam.hcl "$d/"
  cat >"$d/baseline.iam.hcl" <<'HCL'
module "baseline" {
  source              = "../../modules/baseline"
  admins              = ["platform-oncall"]
  security_account_id = "111111111111"
}
HCL
done

"$work/iamc" serve --addr 127.0.0.1:$port --state "$work/state.json" --latency "$latency" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 50); do
  curl -sf --aws-sigv4 aws:amz:us-east-1:iam -u test:test http://127.0.0.1:$port/iamc/stats >/dev/null && break
  sleep 0.1
done

plan() { # plan PARALLELISM DIR...
  local p=$1; shift
  local start end
  start=$(date +%s.%N)
  "$work/iamc" plan --provider aws --endpoint-url http://127.0.0.1:$port --account-parallelism "$p" "$@" >"$work/plan.log" 2>&1 \
    || { echo "plan failed" >&2; tail "$work/plan.log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
one=$(plan 1 "$repo/accounts/acct-$(seq -w 1 "$accounts" | head -1)")
printf 'one account, latency %s: %.2f s\n' "$latency" "$one"
for p in ${PARALLELISM:-1 8 32}; do
  t=$(plan "$p" "$repo"/accounts/*/)
  printf '%d accounts, --account-parallelism %2d: %7.2f s (%.1f x one account; accounts/parallelism = %.1f)\n' \
    "$accounts" "$p" "$t" "$(echo "$t / $one" | bc -l)" "$(echo "$accounts / $p" | bc -l)"
done
