#!/usr/bin/env bash
# The AWS provider against a served account (iamc serve) with the large
# generated organisation: the IAM calls a plan makes to read the account,
# and the wall time and calls per second of applying the whole org with
# --latency 5ms at parallelism 1, 4 and 16 (override with
# PARALLELISM="1 4 16", LATENCY=5ms). Every write is synced to serve's
# journal before it is answered, so the figures include the disk's syncs.
source "$(dirname "$0")/served.sh"
go run ./bench/orggen/cmd/orggen -out "$work/org" >/dev/null
latency=${LATENCY:-5ms}
port=18765

serve() { serve_on $port --state "$1" --latency "$latency"; } # serve STATE
stop() { kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; port=$((port+1)); }
stats() { signed http://127.0.0.1:$port/iamc/stats; }
reset() { signed -X POST http://127.0.0.1:$port/iamc/stats/reset >/dev/null; }

for p in ${PARALLELISM:-1 4 16}; do
  serve "$work/state-$p.json"
  start=$(date +%s.%N)
  "$work/iamc" apply --provider aws --endpoint-url http://127.0.0.1:$port --auto-approve \
    --credentials-out "$work/creds-$p.json" --parallelism "$p" "$work/org" >"$work/apply-$p.log" 2>&1
  end=$(date +%s.%N)
  calls=$(stats | sed -n 's/.*"total": *\([0-9]*\).*/\1/p')
  printf 'apply of the large org, latency %s, parallelism %2d: %7.1f s, %s IAM calls, %.0f calls/s\n' \
    "$latency" "$p" "$(echo "$end - $start" | bc)" "$calls" "$(echo "$calls / ($end - $start)" | bc -l)"
  reset
  "$work/iamc" plan --provider aws --endpoint-url http://127.0.0.1:$port --detailed-exitcode "$work/org" >"$work/plan-$p.log" 2>&1 \
    || { echo "second plan not empty (exit $?)" >&2; tail "$work/plan-$p.log" >&2; }
  echo "  calls of the second (no-op) plan: $(stats)"
  stop
done
