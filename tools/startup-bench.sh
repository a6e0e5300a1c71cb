#!/usr/bin/env bash
# The start-up benchmark of `./stepwise run` (README, "Start-up of ./stepwise run"): runs the
# one-state workflow through the durable path RUNS times (default 11) after one warm-up run, and
# prints the median, minimum and maximum wall time and the median CPU time (user + system, the
# JVM and dynalite together). Extra arguments go to `./stepwise run`, e.g. --in-memory.
#
#   tools/startup-bench.sh            # durable: emulators started, one Pass state, stopped
#   RUNS=21 tools/startup-bench.sh --in-memory
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-11}"
./stepwise run examples/one-state.json "$@" >/dev/null 2>&1    # builds, makes the class-data archive, warms the disk cache
times="$(mktemp)"
trap 'rm -f "$times"' EXIT
for _ in $(seq 1 "$runs"); do
  /usr/bin/time -f "%e %U %S" -a -o "$times" ./stepwise run examples/one-state.json "$@" >/dev/null 2>&1
done
python3 - "$times" "$*" <<'PY'
import statistics, sys
rows = [tuple(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
wall = sorted(r[0] for r in rows)
cpu = sorted(r[1] + r[2] for r in rows)
print(f"./stepwise run examples/one-state.json {sys.argv[2]}".rstrip()
      + f": wall median {statistics.median(wall):.2f} s (min {wall[0]:.2f}, max {wall[-1]:.2f}),"
      + f" cpu median {statistics.median(cpu):.2f} s, {len(rows)} runs")
PY
