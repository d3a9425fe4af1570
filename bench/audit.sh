#!/usr/bin/env bash
# iamc audit of the large generated organisation through the AWS provider
# from iamc serve: the organisation applied to a memory account, then
# every user given an access key (a second, older one for every tenth)
# and every other user a hardware MFA device in the state file; the
# audit's wall time and the IAM calls it makes, by action.
source "$(dirname "$0")/served.sh"
go run ./bench/orggen/cmd/orggen -out "$work/org" >/dev/null
port=18895

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
serve_on $port --state "$work/state.json"
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
