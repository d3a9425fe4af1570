#!/usr/bin/env bash
# Prints iamc's speed figures on the large generated organisation
# (5,000 users, 300 groups, 1,000 roles, 1,500 managed policies) and on
# shapes that stress one path each (bench/orggen's Shape):
#   - Go benchmarks: hclsyntax parse only, on one goroutine (the floor),
#     validate + plan against an empty memory account, a no-op plan
#     against the applied account, with their ratios to the floor;
#   - iamc validate on each shape, diagnostics printed, beside the parse
#     floor of the same files, and how its time grows with the number of
#     warnings and of bad references (the slope of log time on log N);
#   - the iamc binary end to end: wall time and peak memory of validate,
#     plan, apply and the second (no-op) plan, and of validate on the
#     shapes.
# COUNT (default 5) is the number of runs of each Go benchmark.
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
echo "== Shapes: iamc validate beside the parse floor of the same files"
go test -run '^$' -bench 'Shapes' -count "${COUNT:-5}" ./bench/ | tee "$work/shapes.txt"
awk '/^BenchmarkShapes\// {
  split($1, f, "/"); shape=f[2]; step=f[3]; sub(/-[0-9]+$/, "", step)
  n[shape, step]++; t[shape, step]+=$3; seen[shape]=1
} END {
  for (s in seen) {
    p=t[s, "parse"]/n[s, "parse"]; v=t[s, "validate"]/n[s, "validate"]
    printf "%-16s validate %9.1f ms  parse %9.1f ms  (%.2f x parse)\n", s, v/1e6, p/1e6, v/p
    T[s]=v
  }
  for (k in T) if (k ~ /^(warnings|badrefs)-/) {
    split(k, a, "-"); kind=a[1]; N=a[2]+0
    if (!(kind in lo) || N < lo[kind]) lo[kind]=N
    if (!(kind in hi) || N > hi[kind]) hi[kind]=N
  }
  for (kind in lo) printf "%-16s slope of log(validate time) on log(N), N = %d to %d: %.2f\n", kind, lo[kind], hi[kind], log(T[kind "-" hi[kind]]/T[kind "-" lo[kind]])/log(hi[kind]/lo[kind])
}' "$work/shapes.txt" | sort

echo
echo "== iamc end to end"
go build -o "$work/iamc" ./cmd/iamc
go build -o "$work/measure" ./bench/measure
go build -o "$work/orggen" ./bench/orggen/cmd/orggen
"$work/orggen" -out "$work/org" >/dev/null
"$work/orggen" -out "$work/warnings" -direct-policies 1667 >/dev/null
"$work/orggen" -out "$work/badrefs" -bad-group-refs 1000 >/dev/null
"$work/orggen" -out "$work/huge" -users 5000 -groups 500 -roles 5000 -policies 5000 -statements 10 >/dev/null
m() { "$work/measure" -- "$@"; }
m "$work/iamc" validate "$work/org"
m "$work/iamc" validate "$work/warnings" 2>/dev/null  # 1,667 warnings
m "$work/iamc" validate "$work/badrefs" 2>/dev/null   # 1,000 errors
m "$work/iamc" validate "$work/huge"
m "$work/iamc" plan "$work/org"
m "$work/iamc" apply --auto-approve --credentials-out "$work/creds.json" "$work/org"
m "$work/iamc" plan --detailed-exitcode "$work/org"
ls -l "$work/org/.iamc/account.json" | awk '{ printf "state file: %.1f MB\n", $5/1048576 }'
"$work/iamc" plan --out "$work/plan.json" "$work/org" >/dev/null
ls -l "$work/plan.json" | awk '{ printf "plan file of the org (against the applied account): %.1f MB\n", $5/1048576 }'
rm -rf "$work/org/.iamc"
"$work/iamc" plan --out "$work/plan.json" "$work/org" >/dev/null
ls -l "$work/plan.json" | awk '{ printf "plan file of the org (against an empty account): %.1f MB\n", $5/1048576 }'

echo
echo "== Login profiles: apply of 5,000 users, with and without console access"
mkdir -p "$work/console" "$work/noconsole"
for i in $(seq -w 1 5000); do printf 'user "u%s" {\n  console_access {}\n}\n' "$i"; done > "$work/console/main.iam.hcl"
for i in $(seq -w 1 5000); do printf 'user "u%s" {}\n' "$i"; done > "$work/noconsole/main.iam.hcl"
m "$work/iamc" apply --auto-approve --credentials-out "$work/console.json" "$work/console"
m "$work/iamc" apply --auto-approve --credentials-out "$work/noconsole.json" "$work/noconsole"
