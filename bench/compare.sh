#!/usr/bin/env bash
# Two builds of PayHub side by side, in interleaved rounds: each round runs the ceiling, then every
# scenario on build A and on build B (B before A in even rounds), so that the machine's drift touches both alike.
# Usage: bench/compare.sh A_DIR B_DIR [rounds] [seconds]   (each DIR a clone of the repository;
# both are built in Release here). Prints each round's requests/s and its ratio to that round's
# ceiling, then the mean ratio per scenario and build. SQLite only; the risk book is 200,000 cases
# (BENCH_RISK_CASES), written once by build B and copied for A. BENCH_ENV_A / BENCH_ENV_B: settings
# (NAME=value …) for that build's demo server, e.g. PayHub__Journal__Bodies=refusals PayHub__Journal__Raw=false
# to run a sandbox with the journal's production settings.
set -euo pipefail
cd "$(dirname "$0")/.."
a_dir=$(cd "$1" && pwd); b_dir=$(cd "$2" && pwd)
rounds=${3:-4}; seconds=${4:-5}; connections=32

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
for dir in "$a_dir" "$b_dir"; do (cd "$dir" && dotnet build PayHub.slnx -c Release -nologo -v quiet >/dev/null); done

bench_dll="$b_dir/bench/PayHub.Bench/bin/Release/net10.0/PayHub.Bench.dll"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export BENCH_DIR="$b_dir/bench" BENCH_SM4_TABLES="$work/sm4-tables.lua"
dotnet "$bench_dll" sm4-bodies "$BENCH_SM4_TABLES"
dotnet "$bench_dll" wf-request "$b_dir/tests/vectors/worldfirst/demo-client-private.pem" "$work/wf-request.lua"
export BENCH_WF_REQUEST="$work/wf-request.lua"
dotnet "$bench_dll" risk-queries "$work/risk-queries.lua" 10 24
export BENCH_RISK_QUERIES="$work/risk-queries.lua"
for r in $(seq 0 "$rounds"); do # round 0 is the warm-up
  dotnet "$bench_dll" dsp-bodies "$work/dsp-$r.lua" "$work/dsp-confirm-$r.lua" $((seconds * 12000)) $((r % 10))
done

key=$(head -c 32 /dev/urandom | base64)
PAYHUB__MASTERKEY=$key dotnet "$b_dir/src/PayHub/bin/Release/net10.0/payhub.dll" risk-book --db "$work/book-B.db" --cases "${BENCH_RISK_CASES:-200000}" 2>/dev/null
cp "$work/book-B.db" "$work/book-A.db"

start() { # name port command...
  local name=$1 port=$2; shift 2
  "$@" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.2; done
  echo "$name did not start"; cat "$work/$name.log"; exit 1
}
start ceiling 18181 dotnet "$bench_dll" ceiling
for build in A B; do
  dir=$a_dir; [ $build = B ] && dir=$b_dir
  port=$([ $build = A ] && echo 18182 || echo 18183)
  extra=$([ $build = A ] && echo "${BENCH_ENV_A:-}" || echo "${BENCH_ENV_B:-}")
  # shellcheck disable=SC2086 # extra is a list of NAME=value settings for that build's demo server
  start "$build" "$port" env Logging__LogLevel__Default=Warning $extra dotnet "$dir/src/PayHub/bin/Release/net10.0/payhub.dll" serve --demo --db "$work/main-$build.db"
  start "$build-book" $((port + 10)) env PAYHUB__MASTERKEY="$key" Logging__LogLevel__Default=Warning dotnet "$dir/src/PayHub/bin/Release/net10.0/payhub.dll" serve --db "$work/book-$build.db"
done

run() { # label url script seconds
  wrk -t2 -c"$connections" -d"$4s" --timeout 5s -s "$BENCH_DIR/$3" "$2" 2>&1 | grep '^RESULT' | sed "s/^RESULT/$1/"
}
round() { # number seconds; odd rounds run A first, even rounds B first, so that neither always runs later in its round
  run ceiling http://127.0.0.1:18181/ceiling ceiling.lua "$2"
  local order="A B"; [ $(( $1 % 2 )) -eq 0 ] && order="B A"
  for build in $order; do
    port=$([ $build = A ] && echo 18182 || echo 18183)
    run "$build:customer-check-xml" "http://127.0.0.1:$port" customer-check-plain.lua "$2"
    run "$build:customer-check-sm4" "http://127.0.0.1:$port" customer-check-sm4.lua "$2"
    BENCH_DSP_TABLES="$work/dsp-$1.lua" BENCH_DSP_EXPECT=EC100 run "$build:dsp-contract-01" "http://127.0.0.1:$port" dsp-contract.lua "$2"
    run "$build:inquiry-account" "http://127.0.0.1:$port" inquiry-account.lua "$2"
    run "$build:risk-query" "http://127.0.0.1:$((port + 10))" risk-query.lua "$2"
  done
}
round 0 3 >/dev/null
results=$(for r in $(seq 1 "$rounds"); do round "$r" "$seconds" | sed "s/^/round=$r /"; done)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); $rounds rounds of ${seconds}s per scenario, $connections connections; A=$a_dir B=$b_dir"
echo "$results"
echo
echo "| scenario | A: mean ratio to its round's ceiling (min–max) | B: the same | B / A |"
echo "|---|---:|---:|---:|"
echo "$results" | awk '
  { sub("round=", "", $1); sub("rps=", "", $3); errors[$2] += substr($7, 8) }
  $2 == "ceiling" { ceiling[$1] = $3; next }
  { split($2, p, ":"); r = $3 / ceiling[$1]; n[$2]++; sum[$2] += r
    if (!($2 in lo) || r < lo[$2]) lo[$2] = r; if (!($2 in hi) || r > hi[$2]) hi[$2] = r; names[p[2]] = 1 }
  END {
    for (s in names) { a = "A:" s; b = "B:" s
      printf "| %s | %.1f%% (%.1f–%.1f) | %.1f%% (%.1f–%.1f) | %.2f |\n", s, 100 * sum[a] / n[a], 100 * lo[a], 100 * hi[a], 100 * sum[b] / n[b], 100 * lo[b], 100 * hi[b], (sum[b] / n[b]) / (sum[a] / n[a]) }
    for (k in errors) if (errors[k] > 0) print "errors in " k ": " errors[k]
  }' | sort
