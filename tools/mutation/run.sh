#!/usr/bin/env bash
# Mutation testing of the resolver's parsing and matching core (issue #13 item 10). Not part of CI: it takes tens of
# minutes on two cores. Installs dotnet-stryker 5.1.0 into tools/mutation/.tools (a tool path of its own, nothing global)
# and mutates the five files below against tests/ClientIp.Tests. The report lands in tools/mutation/StrykerOutput/.
#   tools/mutation/run.sh                 # all five files
#   tools/mutation/run.sh IpSyntax.cs     # one file (name as under src/ClientIp)
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

tools="$here/.tools"
if [ ! -x "$tools/dotnet-stryker" ] || ! "$tools/dotnet-stryker" --version 2>/dev/null | grep -q '5\.1\.0'; then
  dotnet tool install dotnet-stryker --version 5.1.0 --tool-path "$tools"
fi

files=("$@")
[ ${#files[@]} -gt 0 ] || files=(IpSyntax.cs HeaderEntryReader.cs ClientIpResolver.cs TrustedProxySet.cs IpNetwork.cs)
mutate=()
for f in "${files[@]}"; do mutate+=(--mutate "**/src/ClientIp/$f"); done

cd "$root/tests/ClientIp.Tests"
# The CsCheck properties run once per mutant: fewer iterations keep a run under an hour on two cores. The vector tables
# do the precise killing; the properties still catch crashes and spoofs.
export CLIENTIP_PROPERTY_ITERATIONS=${CLIENTIP_PROPERTY_ITERATIONS:-300}
# --since is not used: every run scores the whole of each file.
"$tools/dotnet-stryker" \
  --project ClientIp.csproj \
  --test-project ClientIp.Tests.csproj \
  --target-framework net10.0 \
  "${mutate[@]}" \
  --reporter html --reporter json --reporter progress --reporter cleartext \
  --output "$here/StrykerOutput" \
  --concurrency 2 \
  --break-at 0
