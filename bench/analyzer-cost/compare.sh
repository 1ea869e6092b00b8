#!/usr/bin/env bash
# Compares two builds of ClientIp.Analyzers.dll (for instance the ReadyToRun images of two commits) on the generated
# web app, with the app's own csc command line run directly and the two builds alternating, so that both meet the same
# machine. How levers 5-8 of issue 15 were measured (bench/analyzer-cost/README.md); not part of the test command or CI.
#
#   bench/analyzer-cost/compare.sh A.dll B.dll [--pairs N] [--files N] [--seed S] [--kind web|small] [--keep]
#
# A and B are paths to ClientIp.Analyzers.dll, e.g. a copy of
# src/ClientIp.Analyzers/bin/Release/netstandard2.0/readytorun/linux-x64/ClientIp.Analyzers.dll taken before a change
# and the same file after it. Prints, per run, our analyzer time, the ASP.NET Core framework analyzers' time and the
# ratio, then the median ratio of each side. Defaults: 3 pairs, 1,000 files, seed 7, the web app (--kind small
# --files 20 is the small app of bench/run.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

[ $# -ge 2 ] || { sed -n '2,11p' "$0"; exit 2; }
a=$(realpath "$1") b=$(realpath "$2")
shift 2
pairs=3 files=1000 seed=7 kind=web keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs=$2; shift ;;
    --files) files=$2; shift ;;
    --seed) seed=$2; shift ;;
    --kind) kind=$2; shift ;;
    --keep) keep=true ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
for dll in "$a" "$b"; do
  [ -f "$dll" ] || { echo "no such file: $dll" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/clientip-compare.XXXXXX")
if [ "$keep" = true ]; then echo "work dir kept: $work"; else trap "rm -rf '$work'" EXIT; fi

echo "== building the generator and the analyzers, generating $files files (seed $seed)"
dotnet build bench/analyzer-cost/ClientIp.AnalyzerCost -c Release -nologo -v:q >"$work/tool.log" 2>&1 || { cat "$work/tool.log"; exit 1; }
dotnet "$repo/bench/analyzer-cost/ClientIp.AnalyzerCost/bin/Release/net10.0/ClientIp.AnalyzerCost.dll" \
  generate --out "$work/app" --repo "$repo" --files "$files" --seed "$seed" --kind "$kind" >/dev/null

# One build with a detailed log gives the compiler's own command line for the app (one line in the log).
dotnet build "$work/app/Contoso.Shop.csproj" -c Release -nologo -v:q -p:UseSharedCompilation=false -p:ReportAnalyzer=true \
  "-flp:v=detailed;logfile=$work/build.log" >/dev/null 2>&1 || { grep -E ': error ' "$work/build.log" | sort -u | head; exit 1; }
line=$(grep -E '^ *[^ ]*/csc(\.dll|\.exe)? .*/out:obj/Release/[^ ]*/Contoso\.Shop\.dll' "$work/build.log" | tail -1)
[ -n "$line" ] || { echo "no csc command line for the app in $work/build.log" >&2; exit 1; }
csc=$(awk '{ print $1 }' <<<"$line")
args=${line#*"$csc" }
ours=$(grep -oE '/analyzer:[^ ]*/ClientIp\.Analyzers\.dll' <<<"$args" | head -1)
[ -n "$ours" ] || { echo "the app's command line has no ClientIp.Analyzers.dll analyzer" >&2; exit 1; }
# Each build under its own name ClientIp.Analyzers.dll: a copy named otherwise (base.dll) is not reported by that name.
mkdir -p "$work/a" "$work/b"
cp "$a" "$work/a/ClientIp.Analyzers.dll"
cp "$b" "$work/b/ClientIp.Analyzers.dll"
printf '%s\n' "${args//"$ours"//analyzer:$work/a/ClientIp.Analyzers.dll}" >"$work/a.rsp"
printf '%s\n' "${args//"$ours"//analyzer:$work/b/ClientIp.Analyzers.dll}" >"$work/b.rsp"

run() { # side (a|b): one compile, prints "ours aspnet ratio"
  (cd "$work/app" && "$csc" "@$work/$1.rsp" 2>&1) | awk '
    /Total analyzer execution time/ { section = 1 }
    section && /ClientIp\.Analyzers, Version/ { ours = $1 }
    section && /Microsoft\.AspNetCore\.[A-Za-z.]*Analyzers, Version/ { aspnet += $1 }
    END { if (aspnet > 0) printf "%s %.3f %.2f\n", ours, aspnet, 100 * ours / aspnet; else print "- - -" }'
}

echo "== $pairs alternating pairs (A: $a, B: $b)"
for i in $(seq 1 "$pairs"); do
  if [ $(( i % 2 )) -eq 1 ]; then order="a b"; else order="b a"; fi
  for side in $order; do
    read -r o n r < <(run "$side")
    echo "$i $side $o $n $r $(cut -d' ' -f1 /proc/loadavg)" >>"$work/runs.txt"
    printf '   pair %d, %s: ours %s s, ASP.NET Core analyzers %s s, ratio %s %% (load %s)\n' "$i" "${side^^}" "$o" "$n" "$r" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for side in a b; do
  echo "${side^^}: median ratio $(awk -v s="$side" '$2 == s { print $5 }' "$work/runs.txt" | median) %," \
    "median ours $(awk -v s="$side" '$2 == s { print $3 }' "$work/runs.txt" | median) s"
done
