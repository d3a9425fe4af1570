#!/usr/bin/env bash
# Prints iamc's speed figures on the large generated organisation
# (5,000 users, 300 groups, 1,000 roles, 1,500 managed policies):
#   - Go benchmarks: hclsyntax parse only (the floor), validate + plan
#     against an empty memory account, a no-op plan against the applied
#     account, with their ratios to the floor;
#   - the iamc binary end to end: wall time and peak memory of validate,
#     plan, apply and the second (no-op) plan.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Go benchmarks (same run, same files)"
go test -run '^$' -bench 'ParseOnly|ValidatePlanEmpty|NoopPlan' -benchmem -count "${COUNT:-5}" ./bench/ | tee "$work/bench.txt"
awk '/^Benchmark/ { n[$1]++; t[$1]+=$3 } END {
  for (k in t) avg[k]=t[k]/n[k]
  p=""; for (k in avg) if (k ~ /ParseOnly/) p=avg[k]
  for (k in avg) printf "%-36s %10.1f ms  (%.2f x parse)\n", k, avg[k]/1e6, (p ? avg[k]/p : 0)
}' "$work/bench.txt" | sort

echo
echo "== iamc end to end"
go build -o "$work/iamc" ./cmd/iamc
go build -o "$work/measure" ./bench/measure
go run ./bench/orggen/cmd/orggen -out "$work/org" >/dev/null
m() { "$work/measure" -- "$@"; }
m "$work/iamc" validate "$work/org"
m "$work/iamc" plan "$work/org"
m "$work/iamc" apply --auto-approve --credentials-out "$work/creds.json" "$work/org"
m "$work/iamc" plan --detailed-exitcode "$work/org"
ls -l "$work/org/.iamc/account.json" | awk '{ printf "state file: %.1f MB\n", $5/1048576 }'
