#!/usr/bin/env bash
# iamc audit of the large generated organisation through the AWS provider
# from iamc serve: the organisation applied to a memory account, then
# every user given an access key (a second, older one for every tenth)
# and every other user a hardware MFA device in the state file; the
# audit's wall time and the IAM calls it makes, by action.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
pids=()
trap 'kill ${pids[@]:-} 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/iamc" ./cmd/iamc
go run ./bench/orggen/cmd/orggen -out "$work/org" >/dev/null
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
port=18895
signed() { curl -sf --aws-sigv4 aws:amz:us-east-1:iam -u "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" "$@"; }

"$work/iamc" apply --state "$work/state.json" --auto-approve --credentials-out "$work/creds.json" "$work/org" >/dev/null
python3 - "$work/state.json" <<'PY'
import json, sys
p = sys.argv[1]
s = json.load(open(p))
for i, u in enumerate(s["users"]):
    keys = [{"id": "AKIA%016d" % (2 * i), "status": "Active", "create_date": "2026-01-01T00:00:00Z"}]
    if i % 10 == 0:
        keys.insert(0, {"id": "AKIA%016d" % (2 * i + 1), "status": "Active", "create_date": "2025-01-01T00:00:00Z",
                        "last_used": {"date": "2025-06-01T00:00:00Z", "service": "s3", "region": "us-east-1"}})
    u["access_keys"] = keys
    if i % 2 == 0:
        u["mfa_devices"] = [{"serial_number": "GAHT%08d" % i, "virtual": False, "enable_date": "2026-01-01T00:00:00Z"}]
json.dump(s, open(p, "w"))
PY
"$work/iamc" serve --addr 127.0.0.1:$port --state "$work/state.json" 2>"$work/serve.log" &
pids+=($!)
for _ in $(seq 100); do signed http://127.0.0.1:$port/iamc/stats >/dev/null && break; sleep 0.1; done
# A first audit warms the server (and makes the credential report); the
# second is measured.
"$work/iamc" audit --provider aws --endpoint-url http://127.0.0.1:$port --format json "$work/org" >"$work/audit.json"
signed -X POST http://127.0.0.1:$port/iamc/stats/reset >/dev/null
start=$(date +%s.%N)
"$work/iamc" audit --provider aws --endpoint-url http://127.0.0.1:$port --format json "$work/org" >"$work/audit.json"
end=$(date +%s.%N)
echo "audit of the large org: $(echo "$end - $start" | bc) s"
echo "calls: $(signed http://127.0.0.1:$port/iamc/stats)"
python3 -c 'import json,sys,collections; f=json.load(open(sys.argv[1]))["findings"]; print("findings:", len(f), dict(collections.Counter(x["id"] for x in f)))' "$work/audit.json"
