#!/usr/bin/env bash
# Two builds of PayHub side by side, in interleaved rounds: each round runs the ceiling and the floors (the durable floor
# under CustomerCheck, inquiry and the risk page, bench/PayHub.Bench/DurableFloor.cs, as bench/run.sh runs it), then every
# scenario on build A and on build B (B before A in even rounds), so that the machine's drift touches both alike.
# Usage: bench/compare.sh A_DIR B_DIR [rounds] [seconds]   (each DIR a clone of the repository;
# both are built in Release here). Prints each round's requests/s and its ratio to that round's
# ceiling, then the mean ratio per scenario and build (and to its round's floor, where it has one), with the CPU each request cost PayHub's process and
# (on PostgreSQL) the database server's processes. The risk book is 200,000 cases (BENCH_RISK_CASES), written once
# by build B and copied for A. Both builds run as bench/run.sh runs PayHub: the journal's production settings and
# metrics on a Prometheus listener of their own (BENCH_PRODUCTION=false: the demo's sandbox settings instead).
# BENCH_ENV_A / BENCH_ENV_B: further settings (NAME=value …) for that build's demo server. BENCH_ENGINE=postgres: each build's databases on one throwaway PostgreSQL cluster (tests/postgres.sh:
# loopback, fsync and synchronous commit on) instead of SQLite files. BENCH_ONLY: a regular expression of the scenarios
# to run (e.g. 'risk-query' or 'customer-check'), so that more rounds of one scenario fit in the same time.
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
engine=${BENCH_ENGINE:-sqlite}
pg_folder=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  [ -z "$pg_folder" ] || "$b_dir/tests/postgres.sh" stop "$pg_folder"
  rm -rf "$work"
}
trap cleanup EXIT
declare -A database
if [ "$engine" = postgres ]; then
  pg=$("$b_dir/tests/postgres.sh" start)
  pg_connection=$(echo "$pg" | sed -n 1p); pg_folder=$(echo "$pg" | sed -n 2p)
  for name in main-A main-B book-B; do database[$name]=$("$b_dir/tests/postgres.sh" createdb "$pg_connection" "${name/-/_}"); done
  database[book-A]=${database[book-B]/Database=book_B/Database=book_A}
else
  for name in main-A main-B book-A book-B; do database[$name]="$work/$name.db"; done
fi
export BENCH_DIR="$b_dir/bench" BENCH_SM4_TABLES="$work/sm4-tables.lua"
dotnet "$bench_dll" sm4-bodies "$BENCH_SM4_TABLES"
dotnet "$bench_dll" risk-queries "$work/risk-queries.lua" 10 24
export BENCH_RISK_QUERIES="$work/risk-queries.lua"
for r in $(seq 0 "$rounds"); do # round 0 is the warm-up
  dotnet "$bench_dll" dsp-bodies "$work/dsp-$r.lua" "$work/dsp-confirm-$r.lua" $((seconds * 32000)) $((r % 10))
done

key=$(head -c 32 /dev/urandom | base64)
book=true; [[ risk-query =~ ${BENCH_ONLY:-.} ]] || book=false # no risk page to run: no book to write (3 minutes saved)
if $book; then
  PAYHUB__MASTERKEY=$key dotnet "$b_dir/src/PayHub/bin/Release/net10.0/payhub.dll" risk-book --db "${database[book-B]}" --cases "${BENCH_RISK_CASES:-200000}" 2>/dev/null
  if [ "$engine" = postgres ]; then
    "$b_dir/tests/postgres.sh" createdb "$pg_connection" book_A "book_B" >/dev/null
  else
    cp "${database[book-B]}" "${database[book-A]}"
  fi
fi

declare -A pid_of
start() { # name port command...
  local name=$1 port=$2; shift 2
  "$@" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!); pid_of[$name]=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.2; done
  echo "$name did not start"; cat "$work/$name.log"; exit 1
}
start ceiling 18181 dotnet "$bench_dll" ceiling
# One floor for both builds, on a SQLite file of its own whatever the engine (as in bench/run.sh).
start floor 18184 dotnet "$bench_dll" durable-floor "$work/floor.db" signed "$b_dir/tests/vectors/worldfirst/demo-client-public.pem" "$b_dir/tests/vectors/worldfirst/demo-server-private.pem"
for build in A B; do
  dir=$a_dir; [ $build = B ] && dir=$b_dir
  port=$([ $build = A ] && echo 18182 || echo 18183)
  extra=$([ $build = A ] && echo "${BENCH_ENV_A:-}" || echo "${BENCH_ENV_B:-}")
  production=""
  [ "${BENCH_PRODUCTION:-true}" = false ] || production="PayHub__Journal__Bodies=refusals PayHub__Journal__Raw=false PayHub__Metrics__Prometheus=listener"
  # shellcheck disable=SC2086 # production and extra are lists of NAME=value settings for that build's servers
  start "$build" "$port" env Logging__LogLevel__Default=Warning $production PayHub__Metrics__PrometheusPort=$((port + 1300)) $extra dotnet "$dir/src/PayHub/bin/Release/net10.0/payhub.dll" serve --demo --db "${database[main-$build]}"
  # shellcheck disable=SC2086
  if $book; then
    start "$build-book" $((port + 10)) env PAYHUB__MASTERKEY="$key" Logging__LogLevel__Default=Warning $production PayHub__Metrics__PrometheusPort=$((port + 1310)) dotnet "$dir/src/PayHub/bin/Release/net10.0/payhub.dll" serve --db "${database[book-$build]}"
  fi
done

# CPU time (clock ticks) of the given processes, and of the database server's processes on PostgreSQL.
source bench/cpu.sh # ticks PID...: CPU ticks of processes
database_ticks() { if [ "$engine" = postgres ]; then ticks $(pgrep -x postgres); else echo 0; fi; }
hz=$(getconf CLK_TCK)
run() { # label url script seconds [server process]
  local before_own=0 before_db after_own after_db
  [ "${1%%:*}" = ceiling ] || [[ "${1#*:}" =~ ${BENCH_ONLY:-.} ]] || return 0
  [ -z "${5:-}" ] || before_own=$(ticks "$5"); before_db=$(database_ticks)
  wrk -t2 -c"$connections" -d"$4s" --timeout 5s -s "$BENCH_DIR/$3" "$2" 2>&1 | grep '^RESULT' | sed "s/^RESULT/$1/" | {
    read -r line
    after_own=0; [ -z "${5:-}" ] || after_own=$(ticks "$5"); after_db=$(database_ticks)
    echo "$line" | awk -v own=$((after_own - before_own)) -v db=$((after_db - before_db)) -v hz="$hz" '
      { for (i = 2; i <= NF; i++) if ($i ~ /^requests=/) { n = substr($i, 10) } }
      { printf "%s cpu_us=%.0f db_cpu_us=%.0f\n", $0, n ? 1e6 * own / hz / n : 0, n ? 1e6 * db / hz / n : 0 }'
  }
}
round() { # number seconds; odd rounds run A first, even rounds B first, so that neither always runs later in its round
  run ceiling http://127.0.0.1:18181/ceiling ceiling.lua "$2"
  run floor:customer-check-xml http://127.0.0.1:18184 customer-check-plain.lua "$2"
  run floor:customer-check-sm4 http://127.0.0.1:18184 customer-check-sm4.lua "$2"
  run floor:inquiry-account http://127.0.0.1:18184 inquiry-account.lua "$2"
  run floor:risk-query http://127.0.0.1:18184 risk-query.lua "$2"
  local order="A B"; [ $(( $1 % 2 )) -eq 0 ] && order="B A"
  # Step 01 runs twice as long as step 02, so that step 02 never outruns the agreements step 01 applied (at 1.5 times, a
  # round where step 02 ran faster than step 01 answered its last few with errors).
  for build in $order; do
    port=$([ $build = A ] && echo 18182 || echo 18183)
    run "$build:customer-check-xml" "http://127.0.0.1:$port" customer-check-plain.lua "$2" "${pid_of[$build]}"
    run "$build:customer-check-sm4" "http://127.0.0.1:$port" customer-check-sm4.lua "$2" "${pid_of[$build]}"
    BENCH_DSP_TABLES="$work/dsp-$1.lua" BENCH_DSP_EXPECT=EC100 run "$build:dsp-contract-01" "http://127.0.0.1:$port" dsp-contract.lua $(($2 * 2)) "${pid_of[$build]}"
    BENCH_DSP_TABLES="$work/dsp-confirm-$1.lua" BENCH_DSP_EXPECT=EC000 run "$build:dsp-contract-02" "http://127.0.0.1:$port" dsp-contract.lua "$2" "${pid_of[$build]}"
    run "$build:inquiry-account" "http://127.0.0.1:$port" inquiry-account.lua "$2" "${pid_of[$build]}"
    run "$build:risk-query" "http://127.0.0.1:$((port + 10))" risk-query.lua "$2" "${pid_of[$build-book]:-}"
  done
}
# The global account API's request, signed now: its Request-Time must stay within 10 minutes of the rounds.
dotnet "$bench_dll" wf-request "$b_dir/tests/vectors/worldfirst/demo-client-private.pem" "$work/wf-request.lua"
export BENCH_WF_REQUEST="$work/wf-request.lua"
round 0 3 >/dev/null
# The risk page's first seconds on a newly written book run at half its later rate: warm it longer.
for port in 18192 18193; do run warm-up:risk-query "http://127.0.0.1:$port" risk-query.lua 10 >/dev/null; done
results=$(for r in $(seq 1 "$rounds"); do round "$r" "$seconds" | sed "s/^/round=$r /"; done)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); $rounds rounds of ${seconds}s per scenario, $connections connections; PayHub on $engine; A=$a_dir B=$b_dir"
echo "$results"
echo
echo "| scenario | A: mean ratio to its round's ceiling (min–max) | B: the same | B / A | of its round's floor, A → B | CPU µs per request, A → B: PayHub | database |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "$results" | awk '
  { sub("round=", "", $1); sub("rps=", "", $3); errors[$2] += substr($7, 8) }
  $2 == "ceiling" { ceiling[$1] = $3; next }
  $2 ~ /^floor:/ { floor[$1, substr($2, 7)] = $3; next }
  { split($2, p, ":"); r = $3 / ceiling[$1]; n[$2]++; sum[$2] += r; cpu[$2] += substr($8, 8); db[$2] += substr($9, 11)
    if (($1, p[2]) in floor) { fn[$2]++; fsum[$2] += $3 / floor[$1, p[2]] }
    if (!($2 in lo) || r < lo[$2]) lo[$2] = r; if (!($2 in hi) || r > hi[$2]) hi[$2] = r; names[p[2]] = 1 }
  END {
    for (s in names) { a = "A:" s; b = "B:" s
      floors = (fn[a] && fn[b]) ? sprintf("%.0f%% → %.0f%%", 100 * fsum[a] / fn[a], 100 * fsum[b] / fn[b]) : "—"
      printf "| %s | %.1f%% (%.1f–%.1f) | %.1f%% (%.1f–%.1f) | %.2f | %s | %.0f → %.0f | %.0f → %.0f |\n", s, 100 * sum[a] / n[a], 100 * lo[a], 100 * hi[a], 100 * sum[b] / n[b], 100 * lo[b], 100 * hi[b], (sum[b] / n[b]) / (sum[a] / n[a]), floors, cpu[a] / n[a], cpu[b] / n[b], db[a] / n[a], db[b] / n[b] }
    for (k in errors) if (errors[k] > 0) print "errors in " k ": " errors[k]
  }' | sort
