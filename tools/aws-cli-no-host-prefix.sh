#!/usr/bin/env bash
# For AWS CLIs that predate the host-prefix setting (AWS_DISABLE_HOST_PREFIX_INJECTION, e.g.
# Debian's aws-cli 2.9.19): writes a copy of the CLI's own Step Functions service model without
# the `sync-` host prefix of StartSyncExecution (and TestState) into DIR, and prints the line that
# makes the CLI read it:
#
#   eval "$(tools/aws-cli-no-host-prefix.sh)"          # DIR: ~/.stepwise/aws-models
#   aws stepfunctions --endpoint-url http://127.0.0.1:8083 start-sync-execution ...
#
# Only calls to a local endpoint should use it: AWS itself wants the prefix. AWS_CLI names the CLI
# (default: the aws on PATH); AWS_CLI_MODEL names its service-2.json when it is not found.
set -euo pipefail
dir="${1:-$HOME/.stepwise/aws-models}"
cli="$(readlink -f "$(command -v "${AWS_CLI:-aws}")" 2>/dev/null || true)"
model="${AWS_CLI_MODEL:-}"
if [ -z "$model" ] && [ -n "$cli" ]; then
  # The model ships with the CLI: under its installation (/usr/local/aws-cli/v2/...), or, for a
  # CLI installed as a Python package (Debian's /usr/bin/aws), under the prefix it was installed to.
  model="$(find "$(dirname "$(dirname "$cli")")" -path '*botocore/data/stepfunctions/*/service-2.json*' 2>/dev/null \
             | grep -m 1 awscli || true)"
fi
if [ -z "$model" ] || [ ! -f "$model" ]; then
  echo "aws-cli-no-host-prefix: cannot find the AWS CLI's stepfunctions service-2.json; name it with AWS_CLI_MODEL=FILE" >&2
  exit 1
fi
version="$(basename "$(dirname "$model")")"
mkdir -p "$dir/stepfunctions/$version"
python3 - "$model" "$dir/stepfunctions/$version/service-2.json" <<'PY'
import gzip, json, sys
source, target = sys.argv[1], sys.argv[2]
with (gzip.open if source.endswith(".gz") else open)(source, "rt") as f:
    model = json.load(f)
for operation in model["operations"].values():
    operation.pop("endpoint", None)  # {"hostPrefix": "sync-"}
with open(target, "w") as f:
    json.dump(model, f)
PY
echo "export AWS_DATA_PATH=\"$dir\""
