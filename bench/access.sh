#!/usr/bin/env bash
# Prints the access evaluator's speed figures:
#   - in package access, on plantest's large organisation (5,000 users,
#     300 groups, 1,000 roles, 1,500 managed policies): a first request
#     to a new evaluator, 10,000 requests over random principals, a
#     request to a warm evaluator, one request from each of the 6,000
#     users and roles;
#   - in package bench, on the large generated organisation: what
#     `iamc can` does without the process around it (load the
#     configuration, evaluate one request, or 10,000), beside the parse
#     floor, with their ratios to it;
#   - in package plan, the access section of a plan: the large
#     organisation with one group's managed policy changed, planned
#     without and with the section.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== package access"
go test -run '^$' -bench 'Evaluate' -benchmem -count "${COUNT:-5}" ./access/ | tee "$work/access.txt"

echo
echo "== load + evaluate, large generated organisation"
go test -run '^$' -bench 'ParseOnly|CanLargeOrg|CanBatch10k' -benchmem -count "${COUNT:-5}" ./bench/ | tee "$work/bench.txt"
awk '/^Benchmark/ { n[$1]++; t[$1]+=$3 } END {
  for (k in t) avg[k]=t[k]/n[k]
  p=""; for (k in avg) if (k ~ /ParseOnly/) p=avg[k]
  for (k in avg) printf "%-28s %10.1f ms  (%.2f x parse)\n", k, avg[k]/1e6, (p ? avg[k]/p : 0)
}' "$work/bench.txt" | sort

echo
echo "== the access section of a plan, large organisation, one group policy changed"
go test -run '^$' -bench 'ComputeGroupPolicyChange' -benchmem -count "${COUNT:-5}" ./plan/ | tee "$work/plan.txt"
awk '/^BenchmarkComputeGroupPolicyChange/ { split($1, a, "/"); n[a[2]]++; t[a[2]]+=$3 } END {
  w=t["without-access-2"]/n["without-access-2"]; x=t["with-access-2"]/n["with-access-2"]
  if (w > 0) printf "without %.1f ms, with %.1f ms: the section costs %.1f ms\n", w/1e6, x/1e6, (x-w)/1e6
}' "$work/plan.txt"
