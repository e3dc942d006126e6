#!/usr/bin/env bash
# Load scenarios for families A, B, C and D, each compared with its baseline measured in the same run: the
# bare-Kestrel ceiling, or for the RSA-signed global account API, openssl's RSA-2048 signing rate on both cores.
# Installs wrk (Debian) when missing, builds in Release, starts the servers on loopback, runs wrk,
# prints a Markdown table and stops everything. Usage: bench/run.sh [seconds] [connections] [sqlite|postgres]
# The ceiling, CustomerCheck (XML, SM4), inquiry, the risk page and the floor under each (DurableFloor.cs) take turns
# in BENCH_ROUNDS rounds (3 unless set).
# With postgres, PayHub's databases are on a throwaway PostgreSQL cluster (tests/postgres.sh: loopback,
# fsync and synchronous commit on) instead of SQLite files; the baselines are the same.
# PayHub runs as production does: the journal with its production settings (metadata of every exchange, the
# bodies of refusals only, no bytes) and metrics on a Prometheus listener of its own, scraped every 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
connections=${2:-32}
engine=${3:-sqlite}

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

dotnet build PayHub.slnx -c Release -nologo -v quiet
work=$(mktemp -d)
export BENCH_DIR="$PWD/bench" BENCH_SM4_TABLES="$work/sm4-tables.lua"
dotnet bench/PayHub.Bench/bin/Release/net10.0/PayHub.Bench.dll sm4-bodies "$BENCH_SM4_TABLES"
# Signed DSP bodies, one new agreement each: a small set for the warm-up, and enough for the measured
# step 01 run (1.5 x the duration, so that step 02 never outruns the agreements step 01 applied), at up to 16,000 a second.
dotnet bench/PayHub.Bench/bin/Release/net10.0/PayHub.Bench.dll dsp-bodies "$work/dsp-warm-01.lua" "$work/dsp-warm-02.lua" 60000 1
dotnet bench/PayHub.Bench/bin/Release/net10.0/PayHub.Bench.dll dsp-bodies "$work/dsp-01.lua" "$work/dsp-02.lua" $((duration * 24000)) 2

pids=()
pg_folder=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  [ -z "$pg_folder" ] || tests/postgres.sh stop "$pg_folder"
  rm -rf "$work"
}
trap cleanup EXIT

# Where PayHub keeps its data: the demo database of the scenarios, and the risk-case book.
if [ "$engine" = postgres ]; then
  pg=$(tests/postgres.sh start)
  pg_folder=$(echo "$pg" | sed -n 2p)
  main_db=$(tests/postgres.sh createdb "$(echo "$pg" | sed -n 1p)" payhub_bench)
  book_db=$(tests/postgres.sh createdb "$(echo "$pg" | sed -n 1p)" payhub_book)
else
  main_db="$work/payhub.db"
  book_db="$work/book.db"
fi

start() { # name port command...
  local name=$1 port=$2; shift 2
  "$@" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.2; done
  echo "$name did not start"; cat "$work/$name.log"; exit 1
}

# The journal and the metrics in their production settings (docs/journal.md, docs/operations.md), on both servers.
production="Logging__LogLevel__Default=Warning PayHub__Journal__Bodies=refusals PayHub__Journal__Raw=false PayHub__Metrics__Prometheus=listener"
scrape() { # port: what Prometheus does, every 10 s, while the run lasts
  while sleep 10; do curl -sf -o /dev/null "http://localhost:$1/metrics"; done &
  pids+=($!)
}

start ceiling 18081 dotnet bench/PayHub.Bench/bin/Release/net10.0/PayHub.Bench.dll ceiling
# The floor under CustomerCheck, inquiryAccount and the risk page (bench/PayHub.Bench/DurableFloor.cs): only what they
# cannot avoid (one read; a journal row, and CustomerCheck's register row, group-committed and synced before the answer;
# SM4 and inquiry's two RSA operations; for the risk page a fixed page of its size), on a SQLite file of its own
# whatever the engine: what each scenario could reach on this machine with PayHub's write design.
start floor 18083 dotnet bench/PayHub.Bench/bin/Release/net10.0/PayHub.Bench.dll durable-floor "$work/floor.db" signed tests/vectors/worldfirst/demo-client-public.pem tests/vectors/worldfirst/demo-server-private.pem
# shellcheck disable=SC2086 # production is a list of NAME=value settings
start payhub 18080 env $production PayHub__Metrics__PrometheusPort=19464 dotnet src/PayHub/bin/Release/net10.0/payhub.dll serve --demo --db "$main_db"

run() { # name url script [seconds]
  wrk -t2 -c"$connections" -d"${4:-$duration}s" --timeout 5s -s "bench/$3" "$2" 2>&1 | grep '^RESULT' | sed "s/^RESULT/$1/"
}

dsp() { # name tables expected-code seconds
  BENCH_DSP_TABLES="$work/$2" BENCH_DSP_EXPECT=$3 run "$1" http://127.0.0.1:18080 dsp-contract.lua "$4"
}

# The risk-case book to query: 1,110 agents in three levels, 100,000 merchants, 1,000,000 cases over
# 24 months (BENCH_RISK_CASES to change the size), served by a PayHub of its own.
book_key=$(head -c 32 /dev/urandom | base64)
PAYHUB__MASTERKEY=$book_key dotnet src/PayHub/bin/Release/net10.0/payhub.dll risk-book --db "$book_db" --cases "${BENCH_RISK_CASES:-1000000}" 2>/dev/null
dotnet bench/PayHub.Bench/bin/Release/net10.0/PayHub.Bench.dll risk-queries "$work/risk-queries.lua" 10 24
export BENCH_RISK_QUERIES="$work/risk-queries.lua"
# shellcheck disable=SC2086
start book 18082 env PAYHUB__MASTERKEY="$book_key" $production PayHub__Metrics__PrometheusPort=19465 dotnet src/PayHub/bin/Release/net10.0/payhub.dll serve --db "$book_db"
scrape 19464; scrape 19465

# The global account API's request, signed now, after the book (which takes 14 minutes on PostgreSQL): its
# Request-Time must stay within 10 minutes of the requests.
dotnet bench/PayHub.Bench/bin/Release/net10.0/PayHub.Bench.dll wf-request tests/vectors/worldfirst/demo-client-private.pem "$work/wf-request.lua"
export BENCH_WF_REQUEST="$work/wf-request.lua"

# warm both servers up (JIT, pools) before measuring
wrk -t2 -c"$connections" -d3s -s bench/ceiling.lua http://127.0.0.1:18081/ceiling >/dev/null
wrk -t2 -c"$connections" -d3s -s bench/customer-check-plain.lua http://127.0.0.1:18080 >/dev/null
wrk -t2 -c"$connections" -d3s -s bench/customer-check-plain.lua http://127.0.0.1:18083 >/dev/null
wrk -t2 -c"$connections" -d3s -s bench/customer-check-sm4.lua http://127.0.0.1:18083 >/dev/null
wrk -t2 -c"$connections" -d3s -s bench/inquiry-account.lua http://127.0.0.1:18083 >/dev/null
wrk -t2 -c"$connections" -d3s -s bench/risk-query.lua http://127.0.0.1:18083 >/dev/null
dsp warm-up dsp-warm-01.lua EC100 3 >/dev/null
# step 02 too (its code, the bank's code check and the agreement number, runs nowhere else): shorter than step 01's
# warm-up, so that it asks only for agreements step 01 applied
dsp warm-up dsp-warm-02.lua EC000 2 >/dev/null
wrk -t2 -c"$connections" -d3s -s bench/inquiry-account.lua http://127.0.0.1:18080 >/dev/null
# (the risk page longer: its first seconds after the 2 GB book was written ran at less than half the rate of later ones)
wrk -t2 -c"$connections" -d10s -s bench/risk-query.lua http://127.0.0.1:18082 >/dev/null

# The ceiling, CustomerCheck, inquiry, the risk page and their floors take turns, in rounds of a third of the duration
# each, so that the machine's drift (the ceiling alone moved by ±20% between neighbouring runs; a sync of the log now
# and then takes hundreds of milliseconds) touches a scenario and its baselines alike. Each figure is the mean
# requests/s of its rounds with the median p50 and p99; the ratio of each round to its own ceiling, and of each
# scenario to its floor, are printed under the table.
rounds=${BENCH_ROUNDS:-3}
round_seconds=$(( duration / rounds > 0 ? duration / rounds : 1 ))
by_round=$(
  for _ in $(seq 1 "$rounds"); do
    run ceiling http://127.0.0.1:18081/ceiling ceiling.lua "$round_seconds"
    run customer-check-xml http://127.0.0.1:18080 customer-check-plain.lua "$round_seconds"
    run customer-check-sm4 http://127.0.0.1:18080 customer-check-sm4.lua "$round_seconds"
    run floor-customer-check-xml http://127.0.0.1:18083 customer-check-plain.lua "$round_seconds"
    run floor-customer-check-sm4 http://127.0.0.1:18083 customer-check-sm4.lua "$round_seconds"
    run inquiry-account http://127.0.0.1:18080 inquiry-account.lua "$round_seconds"
    run floor-inquiry-account http://127.0.0.1:18083 inquiry-account.lua "$round_seconds"
    run risk-query http://127.0.0.1:18082 risk-query.lua "$round_seconds"
    run floor-risk-query http://127.0.0.1:18083 risk-query.lua "$round_seconds"
  done
)
results=$(
  echo "$by_round" | awk '
    function median(list,   n, v, i, j, t) {
      n = split(list, v, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j-1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j-1]; v[j-1] = t }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    {
      name = $1; if (!(name in count)) order[++names] = name
      for (i = 2; i <= NF; i++) { split($i, kv, "="); field[kv[1]] = kv[2] }
      count[name]++; rps[name] += field["rps"]; requests[name] += field["requests"]; errors[name] += field["errors"]
      p50[name] = p50[name] " " field["p50_ms"]; p99[name] = p99[name] " " field["p99_ms"]
    }
    END {
      for (k = 1; k <= names; k++) { n = order[k]
        printf "%s rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d\n", n, rps[n] / count[n], median(p50[n]), median(p99[n]), requests[n], errors[n] }
    }'
  dsp dsp-contract-01 dsp-01.lua EC100 $((duration * 3 / 2))
  dsp dsp-contract-02 dsp-02.lua EC000 "$duration"
)
ceiling_rps=$(echo "$results" | awk '/^ceiling/ {sub("rps=","",$2); print $2}')
# RSA-2048 signatures per second on both cores: the physical limit of a signed answer.
rsa_signs=$(openssl speed -multi 2 -seconds "$duration" rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $(NF-1)}' | tail -1)

echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); ${duration}s per scenario, $connections connections, wrk -t2; PayHub on $engine"
echo
# The goals of issue 23 (docs/benchmarks.md), as shares of the baseline.
declare -A goal=([customer-check-xml]=40% [customer-check-sm4]=30% [dsp-contract-01]=10% [dsp-contract-02]=10% [inquiry-account]=70% [risk-query]=25%)
echo "| scenario | requests/s | p50 ms | p99 ms | errors | vs baseline | goal |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "$results" | while read -r name rps p50 p99 requests errors; do
  rps=${rps#rps=}; p50=${p50#p50_ms=}; p99=${p99#p99_ms=}; errors=${errors#errors=}
  if [[ $name == *inquiry-account ]]; then base=$rsa_signs; label="of openssl rsa2048 sign/s ($rsa_signs)"; else base=$ceiling_rps; label="of ceiling"; fi
  echo "| $name | $rps | $p50 | $p99 | $errors | $(awk -v a="$rps" -v b="$base" 'BEGIN {printf "%.0f%%", 100*a/b}') $label | ${goal[$name]:-} |"
done
echo
echo "$by_round" | awk '
  $1 == "ceiling" { sub("rps=", "", $2); ceiling = $2; round++ }
  $1 != "ceiling" && $1 !~ /inquiry/ { sub("rps=", "", $2); ratios[$1] = ratios[$1] sprintf("%s%.0f%%", ratios[$1] == "" ? "" : ", ", 100 * $2 / ceiling) }
  END { for (n in ratios) print n " in each of the " round " rounds, of that round'"'"'s ceiling: " ratios[n] }' | sort
# PayHub against the floor under it (DurableFloor.cs): how much of what this machine allows each scenario reaches, by
# round (each scenario runs just before its floor) and over the rounds.
echo "$by_round" | awk '
  { sub("rps=", "", $2); rate[$1] = $2 }
  $1 ~ /^floor-/ { n = substr($1, 7); if (n in rate) ratios[n] = ratios[n] sprintf("%s%.0f%%", ratios[n] == "" ? "" : ", ", 100 * rate[n] / $2) }
  END { for (n in ratios) print n " in each round, of that round'"'"'s floor: " ratios[n] }' | sort
echo "$results" | awk '
  { sub("rps=", "", $2); rate[$1] = $2 }
  END { for (n in rate) if (("floor-" n) in rate) printf "%s over the rounds: %.0f%% of its floor\n", n, 100 * rate[n] / rate["floor-" n] }' | sort
