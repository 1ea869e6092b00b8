#!/usr/bin/env bash
# Lightbulb latency of the code fixes (issue 12), in the generated 1,000-file app of bench/analyzer-cost:
#   bench/fix-latency/run.sh                 15 registrations per diagnostic; writes bench/fix-latency/results.md
#   bench/fix-latency/run.sh --iterations 5 --results /tmp/r.md
# Options: --files N  --seed S  --iterations N  --results FILE
# Not part of CI: timings on a shared machine are too noisy to gate a build.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

files=1000 seed=7 iterations=15 results="bench/fix-latency/results.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files=$2; shift ;;
    --seed) seed=$2; shift ;;
    --iterations) iterations=$2; shift ;;
    --results) results=$2; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

dotnet build bench/fix-latency/ClientIp.FixLatency -c Release -nologo -v:q
{
  echo "Commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with local changes)'), $(date -u '+%Y-%m-%d %H:%M UTC'); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
  dotnet bench/fix-latency/ClientIp.FixLatency/bin/Release/net10.0/ClientIp.FixLatency.dll --files "$files" --seed "$seed" --iterations "$iterations"
} | tee "$results"
