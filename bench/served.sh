# Sourced by the benchmarks that drive iamc serve (audit.sh, reads.sh,
# serve.sh, accounts.sh): from the repository's root, a work directory
# removed on exit with every server started, iamc built into it, the
# README's credentials (the key iamc serve knows by default), and the
# helpers below.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d)
pids=()
trap 'kill ${pids[@]:-} 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/iamc" ./cmd/iamc
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true

# signed runs curl with the request signed: the stats endpoints are
# signed like any request.
signed() { curl -sf --aws-sigv4 aws:amz:us-east-1:iam -u "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" "$@"; }

# serve_on PORT ARG...: starts iamc serve on 127.0.0.1:PORT with ARGs and
# waits until it answers.
serve_on() {
  local port=$1
  shift
  "$work/iamc" serve --addr "127.0.0.1:$port" "$@" 2>"$work/serve.log" &
  pids+=($!)
  for _ in $(seq 100); do signed "http://127.0.0.1:$port/iamc/stats" >/dev/null && return; sleep 0.1; done
  echo "serve did not start" >&2
  cat "$work/serve.log" >&2
  exit 1
}
