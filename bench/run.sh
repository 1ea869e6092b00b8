#!/usr/bin/env bash
# Reproduces the numbers under bench/:
#   1. analyzer cost (bench/analyzer-cost): a generated ASP.NET Core app built with -p:ReportAnalyzer=true with and
#      without our analyzers, plus a plain class library that must leave them idle;
#   2. resolver cost (bench/ClientIp.Benchmarks): BenchmarkDotNet, GetClientIpAddress vs ForwardedHeadersMiddleware.
# Not part of the test command or CI: timings are too noisy to gate a build.
#
#   bench/run.sh            full run: 1,000-file web app, 20-file small app (one of each shape) and 250-file class
#                           library, 3 runs each, then BenchmarkDotNet; writes bench/analyzer-cost/results.md
#   bench/run.sh --smoke    the small app and a 20-file class library, 1 run, BenchmarkDotNet dry job; writes to the
#                           temp dir only
#
# Options: --files N  --small-files N (0: no small app)  --runs N  --seed S  --only analyzers|resolver  --results FILE
#          --keep (keep the temp dir)
#          --no-warmup (build only the referenced projects first, not a full warm-up compile; smoke does this)
#          --bdn "ARGS" (arguments for BenchmarkDotNet, default "--filter * --job short", smoke "--filter * --job Dry")
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

files=1000 small_files=20 web=true runs=3 seed=7 only="" keep=false smoke=false warmup=true
results="$repo/bench/analyzer-cost/results.md"
bdn_args=(--filter '*' --job short)
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=true files=20 web=false runs=1 warmup=false results="" bdn_args=(--filter '*' --job Dry) ;;
    --files) files=$2; shift ;;
    --small-files) small_files=$2; shift ;;
    --runs) runs=$2; shift ;;
    --seed) seed=$2; shift ;;
    --only) only=$2; shift ;;
    --results) results=$2; shift ;;
    --keep) keep=true ;;
    --no-warmup) warmup=false ;;
    --bdn) read -r -a bdn_args <<<"$2"; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

machine() {
  local cpu mem
  cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
  mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "Machine: $(nproc) cores ($cpu), $mem memory, .NET SDK $(dotnet --version), $(uname -sr)."
  # The machine may be shared: its load inflates every analyzer's time, ours more than the ASP.NET Core ones'.
  echo "Load average (1, 5, 15 min) when the run started: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet 2>/dev/null || echo ' (with local changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')."
}

analyzer_cost() {
  local work tool logs header reference
  # Recorded before anything is built: the analyzers measured are those of this checkout.
  header=$(machine)
  work=$(mktemp -d "${TMPDIR:-/tmp}/clientip-analyzer-cost.XXXXXX")
  if [ "$keep" = true ]; then echo "   work dir kept: $work"; else trap "rm -rf '$work'" EXIT; fi
  logs="$work/logs"
  mkdir -p "$logs"

  echo "== analyzer cost: building the generator"
  dotnet build bench/analyzer-cost/ClientIp.AnalyzerCost -c Release -nologo -v:q >"$work/tool-build.log" 2>&1 \
    || { cat "$work/tool-build.log"; exit 1; }
  tool=(dotnet "$repo/bench/analyzer-cost/ClientIp.AnalyzerCost/bin/Release/net10.0/ClientIp.AnalyzerCost.dll")
  # The issue's yardstick, measured in the same builds: a one-rule analyzer that only matches one property.
  dotnet build bench/analyzer-cost/ReferenceAnalyzer -c Release -nologo -v:q >"$work/reference-build.log" 2>&1 \
    || { cat "$work/reference-build.log"; exit 1; }
  reference="$repo/bench/analyzer-cost/ReferenceAnalyzer/bin/Release/netstandard2.0/Bench.ReferenceAnalyzer.dll"

  echo "== analyzer cost: generating (seed $seed) into $work"
  local apps=() # web and/or small: the ASP.NET Core apps measured with and without our analyzers
  if [ "$web" = true ]; then
    "${tool[@]}" generate --out "$work/web" --repo "$repo" --files "$files" --seed "$seed" --kind web
    apps+=(web)
  fi
  if [ "$small_files" -gt 0 ]; then
    # One of each common shape (controller, minimal API, middleware, hub, Program.cs with forwarded headers, services):
    # on a small app our fixed costs weigh most.
    "${tool[@]}" generate --out "$work/small" --repo "$repo" --files "$small_files" --seed "$seed" --kind small
    apps+=(small)
  fi
  [ "${#apps[@]}" -gt 0 ] || { echo "nothing to measure: no web app and --small-files 0" >&2; exit 2; }
  "${tool[@]}" generate --out "$work/lib" --repo "$repo" --files "$(( files / 4 > 20 ? files / 4 : 20 ))" --seed "$seed" --kind classlib
  local app
  for app in "${apps[@]}"; do cp "$work/$app/manifest.tsv" "$logs/$app-manifest.tsv"; done
  cp "$work/lib/manifest.tsv" "$logs/lib-manifest.tsv"

  # One compiler process per build (no VBCSCompiler server), as in a single-project CI build: every build pays the
  # same start-up and JIT, with or without our analyzers (a warm-server phase follows). The referenced projects (our analyzers, the resolver) are built once by the
  # warm-up and not again, so the measured builds compile the generated project only.
  shared=false # set to true for the warm compiler-server phase below
  build() { # project, log file, ClientIpAnalyzers=true|false, extra args...
    local project=$1 log=$2 ours=$3
    shift 3
    if ! dotnet build "$project" -c Release -nologo -v:q -p:ReportAnalyzer=true -p:UseSharedCompilation="$shared" \
         -p:BenchReferenceAnalyzer="$reference" \
         -p:ClientIpAnalyzers="$ours" "-flp:v=detailed;PerformanceSummary;logfile=$log" "$@" >/dev/null 2>&1; then
      echo "build failed, see $log:"; grep -E ': error ' "$log" | sort -u | head -20; exit 1
    fi
  }
  measured() { build "$@" --no-restore --no-incremental -p:BuildProjectReferences=false; }

  for app in "${apps[@]}"; do
    if [ "$warmup" = true ]; then
      echo "== analyzer cost: $app app warm-up build (restores, builds the analyzers and the resolver in Release, compiles once)"
      build "$work/$app/Contoso.Shop.csproj" "$work/$app-warmup.log" true
    else
      echo "== analyzer cost: $app app: restoring and building the analyzers and the resolver in Release (no warm-up compile)"
      build "$work/$app/Contoso.Shop.csproj" "$work/$app-references.log" true -t:ResolveProjectReferences
    fi
  done
  # The class library only needs a restore: its references were just built, and only our analyzers' time is read
  # from its builds (not wall time), so it needs no warm-up of its own.
  dotnet restore "$work/lib/Contoso.Shop.csproj" -v:q >"$work/lib-restore.log" 2>&1 || { cat "$work/lib-restore.log"; exit 1; }

  # Each run builds the web app with and without our analyzers, in alternating order so that a machine getting busier
  # or quieter does not favour one side; the cold phase adds a class-library build to each run.
  web_pairs() { # app (web|small), log-name prefix, description, class library too (true|false)
    local app=$1 prefix=$2 what=$3 lib=$4 i first second ours side
    for i in $(seq 1 "$runs"); do
      if [ $(( i % 2 )) -eq 1 ]; then first=true second=false; else first=false second=true; fi
      for ours in $first $second; do
        side=with
        [ "$ours" = true ] || side=without
        echo "   run $i/$runs: $what, $side our analyzers"
        measured "$work/$app/Contoso.Shop.csproj" "$logs/$prefix-$side-$i.log" "$ours"
      done
      if [ "$lib" = true ]; then
        echo "   run $i/$runs: class library, with our analyzers"
        measured "$work/lib/Contoso.Shop.csproj" "$logs/lib-with-$i.log" true
      fi
    done
  }
  local lib_done=false
  for app in "${apps[@]}"; do
    # The class library once per run, with the first app.
    if [ "$lib_done" = true ]; then web_pairs "$app" "$app" "$app app" false; else web_pairs "$app" "$app" "$app app" true; fi
    lib_done=true
  done

  # The same builds through a warm compiler server (VBCSCompiler, what `dotnet build` uses by default and what the
  # IDE's design-time builds resemble): the server loads and JIT-compiles every analyzer once, in the uncounted
  # warm-up build, so these runs show the per-build cost without the one-off start-up.
  if [ "$warmup" = true ]; then
    shared=true
    for app in "${apps[@]}"; do
      dotnet build-server shutdown >/dev/null 2>&1 || true
      echo "   warm compiler server: $app app warm-up build (starts the server, loads every analyzer)"
      measured "$work/$app/Contoso.Shop.csproj" "$work/$app-warm-warmup.log" true
      web_pairs "$app" "$app-warm" "$app app, warm compiler server" false
    done
    dotnet build-server shutdown >/dev/null 2>&1 || true
    shared=false
  fi

  {
    echo "$header"
    echo
    "${tool[@]}" report --logs "$logs"
  } >"$work/results.md"
  echo
  cat "$work/results.md"
  if [ -n "$results" ]; then
    cp "$work/results.md" "$results"
    echo "== analyzer cost: tables written to ${results#"$repo"/}"
    if [ "$results" = "$repo/bench/analyzer-cost/results.md" ]; then
      # The README shows the committed tables between its results markers: keep that copy in step.
      local readme="$repo/bench/analyzer-cost/README.md"
      awk -v tables="$results" '
        /<!-- results:begin -->/ { print; while ((getline line < tables) > 0) print line; skip = 1; next }
        /<!-- results:end -->/ { skip = 0 }
        !skip { print }' "$readme" >"$work/README.md" && cp "$work/README.md" "$readme"
      echo "== analyzer cost: the same tables copied into ${readme#"$repo"/}"
    fi
  fi
}

resolver_cost() {
  if [ ! -f bench/ClientIp.Benchmarks/ClientIp.Benchmarks.csproj ]; then
    echo "== resolver cost: bench/ClientIp.Benchmarks is not in this checkout (it comes with the resolver work); skipped"
    return 0
  fi
  echo "== resolver cost: BenchmarkDotNet ${bdn_args[*]}"
  dotnet run -c Release --project bench/ClientIp.Benchmarks -- "${bdn_args[@]}"
}

started=$(date +%s)
[ "$only" = resolver ] || analyzer_cost
[ "$only" = analyzers ] || resolver_cost
echo "== done in $(( $(date +%s) - started )) s$([ "$smoke" = true ] && echo ' (smoke run)')"
